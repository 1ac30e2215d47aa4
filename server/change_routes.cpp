// SPDX-License-Identifier: GPL-3.0-or-later
#include "change_routes.h"

#include "auth_routes.h"
#include "content/content_json.h"
#include "content_access.h"
#include "meeting_routes.h"
#include "member/member_json.h"
#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/content_repository.h"
#include "store/meeting_repository.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QHash>
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
std::optional<QJsonObject> currentObject(const ApiRequest& request, const FeedRow& row, const QDateTime& now)
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
    if (row.entity == u"meeting") {
        // A cell's meeting: staff whose scope holds the cell now.
        auto meeting = MeetingRepository(request.db).find(row.id);
        if (!present(meeting) || caller.user.role == Role::Member
            || !covers(caller, unitPath(request, meeting->cellId)))
            return std::nullopt;
        return meetingJson(*meeting);
    }
    if (row.entity == u"participation") {
        // A cell's aggregate for a month: staff whose scope holds the cell now (a cell moved away is
        // removed).
        auto figures = ParticipationRepository(request.db).find(row.id);
        if (!present(figures) || caller.user.role == Role::Member
            || !covers(caller, unitPath(request, figures->cellId)))
            return std::nullopt;
        return participationJson(*figures);
    }
    if (row.entity == u"content") {
        auto item = ContentRepository(request.db).find(row.id);
        if (!present(item) || !mayReadContent(caller, *item))
            return std::nullopt;
        return toJson(*item, now);
    }
    return std::nullopt;
}

} // namespace

void addChangeRoutes(Router& router, Services& services)
{
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/changes"), [&services](const ApiRequest& request) {
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

            QString statement = QStringLiteral(
                "SELECT seq, entity, entity_id, path, old_path FROM change_feed WHERE seq > ?");
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
                    // Content also reaches the replicas below the units it is published to
                    // (content_access.h).
                    const QStringList above = ancestorPaths(caller.scopePath);
                    statement += QStringLiteral(" AND (") + inScope;
                    if (!above.isEmpty()) {
                        statement += QStringLiteral(" OR (entity = 'content_audience' AND path IN (")
                            + sql::placeholders(above.size()) + QStringLiteral("))");
                        values += QVariantList(above.begin(), above.end());
                    }
                    statement += QStringLiteral(")");
                    if (caller.user.role == Role::Secretary)
                        statement += QStringLiteral(" AND entity <> 'user'");
                }
            }
            statement += QStringLiteral(" ORDER BY seq LIMIT ?");
            values << limit + 1;

            auto query = orThrow(sql::exec(request.db, statement, values));
            QList<FeedRow> rows;
            while (query.next())
                rows.append({ query.value(0).toLongLong(),
                    // An item's rows at its audience's units (change_recorder.h) stand for the item.
                    query.value(1).toString() == u"content_audience" ? QStringLiteral("content")
                                                                     : query.value(1).toString(),
                    query.value(2).toLongLong(), query.value(3).toString() });
            query.finish();
            const bool more = rows.size() > limit;
            if (more)
                rows.removeLast();

            // An item of content writes a row at its author's unit and one per audience unit: the page names
            // it once, at its last row (the data is the item as it is now either way).
            QHash<qint64, qsizetype> lastContentRow;
            for (qsizetype i = 0; i < rows.size(); ++i)
                if (rows[i].entity == u"content")
                    lastContentRow.insert(rows[i].id, i);
            QJsonArray items;
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const FeedRow& row = rows[i];
                if (row.entity == u"content" && lastContentRow.value(row.id) != i)
                    continue;
                QJsonObject item { { QStringLiteral("seq"), row.seq },
                    { QStringLiteral("entity"), row.entity }, { QStringLiteral("id"), row.id } };
                if (const auto object = currentObject(request, row, services.clock())) {
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
