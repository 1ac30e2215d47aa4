// SPDX-License-Identifier: GPL-3.0-or-later
#include "console_command_line.h"

#include "server_probe.h"

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
    const QCommandLineOption replica(QStringLiteral("replica"),
        QCoreApplication::translate(
            "sotay-console", "Tệp bản sao dữ liệu (mặc định: trong thư mục dữ liệu của người dùng)."),
        QCoreApplication::translate("sotay-console", "TỆP"));
    parser.addOptions({ help, version, server, replica });
    if (!parser.parse(arguments))
        return Error::invalid(parser.errorText());

    ConsoleCommandLine result;
    if (parser.isSet(help)) {
        result.exitNow = true;
        result.text = parser.helpText();
        return result;
    }
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
    result.replicaPath = parser.value(replica);
    return result;
}

} // namespace sotay::app
