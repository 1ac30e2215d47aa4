// SPDX-License-Identifier: GPL-3.0-or-later
#include "api_client.h"

#include "tls_context.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QThread>

#include <Poco/CountingStream.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <limits>
#include <sstream>

namespace sotay::client {
namespace {

const QString kCancelled = QStringLiteral("cancelled");
const QString kNotSent = QStringLiteral("not_sent");
const QString kInsecure = QStringLiteral("insecure");

// An unsafe connection refused by the client: nothing was sent.
Error refusedAsInsecure(Error error)
{
    error.code = ErrorCode::Io;
    error.fields.append({ kInsecure, QString() });
    error.fields.append({ kNotSent, QString() });
    return error;
}

Error unreachable(const QUrl& server, const QString& reason)
{
    return Error { ErrorCode::Io,
        QCoreApplication::translate("ApiClient", "Không kết nối được tới máy chủ %1: %2")
            .arg(server.toDisplayString(), reason),
        {} };
}

} // namespace

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResult::errorMessage() const
{
    const QString message
        = json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    return QCoreApplication::translate("ApiClient", "Máy chủ trả lời mã %1.").arg(status);
}

bool isCancelled(const Error& error)
{
    return std::any_of(error.fields.cbegin(), error.fields.cend(),
        [](const FieldError& field) { return field.field == kCancelled; });
}

bool wasNotSent(const Error& error)
{
    return std::any_of(error.fields.cbegin(), error.fields.cend(),
        [](const FieldError& field) { return field.field == kNotSent; });
}

bool isInsecureConnection(const Error& error)
{
    return error.hasField(kInsecure);
}

Status signIn(ApiClient& api, const QString& username, const QString& password)
{
    auto answer = api.send("POST", QStringLiteral("/api/v1/auth/login"),
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
    if (!answer)
        return answer.error();
    if (!answer->ok())
        return Error::invalid(
            answer->errorMessage(), { { QStringLiteral("password"), answer->errorMessage() } });
    const QJsonObject json = answer->json();
    api.setToken(json.value(QStringLiteral("token")).toString());
    api.setRole(json.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString());
    api.setMustChangePassword(json.value(QStringLiteral("mustChangePassword")).toBool());
    return success();
}

ApiClient::ApiClient(QUrl server, TlsSettings tls)
    : ApiClient(std::move(server), std::move(tls), Options {})
{
}

ApiClient::ApiClient(QUrl server, TlsSettings tls, Options options)
    : m_server(std::move(server))
    , m_tls(std::move(tls))
    , m_options(options)
{
}

ApiClient::~ApiClient() = default;

Result<std::unique_ptr<Poco::Net::HTTPClientSession>> ApiClient::takeSession(bool reuse) const
{
    Poco::AutoPtr<Poco::Net::Context> context;
    {
        const std::lock_guard lock(m_sessionsMutex);
        if (reuse && !m_idleSessions.empty()) {
            auto session = std::move(m_idleSessions.back());
            m_idleSessions.pop_back();
            return session;
        }
        if (m_server.scheme() == u"https" && !m_context) {
            auto made = makeClientContext(m_server, m_tls.caFile);
            if (!made)
                return made.error();
            m_context = *made;
        }
        context = m_context;
    }
    const std::string host = m_server.host().toStdString();
    const auto port = static_cast<Poco::UInt16>(effectivePort(m_server));
    std::unique_ptr<Poco::Net::HTTPClientSession> session = context
        ? std::make_unique<Poco::Net::HTTPSClientSession>(host, port, context)
        : std::make_unique<Poco::Net::HTTPClientSession>(host, port);
    ++m_connectionsOpened;
    session->setTimeout(Poco::Timespan(static_cast<long>(m_options.timeoutMilliseconds) * 1000));
    // Poco asks the server to close after each answer unless told otherwise.
    session->setKeepAlive(true);
    // Below the server's 5 s keep-alive, so that Poco reconnects before the server has closed the connection.
    session->setKeepAliveTimeout(Poco::Timespan(4, 0));
    return session;
}

void ApiClient::keepSession(std::unique_ptr<Poco::Net::HTTPClientSession> session) const
{
    const std::lock_guard lock(m_sessionsMutex);
    if (m_idleSessions.size() < 4)
        m_idleSessions.push_back(std::move(session));
}

Result<HttpResult> ApiClient::get(const QString& pathAndQuery) const
{
    return exchange("GET", pathAndQuery, {}, {}, true);
}

Result<HttpResult> ApiClient::send(const std::string& method, const QString& path, const QJsonObject& body,
    const std::map<std::string, std::string>& headers) const
{
    return exchange(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
        headers.contains("Idempotency-Key"));
}

Result<HttpResult> ApiClient::exchange(const std::string& method, const QString& path, const QByteArray& body,
    const std::map<std::string, std::string>& headers, bool repeatable) const
{
    if (const Status allowed = checkInsecureHttpAllowed(m_server, m_tls.allowInsecureHttp); !allowed)
        return refusedAsInsecure(allowed.error());
    const int attempts = repeatable ? std::max(1, m_options.attempts) : 1;
    int backoff = m_options.firstBackoffMilliseconds;
    Error last = unreachable(m_server, QString());
    // Whether any attempt got as far as a connection: only when none did is the request known not to have
    // reached the server.
    bool mayHaveArrived = false;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (m_cancel && m_cancel->load()) {
            Error cancelled { ErrorCode::Io, QCoreApplication::translate("ApiClient", "Đã hủy."),
                { { kCancelled, QString() } } };
            if (!mayHaveArrived)
                cancelled.fields.append({ kNotSent, QString() });
            return cancelled;
        }
        // Whether the exchange is in its TLS handshake: a failure there is the connection's, for good, while
        // one later on a kept connection (closed meanwhile by the server) is retried like any other.
        bool handshaking = false;
        try {
            // A kept connection may have been closed by the server meanwhile: only calls that are safe to
            // repeat take one, and a failure on it is retried like any other.
            auto taken = takeSession(repeatable);
            if (!taken)
                return refusedAsInsecure(taken.error());
            auto session = std::move(*taken);
            forgetCertificateProblem();
            Poco::Net::HTTPRequest request(method, path.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("Accept-Encoding", "gzip");
            if (!m_token.isEmpty())
                request.set("Authorization", "Bearer " + m_token.toStdString());
            for (const auto& [name, value] : headers)
                request.set(name, value);
            if (method != "GET") {
                request.setContentType("application/json");
                request.setContentLength(body.size());
            }
            handshaking = !session->connected();
            std::ostream& sending = session->sendRequest(request);
            handshaking = false;
            sending.write(body.constData(), body.size());
            Poco::Net::HTTPResponse response;
            std::istream& raw = session->receiveResponse(response);
            Poco::CountingInputStream counted(raw);
            std::ostringstream out;
            if (response.get("Content-Encoding", "") == "gzip") {
                Poco::InflatingInputStream inflate(counted, Poco::InflatingStreamBuf::STREAM_GZIP);
                Poco::StreamCopier::copyStream(inflate, out);
                // The inflater stops at the gzip trailer; the rest (a chunked body's end) must be read
                // before the connection carries another exchange.
                counted.ignore(std::numeric_limits<std::streamsize>::max());
            } else {
                Poco::StreamCopier::copyStream(counted, out);
            }
            m_wireBytes += counted.chars();
            const std::string text = out.str();
            HttpResult result { static_cast<int>(response.getStatus()),
                QByteArray(text.data(), static_cast<qsizetype>(text.size())) };
            if (repeatable && response.getKeepAlive())
                keepSession(std::move(session));
            const bool overloaded = result.status == 502 || result.status == 503 || result.status == 504;
            if (!overloaded || attempt == attempts)
                return result;
            mayHaveArrived = true;
            last = unreachable(m_server, result.errorMessage());
        } catch (const Poco::TimeoutException&) {
            mayHaveArrived = true;
            last = unreachable(m_server, QCoreApplication::translate("ApiClient", "quá thời gian chờ"));
        } catch (const Poco::Net::ConnectionRefusedException& error) {
            last = unreachable(m_server, QString::fromStdString(error.displayText()));
        } catch (const Poco::Net::DNSException& error) {
            last = unreachable(m_server, QString::fromStdString(error.displayText()));
        } catch (const Poco::Net::SSLException& error) {
            // A refused certificate or a failed handshake: the request never left, and no retry will help.
            if (const auto refused = tlsFailureMessage(m_server, m_tls.caFile, error, handshaking))
                return refusedAsInsecure(Error { ErrorCode::Io, *refused, {} });
            mayHaveArrived = true;
            last = unreachable(m_server, QString::fromStdString(error.displayText()));
        } catch (const Poco::Exception& error) {
            mayHaveArrived = true;
            last = unreachable(m_server, QString::fromStdString(error.displayText()));
        }
        if (attempt < attempts) {
            QThread::msleep(static_cast<unsigned long>(backoff));
            backoff *= 2;
        }
    }
    if (!mayHaveArrived)
        last.fields.append({ kNotSent, QString() });
    return last;
}

} // namespace sotay::client
