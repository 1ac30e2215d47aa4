// SPDX-License-Identifier: GPL-3.0-or-later
#include "change_routes.h"

#include "auth_routes.h"
#include "member/member_json.h"
#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

struct FeedRow {
    qint64 seq = 0;
    QString entity;
    qint64 id = 0;
    QString path;
};

// The object as it is now if the caller may still see it; nothing when it has left the caller's scope.
std::optional<QJsonObject> currentObject(const ApiRequest& request, const FeedRow& row)
{
    const Principal& caller = request.caller();
    // A missing object is gone for the client too; a failing database is an error, never a removal.
    const auto present = [](const auto& result) {
        if (!result && result.error().code != ErrorCode::NotFound)
            throw ApiError::fromError(result.error());
        return result.ok();
    };
    if (row.entity == u"org_unit") {
        auto unit = OrgRepository(request.db).find(row.id);
        if (!present(unit) || !covers(caller, unit->path))
            return std::nullopt;
        return toJson(*unit);
    }
    if (row.entity == u"member") {
        auto member = MemberRepository(request.db).find(row.id);
        if (!present(member))
            return std::nullopt;
        const bool own = caller.user.memberId == member->id;
        if (caller.user.role == Role::Member ? !own : !covers(caller, unitPath(request, member->orgUnitId)))
            return std::nullopt;
        return toJson(*member, own || seesSensitiveFields(caller.user.role));
    }
    if (row.entity == u"user") {
        UserRepository users(request.db);
        auto user = users.find(row.id);
        if (!present(user) || caller.user.role == Role::Secretary || caller.user.role == Role::Member)
            return std::nullopt;
        const QString scope = orThrow(users.scopePath(*user));
        if (caller.user.role != Role::Admin && (scope.isEmpty() || !covers(caller, scope)))
            return std::nullopt;
        return userJson(*user);
    }
    return std::nullopt;
}

} // namespace

void addChangeRoutes(Router& router, Services&)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/changes"), [](const ApiRequest& request) {
        allowQuery(request, { "since", "limit" });
        const Principal& caller = request.caller();
        bool ok = true;
        const qint64 since = request.query.hasQueryItem(QStringLiteral("since"))
            ? request.query.queryItemValue(QStringLiteral("since")).toLongLong(&ok)
            : 0;
        if (!ok || since < 0) {
            const QString message
                = QCoreApplication::translate("ApiError", "Tham số since phải là số nguyên không âm.");
            throw ApiError::badRequest(message, { { QStringLiteral("since"), message } });
        }
        const int limit = queryInt(request, QStringLiteral("limit"), 500, 1, 1000);

        QString statement
            = QStringLiteral("SELECT seq, entity, entity_id, path, old_path FROM change_feed WHERE seq > ?");
        QVariantList values { since };
        if (caller.user.role != Role::Admin) {
            const QString end = subtreeEnd(caller.scopePath);
            const QString inScope
                = QStringLiteral("((path >= ? AND path < ?) OR (old_path >= ? AND old_path < ?))");
            values << caller.scopePath << end << caller.scopePath << end;
            if (caller.user.role == Role::Member) {
                // The units of the member's subtree, and the member's own record wherever it has been.
                statement += QStringLiteral(" AND ((entity = 'org_unit' AND ") + inScope
                    + QStringLiteral(") OR (entity = 'member' AND entity_id = ?))");
                values << caller.user.memberId.value_or(0);
            } else {
                statement += QStringLiteral(" AND ") + inScope;
                if (caller.user.role == Role::Secretary)
                    statement += QStringLiteral(" AND entity <> 'user'");
            }
        }
        statement += QStringLiteral(" ORDER BY seq LIMIT ?");
        values << limit + 1;

        auto query = orThrow(sql::exec(request.db, statement, values));
        QList<FeedRow> rows;
        while (query.next())
            rows.append({ query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong(),
                query.value(3).toString() });
        query.finish();
        const bool more = rows.size() > limit;
        if (more)
            rows.removeLast();

        QJsonArray items;
        for (const auto& row : rows) {
            QJsonObject item { { QStringLiteral("seq"), row.seq }, { QStringLiteral("entity"), row.entity },
                { QStringLiteral("id"), row.id } };
            if (const auto object = currentObject(request, row)) {
                item.insert(QStringLiteral("change"), QStringLiteral("upsert"));
                item.insert(QStringLiteral("data"), *object);
            } else {
                item.insert(QStringLiteral("change"), QStringLiteral("removed"));
            }
            items.append(item);
        }
        return ApiResponse::json({ { QStringLiteral("items"), items },
            { QStringLiteral("next"), rows.isEmpty() ? since : rows.back().seq },
            { QStringLiteral("more"), more } });
    });
}

} // namespace sotay::server
