// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <map>
#include <string>

namespace sotay::test {

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    std::map<std::string, std::string> headers;
    QJsonObject json() const;
};

// A plain HTTP/1.1 client for the in-process server: a new connection per call unless `keepAlive`.
class HttpTestClient final {
public:
    explicit HttpTestClient(quint16 port, int timeoutSeconds = 30)
        : m_port(port)
        , m_timeoutSeconds(timeoutSeconds)
    {
    }
    HttpAnswer request(const std::string& method, const std::string& path, const QByteArray& body = {},
        const std::map<std::string, std::string>& headers = {}) const;
    HttpAnswer get(const std::string& path) const { return request("GET", path); }

private:
    quint16 m_port;
    int m_timeoutSeconds;
};

} // namespace sotay::test
