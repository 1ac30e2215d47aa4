// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_routes.h"

#include "content/content_json.h"
#include "member/member_json.h"
#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/content_repository.h"
#include "store/member_columns.h"
#include "store/org_columns.h"
#include "store/participation_repository.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <tuple>

namespace sotay::server {
namespace {

// A page after `after` (exclusive) of at most `limit` rows; `next` is the last id, `more` says whether to go
// on.
QJsonObject pageJson(QJsonArray items, qint64 lastId, bool more)
{
    return { { QStringLiteral("items"), items }, { QStringLiteral("next"), lastId },
        { QStringLiteral("more"), more } };
}

// Up to `limit` rows of `query`, which asks for one row more to learn whether another page follows. `toItem`
// makes a row into its id and its JSON.
template <typename Query, typename ToItem>
QJsonObject pageOf(Query& query, int limit, qint64 after, const ToItem& toItem)
{
    QJsonArray items;
    qint64 last = after;
    for (int count = 0; query.next();) {
        if (++count > limit)
            return pageJson(items, last, true);
        const std::pair<qint64, QJsonObject> item = toItem(query);
        items.append(item.second);
        last = item.first;
    }
    return pageJson(items, last, false);
}

qint64 afterParameter(const ApiRequest& request)
{
    bool ok = true;
    const qint64 after = request.query.hasQueryItem(QStringLiteral("after"))
        ? request.query.queryItemValue(QStringLiteral("after")).toLongLong(&ok)
        : 0;
    if (!ok || after < 0) {
        const QString message
            = QCoreApplication::translate("ApiError", "Tham số after phải là số nguyên không âm.");
        throw ApiError::badRequest(message, { { QStringLiteral("after"), message } });
    }
    return after;
}

// The scope as a path range; the whole tree for an administrator.
std::pair<QString, QString> scopeRange(const Principal& caller)
{
    if (caller.user.role == Role::Admin)
        return { QStringLiteral("/"), QStringLiteral("0") };
    return { caller.scopePath, subtreeEnd(caller.scopePath) };
}

// What every page of the first download asks: staff roles only, `after` and `limit`, and the caller's scope
// as a path range.
struct SyncPage {
    qint64 after = 0;
    int limit = 0;
    QString from;
    QString to;
};

SyncPage syncPage(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
    allowQuery(request, { "after", "limit" });
    SyncPage asked;
    asked.after = afterParameter(request);
    asked.limit = queryInt(request, QStringLiteral("limit"), 1000, 1, 5000);
    std::tie(asked.from, asked.to) = scopeRange(request.caller());
    return asked;
}

// What a replica of the caller's scope holds of the published content: everything for an administrator.
ContentQuery contentScope(const ApiRequest& request, const Services& services)
{
    ContentQuery query;
    const Principal& caller = request.caller();
    query.scopePath = caller.user.role == Role::Admin ? QString() : caller.scopePath;
    if (caller.user.role != Role::Admin && query.scopePath.isEmpty())
        throw notVisible(); // an account without a unit holds nothing (an empty scope would mean everything)
    query.now = services.clock();
    return query;
}

} // namespace

void addSyncRoutes(Router& router, Services& services)
{
    // Only the roles that may download a replica: a member's handbook follows /api/v1/changes alone.
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/sync/head"), [&services](const ApiRequest& request) {
            requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
            allowQuery(request, {});
            auto query = orThrow(
                sql::exec(request.db, QStringLiteral("SELECT last_seq FROM change_counter WHERE id = 1")));
            QJsonObject head { { QStringLiteral("seq"), query.next() ? query.value(0).toLongLong() : 0 } };
            // How much the first download will bring, so that a console can show "n of N". Read after the
            // sequence: writes in between make it a close estimate.
            const auto [from, to] = scopeRange(request.caller());
            auto units = orThrow(sql::execCached(request.db,
                QStringLiteral(
                    "SELECT COUNT(*) FROM org_unit WHERE path >= ? AND path < ? AND valid_to IS NULL"),
                { from, to }));
            head.insert(QStringLiteral("units"), units.next() ? units.value(0).toLongLong() : 0);
            auto members = orThrow(sql::execCached(request.db,
                QStringLiteral("SELECT COUNT(*) FROM member m JOIN org_unit u ON u.id = m.org_unit_id WHERE "
                               "u.path >= ? AND u.path < ? AND m.left_reason IS NULL"),
                { from, to }));
            head.insert(QStringLiteral("members"), members.next() ? members.value(0).toLongLong() : 0);
            auto aggregates = orThrow(sql::execCached(request.db,
                QStringLiteral(
                    "SELECT COUNT(*) FROM participation_month p JOIN org_unit o ON o.id = p.cell_id WHERE "
                    "o.path >= ? AND o.path < ?"),
                { from, to }));
            head.insert(
                QStringLiteral("participation"), aggregates.next() ? aggregates.value(0).toLongLong() : 0);
            head.insert(QStringLiteral("content"),
                orThrow(ContentRepository(request.db).count(contentScope(request, services))));
            return ApiResponse::json(head);
        });

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/sync/orgs"), [](const ApiRequest& request) {
        const SyncPage page = syncPage(request);
        auto query = orThrow(sql::execCached(request.db,
            QStringLiteral("SELECT ") + kOrgUnitColumns
                + QStringLiteral(
                    " FROM org_unit WHERE id > ? AND path >= ? AND path < ? AND valid_to IS NULL ORDER BY id "
                    "LIMIT ?"),
            { page.after, page.from, page.to, page.limit + 1 }));
        return ApiResponse::json(pageOf(query, page.limit, page.after, [](const auto& row) {
            const OrgUnit unit = readOrgUnit(row);
            return std::pair { unit.id, toJson(unit) };
        }));
    });

    // The tree's history (one row per interval in which a unit stood unchanged), for "the tree as of a day"
    // in the console: the periods of the units now in scope and those that lay in the scope's range then.
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/sync/periods"), [](const ApiRequest& request) {
        const SyncPage page = syncPage(request);
        auto query = orThrow(sql::execCached(request.db,
            QStringLiteral(
                "SELECT p.id, p.unit_id, p.parent_id, p.kind, p.category_id, p.code, p.name, p.path, "
                "p.valid_from, "
                "p.valid_to FROM org_unit_period p WHERE p.id > ? AND ((p.path >= ? AND p.path < ?) OR "
                "p.unit_id "
                "IN (SELECT id FROM org_unit WHERE path >= ? AND path < ?)) ORDER BY p.id LIMIT ?"),
            { page.after, page.from, page.to, page.from, page.to, page.limit + 1 }));
        return ApiResponse::json(pageOf(query, page.limit, page.after, [](const auto& row) {
            const qint64 id = row.value(0).toLongLong();
            QJsonObject period { { QStringLiteral("id"), id },
                { QStringLiteral("unitId"), row.value(1).toLongLong() },
                { QStringLiteral("kind"), row.value(3).toString() },
                { QStringLiteral("code"), row.value(5).toString() },
                { QStringLiteral("name"), row.value(6).toString() },
                { QStringLiteral("path"), row.value(7).toString() },
                { QStringLiteral("validFrom"), sql::toDate(row.value(8)).toString(Qt::ISODate) } };
            const auto parentId = sql::toOptionalId(row.value(2));
            period.insert(QStringLiteral("parentId"), parentId ? QJsonValue(*parentId) : QJsonValue());
            const auto categoryId = sql::toOptionalId(row.value(4));
            period.insert(QStringLiteral("categoryId"), categoryId ? QJsonValue(*categoryId) : QJsonValue());
            const QDate validTo = sql::toDate(row.value(9));
            period.insert(QStringLiteral("validTo"),
                validTo.isValid() ? QJsonValue(validTo.toString(Qt::ISODate)) : QJsonValue());
            return std::pair { id, period };
        }));
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/sync/members"), [](const ApiRequest& request) {
        const SyncPage page = syncPage(request);
        auto query = orThrow(sql::execCached(request.db,
            QStringLiteral("SELECT ") + memberSelectColumns(QStringLiteral("m."))
                + QStringLiteral(
                    " FROM member m JOIN org_unit u ON u.id = m.org_unit_id WHERE m.id > ? AND u.path >= ? "
                    "AND u.path < ? AND m.left_reason IS NULL ORDER BY m.id LIMIT ?"),
            { page.after, page.from, page.to, page.limit + 1 }));
        const bool sensitive = seesSensitiveFields(request.caller().user.role);
        JsonWriter out(static_cast<std::size_t>(page.limit) * 1024);
        out.beginObject();
        out.key("items").beginArray();
        qint64 last = page.after;
        int count = 0;
        bool more = false;
        while (query.next()) {
            if (++count > page.limit) {
                more = true;
                break;
            }
            const Member member = readMember(query);
            writeJson(out, member, sensitive);
            last = member.id;
        }
        out.endArray();
        out.key("more").boolean(more);
        out.key("next").integer(last);
        out.endObject();
        return ApiResponse::text(out.bytes());
    });

    // The published content a replica holds (content_access.h), oldest first: after the members in the first
    // download.
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/sync/content"),
        [&services](const ApiRequest& request) {
            requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
            allowQuery(request, { "after", "limit" });
            ContentQuery query = contentScope(request, services);
            query.oldestFirst = true;
            query.after = afterParameter(request);
            query.limit = queryInt(request, QStringLiteral("limit"), 200, 1, 500);
            const ContentPage page = orThrow(ContentRepository(request.db).list(query));
            QJsonArray items;
            for (const ContentItem& item : page.items)
                items.append(toJson(item, query.now));
            return ApiResponse::json(
                pageJson(items, page.items.isEmpty() ? query.after : page.items.back().id, page.next > 0));
        });

    // The participation aggregates of the cells in scope, by id: the first download's last table.
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/sync/participation"), [](const ApiRequest& request) {
            const SyncPage page = syncPage(request);
            auto query = orThrow(sql::execCached(request.db,
                QStringLiteral("SELECT ") + participationColumns()
                    + QStringLiteral(
                        " FROM participation_month p JOIN org_unit o ON o.id = p.cell_id WHERE p.id > ? "
                        "AND o.path >= ? AND o.path < ? ORDER BY p.id LIMIT ?"),
                { page.after, page.from, page.to, page.limit + 1 }));
            return ApiResponse::json(pageOf(query, page.limit, page.after, [](const auto& row) {
                const ParticipationFigures figures = readParticipation(row);
                return std::pair { figures.id, participationJson(figures) };
            }));
        });
}

} // namespace sotay::server
