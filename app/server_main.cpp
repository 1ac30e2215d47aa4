// SPDX-License-Identifier: GPL-3.0-or-later
// sotay-server: the central server of the electronic Party member handbook.
#include "language.h"
#include "server_command_line.h"
#include "sotay_server.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>

using namespace sotay;

int main(int argc, char* argv[])
{
    // Block the stop signals before any thread starts so that only sigwait() below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sotay-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOTAY_VERSION));
    installLanguage(app, QStringLiteral("vi"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto parsed = server::parseServerCommandLine(QCoreApplication::arguments());
    if (!parsed) {
        err << parsed.error().message << '\n';
        return 2;
    }
    if (parsed->exitNow) {
        out << parsed->text;
        return 0;
    }

    server::ServerConfig config = parsed->config;
    config.adminPassword = qEnvironmentVariable("SOTAY_ADMIN_PASSWORD");
    config.demoPassword = qEnvironmentVariable("SOTAY_DEMO_PASSWORD");
    server::SotayServer sotayServer(config);
    if (const Status started = sotayServer.start(); !started) {
        err << started.error().message << '\n';
        return 1;
    }
    out << QCoreApplication::translate(
        "sotay-server", "Máy chủ Sổ tay đang chạy tại %1://%2:%3 (dữ liệu: %4)")
               .arg(config.tls.enabled() ? QStringLiteral("https") : QStringLiteral("http"),
                   parsed->config.host)
               .arg(sotayServer.port())
               .arg(parsed->config.database.describe())
        << '\n';
    out.flush();

    int signal = 0;
    sigwait(&stopSignals, &signal);
    out << QCoreApplication::translate("sotay-server", "Đang dừng: chờ các yêu cầu đang xử lý hoàn tất...")
        << '\n';
    out.flush();
    sotayServer.stop();
    out << QCoreApplication::translate("sotay-server", "Đã dừng.") << '\n';
    return 0;
}
