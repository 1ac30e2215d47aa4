// SPDX-License-Identifier: GPL-3.0-or-later
#include "content_routes.h"

#include "content/content_json.h"
#include "content_access.h"
#include "store/content_repository.h"
#include "store/org_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

void requireStaff(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
}

QJsonObject itemJson(const ContentItem& item, const Services& services)
{
    return toJson(item, services.clock());
}

// A kept answer carries an item: replayed only to staff who may still read it.
Replay replayOfItem()
{
    return Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
        requireStaff(request);
        visibleContent(request, answer.value(QStringLiteral("id")).toInteger());
    });
}

// The unit an author works in: their scope, or the province for an administrator.
std::optional<qint64> authorUnit(const ApiRequest& request)
{
    const Principal& caller = request.caller();
    if (caller.user.scopeOrgId)
        return caller.user.scopeOrgId;
    const auto root = orThrow(OrgRepository(request.db).root());
    return root ? std::optional<qint64>(root->id) : std::nullopt;
}

QDateTime publishTime(const ApiRequest& request, const Services& services)
{
    const QDateTime now = services.clock();
    if (request.body.trimmed().isEmpty())
        return now;
    const QJsonObject body = bodyObject(request);
    QList<FieldError> errors;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"publishAt")
            errors.append({ it.key().left(60),
                QCoreApplication::translate("JsonReader", "Trường không được hỗ trợ.") });
    const QJsonValue value = body.value(QStringLiteral("publishAt"));
    QDateTime at = now;
    if (!value.isUndefined() && !value.isNull()) {
        at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!value.isString() || !at.isValid() || at.timeSpec() == Qt::LocalTime)
            errors.append({ QStringLiteral("publishAt"),
                QCoreApplication::translate("ApiError",
                    "Cần thời điểm đăng dạng ISO 8601 có múi giờ, ví dụ 2026-12-10T08:00:00+07:00.") });
    }
    if (!errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    return at.toUTC();
}

ContentQuery listQuery(const ApiRequest& request, const Services& services)
{
    allowQuery(request, { "kind", "state", "q", "after", "limit" });
    ContentQuery query;
    const Principal& caller = request.caller();
    query.scopePath = caller.user.role == Role::Admin ? QString() : caller.scopePath;
    if (caller.user.role != Role::Admin && query.scopePath.isEmpty())
        throw notVisible(); // an account without a unit sees nothing (an empty scope would mean everything)
    query.now = services.clock();
    QList<FieldError> errors;
    if (request.query.hasQueryItem(QStringLiteral("kind"))) {
        query.kind = contentKindFromCode(request.query.queryItemValue(QStringLiteral("kind")));
        if (!query.kind)
            errors.append({ QStringLiteral("kind"),
                QCoreApplication::translate(
                    "ApiError", "Loại bài phải là news, document, lesson, meeting_topic hoặc guidance.") });
    }
    if (request.query.hasQueryItem(QStringLiteral("state"))) {
        query.state = contentStateFromCode(request.query.queryItemValue(QStringLiteral("state")));
        if (!query.state)
            errors.append({ QStringLiteral("state"),
                QCoreApplication::translate(
                    "ApiError", "Trạng thái phải là draft, scheduled, published hoặc archived.") });
    }
    if (request.query.hasQueryItem(QStringLiteral("after"))) {
        bool ok = false;
        query.before = request.query.queryItemValue(QStringLiteral("after")).toLongLong(&ok);
        if (!ok || query.before < 1)
            errors.append({ QStringLiteral("after"),
                QCoreApplication::translate(
                    "ApiError", "Tham số after phải là mã số của bài cuối trang trước.") });
    }
    if (!errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    query.text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).left(200);
    query.limit = queryInt(request, QStringLiteral("limit"), 50, 1, 200);
    return query;
}

} // namespace

void addContentRoutes(Router& router, Services& services)
{
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/content"), [&services](const ApiRequest& request) {
            requireStaff(request);
            const ContentPage page
                = orThrow(ContentRepository(request.db).list(listQuery(request, services)));
            QJsonArray items;
            for (const ContentItem& item : page.items)
                items.append(itemJson(item, services));
            return ApiResponse::json({ { QStringLiteral("items"), items },
                { QStringLiteral("next"),
                    page.next > 0 ? QJsonValue(QString::number(page.next)) : QJsonValue() } });
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/content"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            ContentItem item = orThrow(contentFromJson(bodyObject(request), ContentItem {}, true));
            checkAudienceFor(request, item.audience);
            item.authorUserId = request.caller().user.id;
            item.authorOrgId = authorUnit(request);
            const ContentItem created
                = orThrow(ContentRepository(request.db).create(item, writeContext(request, services)));
            return ApiResponse::json(itemJson(created, services), 201);
        },
        Access::SignedIn, replayOfItem());

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/content/{id}"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            allowQuery(request, {});
            return ApiResponse::json(itemJson(visibleContent(request, pathId(request)), services));
        });

    router.add(
        QStringLiteral("PATCH"), QStringLiteral("/api/v1/content/{id}"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const ContentItem current = writableContent(request, pathId(request));
            const qint64 version = expectedVersion(request);
            const ContentItem next = orThrow(contentFromJson(bodyObject(request), current, false));
            if (next.audience != current.audience)
                checkAudienceFor(request, next.audience);
            return ApiResponse::json(itemJson(
                orStaleContent(request, services.clock(),
                    ContentRepository(request.db).update(next, version, writeContext(request, services)),
                    current.id),
                services));
        },
        Access::SignedIn, replayOfItem());

    router.add(QStringLiteral("DELETE"), QStringLiteral("/api/v1/content/{id}"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const ContentItem current = writableContent(request, pathId(request));
            const qint64 version = expectedVersion(request);
            orStaleContent(request, services.clock(),
                ContentRepository(request.db).remove(current.id, version, writeContext(request, services)),
                current.id);
            return ApiResponse { 204, {}, {}, {} };
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/content/{id}/publish"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const ContentItem current = writableContent(request, pathId(request));
            const qint64 version = expectedVersion(request);
            const QDateTime at = publishTime(request, services);
            return ApiResponse::json(
                itemJson(orStaleContent(request, services.clock(),
                             ContentRepository(request.db)
                                 .publish(current.id, at, version, writeContext(request, services)),
                             current.id),
                    services));
        },
        Access::SignedIn, replayOfItem());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/content/{id}/archive"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const ContentItem current = writableContent(request, pathId(request));
            const qint64 version = expectedVersion(request);
            if (!request.body.trimmed().isEmpty() && !bodyObject(request).isEmpty())
                throw ApiError::badRequest(
                    QCoreApplication::translate("ApiError", "Yêu cầu này không nhận nội dung."));
            return ApiResponse::json(
                itemJson(orStaleContent(request, services.clock(),
                             ContentRepository(request.db)
                                 .archive(current.id, version, writeContext(request, services)),
                             current.id),
                    services));
        },
        Access::SignedIn, replayOfItem());
}

} // namespace sotay::server
