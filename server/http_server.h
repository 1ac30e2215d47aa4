// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "http_head.h"
#include "request_handler.h"
#include "tls_listener.h"

#include <QSet>
#include <QString>

#include <chrono>
#include <memory>

namespace sotay::server {

// What one client may hold and for how long. See docs/operations.md for the reasons behind each figure.
struct ConnectionLimits {
    int requestThreads = 64;
    int queuedRequests = 256;                 // complete requests waiting for a thread; past it, 503 at once
    std::chrono::seconds headTime { 10 };     // from a head's first byte (or the connection) to its end
    std::chrono::seconds keepAliveTime { 5 }; // idle between requests
    int maxKeepAliveRequests = 1000;
    qint64 maxBodyBytes = qint64 { 1024 } * 1024;
    // The body of an upload (isUpload): an attachment of published content.
    qint64 maxUploadBytes = qint64 { 20 } * 1024 * 1024;
    // Bodies and answers move at least this fast over each window, or the connection closes.
    qint64 minBytesPerSecond = 1024;
    std::chrono::seconds rateWindow { 10 };
    int connectionsPerAddress = 64; // trusted proxies are not held to it
    int maxConnections = 4096;      // past it the longest-idle connection makes room, else 503
    HeadLimits head;
};

// Whether a request is an upload, whose body may reach maxUploadBytes: POST /api/v1/content/{id}/attachments.
// Judged from the head, before any of the body is read.
bool isUpload(const RequestHead& head);

// The connection layer: one I/O thread reads every connection's heads and bodies without blocking (epoll),
// with the limits above, and hands only complete requests to a fixed pool of request threads. A slow,
// idle or kept-alive connection therefore costs a socket and a buffer, never a request thread. Answers go
// out from the request thread when the socket takes them at once, else from the I/O thread. Linux only.
class HttpServer final {
public:
    HttpServer(Listener listener, const RequestHandler& handler, ConnectionLimits limits,
        QSet<QString> uncappedAddresses);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    Status start();
    // Stops accepting, closes idle and half-read connections, lets the requests in flight be answered (for
    // at most ten seconds), then stops the threads.
    void stop();
    quint16 port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sotay::server
