// SPDX-License-Identifier: GPL-3.0-or-later
#include "meeting_batch.h"

#include "store/sql.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>

namespace sotay::demo {
MeetingBatch::MeetingBatch(const QSqlDatabase& db)
    : m_db(db)
    , m_meetingRows(db, QStringLiteral("cell_meeting"),
          { QStringLiteral("id"), QStringLiteral("cell_id"), QStringLiteral("kind"),
              QStringLiteral("starts_at"), QStringLiteral("month"), QStringLiteral("place"),
              QStringLiteral("online_link"), QStringLiteral("topic"), QStringLiteral("topic_content_id"),
              QStringLiteral("scheduled_at"), QStringLiteral("scheduled_by"), QStringLiteral("late_reason") })
    , m_markRows(db, QStringLiteral("meeting_attendance"),
          { QStringLiteral("meeting_id"), QStringLiteral("member_id"), QStringLiteral("state") },
          &m_meetingRows)
{
}

Status MeetingBatch::load()
{
    auto last = sql::exec(m_db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM cell_meeting"));
    if (!last)
        return last.error();
    m_nextId = (last->next() ? last->value(0).toLongLong() : 0) + 1;
    last->finish();
    auto open = sql::exec(m_db,
        QStringLiteral("SELECT m.id, o.path FROM cell_meeting m JOIN org_unit o ON o.id = m.cell_id WHERE "
                       "m.closed_at IS NULL"));
    if (!open)
        return open.error();
    QList<std::pair<qint64, QString>> ids;
    while (open->next())
        ids.append({ open->value(0).toLongLong(), open->value(1).toString() });
    open->finish();
    MeetingRepository meetings(m_db);
    for (const auto& [id, path] : ids) {
        auto meeting = meetings.find(id);
        if (!meeting)
            return meeting.error();
        m_open.insert(id, { *meeting, path });
    }
    return success();
}

void MeetingBatch::addChange(
    const QString& action, const Open& open, const QJsonObject& after, const WriteContext& context)
{
    Change change;
    change.entity = QStringLiteral("meeting");
    change.entityId = open.meeting.id;
    change.path = open.cellPath;
    change.action = action;
    change.after = after;
    m_changes.append({ change, context });
}

Result<CellMeeting> MeetingBatch::schedule(
    const NewMeeting& input, const QString& cellPath, const WriteContext& context)
{
    if (const QList<FieldError> errors = meetingScheduleErrors(input, context); !errors.isEmpty())
        return Error::invalid(errors.front().message, errors);
    if (const Status cell = checkMeetingCell(m_db, input.cellId); !cell)
        return cell.error();
    if (const Status topic = checkMeetingTopic(m_db, input.topicContentId, context); !topic)
        return topic.error();
    CellMeeting meeting;
    meeting.id = m_nextId++;
    meeting.cellId = input.cellId;
    meeting.kind = input.kind;
    meeting.startsAt = input.startsAt;
    meeting.month = meetingMonth(input.startsAt);
    meeting.place = text::cleanText(input.place);
    meeting.onlineLink = input.onlineLink.trimmed();
    meeting.topic = text::cleanText(input.topic);
    meeting.topicContentId = input.topicContentId;
    meeting.scheduledAt = context.now;
    meeting.scheduledBy = context.actor;
    meeting.lateReason = text::cleanText(input.lateReason);
    meeting.version = 1;
    m_newMeetings.append({ meeting.id, meeting.cellId, toCode(meeting.kind), sql::timestamp(meeting.startsAt),
        meeting.month, sql::text(meeting.place), sql::text(meeting.onlineLink), sql::text(meeting.topic),
        sql::optionalId(meeting.topicContentId), sql::timestamp(context.now), context.actor,
        sql::text(meeting.lateReason) });
    const Open open { meeting, cellPath };
    m_open.insert(meeting.id, open);
    addChange(
        meeting.recordedLate() ? QStringLiteral("meeting.recorded_late") : QStringLiteral("meeting.schedule"),
        open, { { QStringLiteral("lateReason"), meeting.lateReason } }, context);
    return meeting;
}

Result<CellMeeting> MeetingBatch::close(qint64 meetingId, const QList<AttendanceMark>& marks,
    const QHash<qint64, bool>& roster, const QString& minutes, const WriteContext& context)
{
    const auto found = m_open.find(meetingId);
    if (found == m_open.end())
        return Error::notFound(QStringLiteral("meeting %1").arg(meetingId));
    Open& open = *found;
    if (const Status closable = checkMeetingClosing(open.meeting, minutes, context.now); !closable)
        return closable.error();
    QSet<qint64> seen;
    for (qsizetype i = 0; i < marks.size(); ++i) {
        const QString field = QStringLiteral("entries[%1]").arg(i);
        const auto member = roster.constFind(marks[i].memberId);
        if (member == roster.constEnd() || seen.contains(marks[i].memberId))
            return Error::invalidField(field,
                QCoreApplication::translate("MeetingRepository",
                    "Đảng viên có mã số %1 không sinh hoạt ở chi bộ này, hoặc được điểm danh hai lần.")
                    .arg(marks[i].memberId));
        if (*member != (marks[i].state == AttendanceState::Exempt))
            return Error::invalidField(field,
                QCoreApplication::translate("MeetingRepository",
                    "Chỉ đảng viên được miễn sinh hoạt mới ở trạng thái miễn, và họ luôn ở trạng thái đó."));
        seen.insert(marks[i].memberId);
    }
    ParticipationFigures figures = heldMeetingFigures(open.meeting);
    QStringList unmarked;
    for (auto member = roster.cbegin(); member != roster.cend(); ++member) {
        if (seen.contains(member.key()))
            continue;
        if (!member.value()) {
            unmarked.append(QString::number(member.key()));
            continue;
        }
        // Closing marks the exempt members exempt.
        m_marks.append({ meetingId, member.key(), toCode(AttendanceState::Exempt) });
        countAttendance(figures, AttendanceState::Exempt, 1);
    }
    if (!unmarked.isEmpty())
        return Error::invalidField(QStringLiteral("attendance"),
            QCoreApplication::translate("MeetingRepository", "Còn %n đảng viên chưa được điểm danh: %1.",
                nullptr, static_cast<int>(unmarked.size()))
                .arg(unmarked.mid(0, 10).join(QStringLiteral(", "))));
    for (const AttendanceMark& mark : marks) {
        m_marks.append({ meetingId, mark.memberId, toCode(mark.state) });
        countAttendance(figures, mark.state, 1);
    }
    m_markCount += roster.size();
    // The secretary's two writes: the marks (a version), then the closing with the minutes (another).
    open.meeting.version += 2;
    open.meeting.closedAt = context.now;
    open.meeting.minutes = text::nfc(minutes).trimmed();
    m_closures.append({ sql::timestamp(context.now), open.meeting.minutes, open.meeting.version, meetingId });
    addChange(QStringLiteral("meeting.attendance"), open,
        { { QStringLiteral("marks"), static_cast<qint64>(marks.size()) },
            { QStringLiteral("reason"), QString() } },
        context);
    addChange(QStringLiteral("meeting.close"), open, {}, context);
    ParticipationFigures& delta = m_deltas[{ open.meeting.cellId, open.meeting.month }];
    delta += figures;
    const CellMeeting closed = open.meeting;
    m_open.erase(found);
    return closed;
}

Status MeetingBatch::write(ChangeBatch& changes)
{
    for (const QVariantList& row : std::as_const(m_newMeetings))
        if (const Status added = m_meetingRows.add(row); !added)
            return added;
    if (const Status flushed = m_meetingRows.flush(); !flushed)
        return flushed;
    for (const QVariantList& row : std::as_const(m_marks))
        if (const Status added = m_markRows.add(row); !added)
            return added;
    if (const Status flushed = m_markRows.flush(); !flushed)
        return flushed;
    if (!m_closures.isEmpty()) {
        QSqlQuery closed(m_db);
        if (!closed.prepare(QStringLiteral("UPDATE cell_meeting SET closed_at = ?, minutes = ?, version = ? "
                                           "WHERE id = ? AND closed_at IS NULL")))
            return sql::storageError(closed);
        for (const QVariantList& row : std::as_const(m_closures)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                closed.bindValue(static_cast<int>(i), row.at(i));
            if (!closed.exec())
                return sql::storageError(closed);
            if (closed.numRowsAffected() != 1)
                return Error::conflict(
                    QStringLiteral("meeting %1: closed twice").arg(row.at(3).toLongLong()));
        }
    }
    for (auto it = m_deltas.cbegin(); it != m_deltas.cend(); ++it)
        if (const Status added = addParticipation(m_db, it.key().first, it.key().second, it.value(), {});
            !added)
            return added;
    for (const auto& [change, context] : std::as_const(m_changes))
        changes.add(change, context);
    m_newMeetings.clear();
    m_marks.clear();
    m_closures.clear();
    m_changes.clear();
    m_deltas.clear();
    return success();
}

Status MeetingBatch::finish()
{
    if (sql::dialectOf(m_db) != Dialect::Postgres)
        return success();
    const auto moved = sql::exec(m_db,
        QStringLiteral("SELECT setval(pg_get_serial_sequence('cell_meeting', 'id'), (SELECT MAX(id) FROM "
                       "cell_meeting))"));
    if (!moved)
        return moved.error();
    return success();
}

} // namespace sotay::demo
