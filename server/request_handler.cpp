// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_handler.h"

#include "api_error.h"
#include "client_address.h"
#include "content_encoding.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QUrl>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <istream>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcRequest, "sotay.request")

// A decoded path as one line of the log: control characters (a percent-encoded line break would forge a
// log line) and the backslash itself are written as \xNN.
QString loggablePath(const QString& path)
{
    QString line;
    line.reserve(path.size());
    for (const QChar c : path) {
        const QChar::Category category = c.category();
        if (c == u'\\' || category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            line += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QChar(u'0'));
        else
            line += c;
    }
    return line;
}

class ApiRequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    ApiRequestHandler(const Router& router, ThreadDatabase& databases, qint64 maxBodyBytes,
        const Authenticator& authenticate, const QSet<QString>& trustedProxies, bool overTls)
        : m_router(router)
        , m_databases(databases)
        , m_maxBodyBytes(maxBodyBytes)
        , m_authenticate(authenticate)
        , m_trustedProxies(trustedProxies)
        , m_overTls(overTls)
    {
    }

    void handleRequest(
        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        QElapsedTimer timer;
        timer.start();
        ApiResponse answer;
        // The request target is a path: read as a URL on its own, "//api/v1/x" would become host "api".
        const QString target = QString::fromStdString(request.getURI());
        const QUrl url
            = target.startsWith(u'/') ? QUrl(QStringLiteral("http://sotay") + target) : QUrl(target);
        try {
            answer = run(request, url);
        } catch (const ApiError& error) {
            answer = ApiResponse::json(error.body(), error.status());
            answer.headers = error.headers();
        } catch (const std::exception& error) {
            qCCritical(lcRequest) << "unhandled exception:" << error.what();
            answer = ApiResponse::json(
                ApiError(500, QStringLiteral("internal"),
                    QCoreApplication::translate("ApiError", "Lỗi máy chủ, xin thử lại sau."))
                    .body(),
                500);
        }
        const QByteArray body = !answer.raw.isEmpty() ? answer.raw
            : answer.body.isNull()                    ? QByteArray()
                                                      : answer.body.toJson(QJsonDocument::Compact);
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        response.setContentType("application/json; charset=utf-8");
        response.set("Cache-Control", "no-store");
        response.set("X-Content-Type-Options", "nosniff");
        // Over HTTPS, browsers and clients that honour it never fall back to plain HTTP for a year.
        if (m_overTls)
            response.set("Strict-Transport-Security", "max-age=31536000");
        if (answer.status == 401)
            response.set("WWW-Authenticate", "Bearer");
        for (const auto& [name, value] : answer.headers)
            response.set(name, value);
        // Rosters and sync pages compress about tenfold: worth it on the weak links the consoles use.
        const bool gzip = body.size() > 1024 && acceptsGzip(request.get("Accept-Encoding", ""));
        const QByteArray sent = gzip ? gzipped(body) : body;
        if (gzip)
            response.set("Content-Encoding", "gzip");
        response.set("Vary", "Accept-Encoding");
        if (m_closeConnection)
            response.setKeepAlive(false);
        response.setContentLength(sent.size());
        std::ostream& out = response.send();
        out.write(sent.constData(), sent.size());
        if (m_linger) {
            out.flush();
            lingeringClose(request);
        }
        // Only the path: query strings may carry names being searched for.
        qCInfo(lcRequest).noquote() << QString::fromStdString(request.getMethod()) << loggablePath(url.path())
                                    << answer.status
                                    << QStringLiteral("%1ms").arg(
                                           static_cast<double>(timer.nsecsElapsed()) / 1e6, 0, 'f', 1);
    }

