// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_handler.h"

#include "client_address.h"
#include "content_encoding.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QUrl>

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

QUrl targetUrl(const std::string& target)
{
    // The request target is a path: read as a URL on its own, "//api/v1/x" would become host "api".
    const QString text = QString::fromStdString(target);
    return text.startsWith(u'/') ? QUrl(QStringLiteral("http://sotay") + text) : QUrl(text);
}

} // namespace

ApiError headRefusalError(const HeadRefusal& refusal)
{
    using Reason = HeadRefusal::Reason;
    switch (refusal.reason) {
    case Reason::Malformed:
        return ApiError::badRequest(
            QCoreApplication::translate("ApiError", "Yêu cầu không đúng cú pháp HTTP/1.1."));
    case Reason::ConflictingLength:
        return ApiError::badRequest(QCoreApplication::translate("ApiError",
            "Yêu cầu có độ dài nội dung không rõ ràng (nhiều Content-Length khác nhau, hoặc kèm "
            "Transfer-Encoding)."));
    case Reason::TargetTooLong:
        return ApiError(414, QStringLiteral("uri_too_long"),
            QCoreApplication::translate("ApiError", "Đường dẫn của yêu cầu quá dài."));
    case Reason::HeadTooLarge:
        return ApiError(431, QStringLiteral("headers_too_large"),
            QCoreApplication::translate("ApiError", "Phần đầu (header) của yêu cầu quá lớn."));
    case Reason::LengthRequired:
        return ApiError(411, QStringLiteral("length_required"),
            QCoreApplication::translate(
                "ApiError", "Máy chủ chỉ nhận nội dung có Content-Length; không nhận Transfer-Encoding."));
    case Reason::UnsupportedVersion:
        return ApiError(505, QStringLiteral("http_version"),
            QCoreApplication::translate("ApiError", "Máy chủ chỉ dùng HTTP/1.0 và HTTP/1.1."));
    }
    return ApiError::badRequest(QString());
}

RequestHandler::RequestHandler(const Router& router, ThreadDatabase& databases, Authenticator authenticate,
    QSet<QString> trustedProxies, bool overTls)
    : m_router(router)
    , m_databases(databases)
    , m_authenticate(std::move(authenticate))
    , m_trustedProxies(std::move(trustedProxies))
    , m_overTls(overTls)
{
}

HttpResponse RequestHandler::handle(
    const RequestHead& head, QByteArray body, const QString& peerAddress) const
{
    QElapsedTimer timer;
    timer.start();
    const QUrl url = targetUrl(head.target);
    ApiResponse response;
    try {
        ApiRequest api;
        api.method = QString::fromStdString(head.method);
        api.clientAddress = clientAddress(
            peerAddress, QString::fromStdString(head.joinedHeader("X-Forwarded-For")), m_trustedProxies);
        api.path = url.path();
        // A "+" in a query string is a space, as browsers and HTTP libraries send it (a "+" itself comes as
        // %2B); QUrlQuery alone would keep it.
        api.query = QUrlQuery(url.query(QUrl::FullyEncoded).replace(u'+', QStringLiteral("%20")));
        for (const auto& [name, value] : head.headers) {
            const QString key = QString::fromStdString(name).toLower();
            // A repeated field is one list, as RFC 9110 reads it.
            const auto existing = api.headers.find(key);
            if (existing == api.headers.end())
                api.headers.insert(key, QString::fromStdString(value));
            else
                *existing += QStringLiteral(", ") + QString::fromStdString(value);
        }
        api.body = std::move(body);
        auto db = m_databases.forCurrentThread();
        if (!db)
            throw ApiError::unavailable(db.error().message);
        api.db = *db;
        response = m_router.dispatch(api, m_authenticate);
    } catch (const ApiError& error) {
        response = ApiResponse::json(error.body(), error.status());
        response.headers = error.headers();
    } catch (const std::exception& error) {
        qCCritical(lcRequest) << "unhandled exception:" << error.what();
        response
            = ApiResponse::json(ApiError(500, QStringLiteral("internal"),
                                    QCoreApplication::translate("ApiError", "Lỗi máy chủ, xin thử lại sau."))
                                    .body(),
                500);
    }
    HttpResponse http = answer(response, &head);
    // Only the path: query strings may carry names being searched for.
    qCInfo(lcRequest).noquote() << QString::fromStdString(head.method) << loggablePath(url.path())
                                << http.status
                                << QStringLiteral("%1ms").arg(
                                       static_cast<double>(timer.nsecsElapsed()) / 1e6, 0, 'f', 1);
    return http;
}

HttpResponse RequestHandler::refuse(const ApiError& error, const RequestHead* head) const
{
    ApiResponse response = ApiResponse::json(error.body(), error.status());
    response.headers = error.headers();
    HttpResponse http = answer(response, head);
    http.keepAlive = false;
    // A refused request's method and path are not logged: the head may not even be one.
    qCInfo(lcRequest).noquote() << "-"
                                << "-" << http.status;
    return http;
}

HttpResponse RequestHandler::answer(const ApiResponse& response, const RequestHead* head) const
{
    HttpResponse http;
    http.status = response.status;
    const QByteArray body = !response.raw.isEmpty() ? response.raw
        : response.body.isNull()                    ? QByteArray()
                                                    : response.body.toJson(QJsonDocument::Compact);
    http.headers.reserve(8 + response.headers.size());
    const bool file = !response.fileType.empty();
    http.headers.emplace_back("Content-Type", file ? response.fileType : "application/json; charset=utf-8");
    // A file may be kept by the client and asked again with its ETag (If-None-Match): 304 then.
    http.headers.emplace_back(
        "Cache-Control", file || response.status == 304 ? "private, no-cache" : "no-store");
    http.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // Over HTTPS, browsers and clients that honour it never fall back to plain HTTP for a year.
    if (m_overTls)
        http.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    if (response.status == 401)
        http.headers.emplace_back("WWW-Authenticate", "Bearer");
    for (const auto& [name, value] : response.headers)
        http.headers.emplace_back(name, value);
    // Rosters and sync pages compress about tenfold: worth it on the weak links the consoles use.
    // Files (PDF, images, DOCX) are compressed already.
    const bool gzip
        = !file && head && body.size() > 1024 && acceptsGzip(head->joinedHeader("Accept-Encoding"));
    http.body = gzip ? gzipped(body) : body;
    if (gzip)
        http.headers.emplace_back("Content-Encoding", "gzip");
    http.headers.emplace_back("Vary", "Accept-Encoding");
    http.keepAlive = head ? head->keepAlive : false;
    http.headRequest = head && head->method == "HEAD";
    return http;
}

} // namespace sotay::server
