// SPDX-License-Identifier: GPL-3.0-or-later
#include "http_connection.h"

#include <cerrno>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sotay::server {

bool RateWindow::stalled(
    SteadyClock::time_point now, std::chrono::seconds window, qint64 minimum, qint64 left)
{
    if (now - start < window)
        return false;
    const bool slow = bytes < std::min(minimum, left);
    restart(now);
    return slow;
}

HttpConnection::HttpConnection(int socket, SSL_CTX* tls, QString peerAddress, SteadyClock::time_point now)
    : lastActive(now)
    , m_socket(socket)
    , m_peer(std::move(peerAddress))
{
    if (tls) {
        m_ssl = SSL_new(tls);
        if (m_ssl) {
            SSL_set_fd(m_ssl, socket);
            SSL_set_accept_state(m_ssl);
            SSL_set_mode(m_ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        }
        m_broken = m_ssl == nullptr;
    }
}

HttpConnection::~HttpConnection()
{
    if (m_ssl)
        SSL_free(m_ssl);
    ::close(m_socket);
}

HttpConnection::Io HttpConnection::fromSslResult(int result)
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return Io::WouldReadBlock;
    case SSL_ERROR_WANT_WRITE:
        return Io::WouldWriteBlock;
    case SSL_ERROR_ZERO_RETURN:
        return Io::Closed;
    default:
        // A failed handshake or a broken record: this connection's error queue must not leak into the
        // next connection this thread serves.
        ERR_clear_error();
        return Io::Failed;
    }
}

HttpConnection::Io HttpConnection::read(std::size_t limit)
{
    if (m_broken)
        return Io::Failed;
    bool progressed = false;
    char chunk[16384];
    while (input.size() < limit) {
        const std::size_t room = std::min(sizeof chunk, limit - input.size());
        if (m_ssl) {
            const int received = SSL_read(m_ssl, chunk, static_cast<int>(room));
            if (received <= 0) {
                const Io io = fromSslResult(received);
                if (io == Io::Closed)
                    peerClosed = true;
                return progressed && io != Io::Failed ? Io::Progress : io;
            }
            input.append(chunk, static_cast<std::size_t>(received));
        } else {
            const ssize_t received = ::recv(m_socket, chunk, room, 0);
            if (received == 0) {
                peerClosed = true;
                return progressed ? Io::Progress : Io::Closed;
            }
            if (received < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return progressed ? Io::Progress : Io::WouldReadBlock;
                return Io::Failed;
            }
            input.append(chunk, static_cast<std::size_t>(received));
            // Less than asked for: the socket is most likely drained, and a poll armed on it again reports
            // anything that came since. Asking once more only to hear "would block" costs a system call
            // per request.
            if (static_cast<std::size_t>(received) < room)
                return Io::Progress;
        }
        progressed = true;
    }
    return Io::Progress;
}

HttpConnection::Io HttpConnection::write()
{
    if (m_broken)
        return Io::Failed;
    while (m_outputSent < output.size()) {
        const char* data = output.constData() + m_outputSent;
        const qsizetype left = output.size() - m_outputSent;
        if (m_ssl) {
            const int sent = SSL_write(m_ssl, data, static_cast<int>(std::min<qsizetype>(left, 1 << 20)));
            if (sent <= 0)
                return fromSslResult(sent);
            m_outputSent += sent;
            transfer.bytes += sent;
        } else {
            const ssize_t sent = ::send(m_socket, data, static_cast<std::size_t>(left), MSG_NOSIGNAL);
            if (sent < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return Io::WouldWriteBlock;
                return Io::Failed;
            }
            m_outputSent += sent;
            transfer.bytes += sent;
        }
    }
    return Io::Progress;
}

bool HttpConnection::hasBufferedInput() const
{
    return m_ssl && SSL_pending(m_ssl) > 0;
}

void HttpConnection::shutdownSending()
{
    if (m_ssl)
        SSL_shutdown(m_ssl);
    ::shutdown(m_socket, SHUT_WR);
}

HttpConnection::Io HttpConnection::discard(qint64& dropped, qint64 limit)
{
    char chunk[16384];
    while (dropped < limit) {
        if (m_ssl) {
            const int received = SSL_read(m_ssl, chunk, sizeof chunk);
            if (received <= 0) {
                const Io io = fromSslResult(received);
                return io == Io::Failed ? Io::Closed : io;
            }
            dropped += received;
        } else {
            const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
            if (received == 0)
                return Io::Closed;
            if (received < 0) {
                if (errno == EINTR)
                    continue;
                return errno == EAGAIN || errno == EWOULDBLOCK ? Io::WouldReadBlock : Io::Closed;
            }
            dropped += received;
        }
    }
    return Io::Closed;
}

} // namespace sotay::server
