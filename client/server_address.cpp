// SPDX-License-Identifier: GPL-3.0-or-later
#include "server_address.h"

#include <QCoreApplication>

#include <Poco/Net/IPAddress.h>

namespace sotay::client {

Result<QUrl> parseServerAddress(const QString& text)
{
    QString address = text.trimmed();
    if (!address.contains(QStringLiteral("://")))
        address.prepend(QStringLiteral("http://"));
    QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return Error::invalid(QCoreApplication::translate("ServerAddress",
            "Địa chỉ máy chủ \"%1\" không hợp lệ; ví dụ đúng: "
            "https://sotay.example.vn hoặc http://127.0.0.1:8080")
                                  .arg(text));
    url.setPath(QString());
    return url;
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host.toStdString(), address) && address.isLoopback();
}

bool needsInsecureHttpAllowance(const QUrl& server)
{
    return server.scheme() == u"http" && !isLoopbackHost(server.host());
}

Status checkInsecureHttpAllowed(const QUrl& server, bool allowed)
{
    if (allowed || !needsInsecureHttpAllowance(server))
        return success();
    return Error::invalid(QCoreApplication::translate("ServerAddress",
        "Không kết nối tới %1 vì địa chỉ này dùng http, không mã hoá: mật khẩu và dữ liệu cá nhân của đảng "
        "viên sẽ đi qua mạng ở dạng ai trên đường truyền cũng đọc được. Hãy dùng địa chỉ https:// của máy "
        "chủ. Chỉ khi máy chủ chưa có https và mạng này tin cậy được, mới cho phép kết nối không mã hoá tới "
        "máy chủ này (ô đánh dấu trong hộp đăng nhập, hoặc --allow-insecure-http trên dòng lệnh).")
                              .arg(server.toDisplayString()));
}

int effectivePort(const QUrl& server)
{
    return server.port(server.scheme() == u"https" ? 443 : 80);
}

} // namespace sotay::client
