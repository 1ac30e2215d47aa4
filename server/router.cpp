// SPDX-License-Identifier: GPL-3.0-or-later
#include "router.h"

#include "api_error.h"
#include "idempotency.h"

#include <QCoreApplication>

#include <stdexcept>

namespace sotay::server {
namespace {

QStringList segmentsOf(const QString& path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool matches(const QStringList& pattern, const QStringList& path, QHash<QString, QString>* parameters)
{
    if (pattern.size() != path.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString& part = pattern[i];
        if (part.startsWith(u'{') && part.endsWith(u'}'))
            found.insert(part.mid(1, part.size() - 2), path[i]);
        else if (part != path[i])
            return false;
    }
    if (parameters)
        *parameters = std::move(found);
    return true;
}

} // namespace

void Router::add(const QString& method, const QString& pattern, Handler handler, Access access,
    std::optional<Replay> replay)
{
    if (method == u"POST" && access == Access::SignedIn && !replay)
        throw std::logic_error("POST " + pattern.toStdString() + " does not say how it is replayed");
    m_routes.append({ method, segmentsOf(pattern), std::move(handler), {}, access, std::move(replay) });
}

QStringList Router::routes() const
{
    QStringList all;
    for (const Route& route : m_routes)
        all.append(route.method + QStringLiteral(" /") + route.segments.join(u'/'));
    return all;
}

void Router::addPrepared(
    const QString& method, const QString& pattern, PreparedHandler handler, Replay replay)
{
    m_routes.append(
        { method, segmentsOf(pattern), {}, std::move(handler), Access::SignedIn, std::move(replay) });
}

ApiResponse Router::run(const Route& route, const ApiRequest& request)
{
    return route.prepared ? route.prepared(request)() : route.handler(request);
}

ApiResponse Router::dispatch(ApiRequest& request, const Authenticator& authenticate) const
{
    const QStringList path = segmentsOf(request.path);
    bool pathKnown = false;
    for (const auto& route : m_routes) {
        QHash<QString, QString> parameters;
        if (!matches(route.segments, path, &parameters))
            continue;
        pathKnown = true;
        if (route.method != request.method)
            continue;
        request.pathParameters = std::move(parameters);
        if (route.access == Access::Public)
            return route.handler(request);
        authenticate(request);
        if (!route.replay)
            return run(route, request);
        if (!route.replay->isKept()) {
            if (!request.header(QStringLiteral("idempotency-key")).isEmpty()) {
                const QString message = QCoreApplication::translate("ApiError",
                    "Yêu cầu này không nhận Idempotency-Key: câu trả lời của nó không được lưu lại để gửi "
                    "lại.");
                throw ApiError::badRequest(message, { { QStringLiteral("Idempotency-Key"), message } });
            }
            return run(route, request);
        }
        return runIdempotent(
            request,
            route.prepared
                ? route.prepared
                : [&route](const ApiRequest& r) { return Write([&route, &r] { return route.handler(r); }); },
            route.replay->check());
    }
    // Nothing under /api/ is described to a caller who has not signed in, not even which paths exist.
    if (request.path.startsWith(QStringLiteral("/api/")) && !request.principal)
        authenticate(request);
    if (pathKnown)
        throw ApiError::methodNotAllowed();
    throw ApiError::notFound(
        QCoreApplication::translate("ApiError", "Không có địa chỉ %1.").arg(request.path));
}

} // namespace sotay::server
