// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "change_batch.h"
#include "core/result.h"
#include "meeting/cell_meeting.h"
#include "store/meeting_repository.h"
#include "store/write_context.h"

#include <QHash>
#include <QSqlDatabase>

namespace sotay::demo {

// Cell meetings written a batch at a time (one transaction per batch) under the rules of MeetingRepository:
// a meeting is scheduled under meetingScheduleErrors (never for a day already past, a place or an https link)
// for an active cell; it is closed once it has begun, with minutes, after every member of the cell's roster
// has a mark (exempt members always exempt, and only they); closing counts it and its marks in the cell's
// aggregate of the month it is held in (heldMeetingFigures, countAttendance). Recording the marks and closing
// are the two writes the secretary makes, each with its feed and audit rows, as through the API.
//
// Like ParticipationBatch, it keeps the meetings still open from one batch to the next and assumes nobody
// else writes meetings meanwhile.
class MeetingBatch final {
public:
    explicit MeetingBatch(const QSqlDatabase& db);
    MeetingBatch(const MeetingBatch&) = delete;
    MeetingBatch& operator=(const MeetingBatch&) = delete;

    // Reads the meetings not yet closed and the next id.
    Status load();

    // `cellPath` is the cell's path: the feed row's. Invalid, naming the field, when a rule is broken.
    Result<CellMeeting> schedule(
        const NewMeeting& meeting, const QString& cellPath, const WriteContext& context);
    // `roster`: the cell's members on the roster on the day, each with whether they are exempt. Invalid
    // naming the entry (or `attendance`, `minutes`), or a Conflict naming `state`, when a rule is broken.
    Result<CellMeeting> close(qint64 meetingId, const QList<AttendanceMark>& marks,
        const QHash<qint64, bool>& roster, const QString& minutes, const WriteContext& context);

    qint64 marks() const { return m_markCount; }

    // Inside the caller's transaction; the feed and audit rows go to `changes`.
    Status write(ChangeBatch& changes);
    // On PostgreSQL, moves the meeting ids' sequence past the ids given here.
    Status finish();

private:
    struct Open {
        CellMeeting meeting;
        QString cellPath;
    };
    struct PendingChange {
        Change change;
        WriteContext context;
    };

    void addChange(
        const QString& action, const Open& open, const QJsonObject& after, const WriteContext& context);

    QSqlDatabase m_db;
    BulkInsert m_meetingRows;
    BulkInsert m_markRows;
    QHash<qint64, Open> m_open;
    qint64 m_nextId = 1;
    qint64 m_markCount = 0;

    QList<QVariantList> m_newMeetings;
    QList<QVariantList> m_marks;
    QList<QVariantList> m_closures; // closed_at, minutes, version, id
    QList<PendingChange> m_changes;
    QHash<std::pair<qint64, QString>, ParticipationFigures> m_deltas;
};

} // namespace sotay::demo
