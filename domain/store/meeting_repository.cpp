// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/meeting_repository.h"

#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

namespace sotay {
namespace {

const QString kColumns = QStringLiteral(
    "m.id, m.cell_id, m.kind, m.starts_at, m.month, m.place, m.online_link, m.topic, m.topic_content_id, "
    "m.scheduled_at, m.scheduled_by, m.late_reason, m.closed_at, m.minutes, m.version");

CellMeeting readMeeting(const QSqlQuery& row)
{
    CellMeeting m;
    m.id = row.value(0).toLongLong();
    m.cellId = row.value(1).toLongLong();
    m.kind = meetingKindFromCode(row.value(2).toString()).value_or(MeetingKind::Regular);
    m.startsAt = readTimestamp(row.value(3));
    m.month = row.value(4).toString();
    m.place = row.value(5).toString();
    m.onlineLink = row.value(6).toString();
    m.topic = row.value(7).toString();
    m.topicContentId = sql::toOptionalId(row.value(8));
    m.scheduledAt = readTimestamp(row.value(9));
    m.scheduledBy = row.value(10).toString();
    m.lateReason = row.value(11).toString();
    m.closedAt = row.value(12).isNull() ? QDateTime() : readTimestamp(row.value(12));
    m.minutes = row.value(13).toString();
    m.version = row.value(14).toLongLong();
    return m;
}

Result<QList<CellMeeting>> readMeetings(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    QList<CellMeeting> found;
    while (query->next())
        found.append(readMeeting(*query));
    return found;
}

Error stateConflict(const QString& message)
{
    return { ErrorCode::Conflict, message, { { QStringLiteral("state"), message } } };
}

Error stale()
{
    return Error::conflict(QCoreApplication::translate(
        "MeetingRepository", "Buổi sinh hoạt đã được người khác sửa; hãy tải lại rồi làm tiếp."));
}

Status bumpVersion(const QSqlDatabase& db, qint64 id, qint64 expectedVersion)
{
    auto bumped = sql::exec(db,
        QStringLiteral("UPDATE cell_meeting SET version = version + 1 WHERE id = ? AND version = ?"),
        { id, expectedVersion });
    if (!bumped)
        return bumped.error();
    if (bumped->numRowsAffected() != 1)
        return stale();
    return success();
}

Status audit(const QSqlDatabase& db, const QString& action, const CellMeeting& meeting,
    const QJsonObject& after, const WriteContext& context)
{
    auto path = sql::exec(db, QStringLiteral("SELECT path FROM org_unit WHERE id = ?"), { meeting.cellId });
    if (!path)
        return path.error();
    Change change;
    change.entity = QStringLiteral("meeting");
    change.entityId = meeting.id;
    change.path = path->next() ? path->value(0).toString() : QStringLiteral("/");
    change.action = action;
    change.after = after;
    if (auto recorded = recordChange(db, change, context); !recorded)
        return recorded.error();
    return success();
}

// The meeting a write in a transaction starts from: present and at the expected version.
Result<CellMeeting> forWrite(const MeetingRepository& meetings, qint64 meetingId, qint64 expectedVersion)
{
    auto meeting = meetings.find(meetingId);
    if (meeting && meeting->version != expectedVersion)
        return stale();
    return meeting;
}

} // namespace

// The meeting's figures in its cell's aggregate: held, regular held, on time, and the marks by state.
QString meetingMonth(const QDateTime& startsAt)
{
    return startsAt.toTimeZone(QTimeZone(7 * 3600)).date().toString(QStringLiteral("yyyy-MM"));
}

Status checkMeetingClosing(const CellMeeting& meeting, const QString& minutes, const QDateTime& now)
{
    if (meeting.startsAt > now)
        return stateConflict(
            QCoreApplication::translate("MeetingRepository", "Buổi sinh hoạt chưa đến giờ họp."));
    if (text::cleanText(minutes).isEmpty())
        return Error::invalidField(QStringLiteral("minutes"),
            QCoreApplication::translate("MeetingRepository", "Cần biên bản của buổi sinh hoạt."));
    return success();
}

ParticipationFigures heldMeetingFigures(const CellMeeting& meeting)
{
    ParticipationFigures f;
    f.meetingsHeld = 1;
    f.regularHeld = meeting.kind == MeetingKind::Regular ? 1 : 0;
    f.regularOnTime = meeting.scheduledOnTime() ? 1 : 0;
    return f;
}

void countAttendance(ParticipationFigures& f, AttendanceState state, qint64 by)
{
    switch (state) {
    case AttendanceState::Present:
        f.attendancePresent += by;
        break;
    case AttendanceState::Excused:
        f.attendanceExcused += by;
        break;
    case AttendanceState::Absent:
        f.attendanceAbsent += by;
        break;
    case AttendanceState::Exempt:
        f.attendanceExempt += by;
        break;
    }
}

// A meeting belongs to an active cell (chi bộ, or a base cell).
Status checkMeetingCell(const QSqlDatabase& db, qint64 cellId)
{
    auto cell
        = sql::execCached(db, QStringLiteral("SELECT kind, valid_to FROM org_unit WHERE id = ?"), { cellId });
    if (!cell)
        return cell.error();
    if (!cell->next() || !cell->value(1).isNull()
        || (cell->value(0).toString() != u"cell" && cell->value(0).toString() != u"base_cell"))
        return Error::invalidField(QStringLiteral("cellId"),
            QCoreApplication::translate(
                "MeetingRepository", "Buổi sinh hoạt phải thuộc một chi bộ đang hoạt động."));
    return success();
}

// A meeting's topic, if one is named, is a published meeting topic whose time has come.
Status checkMeetingTopic(
    const QSqlDatabase& db, std::optional<qint64> topicContentId, const WriteContext& context)
{
    if (!topicContentId)
        return success();
    auto topicItem = sql::execCached(db,
        QStringLiteral("SELECT kind, state, publish_at FROM content_item WHERE id = ?"), { *topicContentId });
    if (!topicItem)
        return topicItem.error();
    if (!topicItem->next() || topicItem->value(0).toString() != u"meeting_topic"
        || topicItem->value(1).toString() != u"published" || readTimestamp(topicItem->value(2)) > context.now)
        return Error::invalidField(QStringLiteral("topicContentId"),
            QCoreApplication::translate(
                "MeetingRepository", "Chuyên đề phải là một chuyên đề sinh hoạt đã đăng."));
    return success();
}

// The rules of a meeting's time, place and link, as scheduling and changing check them.
QList<FieldError> meetingScheduleErrors(const NewMeeting& input, const WriteContext& context)
{
    QList<FieldError> errors;
    const QString place = text::cleanText(input.place);
    const QString link = input.onlineLink.trimmed();
    const QString reason = text::cleanText(input.lateReason);
    if (!input.startsAt.isValid())
        errors.append({ QStringLiteral("startsAt"),
            QCoreApplication::translate("MeetingRepository", "Cần ngày giờ sinh hoạt.") });
    else if (reason.isEmpty() && input.startsAt.toTimeZone(QTimeZone(7 * 3600)).date() < context.today())
        errors.append({ QStringLiteral("startsAt"),
            QCoreApplication::translate("MeetingRepository",
                "Không lên lịch cho ngày đã qua. Buổi đã họp mà chưa nhập kịp thì cán bộ cấp trên ghi nhận "
                "muộn, kèm lý do.") });
    else if (!reason.isEmpty() && input.startsAt > context.now)
        errors.append({ QStringLiteral("startsAt"),
            QCoreApplication::translate(
                "MeetingRepository", "Ghi nhận muộn chỉ dành cho buổi đã họp: thời điểm phải ở quá khứ.") });
    if (place.isEmpty() && link.isEmpty())
        errors.append({ QStringLiteral("place"),
            QCoreApplication::translate(
                "MeetingRepository", "Cần địa điểm hoặc đường dẫn họp trực tuyến.") });
    if (!link.isEmpty() && !link.startsWith(QStringLiteral("https://")))
        errors.append({ QStringLiteral("onlineLink"),
            QCoreApplication::translate(
                "MeetingRepository", "Đường dẫn họp trực tuyến phải bắt đầu bằng https://.") });
    return errors;
}

MeetingRepository::MeetingRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<CellMeeting> MeetingRepository::find(qint64 id) const
{
    auto found = readMeetings(sql::exec(m_db,
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM cell_meeting m WHERE m.id = ?"),
        { id }));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(
            QCoreApplication::translate("MeetingRepository", "Không tìm thấy buổi sinh hoạt."));
    return found->front();
}

Result<QList<CellMeeting>> MeetingRepository::list(const QString& unitPath, const QString& month) const
{
    return readMeetings(sql::exec(m_db,
        QStringLiteral("SELECT ") + kColumns
            + QStringLiteral(
                " FROM cell_meeting m JOIN org_unit o ON o.id = m.cell_id WHERE m.month = ? AND o.path >= ? "
                "AND o.path < ? ORDER BY m.starts_at, m.id"),
        { month, unitPath, subtreeEnd(unitPath) }));
}

Result<QList<CellMeeting>> MeetingRepository::ofCell(
    qint64 cellId, const QDateTime& from, bool upcoming, int limit) const
{
    return readMeetings(sql::exec(m_db,
        QStringLiteral("SELECT ") + kColumns
            + (upcoming ? QStringLiteral(" FROM cell_meeting m WHERE m.cell_id = ? AND m.starts_at >= ? "
                                         "ORDER BY m.starts_at, m.id LIMIT ?")
                        : QStringLiteral(" FROM cell_meeting m WHERE m.cell_id = ? AND m.starts_at < ? ORDER "
                                         "BY m.starts_at DESC, m.id DESC LIMIT ?")),
        { cellId, sql::timestamp(from), limit }));
}

Result<CellMeeting> MeetingRepository::schedule(const NewMeeting& input, const WriteContext& context)
{
    const QString place = text::cleanText(input.place);
    const QString link = input.onlineLink.trimmed();
    const QString topic = text::cleanText(input.topic);
    const QString reason = text::cleanText(input.lateReason);
    const QList<FieldError> errors = meetingScheduleErrors(input, context);
    if (!errors.isEmpty())
        return Error::invalid(errors.front().message, errors);

    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status cellChecked = checkMeetingCell(m_db, input.cellId); !cellChecked)
        return cellChecked.error();
    if (const Status topicChecked = checkMeetingTopic(m_db, input.topicContentId, context); !topicChecked)
        return topicChecked.error();
    auto inserted = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO cell_meeting (cell_id, kind, starts_at, month, place, online_link, topic, "
            "topic_content_id, scheduled_at, scheduled_by, late_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?) "
            "RETURNING id"),
        { input.cellId, toCode(input.kind), sql::timestamp(input.startsAt), meetingMonth(input.startsAt),
            sql::text(place), sql::text(link), sql::text(topic), sql::optionalId(input.topicContentId),
            sql::timestamp(context.now), context.actor, sql::text(reason) });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    auto meeting = find(id);
    if (!meeting)
        return meeting;
    if (const Status audited = audit(m_db,
            meeting->recordedLate() ? QStringLiteral("meeting.recorded_late")
                                    : QStringLiteral("meeting.schedule"),
            *meeting, { { QStringLiteral("lateReason"), reason } }, context);
        !audited)
        return audited.error();
    return sql::commitWith(transaction, std::move(meeting));
}

