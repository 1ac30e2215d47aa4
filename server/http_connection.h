// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http_head.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;

namespace sotay::server {

using SteadyClock = std::chrono::steady_clock;

// Bytes a transfer must move within each window of time, so that a client sending or reading at a crawl is
// let go while a slow but steady upload of tens of megabytes is not.
struct RateWindow {
    SteadyClock::time_point start;
    qint64 bytes = 0;

    void restart(SteadyClock::time_point now)
    {
        start = now;
        bytes = 0;
    }
    // True when a whole window has passed with less than `minimum` bytes (or less than what was left).
    bool stalled(SteadyClock::time_point now, std::chrono::seconds window, qint64 minimum, qint64 left);
};

// One client connection: its socket (with TLS, its OpenSSL session), what it has sent that is not yet
// used, the answer still to be written, and where it is in a request's life. The connection layer
// (http_server.cpp) drives it; at any time either the I/O thread or one request thread owns it.
class HttpConnection final {
public:
    enum class Io { Progress, WouldReadBlock, WouldWriteBlock, Closed, Failed };
    enum class Phase {
        Head,      // waiting for (the rest of) a request's head
        Body,      // reading a body of known length
        Handling,  // a request thread owns it
        Writing,   // the I/O thread writes the rest of an answer
        Lingering, // the answer is sent; what the client still sends is read and dropped, then it closes
    };

    HttpConnection(int socket, SSL_CTX* tls, QString peerAddress, SteadyClock::time_point now);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    int socket() const { return m_socket; }
    const QString& peerAddress() const { return m_peer; }
    bool overTls() const { return m_ssl != nullptr; }

    // Reads what has arrived into `input`, up to `limit` bytes held in all. When the client has closed its
    // side after sending, the bytes before count as Progress and `peerClosed` is set.
    Io read(std::size_t limit);
    // Writes as much of `output` as the socket takes.
    Io write();
    bool hasPendingOutput() const { return m_outputSent < output.size(); }
    // Decrypted bytes OpenSSL holds that a poll on the socket would not announce.
    bool hasBufferedInput() const;
    // Stops sending (TLS: close_notify first); reading goes on.
    void shutdownSending();
    // Drops what has arrived; Closed once the client has closed or `limit` bytes have been dropped.
    Io discard(qint64& dropped, qint64 limit);
    void setOutput(QByteArray bytes)
    {
        output = std::move(bytes);
        m_outputSent = 0;
    }

    std::atomic<Phase> phase { Phase::Head };
    std::string input;
    QByteArray output;
    RequestHead head;
    QByteArray body;
    int requestsServed = 0;
    bool closeAfterWriting = false;
    bool lingerAfterWriting = false;
    qint64 lingered = 0;
    SteadyClock::time_point deadline; // Head (idle or incomplete) and Lingering
    SteadyClock::time_point lastActive;
    RateWindow transfer;           // Body and Writing
    bool headStarted = false;      // a byte of the next head has arrived: `deadline` is the head's
    bool bodyAfterWriting = false; // the answer was "100 Continue": the body comes next
    bool peerClosed = false;
    bool countedForAddress = false; // holds a slot of its address's cap (given back before the last answer)
    bool refusedAtAccept = false;   // let in only to be told why not: gone at `deadline` whatever happens
    std::uint64_t key = 0;          // the poller's name for it: the socket and a serial number

private:
    Io fromSslResult(int result);

    int m_socket;
    SSL* m_ssl = nullptr;
    bool m_broken = false; // TLS was wanted but OpenSSL could not make a session
    QString m_peer;
    qsizetype m_outputSent = 0;
};

} // namespace sotay::server
