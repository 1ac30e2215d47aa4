// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_routes.h"

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "member/member_json.h"
#include "member_json_cache.h"
#include "roster_cache.h"
#include "store/member_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

QJsonObject memberFor(const ApiRequest& request, const Member& member)
{
    const Principal& caller = request.caller();
    const bool own = caller.user.memberId == member.id;
    return toJson(member, own || seesSensitiveFields(caller.user.role));
}

void requireRosterWriter(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer });
}

// A kept answer carries a member's record: replayed only to a caller who may still write rosters and see it.
Replay replayOfMember()
{
    return Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
        requireRosterWriter(request);
        visibleMember(request, answer.value(QStringLiteral("id")).toInteger());
    });
}

// A stale write answers 412 with the record as it is now, if the caller may still see it: a record that
// has left the caller's scope meanwhile answers as any record out of scope does.
template <typename T> T orPrecondition(const ApiRequest& request, Result<T> result, qint64 memberId)
{
    if (!result && result.error().code == ErrorCode::Conflict) {
        const Member current = visibleMember(request, memberId);
        throw ApiError::preconditionFailed(result.error().message)
            .with(QStringLiteral("currentVersion"), current.version)
            .with(QStringLiteral("current"), memberFor(request, current));
    }
    return orThrow(std::move(result));
}

std::optional<bool> parseBool(const QString& text)
{
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return std::nullopt;
}

// Closes {"items": [...] with the cursor of the next page (null on the last).
ApiResponse endRosterPage(JsonWriter& out, const QString& next)
{
    out.endArray();
    if (next.isEmpty())
        out.key("next").null();
    else
        out.key("next").string(next);
    out.endObject();
    return ApiResponse::text(out.bytes());
}

// A roster page from the kept order and the kept JSON of its members: only the members whose version moved
// since they were last written are read in full.
ApiResponse keptRosterPage(
    const ApiRequest& request, const MemberQuery& query, const QString& unitPath, Services& services)
{
    const RosterCache::Page page
        = orThrow(services.rosters->page(request.db, query, unitPath, request.counters->lastChange));
    const Principal& caller = request.caller();
    const bool seesSensitive = seesSensitiveFields(caller.user.role);
    QList<MemberJsonCache::Key> keys;
    keys.reserve(page.ids.size());
    for (qsizetype i = 0; i < page.ids.size(); ++i)
        keys.append({ page.ids[i], page.versions[i], seesSensitive || caller.user.memberId == page.ids[i] });
    QList<std::optional<QByteArray>> texts = services.memberJson->find(keys);

    QList<qint64> missing;
    for (qsizetype i = 0; i < keys.size(); ++i)
        if (!texts[i])
            missing.append(keys[i].id);
    if (!missing.isEmpty()) {
        const MemberRepository members(request.db);
        QHash<qint64, qsizetype> positions;
        for (qsizetype i = 0; i < keys.size(); ++i)
            positions.insert(keys[i].id, i);
        for (const Member& member : orThrow(members.findMany(missing))) {
            const qsizetype i = positions.value(member.id);
            JsonWriter one(1024);
            writeJson(one, member, keys[i].sensitive);
            texts[i] = one.bytes();
            services.memberJson->keep({ member.id, member.version, keys[i].sensitive }, *texts[i]);
        }
    }

    JsonWriter out(static_cast<std::size_t>(page.ids.size()) * 1024 + 256);
    out.beginObject();
    out.key("items").beginArray();
    for (const auto& text : texts)
        if (text) // a member gone between the order and the read is left out
            out.raw(*text);
    return endRosterPage(out, page.next);
}

} // namespace

