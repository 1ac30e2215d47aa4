// SPDX-License-Identifier: GPL-3.0-or-later
#include "me_routes.h"

#include "attachment_routes.h"
#include "content/content_json.h"
#include "content/quiz_grading.h"
#include "core/json_reader.h"
#include "meeting_routes.h"
#include "member_content_cache.h"
#include "org/org_rules.h"
#include "store/content_repository.h"
#include "store/meeting_repository.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace sotay::server {
namespace {

// The member behind the account and the cell where they take part (a temporary stay's, while there is one).
struct Self {
    qint64 memberId = 0;
    qint64 cellId = 0; // where the member takes part: the cell of a temporary stay while there is one
    QString cellPath;
};

// The member the session belongs to, on the roster, with their cell: one read, cached per connection (every
// request of the handbook app starts here).
Self self(const ApiRequest& request)
{
    const Principal& caller = request.caller();
    if (!caller.user.memberId)
        throw ApiError::forbidden(QCoreApplication::translate("ApiError",
            "Tài khoản này không gắn với hồ sơ đảng viên nào, nên không có Sổ tay của đảng viên."));
    auto row = orThrow(sql::execCached(request.db,
        QStringLiteral(
            "SELECT m.left_reason, o.id, o.path FROM member m JOIN org_unit o ON o.id = CASE WHEN "
            "m.temporary_org_unit_id > 0 THEN m.temporary_org_unit_id ELSE m.org_unit_id END WHERE "
            "m.id = ?"),
        { *caller.user.memberId }));
    if (!row.next())
        throw notVisible();
    if (!row.value(0).isNull())
        throw ApiError::forbidden(QCoreApplication::translate(
            "ApiError", "Hồ sơ đảng viên của tài khoản này không còn trong danh sách sinh hoạt."));
    return { *caller.user.memberId, row.value(1).toLongLong(), row.value(2).toString() };
}

// Published by now to the member's cell or a unit above it.
bool reaches(const ContentItem& item, const Self& me, const QDateTime& now)
{
    if (item.stateAt(now) != ContentState::Published)
        return false;
    return std::any_of(item.audiencePaths.begin(), item.audiencePaths.end(),
        [&](const QString& path) { return isInSubtree(me.cellPath, path); });
}

// What this process keeps of the members' content, and the content generation the request read at its start
// (a change committed since makes a newer one); no cache when the server keeps nothing between requests.
struct KeptContent {
    MemberContentCache* cache = nullptr;
    qint64 generation = 0;
};

KeptContent keptContent(const ApiRequest& request, const Services& services)
{
    if (!request.counters)
        return {};
    return { services.memberContent, request.counters->contentGeneration };
}

// The item if it reaches the member; 404, as for an id that does not exist, otherwise.
ContentItem reachingItem(
    const ApiRequest& request, const Services& services, const Self& me, qint64 id, const QDateTime& now)
{
    const KeptContent kept = keptContent(request, services);
    std::optional<ContentItem> item = kept.cache ? kept.cache->item(id, kept.generation) : std::nullopt;
    if (!item) {
        item = foundOrNotVisible(ContentRepository(request.db).find(id));
        if (kept.cache)
            kept.cache->keepItem(kept.generation, *item);
    }
    if (!reaches(*item, me, now))
        throw notVisible();
    return *item;
}

// What a member sees of an item: no right answers, no author's account, and their own reading of it.
QJsonObject memberItemJson(const ContentItem& item, const StudyState& state, const QDateTime& now)
{
    QJsonObject json = toJson(item, now, false);
    for (const char* staffOnly : { "authorId", "authorName", "state", "version", "createdAt", "updatedAt" })
        json.remove(QLatin1StringView(staffOnly));
    QJsonArray files;
    for (const QJsonValue file : json.value(QStringLiteral("attachments")).toArray()) {
        QJsonObject described = file.toObject();
        described.remove(QStringLiteral("uploadedBy"));
        files.append(described);
    }
    json.insert(QStringLiteral("attachments"), files);
    json.insert(QStringLiteral("opened"), state.opened);
    json.insert(QStringLiteral("studied"), state.studied);
    return json;
}

// An item of a feed page as JSON text without its closing brace, for the member's reading marks to follow:
// what memberItemJson gives, less the body and quiz (the list shows titles; the item is opened on its own).
QByteArray feedItemText(const ContentItem& item, const QDateTime& now)
{
    QJsonObject json = memberItemJson(item, {}, now);
    for (const char* key : { "body", "quiz", "opened", "studied" })
        json.remove(QLatin1StringView(key));
    return QJsonDocument(json).toJson(QJsonDocument::Compact).chopped(1);
}

// A page of the member's cell's feed, as kept or read afresh (and then kept until the next publication to
// come).
MemberContentCache::Page feedPage(const ApiRequest& request, const Services& services, const Self& me,
    std::optional<ContentKind> kind, const QString& after, int limit, const QDateTime& now)
{
    const KeptContent kept = keptContent(request, services);
    const MemberContentCache::Key key { me.cellPath, kind ? toCode(*kind) : QString(), after, limit };
    if (kept.cache)
        if (auto page = kept.cache->find(key, kept.generation, now))
            return *page;
    const ContentRepository content(request.db);
    const ContentPage found = orThrow(content.memberFeed(me.cellPath, kind, after, limit, now));
    MemberContentCache::Page page { {}, {}, found.cursor };
    for (const ContentItem& item : found.items) {
        const auto text = [&] { return feedItemText(item, now); };
        page.ids.append(item.id);
        page.items.append(kept.cache ? kept.cache->itemText(item.id, kept.generation, text) : text());
    }
    if (kept.cache)
        kept.cache->keep(key, kept.generation, orThrow(content.nextPublication(now)), page);
    return page;
}

// The feed's answer: the page's items, each with the member's reading marks, and the next page's cursor.
QByteArray feedAnswer(const MemberContentCache::Page& page, const QHash<qint64, StudyState>& read)
{
    QByteArray json = "{\"items\":[";
    for (qsizetype i = 0; i < page.ids.size(); ++i) {
        const StudyState state = read.value(page.ids[i]);
        json += (i > 0 ? "," : "") + page.items[i] + ",\"opened\":" + (state.opened ? "true" : "false")
            + ",\"studied\":" + (state.studied ? "true" : "false") + '}';
    }
    json += "],\"next\":";
    json += page.cursor.isEmpty()
        ? QByteArray("null")
        : QJsonDocument(QJsonArray { page.cursor }).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    json += '}';
    return json;
}

qint64 contentIdIn(JsonReader& in)
{
    qint64 id = 0;
    in.required({ "contentId" });
    in.id("contentId", id);
    return id;
}

QJsonObject attemptJson(const RecordedAttempt& attempt)
{
    return { { QStringLiteral("id"), attempt.id }, { QStringLiteral("correct"), attempt.result.correct },
        { QStringLiteral("total"), attempt.result.total },
        { QStringLiteral("scorePercent"), attempt.result.scorePercent },
        { QStringLiteral("passed"), attempt.result.passed },
        { QStringLiteral("firstPass"), attempt.firstPass },
        { QStringLiteral("attemptedAt"), attempt.attemptedAt.toUTC().toString(Qt::ISODate) } };
}

// A replay goes only to a caller whom the item still reaches.
Replay replayOfAct(const Services& services)
{
    return Replay::kept([&services](const ApiRequest& request, const QJsonObject& answer) {
        const Self me = self(request);
        reachingItem(request, services, me, answer.value(QStringLiteral("contentId")).toInteger(),
            QDateTime::currentDateTimeUtc());
    });
}

} // namespace

void addMeRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), [](const ApiRequest& request) {
        allowQuery(request, {});
        const Self me = self(request);
        const Member member = orThrow(MemberRepository(request.db).find(me.memberId));
        const OrgUnit unit = orThrow(OrgRepository(request.db).find(member.orgUnitId));
        const OrgUnit cell = orThrow(OrgRepository(request.db).find(me.cellId));
        return ApiResponse::json({ { QStringLiteral("memberId"), member.id },
            { QStringLiteral("fullName"), member.fullName() },
            { QStringLiteral("status"), toCode(member.status) }, { QStringLiteral("exempt"), member.exempt },
            { QStringLiteral("unitId"), unit.id }, { QStringLiteral("unitName"), unit.name },
            { QStringLiteral("cellId"), cell.id }, { QStringLiteral("cellName"), cell.name } });
    });

    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/me/feed"), [&services](const ApiRequest& request) {
            allowQuery(request, { "kind", "after", "limit" });
            const Self me = self(request);
            std::optional<ContentKind> kind;
            if (request.query.hasQueryItem(QStringLiteral("kind"))) {
                kind = contentKindFromCode(request.query.queryItemValue(QStringLiteral("kind")));
                if (!kind) {
                    const QString message = QCoreApplication::translate(
                        "ApiError", "Loại bài phải là news, document, lesson, meeting_topic hoặc guidance.");
                    throw ApiError::badRequest(message, { { QStringLiteral("kind"), message } });
                }
            }
            const int limit = queryInt(request, QStringLiteral("limit"), 20, 1, 100);
            const MemberContentCache::Page page = feedPage(request, services, me, kind,
                request.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded), limit,
                services.clock());
            return ApiResponse::text(feedAnswer(
                page, orThrow(ParticipationRepository(request.db).studyStates(me.memberId, page.ids))));
        });

    // Opening an item: its first opening counts in the cell's participation.
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/me/feed/{id}"),
        [&services](const ApiRequest& request) {
            allowQuery(request, {});
            const Self me = self(request);
            const QDateTime now = services.clock();
            const ContentItem item = reachingItem(request, services, me, pathId(request), now);
            ParticipationRepository participation(request.db);
            // Read first: most openings are not the first, and only the first writes (it counts once however
            // many race to it).
            StudyState state = orThrow(participation.studyState(me.memberId, item.id));
            if (!state.opened) {
                orThrow(participation.recordOpened(
                    me.memberId, me.cellId, item.id, writeContext(request, services)));
                state.opened = true;
            }
            return ApiResponse::json(memberItemJson(item, state, now));
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/me/studies"),
        [&services](const ApiRequest& request) {
            const Self me = self(request);
            const QJsonObject body = bodyObject(request);
            JsonReader in(body);
            const qint64 contentId = contentIdIn(in);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            const ContentItem item = reachingItem(request, services, me, contentId, services.clock());
            if (item.kind != ContentKind::Lesson) {
                const QString message
                    = QCoreApplication::translate("ApiError", "Chỉ bài học mới được đánh dấu đã học xong.");
                throw ApiError::badRequest(message, { { QStringLiteral("contentId"), message } });
            }
            const bool counted = orThrow(
                ParticipationRepository(request.db)
                    .recordStudied(me.memberId, me.cellId, item.id, writeContext(request, services)));
            return ApiResponse::json(
                { { QStringLiteral("contentId"), item.id }, { QStringLiteral("studied"), true },
                    { QStringLiteral("counted"), counted } },
                counted ? 201 : 200);
        },
        Access::SignedIn, replayOfAct(services));

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/me/quiz-attempts"),
        [&services](const ApiRequest& request) {
            const Self me = self(request);
            const QJsonObject body = bodyObject(request);
            JsonReader in(body);
            const qint64 contentId = contentIdIn(in);
            in.ignore({ "answers" });
            in.required({ "answers" });
            const QJsonValue answersJson = body.value(QStringLiteral("answers"));
            if (!answersJson.isUndefined() && !answersJson.isArray())
                in.addError(QStringLiteral("answers"),
                    QCoreApplication::translate("JsonReader", "Kiểu dữ liệu sai: cần %1.")
                        .arg(QCoreApplication::translate("ContentJson", "một mảng")));
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            const ContentItem item = reachingItem(request, services, me, contentId, services.clock());
            if (item.kind != ContentKind::Lesson || !item.quiz) {
                const QString message
                    = QCoreApplication::translate("ApiError", "Bài này không có bài kiểm tra.");
                throw ApiError::badRequest(message, { { QStringLiteral("contentId"), message } });
            }
            const QList<QuizAnswer> answers = orThrow(quizAnswersFromJson(answersJson.toArray(), *item.quiz));
            const QuizResult result = gradeQuiz(*item.quiz, answers);
            const QString stored
                = QString::fromUtf8(QJsonDocument(answersJson.toArray()).toJson(QJsonDocument::Compact));
            const RecordedAttempt attempt = orThrow(ParticipationRepository(request.db)
                                                        .recordAttempt(me.memberId, me.cellId, item.id,
                                                            stored, result, writeContext(request, services)));
            // After an attempt the member learns which answers were right.
            QJsonObject json = attemptJson(attempt);
            json.insert(QStringLiteral("contentId"), item.id);
            QJsonArray questions;
            for (qsizetype i = 0; i < item.quiz->questions.size(); ++i) {
                QJsonArray correct;
                for (const int index : item.quiz->questions[i].correct)
                    correct.append(index);
                questions.append(QJsonObject { { QStringLiteral("number"), i + 1 },
                    { QStringLiteral("right"), result.right[i] }, { QStringLiteral("correct"), correct } });
            }
            json.insert(QStringLiteral("questions"), questions);
            return ApiResponse::json(json, 201);
        },
        Access::SignedIn, replayOfAct(services));

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/me/quiz-attempts"),
        [&services](const ApiRequest& request) {
            allowQuery(request, { "contentId" });
            const Self me = self(request);
            bool ok = false;
            const qint64 contentId
                = request.query.queryItemValue(QStringLiteral("contentId")).toLongLong(&ok);
            if (!ok || contentId < 1) {
                const QString message = QCoreApplication::translate("ApiError", "Cần mã số của bài học.");
                throw ApiError::badRequest(message, { { QStringLiteral("contentId"), message } });
            }
            const ContentItem item = reachingItem(request, services, me, contentId, services.clock());
            QJsonArray items;
            for (const RecordedAttempt& attempt :
                orThrow(ParticipationRepository(request.db).attempts(me.memberId, item.id)))
                items.append(attemptJson(attempt));
            return ApiResponse::json({ { QStringLiteral("items"), items } });
        });

    // The member's cell's meetings: the next ones and the latest held, with what is recorded for the member.
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/me/meetings"), [&services](const ApiRequest& request) {
            allowQuery(request, {});
            const Self me = self(request);
            MeetingRepository meetings(request.db);
            const auto list = [&](bool upcoming) {
                QJsonArray items;
                const QList<CellMeeting> found
                    = orThrow(meetings.ofCell(me.cellId, services.clock(), upcoming, 10));
                QList<qint64> ids;
                for (const CellMeeting& meeting : found)
                    ids.append(meeting.id);
                const QHash<qint64, AttendanceEntry> mine = orThrow(meetings.marksOf(me.memberId, ids));
                for (const CellMeeting& meeting : found) {
                    QJsonObject json = meetingJson(meeting);
                    json.remove(QStringLiteral("scheduledBy"));
                    const AttendanceEntry entry = mine.value(meeting.id);
                    json.insert(QStringLiteral("myState"),
                        entry.state ? QJsonValue(toCode(*entry.state)) : QJsonValue());
                    json.insert(QStringLiteral("confirmed"), entry.confirmed);
                    items.append(json);
                }
                return items;
            };
            return ApiResponse::json(
                { { QStringLiteral("upcoming"), list(true) }, { QStringLiteral("past"), list(false) } });
        });

    // "I will attend": for a meeting of the member's cell still to come.
    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/me/meetings/{id}/confirm"),
        [&services](const ApiRequest& request) {
            const Self me = self(request);
            if (!request.body.trimmed().isEmpty() && !bodyObject(request).isEmpty())
                throw ApiError::badRequest(
                    QCoreApplication::translate("ApiError", "Yêu cầu này không nhận nội dung."));
            const CellMeeting meeting
                = foundOrNotVisible(MeetingRepository(request.db).find(pathId(request)));
            if (meeting.cellId != me.cellId)
                throw notVisible();
            if (meeting.closed() || meeting.startsAt <= services.clock())
                throw ApiError(409, QStringLiteral("conflict"),
                    QCoreApplication::translate("ApiError", "Buổi sinh hoạt đã diễn ra."),
                    { { QStringLiteral("state"),
                        QCoreApplication::translate("ApiError", "Buổi sinh hoạt đã diễn ra.") } });
            orThrow(MeetingRepository(request.db).confirm(meeting.id, me.memberId));
            return ApiResponse::json(
                { { QStringLiteral("meetingId"), meeting.id }, { QStringLiteral("confirmed"), true } });
        },
        Access::SignedIn, Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
            const Self me = self(request);
            const CellMeeting meeting = foundOrNotVisible(
                MeetingRepository(request.db).find(answer.value(QStringLiteral("meetingId")).toInteger()));
            if (meeting.cellId != me.cellId)
                throw notVisible();
        }));

    // A file attached to an item that reaches the member.
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/me/attachments/{id}"),
        [&services](const ApiRequest& request) {
            allowQuery(request, {});
            const Self me = self(request);
            const AttachmentFile file
                = foundOrNotVisible(ContentRepository(request.db).attachmentFile(pathId(request), false));
            reachingItem(request, services, me, file.contentId, services.clock());
            return attachmentResponse(request, file);
        });
}

} // namespace sotay::server
