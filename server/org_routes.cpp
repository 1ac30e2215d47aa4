// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_routes.h"

#include "core/json_reader.h"
#include "org/org_json.h"
#include "store/org_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

QJsonObject unitWithCount(const ApiRequest& request, const OrgUnit& unit)
{
    QJsonObject json = toJson(unit);
    json.insert(QStringLiteral("memberCount"), orThrow(OrgRepository(request.db).memberCount(unit.id)));
    return json;
}

QJsonObject list(const QList<OrgUnit>& units)
{
    QJsonArray items;
    for (const auto& unit : units)
        items.append(toJson(unit));
    return { { QStringLiteral("items"), items } };
}

void throwIfInvalid(JsonReader& in)
{
    if (auto errors = in.finish(); !errors.isEmpty())
        throw ApiError::badRequest(
            QCoreApplication::translate(
                "ApiError", "Dữ liệu gửi lên chưa hợp lệ ở %n trường.", nullptr, int(errors.size())),
            errors);
}

// Tree operations are the Organisation Commission's work: administrators, and officers inside their subtree.
void requireTreeWriter(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer });
}

// A kept answer carries a unit: replayed only to a caller who may still rework the tree and see that unit.
Replay replayOfUnit()
{
    return Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
        requireTreeWriter(request);
        visibleUnit(request, answer.value(QStringLiteral("id")).toInteger());
    });
}

// An officer may not rework the unit at the top of their own scope: that is the level above's decision.
void requireBelowScopeRoot(const ApiRequest& request, const OrgUnit& unit)
{
    if (request.caller().user.role != Role::Admin && unit.path == request.caller().scopePath)
        throw ApiError::forbidden(QCoreApplication::translate(
            "ApiError", "Chỉ cấp trên mới thay đổi được tổ chức đảng đứng đầu phạm vi của bạn."));
}

// If-Match, when the client sent one: required for PATCH, optional for the tree operations.
std::optional<qint64> optionalVersion(const ApiRequest& request)
{
    if (request.header(QStringLiteral("if-match")).isEmpty())
        return std::nullopt;
    return expectedVersion(request);
}

// A conflict that is a stale version answers 412 with the unit as it is now, if the caller may still see
// it (a unit moved out of the caller's scope meanwhile answers as any unit out of scope does); anything else
// as usual.
OrgUnit orStale(
    const ApiRequest& request, Result<OrgUnit> result, qint64 unitId, std::optional<qint64> version)
{
    if (!result && result.error().code == ErrorCode::Conflict && version) {
        const OrgUnit current = visibleUnit(request, unitId);
        if (current.version != *version)
            throw ApiError::preconditionFailed(result.error().message)
                .with(QStringLiteral("currentVersion"), current.version)
                .with(QStringLiteral("current"), toJson(current));
    }
    return orThrow(std::move(result));
}

Decision readDecision(JsonReader& in)
{
    Decision decision;
    in.required({ "decisionNumber", "effectiveOn" });
    in.text("decisionNumber", decision.number, 60);
    in.date("effectiveOn", decision.effectiveOn);
    return decision;
}

} // namespace

void addOrgRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/orgs/{id}"), [](const ApiRequest& request) {
        allowQuery(request, {});
        return ApiResponse::json(unitWithCount(request, visibleUnit(request, pathId(request))));
    });

    // loại hình cơ sở: a short list, read by replicas along with the tree's history.
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/org-categories"), [](const ApiRequest& request) {
            allowQuery(request, {});
            QJsonArray items;
            for (const OrgCategory& category : orThrow(OrgRepository(request.db).categories()))
                items.append(QJsonObject { { QStringLiteral("id"), category.id },
                    { QStringLiteral("code"), category.code }, { QStringLiteral("name"), category.name },
                    { QStringLiteral("active"), category.active } });
            return ApiResponse::json({ { QStringLiteral("items"), items } });
        });

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/orgs"), [](const ApiRequest& request) {
        allowQuery(request, { "parent", "q", "limit" });
        OrgRepository repo(request.db);
        const Principal& caller = request.caller();
        if (request.query.hasQueryItem(QStringLiteral("q"))
            && request.query.hasQueryItem(QStringLiteral("parent"))) {
            const QString message
                = QCoreApplication::translate("ApiError", "Chỉ dùng một trong hai tham số parent và q.");
            throw ApiError::badRequest(message, { { QStringLiteral("parent"), message } });
        }
        if (request.query.hasQueryItem(QStringLiteral("q"))) {
            const int limit = queryInt(request, QStringLiteral("limit"), 50, 1, 500);
            return ApiResponse::json(list(
                orThrow(repo.search(request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
                    caller.scopePath, limit))));
        }
        const QString parent = request.query.queryItemValue(QStringLiteral("parent"));
        if (parent.isEmpty()) {
            const QString message = QCoreApplication::translate("ApiError", "Cần tham số parent hoặc q.");
            throw ApiError::badRequest(message, { { QStringLiteral("parent"), message } });
        }
        if (parent == u"root") {
            // The root of what the caller may see: the province for an administrator, the scope unit
            // otherwise.
            if (caller.user.role == Role::Admin) {
                const auto root = orThrow(repo.root());
                return ApiResponse::json(list(root ? QList<OrgUnit> { *root } : QList<OrgUnit> {}));
            }
            return ApiResponse::json(list({ visibleUnit(request, caller.user.scopeOrgId.value_or(0)) }));
        }
        bool ok = false;
        const qint64 parentId = parent.toLongLong(&ok);
        if (!ok) {
            const QString message = QCoreApplication::translate(
                "ApiError", "Tham số parent phải là mã số tổ chức đảng hoặc root.");
            throw ApiError::badRequest(message, { { QStringLiteral("parent"), message } });
        }
        const OrgUnit unit = visibleUnit(request, parentId);
        return ApiResponse::json(list(orThrow(repo.children(unit.id))));
    });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/orgs"),
        [&services](const ApiRequest& request) {
            requireTreeWriter(request);
            JsonReader in(bodyObject(request));
            NewOrgUnit unit;
            in.required({ "kind", "code", "name" });
            in.optionalId("parentId", unit.parentId);
            in.code("kind", unit.kind, orgKindFromCode);
            in.optionalId("categoryId", unit.categoryId);
            in.text("code", unit.code, 40);
            in.text("name", unit.name, 200);
            const Decision decision = readDecision(in);
            throwIfInvalid(in);
            if (unit.parentId)
                visibleUnit(request, *unit.parentId);
            else
                requireRole(request.caller(), { Role::Admin }); // only the province itself has no parent
            const OrgUnit created
                = orThrow(OrgRepository(request.db).create(unit, decision, writeContext(request, services)));
            return ApiResponse::json(toJson(created), 201);
        },
        Access::SignedIn, replayOfUnit());

    router.add(
        QStringLiteral("PATCH"), QStringLiteral("/api/v1/orgs/{id}"),
        [&services](const ApiRequest& request) {
            requireTreeWriter(request);
            const OrgUnit unit = visibleUnit(request, pathId(request));
            const qint64 version = expectedVersion(request);
            JsonReader in(bodyObject(request));
            QString name;
            in.required({ "name" });
            in.text("name", name, 200);
            const Decision decision = readDecision(in);
            throwIfInvalid(in);
            requireBelowScopeRoot(request, unit);
            return ApiResponse::json(toJson(orStale(request,
                OrgRepository(request.db)
                    .rename(unit.id, name, decision, writeContext(request, services), version),
                unit.id, version)));
        },
        Access::SignedIn, replayOfUnit());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/orgs/{id}/move"),
        [&services](const ApiRequest& request) {
            requireTreeWriter(request);
            const OrgUnit unit = visibleUnit(request, pathId(request));
            JsonReader in(bodyObject(request));
            qint64 parentId = 0;
            in.required({ "parentId" });
            in.id("parentId", parentId);
            const Decision decision = readDecision(in);
            throwIfInvalid(in);
            requireBelowScopeRoot(request, unit);
            visibleUnit(request, parentId);
            const auto version = optionalVersion(request);
            return ApiResponse::json(toJson(orStale(request,
                OrgRepository(request.db)
                    .move(unit.id, parentId, decision, writeContext(request, services), version),
                unit.id, version)));
        },
        Access::SignedIn, replayOfUnit());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/orgs/{id}/merge"),
        [&services](const ApiRequest& request) {
            requireTreeWriter(request);
            const OrgUnit unit = visibleUnit(request, pathId(request));
            JsonReader in(bodyObject(request));
            qint64 targetId = 0;
            in.required({ "targetId" });
            in.id("targetId", targetId);
            const Decision decision = readDecision(in);
            throwIfInvalid(in);
            requireBelowScopeRoot(request, unit);
            visibleUnit(request, targetId);
            const auto version = optionalVersion(request);
            return ApiResponse::json(toJson(orStale(request,
                OrgRepository(request.db)
                    .merge(unit.id, targetId, decision, writeContext(request, services), version),
                unit.id, version)));
        },
        Access::SignedIn, replayOfUnit());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/orgs/{id}/dissolve"),
        [&services](const ApiRequest& request) {
            requireTreeWriter(request);
            const OrgUnit unit = visibleUnit(request, pathId(request));
            JsonReader in(bodyObject(request));
            const Decision decision = readDecision(in);
            throwIfInvalid(in);
            requireBelowScopeRoot(request, unit);
            const auto version = optionalVersion(request);
            return ApiResponse::json(toJson(orStale(request,
                OrgRepository(request.db)
                    .dissolve(unit.id, decision, writeContext(request, services), version),
                unit.id, version)));
        },
        Access::SignedIn, replayOfUnit());
}

} // namespace sotay::server
