// SPDX-License-Identifier: GPL-3.0-or-later
#include "server_probe.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace sotay::client {

Result<QUrl> parseServerAddress(const QString& text)
{
    QString address = text.trimmed();
    if (!address.contains(QStringLiteral("://")))
        address.prepend(QStringLiteral("http://"));
    QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return Error::invalid(QCoreApplication::translate("ServerProbe",
            "Địa chỉ máy chủ \"%1\" không hợp lệ; ví dụ đúng: "
            "http://127.0.0.1:8080")
                                  .arg(text));
    if (url.scheme() == u"https")
        return Error::invalid(
            QCoreApplication::translate("ServerProbe", "Bản này chưa hỗ trợ kết nối https."));
    url.setPath(QString());
    return url;
}

Result<ServerHealth> probeServer(const QUrl& server, int timeoutMilliseconds)
{
    const auto unreachable = [&server](const QString& reason) {
        return Error { ErrorCode::Io,
            QCoreApplication::translate("ServerProbe", "Không kết nối được tới máy chủ %1: %2")
                .arg(server.toDisplayString(), reason),
            {} };
    };
    try {
        Poco::Net::HTTPClientSession session(
            server.host().toStdString(), static_cast<Poco::UInt16>(server.port(80)));
        session.setTimeout(Poco::Timespan(static_cast<long>(timeoutMilliseconds) * 1000));
        Poco::Net::HTTPRequest request(
            Poco::Net::HTTPRequest::HTTP_GET, "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        std::ostringstream body;
        Poco::StreamCopier::copyStream(in, body);
        const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(body.str())).object();
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
            return unreachable(QCoreApplication::translate("ServerProbe", "máy chủ trả lời mã %1")
                                   .arg(static_cast<int>(response.getStatus())));
        return ServerHealth { json.value(QStringLiteral("status")).toString(),
            json.value(QStringLiteral("version")).toString() };
    } catch (const Poco::TimeoutException&) {
        return unreachable(QCoreApplication::translate("ServerProbe", "quá thời gian chờ"));
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return unreachable(QCoreApplication::translate("ServerProbe", "máy chủ không nhận kết nối"));
    } catch (const Poco::Exception& error) {
        return unreachable(QString::fromStdString(error.displayText()));
    }
}

} // namespace sotay::client
