// SPDX-License-Identifier: GPL-3.0-or-later
#include "console_command_line.h"

#include "console_sync.h"
#include "password_file.h"
#include "server_address.h"
#include "tls_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace sotay::app {

Result<ConsoleCommandLine> parseConsoleCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("sotay-console",
        "Bảng điều khiển quản trị Sổ tay đảng viên điện tử, dành cho cán bộ Ban Tổ chức và các cấp ủy."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
        QCoreApplication::translate("sotay-console", "Hiện hướng dẫn này."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") },
        QCoreApplication::translate("sotay-console", "Hiện phiên bản."));
    const QCommandLineOption server(QStringLiteral("server"),
        QCoreApplication::translate("sotay-console",
            "Địa chỉ máy chủ, điền sẵn vào hộp đăng nhập (mặc định: máy chủ của lần đăng nhập trước)."),
        QStringLiteral("URL"));
    const TlsOptions tls;
    const QCommandLineOption replica(QStringLiteral("replica"),
        QCoreApplication::translate(
            "sotay-console", "Tệp bản sao dữ liệu (mặc định: trong thư mục dữ liệu của người dùng)."),
        QCoreApplication::translate("sotay-console", "TỆP"));
    const QCommandLineOption user(QStringLiteral("user"),
        QCoreApplication::translate("sotay-console", "Tên đăng nhập (cho --quit-after-start)."),
        QCoreApplication::translate("sotay-console", "TÊN"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
        QCoreApplication::translate(
            "sotay-console", "Tệp chứa mật khẩu, dòng đầu tiên (cho --quit-after-start)."),
        QCoreApplication::translate("sotay-console", "TỆP"));
    const QCommandLineOption quitAfterStart(QStringLiteral("quit-after-start"),
        QCoreApplication::translate("sotay-console",
            "Mở cửa sổ chính trên tệp bản sao (không cần máy chủ), chờ đến khi cây tổ chức và danh sách "
            "đảng viên hiện lên, in thời gian khởi động rồi thoát. Cần --replica, --user và "
            "--password-file."));
    parser.addOptions({ help, version, server, tls.caFile, tls.allowInsecureHttp, replica, user, passwordFile,
        quitAfterStart });
    // `sync` is a subcommand with options of its own (console_main.cpp hands it to runHeadlessSync).
    parser.addPositionalArgument(QStringLiteral("sync"),
        QCoreApplication::translate("sotay-console", "Đồng bộ một lần, không mở cửa sổ (xem bên dưới)."),
        QStringLiteral("[sync …]"));
    if (!parser.parse(arguments))
        return Error::invalid(parser.errorText());

    ConsoleCommandLine result;
    if (parser.isSet(help)) {
        result.exitNow = true;
        result.text = parser.helpText() + u'\n' + QCoreApplication::translate("sotay-console", "Lệnh con:")
            + QStringLiteral("\n  ") + headlessSyncHelp().replace(u'\n', QStringLiteral("\n  ")).trimmed()
            + u'\n';
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return Error::invalid(QCoreApplication::translate(
            "sotay-console", "Không hiểu tham số \"%1\". Xem sotay-console --help.")
                                  .arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(version)) {
        result.exitNow = true;
        result.text = QStringLiteral("sotay-console %1\n").arg(QStringLiteral(SOTAY_VERSION));
        return result;
    }
    if (parser.isSet(server)) {
        auto url = client::parseServerAddress(parser.value(server));
        if (!url)
            return url.error();
        result.server = *url;
    }
    // Plain http to another computer is not refused here: the sign-in dialog asks for the leave, with its
    // warning, unless --allow-insecure-http gave it.
    auto settings = tls.read(parser);
    if (!settings)
        return settings.error();
    result.tls = *settings;
    result.replicaPath = parser.value(replica);
    result.quitAfterStart = parser.isSet(quitAfterStart);
    if (result.quitAfterStart) {
        if (!parser.isSet(replica) || !parser.isSet(user) || !parser.isSet(passwordFile))
            return Error::invalid(QCoreApplication::translate(
                "sotay-console", "--quit-after-start cần cả --replica, --user và --password-file."));
        auto password = readPasswordFile(parser.value(passwordFile));
        if (!password)
            return password.error();
        result.password = *password;
        result.username = parser.value(user);
    }
    return result;
}

} // namespace sotay::app
