// SPDX-License-Identifier: GPL-3.0-or-later
// sotay-console: the administration console of the electronic Party member handbook.
#include "console_command_line.h"
#include "console_sync.h"
#include "language.h"
#include "main_window.h"
#include "sign_in_prompt.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace sotay;

namespace {

// Vietnamese unless the user chose English in the settings.
QString savedLanguage()
{
    return QSettings().value(QStringLiteral("language"), QStringLiteral("vi")).toString();
}

// --help and --version work without a display: parse before any QApplication exists.
std::optional<Result<app::ConsoleCommandLine>> parseWithoutDisplay(int argc, char* argv[])
{
    QCoreApplication core(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sotay-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Sotay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOTAY_VERSION));
    installLanguage(core, savedLanguage());
    return app::parseConsoleCommandLine(QCoreApplication::arguments());
}

bool displayAvailable()
{
#if defined(Q_OS_LINUX)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1 && qstrcmp(argv[1], "sync") == 0) {
        QCoreApplication core(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("sotay-console"));
        QCoreApplication::setOrganizationName(QStringLiteral("Sotay"));
        installLanguage(core, savedLanguage());
        return app::runHeadlessSync(QCoreApplication::arguments());
    }
    const auto parsed = *parseWithoutDisplay(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parsed) {
        err << parsed.error().message << '\n';
        return 2;
    }
    if (parsed->exitNow) {
        out << parsed->text;
        return 0;
    }
    if (!displayAvailable()) {
        err << QCoreApplication::translate("sotay-console",
            "Máy này không có màn hình (DISPLAY/WAYLAND_DISPLAY trống), nên không mở được "
            "bảng điều khiển. Hãy chạy trên máy có giao diện đồ họa.")
            << '\n';
        return 3;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sotay-console"));
    QApplication::setOrganizationName(QStringLiteral("Sotay"));
    QApplication::setApplicationVersion(QStringLiteral(SOTAY_VERSION));
    installLanguage(application, savedLanguage());

    widgets::SignInDialog::Options signIn;
    signIn.server = parsed->server;
    signIn.replicaPath = parsed->replicaPath;
    const auto session = widgets::SignInPrompt::ask(nullptr, signIn);
    if (!session)
        return 0;
    widgets::MainWindow window(*session);
    window.show();
    return QApplication::exec();
}