Result<CellMeeting> MeetingRepository::change(
    qint64 meetingId, const NewMeeting& next, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = forWrite(*this, meetingId, expectedVersion);
    if (!current)
        return current;
    if (current->closed() || current->recordedLate())
        return stateConflict(QCoreApplication::translate("MeetingRepository",
            "Buổi sinh hoạt đã họp (đã kết thúc hoặc được ghi nhận muộn) nên không đổi lịch được."));
    NewMeeting checked = next;
    checked.cellId = current->cellId;
    checked.lateReason.clear();
    if (const QList<FieldError> errors = meetingScheduleErrors(checked, context); !errors.isEmpty())
        return Error::invalid(errors.front().message, errors);
    if (const Status topic = checkMeetingTopic(m_db, checked.topicContentId, context); !topic)
        return topic.error();
    auto updated = sql::exec(m_db,
        QStringLiteral(
            "UPDATE cell_meeting SET kind = ?, starts_at = ?, month = ?, place = ?, online_link = ?, topic = "
            "?, topic_content_id = ?, version = version + 1 WHERE id = ? AND version = ?"),
        { toCode(checked.kind), sql::timestamp(checked.startsAt), meetingMonth(checked.startsAt),
            sql::text(text::cleanText(checked.place)), sql::text(checked.onlineLink.trimmed()),
            sql::text(text::cleanText(checked.topic)), sql::optionalId(checked.topicContentId), meetingId,
            expectedVersion });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return stale();
    auto after = find(meetingId);
    if (!after)
        return after;
    if (const Status audited = audit(m_db, QStringLiteral("meeting.change"), *after,
            { { QStringLiteral("startsAt"), after->startsAt.toUTC().toString(Qt::ISODate) } }, context);
        !audited)
        return audited.error();
    return sql::commitWith(transaction, std::move(after));
}

