// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "router.h"
#include "thread_database.h"

#include <QSet>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace sotay::server {

// Reads and checks a request, runs its route, and writes the JSON answer; every ApiError becomes its
// status and error body here and nowhere else. Logs one line per request with no personal data.
class RequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    // `trustedProxies`: addresses (canonicalAddress) of reverse proxies whose X-Forwarded-For is believed.
    RequestHandlerFactory(const Router& router, ThreadDatabase& databases, qint64 maxBodyBytes,
        Authenticator authenticate, QSet<QString> trustedProxies = {}, bool overTls = false);
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& m_router;
    ThreadDatabase& m_databases;
    qint64 m_maxBodyBytes;
    Authenticator m_authenticate;
    QSet<QString> m_trustedProxies;
    bool m_overTls = false;
};

} // namespace sotay::server