private:
    ApiResponse run(Poco::Net::HTTPServerRequest& request, const QUrl& url)
    {
        ApiRequest api;
        api.method = QString::fromStdString(request.getMethod());
        QStringList forwardedFor;
        for (const auto& [name, value] : request)
            if (Poco::icompare(name, "X-Forwarded-For") == 0)
                forwardedFor.append(QString::fromStdString(value));
        api.clientAddress = clientAddress(QString::fromStdString(request.clientAddress().host().toString()),
            forwardedFor.join(u','), m_trustedProxies);
        api.path = url.path();
        // A "+" in a query string is a space, as browsers and HTTP libraries send it (a "+" itself comes as
        // %2B); QUrlQuery alone would keep it.
        api.query = QUrlQuery(url.query(QUrl::FullyEncoded).replace(u'+', QStringLiteral("%20")));
        for (const auto& [name, value] : request)
            api.headers.insert(QString::fromStdString(name).toLower(), QString::fromStdString(value));

        const auto tooLarge = [this] {
            return ApiError::tooLarge(
                QCoreApplication::translate("ApiError", "Nội dung gửi lên vượt quá %1 MB.")
                    .arg(static_cast<double>(m_maxBodyBytes) / (1024.0 * 1024.0)));
        };
        // A refused body is still read, up to a bound, and thrown away: a client that is still sending
        // would otherwise have its connection reset before it reads the answer, and an unread body left on
        // a kept-alive connection would be taken for the next request. Past the bound the connection closes.
        const auto refuse = [&](std::istream& in) {
            m_closeConnection = !discard(in, kMaxDiscardedBytes);
            return tooLarge();
        };
        // Judged from Content-Length before any of the body is read: the answer goes at once, and the body
        // is dropped after it (lingering close).
        if (request.hasContentLength() && request.getContentLength64() > m_maxBodyBytes) {
            m_closeConnection = true;
            m_linger = true;
            throw tooLarge();
        }
        // Without a length or chunking there is no body: reading would wait for the client to close.
        if (request.hasContentLength() || request.getChunkedTransferEncoding()) {
            std::istream& in = request.stream();
            char chunk[16384];
            while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
                api.body.append(chunk, static_cast<qsizetype>(in.gcount()));
                if (api.body.size() > m_maxBodyBytes)
                    throw refuse(in);
            }
        }

        auto db = m_databases.forCurrentThread();
        if (!db)
            throw ApiError::unavailable(db.error().message);
        api.db = *db;
        return m_router.dispatch(api, m_authenticate);
    }

    static constexpr std::streamsize kMaxDiscardedBytes = std::streamsize { 8 } * 1024 * 1024;

    // After an answer sent before its request's body was read: stop sending, then read and drop what the
    // client still sends, for a short while. Closing at once would reset the connection under a client
    // still writing, and it would never see the answer.
    static void lingeringClose(Poco::Net::HTTPServerRequest& request)
    {
        auto* const impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
        if (!impl)
            return;
        try {
            Poco::Net::StreamSocket& socket = impl->socket();
            socket.shutdownSend();
            socket.setReceiveTimeout(Poco::Timespan(1, 0));
            char chunk[16384];
            std::streamsize dropped = 0;
            while (dropped < kMaxDiscardedBytes) {
                const int received = socket.receiveBytes(chunk, sizeof chunk);
                if (received <= 0)
                    break;
                dropped += received;
            }
        } catch (const Poco::Exception&) {
            // a timeout or a reset: the connection closes either way
        }
    }

    // Reads and drops the rest of a body; false when more than `limit` bytes remained.
    static bool discard(std::istream& in, std::streamsize limit)
    {
        char chunk[16384];
        std::streamsize dropped = 0;
        while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
            dropped += in.gcount();
            if (dropped > limit)
                return false;
        }
        return true;
    }

    const Router& m_router;
    ThreadDatabase& m_databases;
    bool m_closeConnection = false;
    bool m_linger = false;
    qint64 m_maxBodyBytes;
    const Authenticator& m_authenticate;
    const QSet<QString>& m_trustedProxies;
    bool m_overTls;
};

} // namespace

RequestHandlerFactory::RequestHandlerFactory(const Router& router, ThreadDatabase& databases,
    qint64 maxBodyBytes, Authenticator authenticate, QSet<QString> trustedProxies, bool overTls)
    : m_router(router)
    , m_databases(databases)
    , m_maxBodyBytes(maxBodyBytes)
    , m_authenticate(std::move(authenticate))
    , m_trustedProxies(std::move(trustedProxies))
    , m_overTls(overTls)
{
}

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&)
{
    // Poco takes ownership of the handler and deletes it after the request.
    return new ApiRequestHandler(
        m_router, m_databases, m_maxBodyBytes, m_authenticate, m_trustedProxies, m_overTls);
}

} // namespace sotay::server
