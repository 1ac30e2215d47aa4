// SPDX-License-Identifier: GPL-3.0-or-later
// sotay-console: the administration console of the electronic Party member handbook.
#include "console_command_line.h"
#include "console_sync.h"
#include "language.h"
#include "main_window.h"
#include "org_tree_model.h"
#include "roster_model.h"
#include "sign_in_prompt.h"
#include "sign_in_task.h"

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace sotay;

namespace {

// The time since main() began (the start-up probe reports it).
QElapsedTimer& startClock()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock;
}

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

// Opens the main window on a replica without the server and exits after the first paint with the data,
// printing the time from the start of main(): the console's cold-start measure.
int runStartupProbe(const app::ConsoleCommandLine& command)
{
    QTextStream err(stderr);
    widgets::SignInRequest request;
    request.username = command.username;
    request.password = command.password;
    request.replicaPath = command.replicaPath;
    const auto answer = widgets::checkOffline(request);
    if (answer.status != widgets::SignInAnswer::Status::OpenedOffline) {
        err << answer.message << '\n';
        return 1;
    }
    widgets::ConsoleSession session;
    session.username = command.username;
    session.replicaPath = command.replicaPath;
    session.cipher = answer.cipher;
    widgets::MainWindow::Options options;
    options.syncAtStart = false;
    widgets::MainWindow window(session, options);
    QObject::connect(&window, &widgets::MainWindow::firstDataPainted, &window, [&window] {
        QTextStream(stdout) << QCoreApplication::translate(
            "sotay-console", "Đã mở: %1 tổ chức, %2 đảng viên, sau %3 ms.")
                                   .arg(QLocale().toString(window.treeModel()->unitCount()),
                                       QLocale().toString(window.rosterModel()->loadedCount()))
                                   .arg(startClock().elapsed())
                            << '\n';
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(60 * 1000, &window, [] {
        QTextStream(stderr) << QCoreApplication::translate(
            "sotay-console", "Cửa sổ chính không hiện dữ liệu sau 60 giây.")
                            << '\n';
        QCoreApplication::exit(1);
    });
    window.show();
    return QApplication::exec();
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
    startClock();
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

    if (parsed->quitAfterStart)
        return runStartupProbe(*parsed);

    widgets::SignInDialog::Options signIn;
    signIn.server = parsed->server;
    signIn.tls = parsed->tls;
    signIn.replicaPath = parsed->replicaPath;
    // Signing out from the lock closes the window and asks who signs in next.
    for (;;) {
        const auto session = widgets::SignInPrompt::ask(nullptr, signIn);
        if (!session)
            return 0;
        widgets::MainWindow window(*session);
        bool signedOut = false;
        QObject::connect(
            &window, &widgets::MainWindow::signedOutFromLock, &window, [&signedOut] { signedOut = true; });
        window.show();
        const int code = QApplication::exec();
        if (!signedOut)
            return code;
    }
}
