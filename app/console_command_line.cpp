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
        QCoreApplication::translate("sotay-console", "Địa chỉ máy chủ (mặc định: http://127.0.0.1:8080)."),
        QStringLiteral("URL"));
    parser.addOptions({ help, version, server });
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
    auto url = client::parseServerAddress(
        parser.isSet(server) ? parser.value(server) : QStringLiteral("http://127.0.0.1:8080"));
    if (!url)
        return url.error();
    result.server = *url;
    return result;
}

} // namespace sotay::app
