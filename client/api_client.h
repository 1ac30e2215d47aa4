// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_address.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <Poco/AutoPtr.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Poco::Net {
class Context;
class HTTPClientSession;
} // namespace Poco::Net

namespace sotay::client {

// An answer from the server: any HTTP status is a value; only a failed exchange is an error.
struct HttpResult {
    int status = 0;
    QByteArray body;
    bool ok() const { return status >= 200 && status < 300; }
    QJsonObject json() const;
    // The server's Vietnamese message for an error answer, or a generic one.
    QString errorMessage() const;
};

// The console's HTTP client over Poco: timeouts on every exchange, gzip, and retries with backoff for calls
// that are safe to repeat (GET, and POST/PATCH carrying an Idempotency-Key). Speaks https with the server's
// certificate verified (tls_context.h), and refuses plain http to another computer unless the user allowed
// it for this server. Blocking: use it off the GUI thread.
class ApiClient final {
public:
    struct Options {
        int timeoutMilliseconds = 30000;
        int attempts = 4;                   // for calls that are safe to repeat
        int firstBackoffMilliseconds = 250; // doubles after each failed attempt
    };

    // `tls` is what the user chose for this server (the sign-in dialog, --ca-file, --allow-insecure-http):
    // every client of one session carries the same.
    ApiClient(QUrl server, TlsSettings tls);
    ApiClient(QUrl server, TlsSettings tls, Options options);
    ~ApiClient();
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    const QUrl& server() const { return m_server; }
    const TlsSettings& tls() const { return m_tls; }
    void setToken(const QString& token) { m_token = token; }
    const QString& token() const { return m_token; }
    // The signed-in account's role code ("admin", "officer"…), from signIn()'s answer.
    void setRole(const QString& role) { m_role = role; }
    const QString& role() const { return m_role; }
    // Whether signIn()'s answer said the password is a temporary one that must be changed first.
    void setMustChangePassword(bool must) { m_mustChangePassword = must; }
    bool mustChangePassword() const { return m_mustChangePassword; }
    // Checked between attempts and pages: a cancelled call stops with an error instead of retrying.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    Result<HttpResult> get(const QString& pathAndQuery) const;
    Result<HttpResult> send(const std::string& method, const QString& path, const QJsonObject& body,
        const std::map<std::string, std::string>& headers = {}) const;

    // Bytes received (after decompression: `wireBytes` counts what crossed the network).
    qint64 wireBytes() const { return m_wireBytes; }
    // Connections opened so far (kept-alive ones are reused, so this grows more slowly than the calls).
    qint64 connectionsOpened() const { return m_connectionsOpened; }

private:
    Result<HttpResult> exchange(const std::string& method, const QString& path, const QByteArray& body,
        const std::map<std::string, std::string>& headers, bool repeatable) const;
    Result<std::unique_ptr<Poco::Net::HTTPClientSession>> takeSession(bool reuse) const;
    void keepSession(std::unique_ptr<Poco::Net::HTTPClientSession> session) const;

    QUrl m_server;
    TlsSettings m_tls;
    Options m_options;
    QString m_token;
    QString m_role;
    bool m_mustChangePassword = false;
    const std::atomic<bool>* m_cancel = nullptr;
    mutable std::atomic<qint64> m_wireBytes { 0 };
    mutable std::atomic<qint64> m_connectionsOpened { 0 };
    // Kept-alive connections for calls that are safe to repeat: a page of a download then costs no new
    // handshake and no new TCP slow start, which on a slow link is most of a round trip's worth each.
    mutable std::mutex m_sessionsMutex;
    mutable std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> m_idleSessions;
    // For https, made on first use (under m_sessionsMutex) and shared by every connection.
    mutable Poco::AutoPtr<Poco::Net::Context> m_context;
};

// True for the error a cancelled call stops with.
bool isCancelled(const Error& error);
// True when the call failed before any attempt reached the server (refused, no such host, cancelled): the
// request is known not to have been received.
bool wasNotSent(const Error& error);
// True when the client itself refused the connection as unsafe: the server's certificate failed its check,
// the TLS handshake failed, the CA file is unusable, or plain http to another computer was not allowed.
// Trying again will not help; the message says what the user must do.
bool isInsecureConnection(const Error& error);

// Signs in (POST /api/v1/auth/login) and gives the client its token. A refusal is an error with the
// server's Vietnamese message and the field "password".
Status signIn(ApiClient& api, const QString& username, const QString& password);

} // namespace sotay::client