Result<QList<AttendanceEntry>> MeetingRepository::attendance(qint64 meetingId) const
{
    auto meeting = find(meetingId);
    if (!meeting)
        return meeting.error();
    // The cell's members on the roster (a temporary stay counts where it is), and anyone marked already:
    // three lists each read through its own index (an OR across the two tables would read every member).
    auto query = sql::exec(m_db,
        QStringLiteral(
            "SELECT m.id, m.family_name, m.middle_name, m.given_name, m.exempt, a.state, a.confirmed "
            "FROM member m LEFT JOIN meeting_attendance a ON a.member_id = m.id AND a.meeting_id = ? "
            "WHERE m.id IN (SELECT id FROM member WHERE left_reason IS NULL AND temporary_org_unit_id = ? "
            "UNION SELECT id FROM member WHERE left_reason IS NULL AND org_unit_id = ? AND "
            "(temporary_org_unit_id IS NULL OR temporary_org_unit_id <= 0) UNION SELECT member_id FROM "
            "meeting_attendance WHERE meeting_id = ? AND state IS NOT NULL) ORDER BY m.sort_key, m.id"),
        { meetingId, meeting->cellId, meeting->cellId, meetingId });
    if (!query)
        return query.error();
    QList<AttendanceEntry> entries;
    while (query->next()) {
        QStringList name;
        for (int i = 1; i <= 3; ++i)
            if (const QString part = query->value(i).toString().simplified(); !part.isEmpty())
                name.append(part);
        AttendanceEntry entry { query->value(0).toLongLong(), name.join(u' '), query->value(4).toBool(),
            std::nullopt, query->value(6).toBool() };
        if (!query->value(5).isNull())
            entry.state = attendanceStateFromCode(query->value(5).toString());
        entries.append(entry);
    }
    return entries;
}

