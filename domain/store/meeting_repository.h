// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "meeting/cell_meeting.h"
#include "store/participation_repository.h"
#include "store/write_context.h"

#include <QHash>
#include <QSqlDatabase>

namespace sotay {

// What is asked for a new meeting. A late record (`lateReason` set) is a meeting already held: its time is in
// the past; any other meeting is scheduled for today or later.
struct NewMeeting {
    qint64 cellId = 0;
    MeetingKind kind = MeetingKind::Regular;
    QDateTime startsAt;
    QString place;
    QString onlineLink;
    QString topic;
    std::optional<qint64> topicContentId;
    QString lateReason;
};

// The rules of a meeting's time, place and link, as scheduling and changing check them (and the demo's
// batch).
QList<FieldError> meetingScheduleErrors(const NewMeeting& input, const WriteContext& context);
// A meeting belongs to an active cell: Invalid naming `cellId` otherwise.
Status checkMeetingCell(const QSqlDatabase& db, qint64 cellId);
// A meeting's topic, if one is named, is a published meeting topic whose time has come: Invalid naming
// `topicContentId` otherwise.
Status checkMeetingTopic(
    const QSqlDatabase& db, std::optional<qint64> topicContentId, const WriteContext& context);
// The month a meeting starting at `startsAt` is held in ("yyyy-MM", in Vietnam).
QString meetingMonth(const QDateTime& startsAt);
// The rules of closing an open meeting with its minutes at `now`: begun, and minutes written. Conflict naming
// `state`, or Invalid naming `minutes`.
Status checkMeetingClosing(const CellMeeting& meeting, const QString& minutes, const QDateTime& now);
// What closing a meeting adds to its cell's aggregate of the month: held, regular held, scheduled on time.
ParticipationFigures heldMeetingFigures(const CellMeeting& meeting);
// Counts `by` marks of `state` into the figures.
void countAttendance(ParticipationFigures& figures, AttendanceState state, qint64 by);

// A member of the cell the meeting concerns, with what was recorded for them.
struct AttendanceEntry {
    qint64 memberId = 0;
    QString fullName;
    bool exempt = false;
    std::optional<AttendanceState> state;
    bool confirmed = false; // the member said they will attend
};

// A state recorded for a member.
struct AttendanceMark {
    qint64 memberId = 0;
    AttendanceState state = AttendanceState::Present;
};

// Cell meetings and their attendance. Closing a meeting counts it, and its attendance, in the cell's
// participation aggregate of the meeting's month in the same transaction (participation_repository.h); a
// correction after closing changes the counts by the difference. Whether the caller may do it is the
// server's.
class MeetingRepository final {
public:
    explicit MeetingRepository(const QSqlDatabase& db);

    Result<CellMeeting> find(qint64 id) const;
    // The meetings of the cells in the subtree at `unitPath` held in `month`, by time.
    Result<QList<CellMeeting>> list(const QString& unitPath, const QString& month) const;
    // The meetings of one cell from `from` on (upcoming) or before it (past), nearest first, at most `limit`.
    Result<QList<CellMeeting>> ofCell(qint64 cellId, const QDateTime& from, bool upcoming, int limit) const;

    Result<CellMeeting> schedule(const NewMeeting& meeting, const WriteContext& context);
    // Moves a meeting still to be held (its kind, time, place, link, topic): the rules of scheduling hold; a
    // closed meeting or a late record does not change (a Conflict naming `state`).
    Result<CellMeeting> change(
        qint64 meetingId, const NewMeeting& next, qint64 expectedVersion, const WriteContext& context);
    // The members of the meeting's cell on the roster (the cell of a temporary stay counts), with their
    // marks.
    Result<QList<AttendanceEntry>> attendance(qint64 meetingId) const;
    // Records marks; members outside the cell or a state an exempt member cannot have are refused naming the
    // entry. After closing, the aggregate follows the difference (the caller checks who may correct).
    Result<CellMeeting> recordAttendance(qint64 meetingId, const QList<AttendanceMark>& marks,
        qint64 expectedVersion, const QString& reason, const WriteContext& context);
    // Closes with the minutes once every member not exempt has a mark; exempt members are marked exempt.
    Result<CellMeeting> close(
        qint64 meetingId, const QString& minutes, qint64 expectedVersion, const WriteContext& context);
    // What was recorded for one member at each of `meetingIds` (their own meetings list): a meeting with
    // nothing recorded for them yet is absent.
    Result<QHash<qint64, AttendanceEntry>> marksOf(qint64 memberId, const QList<qint64>& meetingIds) const;
    // A member says they will attend.
    Status confirm(qint64 meetingId, qint64 memberId);

private:
    QSqlDatabase m_db;
};

} // namespace sotay
