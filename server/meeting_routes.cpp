// SPDX-License-Identifier: GPL-3.0-or-later
#include "meeting_routes.h"

#include "content_access.h"
#include "core/json_reader.h"
#include "store/meeting_repository.h"
#include "store/member_repository.h"
#include "store/org_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

void requireStaff(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
}

// What only an officer over the cell may do: record a meeting late, correct a closed one.
void requireOfficer(const ApiRequest& request, const QString& field, const QString& why)
{
    if (request.caller().user.role == Role::Admin || request.caller().user.role == Role::Officer)
        return;
    throw ApiError(403, QStringLiteral("forbidden"), why, { { field, why } });
}

QJsonValue timeValue(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonArray attendanceJson(const QList<AttendanceEntry>& entries)
{
    QJsonArray list;
    for (const AttendanceEntry& entry : entries)
        list.append(QJsonObject { { QStringLiteral("memberId"), entry.memberId },
            { QStringLiteral("fullName"), entry.fullName }, { QStringLiteral("exempt"), entry.exempt },
            { QStringLiteral("state"), entry.state ? QJsonValue(toCode(*entry.state)) : QJsonValue() },
            { QStringLiteral("confirmed"), entry.confirmed } });
    return list;
}

// The meeting if its cell lies in the caller's scope; 404, as for an id that does not exist, otherwise.
CellMeeting visibleMeeting(const ApiRequest& request, qint64 id)
{
    const CellMeeting meeting = foundOrNotVisible(MeetingRepository(request.db).find(id));
    auto path = OrgRepository(request.db).path(meeting.cellId);
    if (!path || !covers(request.caller(), *path))
        throw notVisible();
    return meeting;
}

ApiResponse meetingWithAttendance(const ApiRequest& request, const CellMeeting& meeting, int status = 200)
{
    QJsonObject json = meetingJson(meeting);
    json.insert(QStringLiteral("attendance"),
        attendanceJson(orThrow(MeetingRepository(request.db).attendance(meeting.id))));
    return ApiResponse::json(json, status);
}

// A stale version answers 412 with the meeting as it is now; a write its state does not allow, 409.
CellMeeting orStale(const ApiRequest& request, Result<CellMeeting> result, qint64 id)
{
    if (!result && result.error().code == ErrorCode::Conflict) {
        if (!result.error().fields.isEmpty())
            throw ApiError(409, QStringLiteral("conflict"), result.error().message, result.error().fields);
        const CellMeeting current = visibleMeeting(request, id);
        throw ApiError::preconditionFailed(result.error().message)
            .with(QStringLiteral("currentVersion"), current.version)
            .with(QStringLiteral("current"), meetingJson(current));
    }
    return orThrow(std::move(result));
}

Replay replayOfMeeting()
{
    return Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
        requireStaff(request);
        visibleMeeting(request, answer.value(QStringLiteral("id")).toInteger());
    });
}