Result<CellMeeting> MeetingRepository::recordAttendance(qint64 meetingId, const QList<AttendanceMark>& marks,
    qint64 expectedVersion, const QString& reason, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto meeting = forWrite(*this, meetingId, expectedVersion);
    if (!meeting)
        return meeting;
    if (meeting->startsAt > context.now)
        return stateConflict(
            QCoreApplication::translate("MeetingRepository", "Buổi sinh hoạt chưa đến giờ họp."));
    if (meeting->closed() && text::cleanText(reason).isEmpty())
        return Error::invalidField(QStringLiteral("reason"),
            QCoreApplication::translate(
                "MeetingRepository", "Sửa điểm danh sau khi đã kết thúc buổi sinh hoạt cần ghi lý do."));
    auto entries = attendance(meetingId);
    if (!entries)
        return entries.error();
    QHash<qint64, AttendanceEntry> byMember;
    for (const AttendanceEntry& entry : *entries)
        byMember.insert(entry.memberId, entry);
    QList<FieldError> errors;
    QSet<qint64> seen;
    for (qsizetype i = 0; i < marks.size(); ++i) {
        const QString field = QStringLiteral("entries[%1]").arg(i);
        const auto entry = byMember.constFind(marks[i].memberId);
        if (entry == byMember.constEnd() || seen.contains(marks[i].memberId))
            errors.append({ field,
                QCoreApplication::translate("MeetingRepository",
                    "Đảng viên có mã số %1 không sinh hoạt ở chi bộ này, hoặc được điểm danh hai lần.")
                    .arg(marks[i].memberId) });
        else if (entry->exempt != (marks[i].state == AttendanceState::Exempt))
            errors.append({ field,
                QCoreApplication::translate("MeetingRepository",
                    "Chỉ đảng viên được miễn sinh hoạt mới ở trạng thái miễn, và họ luôn ở trạng thái "
                    "đó.") });
        seen.insert(marks[i].memberId);
    }
    if (!errors.isEmpty())
        return Error::invalid(errors.front().message, errors);
    ParticipationFigures difference;
    for (const AttendanceMark& mark : marks) {
        const AttendanceEntry& entry = byMember[mark.memberId];
        if (meeting->closed()) {
            if (entry.state)
                countAttendance(difference, *entry.state, -1);
            countAttendance(difference, mark.state, 1);
        }
        auto written = sql::exec(m_db,
            QStringLiteral(
                "INSERT INTO meeting_attendance (meeting_id, member_id, state) VALUES (?, ?, ?) ON CONFLICT "
                "(meeting_id, member_id) DO UPDATE SET state = excluded.state"),
            { meetingId, mark.memberId, toCode(mark.state) });
        if (!written)
            return written.error();
    }
    if (meeting->closed())
        if (const Status counted = addParticipation(m_db, meeting->cellId, meeting->month, difference, {});
            !counted)
            return counted.error();
    if (const Status bumped = bumpVersion(m_db, meetingId, expectedVersion); !bumped)
        return bumped.error();
    auto after = find(meetingId);
    if (!after)
        return after;
    if (const Status audited = audit(m_db,
            meeting->closed() ? QStringLiteral("meeting.attendance_corrected")
                              : QStringLiteral("meeting.attendance"),
            *after,
            { { QStringLiteral("marks"), static_cast<qint64>(marks.size()) },
                { QStringLiteral("reason"), reason } },
            context);
        !audited)
        return audited.error();
    return sql::commitWith(transaction, std::move(after));
}

