// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_handler.h"

#include "api_error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QUrl>

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <istream>
#include <sstream>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcRequest, "sotay.request")

QByteArray gzipped(const QByteArray& body)
{
    std::ostringstream out;
    {
        Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
        deflate.write(body.constData(), body.size());
        deflate.close();
    }
    const std::string text = out.str();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

class ApiRequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    ApiRequestHandler(const Router& router, ThreadDatabase& databases, qint64 maxBodyBytes,
        const Authenticator& authenticate)
        : m_router(router)
        , m_databases(databases)
        , m_maxBodyBytes(maxBodyBytes)
        , m_authenticate(authenticate)
    {
    }

    void handleRequest(
        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        QElapsedTimer timer;
        timer.start();
        ApiResponse answer;
        const QUrl url(QString::fromStdString(request.getURI()));
        try {
            answer = run(request, url);
        } catch (const ApiError& error) {
            answer = ApiResponse::json(error.body(), error.status());
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
        if (answer.status == 401)
            response.set("WWW-Authenticate", "Bearer");
        for (const auto& [name, value] : answer.headers)
            response.set(name, value);
        // Rosters and sync pages compress about tenfold: worth it on the weak links the consoles use.
        const bool gzip = body.size() > 1024
            && QString::fromStdString(request.get("Accept-Encoding", "")).contains(QStringLiteral("gzip"));
        const QByteArray sent = gzip ? gzipped(body) : body;
        if (gzip)
            response.set("Content-Encoding", "gzip");
        response.setContentLength(sent.size());
        response.send().write(sent.constData(), sent.size());
        // Only the path: query strings may carry names being searched for.
        qCInfo(lcRequest).noquote() << QString::fromStdString(request.getMethod()) << url.path()
                                    << answer.status
                                    << QStringLiteral("%1ms").arg(
                                           static_cast<double>(timer.nsecsElapsed()) / 1e6, 0, 'f', 1);
    }

private:
    ApiResponse run(Poco::Net::HTTPServerRequest& request, const QUrl& url)
    {
        ApiRequest api;
        api.method = QString::fromStdString(request.getMethod());
        api.path = url.path();
        api.query = QUrlQuery(url);
        for (const auto& [name, value] : request)
            api.headers.insert(QString::fromStdString(name).toLower(), QString::fromStdString(value));

        const auto tooLarge = [this] {
            return ApiError::tooLarge(
                QCoreApplication::translate("ApiError", "Nội dung gửi lên vượt quá %1 MB.")
                    .arg(static_cast<double>(m_maxBodyBytes) / (1024.0 * 1024.0)));
        };
        if (request.hasContentLength() && request.getContentLength64() > m_maxBodyBytes)
            throw tooLarge();
        // Without a length or chunking there is no body: reading would wait for the client to close.
        if (request.hasContentLength() || request.getChunkedTransferEncoding()) {
            std::istream& in = request.stream();
            char chunk[16384];
            while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
                api.body.append(chunk, static_cast<qsizetype>(in.gcount()));
                if (api.body.size() > m_maxBodyBytes)
                    throw tooLarge();
            }
        }

        auto db = m_databases.forCurrentThread();
        if (!db)
            throw ApiError::unavailable(db.error().message);
        api.db = *db;
        return m_router.dispatch(api, m_authenticate);
    }

    const Router& m_router;
    ThreadDatabase& m_databases;
    qint64 m_maxBodyBytes;
    const Authenticator& m_authenticate;
};

} // namespace

RequestHandlerFactory::RequestHandlerFactory(
    const Router& router, ThreadDatabase& databases, qint64 maxBodyBytes, Authenticator authenticate)
    : m_router(router)
    , m_databases(databases)
    , m_maxBodyBytes(maxBodyBytes)
    , m_authenticate(std::move(authenticate))
{
}

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&)
{
    // Poco takes ownership of the handler and deletes it after the request.
    return new ApiRequestHandler(m_router, m_databases, m_maxBodyBytes, m_authenticate);
}

} // namespace sotay::server