void addMemberRoutes(Router& router, Services& services)
{
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/members"), [&services](const ApiRequest& request) {
            requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
            allowQuery(request, { "org", "subtree", "q", "status", "limit", "after", "includeLeft" });
            MemberQuery query;
            QList<FieldError> errors;
            bool ok = false;
            query.orgUnitId = request.query.queryItemValue(QStringLiteral("org")).toLongLong(&ok);
            if (!ok)
                errors.append({ QStringLiteral("org"),
                    QCoreApplication::translate("ApiError", "Cần mã số tổ chức đảng.") });
            for (const auto& [name, target] : { std::pair { QStringLiteral("subtree"), &query.subtree },
                     std::pair { QStringLiteral("includeLeft"), &query.includeLeft } }) {
                if (!request.query.hasQueryItem(name))
                    continue;
                if (const auto value = parseBool(request.query.queryItemValue(name)))
                    *target = *value;
                else
                    errors.append({ name, QCoreApplication::translate("ApiError", "Cần true hoặc false.") });
            }
            if (request.query.hasQueryItem(QStringLiteral("status"))) {
                query.status = memberStatusFromCode(request.query.queryItemValue(QStringLiteral("status")));
                if (!query.status)
                    errors.append({ QStringLiteral("status"),
                        QCoreApplication::translate(
                            "ApiError", "Trạng thái phải là probationary hoặc official.") });
            }
            if (!errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            query.limit = queryInt(request, QStringLiteral("limit"), 50, 1, 500);
            query.text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
            query.after = request.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded);
            const QString unitPath = visibleUnitPath(request, query.orgUnitId, services.unitPaths);
            // The counters are read whenever the server keeps things (ServerConfig::cache).
            if (services.rosters && services.memberJson && request.counters)
                return keptRosterPage(request, query, unitPath, services);

            const MemberPage page = orThrow(MemberRepository(request.db).list(query));
            const Principal& caller = request.caller();
            JsonWriter out(static_cast<std::size_t>(page.members.size()) * 1024 + 256);
            out.beginObject();
            out.key("items").beginArray();
            for (const auto& member : page.members)
                writeJson(
                    out, member, caller.user.memberId == member.id || seesSensitiveFields(caller.user.role));
            return endRosterPage(out, page.next);
        });

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/members/{id}"), [](const ApiRequest& request) {
        allowQuery(request, {});
        return ApiResponse::json(memberFor(request, visibleMember(request, pathId(request))));
    });

    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/members/{id}/events"), [](const ApiRequest& request) {
            allowQuery(request, {});
            const Member member = visibleMember(request, pathId(request));
            QJsonArray items;
            for (const auto& event : orThrow(MemberRepository(request.db).events(member.id)))
                items.append(toJson(event));
            return ApiResponse::json({ { QStringLiteral("items"), items } });
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/members"),
        [&services](const ApiRequest& request) {
            requireRosterWriter(request);
            QJsonObject body = bodyObject(request);
            const QJsonValue arrivalJson = body.take(QStringLiteral("arrival"));
            const Member member = orThrow(memberFromJson(body, Member {}, true));
            MemberEvent arrival { 0, 0, MemberEventType::Admission, member.admittedOn, {}, true, {}, {}, {} };
            if (!arrivalJson.isUndefined()) {
                if (!arrivalJson.isObject())
                    throw ApiError::badRequest(QCoreApplication::translate("ApiError", "Kiểu dữ liệu sai."),
                        { { QStringLiteral("arrival"),
                            QCoreApplication::translate("ApiError", "Cần một đối tượng JSON.") } });
                auto parsed = memberEventFromJson(arrivalJson.toObject());
                if (!parsed) {
                    QList<FieldError> fields;
                    for (const auto& field : parsed.error().fields)
                        fields.append({ QStringLiteral("arrival.") + field.field, field.message });
                    throw ApiError::badRequest(parsed.error().message, fields);
                }
                arrival = *parsed;
            }
            visibleUnit(request, member.orgUnitId);
            const Member created = orThrow(
                MemberRepository(request.db).create(member, arrival, writeContext(request, services)));
            return ApiResponse::json(memberFor(request, created), 201);
        },
        Access::SignedIn, replayOfMember());

    router.add(
        QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/{id}"),
        [&services](const ApiRequest& request) {
            requireRosterWriter(request);
            const Member current = visibleMember(request, pathId(request));
            const qint64 version = expectedVersion(request);
            const Member next = orThrow(memberFromJson(bodyObject(request), current, false));
            return ApiResponse::json(memberFor(request,
                orPrecondition(request,
                    MemberRepository(request.db).update(next, version, writeContext(request, services)),
                    current.id)));
        },
        Access::SignedIn, replayOfMember());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/members/{id}/events"),
        [&services](const ApiRequest& request) {
            requireRosterWriter(request);
            const Member current = visibleMember(request, pathId(request));
            const MemberEvent event = orThrow(memberEventFromJson(bodyObject(request)));
            if (event.toOrgUnitId && request.caller().user.role != Role::Admin)
                visibleUnit(request, *event.toOrgUnitId);
            std::optional<qint64> version;
            if (!request.header(QStringLiteral("if-match")).isEmpty())
                version = expectedVersion(request);
            const Member after = orPrecondition(request,
                MemberRepository(request.db)
                    .recordEvent(current.id, event, version, writeContext(request, services)),
                current.id);
            return ApiResponse::json(memberFor(request, after), 201);
        },
        Access::SignedIn, replayOfMember());
}

} // namespace sotay::server
