// SPDX-License-Identifier: GPL-3.0-or-later
#include "server_command_line.h"

#include "client_address.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

namespace sotay::server {

Result<ServerCommandLine> parseServerCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("sotay-server",
        "Máy chủ Sổ tay đảng viên điện tử: lưu cây tổ chức, danh sách đảng viên "
        "và phục vụ bảng điều khiển cùng ứng dụng của đảng viên qua HTTP."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
        QCoreApplication::translate("sotay-server", "Hiện hướng dẫn này."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") },
        QCoreApplication::translate("sotay-server", "Hiện phiên bản."));
    const QCommandLineOption data(QStringLiteral("data"),
        QCoreApplication::translate("sotay-server", "Thư mục dữ liệu SQLite (mặc định: ./sotay-data)."),
        QCoreApplication::translate("sotay-server", "THƯ_MỤC"));
    const QCommandLineOption database(QStringLiteral("database"),
        QCoreApplication::translate("sotay-server",
            "Dùng PostgreSQL thay cho SQLite: postgresql://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL."),
        QStringLiteral("URL"));
    const QCommandLineOption listen(QStringLiteral("listen"),
        QCoreApplication::translate("sotay-server", "Địa chỉ lắng nghe (mặc định: 127.0.0.1:8080)."),
        QCoreApplication::translate("sotay-server", "MÁY:CỔNG"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QCoreApplication::translate("sotay-server",
            "Số luồng xử lý yêu cầu, từ 1 đến 256 (mặc định: 8 luồng cho mỗi lõi bộ xử lý, ít nhất 16 và "
            "nhiều nhất 64)."),
        QStringLiteral("N"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("sotay-server",
            "Tạo tỉnh mẫu (Đảng bộ tỉnh Đồng Nai, khoảng 132.000 đảng viên) với một năm sinh hoạt (tài khoản "
            "sổ tay, học tập, sinh hoạt chi bộ) nếu cơ sở dữ liệu còn trống; mọi tài khoản của năm đó có mật "
            "khẩu "
            "trong biến môi trường SOTAY_DEMO_PASSWORD (không đặt: một mật khẩu ngẫu nhiên)."));
    const QCommandLineOption noCache(QStringLiteral("no-cache"),
        QCoreApplication::translate("sotay-server",
            "Không giữ thứ tự danh sách đảng viên, bản JSON của đảng viên, phiên đăng nhập đã kiểm tra, "
            "trang tin của đảng viên và số liệu các tháng đã qua giữa các yêu cầu (để chẩn đoán và đo hiệu "
            "năng)."));
    const QCommandLineOption trustedProxy(QStringLiteral("trusted-proxy"),
        QCoreApplication::translate("sotay-server",
            "Địa chỉ IP của proxy ngược đứng trước máy chủ: với yêu cầu đến từ địa chỉ này, địa chỉ người "
            "dùng "
            "được lấy từ tiêu đề X-Forwarded-For (có thể ghi nhiều lần)."),
        QCoreApplication::translate("sotay-server", "ĐỊA_CHỈ"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
        QCoreApplication::translate("sotay-server",
            "Chứng chỉ TLS (tệp PEM, có cả các chứng chỉ trung gian): máy chủ phục vụ HTTPS thay cho HTTP."),
        QCoreApplication::translate("sotay-server", "TỆP"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
        QCoreApplication::translate("sotay-server", "Khóa riêng của chứng chỉ TLS (tệp PEM)."),
        QCoreApplication::translate("sotay-server", "TỆP"));
    const QCommandLineOption perAddress(QStringLiteral("connections-per-address"),
        QCoreApplication::translate("sotay-server",
            "Số kết nối tối đa cùng lúc từ một địa chỉ IP (mặc định: 64; proxy tin cậy không bị giới hạn). "
            "Tăng lên khi nhiều máy của một cơ quan ra Internet qua cùng một địa chỉ."),
        QStringLiteral("N"));
    const QCommandLineOption attachmentMb(QStringLiteral("max-attachment-mb"),
        QCoreApplication::translate(
            "sotay-server", "Dung lượng tối đa của một tệp đính kèm tin bài, tính bằng MB (mặc định: 20)."),
        QStringLiteral("N"));
    parser.addOptions({ help, version, data, database, listen, threads, demo, noCache, trustedProxy, tlsCert,
        tlsKey, perAddress, attachmentMb });

    if (!parser.parse(arguments))
        return Error::invalid(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return Error::invalid(QCoreApplication::translate("sotay-server", "Tham số không được hỗ trợ: %1")
                                  .arg(parser.positionalArguments().join(u' ')));

    ServerCommandLine result;
    if (parser.isSet(help)) {
        result.exitNow = true;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.exitNow = true;
        result.text = QStringLiteral("sotay-server %1\n").arg(QStringLiteral(SOTAY_VERSION));
        return result;
    }

    if (parser.isSet(data) && parser.isSet(database))
        return Error::invalid(
            QCoreApplication::translate("sotay-server", "Chỉ dùng một trong hai: --data hoặc --database."));
    if (parser.isSet(database)) {
        auto config = DatabaseConfig::fromPostgresUrl(parser.value(database));
        if (!config)
            return config.error();
        result.config.database = *config;
    } else {
        const QString folder = parser.isSet(data) ? parser.value(data) : QStringLiteral("sotay-data");
        result.config.database
            = DatabaseConfig::sqlite(QDir(folder).absoluteFilePath(QStringLiteral("sotay.sqlite")), true);
    }
    if (parser.isSet(listen)) {
        auto address = ServerConfig::parseListen(parser.value(listen));
        if (!address)
            return address.error();
        result.config.host = address->first;
        result.config.port = address->second;
    }
    for (const QString& proxy : parser.values(trustedProxy)) {
        const QString address = canonicalAddress(proxy);
        if (address.isEmpty())
            return Error::invalid(QCoreApplication::translate(
                "sotay-server", "--trusted-proxy cần một địa chỉ IP, không phải \"%1\".")
                                      .arg(proxy));
        result.config.trustedProxies.insert(address);
    }
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return Error::invalid(QCoreApplication::translate(
            "sotay-server", "HTTPS cần cả hai: --tls-cert (chứng chỉ) và --tls-key (khóa riêng)."));
    result.config.tls = { parser.value(tlsCert), parser.value(tlsKey) };
    result.config.demo = parser.isSet(demo);
    result.config.cache = !parser.isSet(noCache);
    if (parser.isSet(threads)) {
        bool ok = false;
        const int count = parser.value(threads).toInt(&ok);
        if (!ok || count < 1 || count > 256)
            return Error::invalid(
                QCoreApplication::translate("sotay-server", "Số luồng phải là số nguyên từ 1 đến 256."));
        result.config.threads = count;
    }
    if (parser.isSet(perAddress)) {
        bool ok = false;
        const int count = parser.value(perAddress).toInt(&ok);
        if (!ok || count < 1 || count > 100000)
            return Error::invalid(QCoreApplication::translate(
                "sotay-server", "--connections-per-address phải là số nguyên từ 1 đến 100.000."));
        result.config.connectionsPerAddress = count;
    }
    if (parser.isSet(attachmentMb)) {
        bool ok = false;
        const int megabytes = parser.value(attachmentMb).toInt(&ok);
        if (!ok || megabytes < 1 || megabytes > 200)
            return Error::invalid(QCoreApplication::translate(
                "sotay-server", "--max-attachment-mb phải là số nguyên từ 1 đến 200."));
        result.config.attachments.maxBytes = qint64 { megabytes } * 1024 * 1024;
    }
    return result;
}

} // namespace sotay::server
