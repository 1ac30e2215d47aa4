// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_handler.h"

#include "api_error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QUrl>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <istream>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcRequest, "sotay.request")

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
        const QByteArray body
            = answer.body.isNull() ? QByteArray() : answer.body.toJson(QJsonDocument::Compact);
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        response.setContentType("application/json; charset=utf-8");
        response.set("Cache-Control", "no-store");
        response.set("X-Content-Type-Options", "nosniff");
        for (const auto& [name, value] : answer.headers)
            response.set(name, value);
        response.setContentLength(body.size());
        response.send().write(body.constData(), body.size());
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
