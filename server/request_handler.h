// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_error.h"
#include "http_head.h"
#include "http_response.h"
#include "router.h"
#include "thread_database.h"

#include <QByteArray>
#include <QSet>
#include <QString>

namespace sotay::server {

// Turns a request that the connection layer has read whole into its answer: runs the route, and makes every
// ApiError its status and error body here and nowhere else. Logs one line per request with no personal
// data. Knows nothing of sockets: http_server.h owns the wire.
class RequestHandler final {
public:
    // `trustedProxies`: addresses (canonicalAddress) of reverse proxies whose X-Forwarded-For is believed.
    RequestHandler(const Router& router, ThreadDatabase& databases, Authenticator authenticate,
        QSet<QString> trustedProxies, bool overTls);

    // Runs on a request thread: the database connection is that thread's own.
    HttpResponse handle(const RequestHead& head, QByteArray body, const QString& peerAddress) const;
    // An answer the connection layer gives without running a route (a refused head, a body too slow or too
    // large, too many connections): the same JSON error body and headers as every other error.
    HttpResponse refuse(const ApiError& error, const RequestHead* head) const;

private:
    HttpResponse answer(const ApiResponse& response, const RequestHead* head) const;

    const Router& m_router;
    ThreadDatabase& m_databases;
    Authenticator m_authenticate;
    QSet<QString> m_trustedProxies;
    bool m_overTls;
};

// The Vietnamese refusal for a head the parser would not take.
ApiError headRefusalError(const HeadRefusal& refusal);

} // namespace sotay::server
