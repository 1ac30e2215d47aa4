// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/quiz_grading.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>

namespace sotay {

// The month of a moment, in Vietnam: "yyyy-MM".
QString participationMonth(const WriteContext& context);

// One aggregate: a cell's participation in a month (docs/design.md defines each figure).
struct ParticipationFigures {
    qint64 id = 0;
    qint64 cellId = 0;
    QString month;
    qint64 itemsOpened = 0;
    qint64 lessonsStudied = 0;
    qint64 quizAttempts = 0;
    qint64 quizPasses = 0;
    qint64 membersActive = 0;
    qint64 accountsActivated = 0;
    // Cell meetings (store/meeting_repository.h): held (closed) in the month, of which regular, of which
    // scheduled on time; the attendance recorded at them, by state.
    qint64 meetingsHeld = 0;
    qint64 regularHeld = 0;
    qint64 regularOnTime = 0;
    qint64 attendancePresent = 0;
    qint64 attendanceExcused = 0;
    qint64 attendanceAbsent = 0;
    qint64 attendanceExempt = 0;
    // Stocks, not acts: the cell's members on the roster and not exempt, and those of them with an active
    // handbook account, as snapshotRoster last counted them in the month.
    qint64 membersCounted = 0;
    qint64 accountsActive = 0;
    // Not stored: the regular meetings a report's cells owe (one per cell and month), counted by the report.
    qint64 regularDue = 0;

    ParticipationFigures& operator+=(const ParticipationFigures& other);
    friend bool operator==(const ParticipationFigures&, const ParticipationFigures&) = default;
};

// The columns of participation_month (aliased `p`) in the order readParticipation reads them.
QString participationColumns();
ParticipationFigures readParticipation(const QSqlQuery& row);

// Adds `delta` to the cell's aggregate of the month inside the caller's transaction, creating it at the first
// act, and marks it for the change feed; each of `activeMembers` counts as active in the cell and month once.
Status addParticipation(const QSqlDatabase& db, qint64 cellId, const QString& month,
    const ParticipationFigures& delta, const QList<qint64>& activeMembers);

// The JSON form of an aggregate (the change feed's, and a replica's copy), and back.
QJsonObject participationJson(const ParticipationFigures& figures);
Result<ParticipationFigures> participationFromJson(const QJsonObject& json);
// A replica's copy of an aggregate as the server sent it.
Status storeParticipationCopy(const QSqlDatabase& db, const ParticipationFigures& figures);
Status removeParticipationCopy(const QSqlDatabase& db, qint64 id);

// A member's reading of an item.
struct StudyState {
    bool opened = false;
    bool studied = false;
};

// How a unit's figures for a month are summed: by the unit right below it on each cell's path, or by cell.
enum class ParticipationGrouping { ByChild, ByCell };

// A unit's aggregates for a month on the tree as it stood on a day (see
// ParticipationRepository::sumsOfMonth).
struct ParticipationSums {
    // By child unit or by cell id; by child, 0 holds the unit's own aggregate (a base cell's).
    QHash<qint64, ParticipationFigures> byGroup;
    // The month's aggregates of cells that no longer stood on the day (ended during the month), anywhere in
    // the tree, one by one: the caller places each where its cell last stood.
    QList<ParticipationFigures> ofEndedCells;
};

struct RecordedAttempt {
    qint64 id = 0;
    QuizResult result;
    bool firstPass = false;
    QDateTime attemptedAt;
};

// What members do with published content, each act in one transaction with the update of its cell's aggregate
// for the month (never a row above the cell). `cellId` is where the member takes part (the cell of a
// temporary stay while there is one). The change feed learns of changed aggregates from flushPending, not
// from the acts.
class ParticipationRepository final {
public:
    explicit ParticipationRepository(const QSqlDatabase& db);

    // The first opening of an item counts; later ones change nothing. True when this one counted.
    Result<bool> recordOpened(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context);
    // Marking a lesson studied (an explicit act) counts once; it opens the item too if it was not. True when
    // this one counted.
    Result<bool> recordStudied(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context);
    Result<RecordedAttempt> recordAttempt(qint64 memberId, qint64 cellId, qint64 contentId,
        const QString& answersJson, const QuizResult& result, const WriteContext& context);
    // An account activated by a member of the cell.
    Status recordActivation(qint64 cellId, const WriteContext& context);

    Result<StudyState> studyState(qint64 memberId, qint64 contentId) const;
    // The member's reading of each of `contentIds` (a page of their feed) in one query; an item never opened
    // is absent.
    Result<QHash<qint64, StudyState>> studyStates(qint64 memberId, const QList<qint64>& contentIds) const;
    Result<QList<RecordedAttempt>> attempts(qint64 memberId, qint64 contentId) const;

    // Writes a change-feed row for each aggregate changed since it last went (at most `limit`), in one
    // transaction; returns how many went.
    Result<int> flushPending(const WriteContext& context, int limit = 1000);
    // Every aggregate of `month` (a few thousand cells in a province).
    Result<QList<ParticipationFigures>> month(const QString& month) const;
    Result<ParticipationFigures> find(qint64 id) const;
    // The month's aggregates of the cells inside the unit at `unitPath` on `asOf` (on the tree's periods, not
    // today's paths), summed in the database by child unit or by cell: a whole province in one query.
    Result<ParticipationSums> sumsOfMonth(
        const QString& month, QDate asOf, const QString& unitPath, ParticipationGrouping grouping) const;

private:
    QSqlDatabase m_db;
};

// Counts, for the current month, every cell's members on the roster and not exempt (where they take part: a
// temporary stay's cell) and those with an active member account, into the cells' aggregates, in one
// transaction; an aggregate whose counts changed is marked for the feed. Run by the server every few minutes,
// so a past month keeps the counts of its last days.
Status snapshotRoster(const QSqlDatabase& db, const WriteContext& context);

// Every aggregate recomputed from the raw acts (content_study, quiz_attempt, the activations in the audit
// log, the closed meetings and their marks): what the test of the aggregates compares them with. The roster
// counts are stocks, not acts: they are copied from the stored aggregates.
Result<QList<ParticipationFigures>> recomputeParticipation(const QSqlDatabase& db);

} // namespace sotay