Result<CellMeeting> MeetingRepository::close(
    qint64 meetingId, const QString& minutes, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto meeting = forWrite(*this, meetingId, expectedVersion);
    if (!meeting)
        return meeting;
    if (meeting->closed())
        return stateConflict(QCoreApplication::translate("MeetingRepository", "Buổi sinh hoạt đã kết thúc."));
    if (const Status closable = checkMeetingClosing(*meeting, minutes, context.now); !closable)
        return closable.error();
    auto entries = attendance(meetingId);
    if (!entries)
        return entries.error();
    QStringList unmarked;
    // Attendance is counted by state; being active in a month means acting in the handbook (docs/design.md).
    ParticipationFigures figures = heldMeetingFigures(*meeting);
    for (const AttendanceEntry& entry : *entries) {
        if (entry.exempt && !entry.state) {
            if (auto marked = sql::exec(m_db,
                    QStringLiteral(
                        "INSERT INTO meeting_attendance (meeting_id, member_id, state) VALUES (?, ?, "
                        "'exempt') "
                        "ON CONFLICT (meeting_id, member_id) DO UPDATE SET state = excluded.state"),
                    { meetingId, entry.memberId });
                !marked)
                return marked.error();
            countAttendance(figures, AttendanceState::Exempt, 1);
        } else if (!entry.state) {
            unmarked.append(entry.fullName);
        } else {
            countAttendance(figures, *entry.state, 1);
        }
    }
    if (!unmarked.isEmpty())
        return Error::invalidField(QStringLiteral("attendance"),
            QCoreApplication::translate("MeetingRepository", "Còn %n đảng viên chưa được điểm danh: %1.",
                nullptr, int(unmarked.size()))
                .arg(unmarked.mid(0, 10).join(QStringLiteral(", "))));
    auto closed = sql::exec(m_db,
        QStringLiteral("UPDATE cell_meeting SET closed_at = ?, minutes = ?, version = version + 1 WHERE id = "
                       "? AND version = ?"),
        { sql::timestamp(context.now), text::nfc(minutes).trimmed(), meetingId, expectedVersion });
    if (!closed)
        return closed.error();
    if (closed->numRowsAffected() != 1)
        return stale();
    if (const Status counted = addParticipation(m_db, meeting->cellId, meeting->month, figures, {}); !counted)
        return counted.error();
    auto after = find(meetingId);
    if (!after)
        return after;
    if (const Status audited = audit(m_db, QStringLiteral("meeting.close"), *after, {}, context); !audited)
        return audited.error();
    return sql::commitWith(transaction, std::move(after));
}

Result<QHash<qint64, AttendanceEntry>> MeetingRepository::marksOf(
    qint64 memberId, const QList<qint64>& meetingIds) const
{
    QHash<qint64, AttendanceEntry> marks;
    if (meetingIds.isEmpty())
        return marks;
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT meeting_id, state, confirmed FROM meeting_attendance WHERE member_id = ? AND "
                       "meeting_id IN (")
            + sql::placeholders(meetingIds.size()) + u')',
        QVariantList { memberId } + sql::idValues(meetingIds));
    if (!query)
        return query.error();
    while (query->next()) {
        AttendanceEntry entry;
        entry.memberId = memberId;
        if (!query->value(1).isNull())
            entry.state = attendanceStateFromCode(query->value(1).toString());
        entry.confirmed = query->value(2).toBool();
        marks.insert(query->value(0).toLongLong(), entry);
    }
    return marks;
}

Status MeetingRepository::confirm(qint64 meetingId, qint64 memberId)
{
    auto written = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO meeting_attendance (meeting_id, member_id, confirmed) VALUES (?, ?, ?) ON CONFLICT "
            "(meeting_id, member_id) DO UPDATE SET confirmed = excluded.confirmed"),
        { meetingId, memberId, true });
    if (!written)
        return written.error();
    return success();
}

} // namespace sotay