NewMeeting meetingFromJson(const QJsonObject& body)
{
    JsonReader in(body);
    NewMeeting meeting;
    QString startsAt;
    in.required({ "cellId", "kind", "startsAt" });
    in.id("cellId", meeting.cellId);
    in.code("kind", meeting.kind, meetingKindFromCode);
    in.text("startsAt", startsAt, 40);
    in.text("place", meeting.place, 300);
    in.text("onlineLink", meeting.onlineLink, 500);
    in.text("topic", meeting.topic, 500);
    in.optionalId("topicContentId", meeting.topicContentId);
    in.text("lateReason", meeting.lateReason, 1000);
    if (in.has(QStringLiteral("startsAt"))) {
        meeting.startsAt = QDateTime::fromString(startsAt, Qt::ISODateWithMs);
        if (!meeting.startsAt.isValid() || meeting.startsAt.timeSpec() == Qt::LocalTime)
            in.addError(QStringLiteral("startsAt"),
                QCoreApplication::translate("ApiError",
                    "Cần thời điểm họp dạng ISO 8601 có múi giờ, ví dụ 2026-12-10T14:00:00+07:00."));
    }
    if (auto errors = in.finish(); !errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    meeting.startsAt = meeting.startsAt.toUTC();
    return meeting;
}

// A PATCH of a meeting still to be held: the keys given replace the meeting's.
NewMeeting changesFromJson(const QJsonObject& body, const CellMeeting& current)
{
    JsonReader in(body);
    NewMeeting next { current.cellId, current.kind, current.startsAt, current.place, current.onlineLink,
        current.topic, current.topicContentId, {} };
    in.ignore({ "id", "cellId", "month", "scheduledAt", "scheduledBy", "scheduledOnTime", "recordedLate",
        "lateReason", "closed", "closedAt", "minutes", "version", "attendance" });
    QString startsAt;
    in.code("kind", next.kind, meetingKindFromCode);
    in.text("startsAt", startsAt, 40);
    in.text("place", next.place, 300);
    in.text("onlineLink", next.onlineLink, 500);
    in.text("topic", next.topic, 500);
    in.optionalId("topicContentId", next.topicContentId);
    if (in.has(QStringLiteral("startsAt"))) {
        next.startsAt = QDateTime::fromString(startsAt, Qt::ISODateWithMs);
        if (!next.startsAt.isValid() || next.startsAt.timeSpec() == Qt::LocalTime)
            in.addError(QStringLiteral("startsAt"),
                QCoreApplication::translate("ApiError",
                    "Cần thời điểm họp dạng ISO 8601 có múi giờ, ví dụ 2026-12-10T14:00:00+07:00."));
        next.startsAt = next.startsAt.toUTC();
    }
    if (auto errors = in.finish(); !errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    return next;
}

QList<AttendanceMark> marksFromJson(const QJsonObject& body, QString& reason)
{
    JsonReader in(body);
    in.ignore({ "entries" });
    in.required({ "entries" });
    in.text("reason", reason, 1000);
    QList<AttendanceMark> marks;
    const QJsonValue entries = body.value(QStringLiteral("entries"));
    if (!entries.isUndefined() && !entries.isArray())
        in.addError(QStringLiteral("entries"),
            QCoreApplication::translate("ApiError", "Cần một danh sách điểm danh."));
    const QJsonArray list = entries.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        JsonReader entry(list.at(i).toObject());
        AttendanceMark mark;
        entry.required({ "memberId", "state" });
        entry.id("memberId", mark.memberId);
        entry.code("state", mark.state, attendanceStateFromCode);
        const QList<FieldError> errors = list.at(i).isObject()
            ? entry.finish()
            : QList<FieldError> { { QString(),
                QCoreApplication::translate("ApiError", "Cần một đối tượng JSON.") } };
        for (const FieldError& error : errors)
            in.addError(QStringLiteral("entries[%1]").arg(i)
                    + (error.field.isEmpty() ? QString() : u'.' + error.field),
                error.message);
        marks.append(mark);
    }
    if (auto errors = in.finish(); !errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    return marks;
}

} // namespace

QJsonObject meetingJson(const CellMeeting& m)
{
    return { { QStringLiteral("id"), m.id }, { QStringLiteral("cellId"), m.cellId },
        { QStringLiteral("kind"), toCode(m.kind) }, { QStringLiteral("startsAt"), timeValue(m.startsAt) },
        { QStringLiteral("month"), m.month }, { QStringLiteral("place"), m.place },
        { QStringLiteral("onlineLink"), m.onlineLink }, { QStringLiteral("topic"), m.topic },
        { QStringLiteral("topicContentId"), m.topicContentId ? QJsonValue(*m.topicContentId) : QJsonValue() },
        { QStringLiteral("scheduledAt"), timeValue(m.scheduledAt) },
        { QStringLiteral("scheduledBy"), m.scheduledBy },
        { QStringLiteral("scheduledOnTime"), m.scheduledOnTime() },
        { QStringLiteral("recordedLate"), m.recordedLate() }, { QStringLiteral("lateReason"), m.lateReason },
        { QStringLiteral("closed"), m.closed() }, { QStringLiteral("closedAt"), timeValue(m.closedAt) },
        { QStringLiteral("minutes"), m.minutes }, { QStringLiteral("version"), m.version } };
}

void addMeetingRoutes(Router& router, Services& services)
{
    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/meetings"), [&services](const ApiRequest& request) {
            requireStaff(request);
            allowQuery(request, { "org", "month" });
            bool ok = false;
            const qint64 org = request.query.queryItemValue(QStringLiteral("org")).toLongLong(&ok);
            if (!ok || org < 1) {
                const QString message = QCoreApplication::translate("ApiError", "Cần mã số tổ chức đảng.");
                throw ApiError::badRequest(message, { { QStringLiteral("org"), message } });
            }
            const QString month = request.query.queryItemValue(QStringLiteral("month"));
            if (month.size() != 7
                || !QDate::fromString(month + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"))
                        .isValid()) {
                const QString message
                    = QCoreApplication::translate("ApiError", "Cần một tháng dạng NNNN-TT, ví dụ 2026-03.");
                throw ApiError::badRequest(message, { { QStringLiteral("month"), message } });
            }
            const QString path = visibleUnitPath(request, org, services.unitPaths);
            QJsonArray items;
            for (const CellMeeting& meeting : orThrow(MeetingRepository(request.db).list(path, month)))
                items.append(meetingJson(meeting));
            return ApiResponse::json({ { QStringLiteral("items"), items } });
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/meetings"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const NewMeeting meeting = meetingFromJson(bodyObject(request));
            visibleUnit(request, meeting.cellId);
            if (!meeting.lateReason.trimmed().isEmpty())
                requireOfficer(request, QStringLiteral("lateReason"),
                    QCoreApplication::translate("ApiError",
                        "Chỉ cán bộ cấp trên của chi bộ mới ghi nhận muộn một buổi sinh hoạt đã họp."));
            if (meeting.topicContentId)
                visibleContent(request, *meeting.topicContentId);
            const CellMeeting scheduled
                = orThrow(MeetingRepository(request.db).schedule(meeting, writeContext(request, services)));
            return meetingWithAttendance(request, scheduled, 201);
        },
        Access::SignedIn, replayOfMeeting());

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/meetings/{id}"), [](const ApiRequest& request) {
        requireStaff(request);
        allowQuery(request, {});
        return meetingWithAttendance(request, visibleMeeting(request, pathId(request)));
    });

    router.add(QStringLiteral("PATCH"), QStringLiteral("/api/v1/meetings/{id}"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const CellMeeting meeting = visibleMeeting(request, pathId(request));
            const qint64 version = expectedVersion(request);
            const NewMeeting next = changesFromJson(bodyObject(request), meeting);
            if (next.topicContentId && next.topicContentId != meeting.topicContentId)
                visibleContent(request, *next.topicContentId);
            const CellMeeting changed = orStale(request,
                MeetingRepository(request.db)
                    .change(meeting.id, next, version, writeContext(request, services)),
                meeting.id);
            return meetingWithAttendance(request, changed);
        });

    router.add(QStringLiteral("PUT"), QStringLiteral("/api/v1/meetings/{id}/attendance"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const CellMeeting meeting = visibleMeeting(request, pathId(request));
            const qint64 version = expectedVersion(request);
            QString reason;
            const QList<AttendanceMark> marks = marksFromJson(bodyObject(request), reason);
            if (meeting.closed())
                requireOfficer(request, QStringLiteral("reason"),
                    QCoreApplication::translate("ApiError",
                        "Buổi sinh hoạt đã kết thúc: chỉ cán bộ cấp trên của chi bộ mới sửa được điểm danh, "
                        "kèm lý do."));
            const CellMeeting after = orStale(request,
                MeetingRepository(request.db)
                    .recordAttendance(meeting.id, marks, version, reason, writeContext(request, services)),
                meeting.id);
            return meetingWithAttendance(request, after);
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/meetings/{id}/close"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const CellMeeting meeting = visibleMeeting(request, pathId(request));
            const qint64 version = expectedVersion(request);
            JsonReader in(bodyObject(request));
            QString minutes;
            in.required({ "minutes" });
            in.text("minutes", minutes, 100000);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            const CellMeeting closed = orStale(request,
                MeetingRepository(request.db)
                    .close(meeting.id, minutes, version, writeContext(request, services)),
                meeting.id);
            return meetingWithAttendance(request, closed);
        },
        Access::SignedIn, replayOfMeeting());
}

} // namespace sotay::server
