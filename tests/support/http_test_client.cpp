// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/http_test_client.h"

#include <QJsonDocument>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace sotay::test {

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpAnswer HttpTestClient::request(const std::string& method, const std::string& path, const QByteArray& body,
    const std::map<std::string, std::string>& headers) const
{
    Poco::Net::HTTPClientSession session("127.0.0.1", m_port);
    session.setTimeout(Poco::Timespan(m_timeoutSeconds, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT") {
        request.setContentType("application/json");
        request.setContentLength(body.size());
    }
    session.sendRequest(request).write(body.constData(), body.size());
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(in, out);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    const std::string text = out.str();
    answer.body = QByteArray(text.data(), static_cast<qsizetype>(text.size()));
    for (const auto& [name, value] : response)
        answer.headers[name] = value;
    return answer;
}

} // namespace sotay::test
