// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "change_batch.h"
#include "content/content_item.h"
#include "content/quiz_grading.h"
#include "core/result.h"
#include "store/participation_repository.h"
#include "store/write_context.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>

#include <unordered_set>

namespace sotay::demo {

// What members do in the handbook, written a batch at a time (one transaction per batch, not per act) under
// the rules the server applies to each act (ParticipationRepository and HandbookAccounts::activate): the
// first opening of an item counts and later ones do not; a lesson is studied once and studying opens it; a
// quiz is graded by gradeQuiz and the first passing attempt is the pass; an activation makes the member's
// account (their number, folded, as the user name) and counts in the cell; each act counts in its cell's
// aggregate of the month of its moment (in Vietnam), and a member is active in a cell and month once. Every
// act carries its own moment and actor (the WriteContext given with it).
//
// The batch keeps what it has written (and what it found stored when it loaded), so that the rules hold from
// one batch to the next; it assumes nobody else writes acts meanwhile, as when the demo is seeded.
class ParticipationBatch final {
public:
    explicit ParticipationBatch(const QSqlDatabase& db);
    ParticipationBatch(const ParticipationBatch&) = delete;
    ParticipationBatch& operator=(const ParticipationBatch&) = delete;

    // Reads what is stored already: readings, passes, active members, accounts and their user names.
    Status load();

    // True when the act counted (the first opening, the first study).
    bool open(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context);
    bool study(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context);
    RecordedAttempt attempt(qint64 memberId, qint64 cellId, qint64 contentId, const Quiz& quiz,
        const QList<QuizAnswer>& answers, const WriteContext& context);
    // The member's account, signed in to with `number` (card, or profile number): a Conflict when the member
    // has an account already, Invalid naming `number` when the user name is taken. `homeUnitId` and
    // `homeUnitPath` are the member's roster unit (the account's scope and feed path), `cellId` where they
    // take part. Returns the account's id.
    Result<qint64> activate(qint64 memberId, qint64 homeUnitId, const QString& homeUnitPath, qint64 cellId,
        const QString& number, const QString& passwordHash, const WriteContext& context);

    bool hasAccount(qint64 memberId) const { return m_accounts.contains(memberId); }
    qint64 acts() const { return m_acts; }

    // Writes the batch's rows and its aggregates' changes, inside the caller's transaction; its feed and
    // audit rows go to `changes`.
    Status write(ChangeBatch& changes);
    // On PostgreSQL, moves the account ids' sequence past the ids given here.
    Status finish();

private:
    struct Reading {
        bool studied = false;
        bool passed = false;
    };
    struct NewReading {
        qint64 memberId = 0;
        qint64 contentId = 0;
        QVariantList opened;  // opened_at, opened_month, opened_cell_id
        QVariantList studied; // studied_at, studied_month, studied_cell_id; empty until studied
    };
    struct ActiveKey {
        qint64 cellId = 0;
        qint64 memberId = 0;
        int month = 0; // year * 12 + month - 1
        friend bool operator==(const ActiveKey&, const ActiveKey&) = default;
    };
    struct ActiveKeyHash {
        std::size_t operator()(const ActiveKey& key) const noexcept;
    };

    void count(
        qint64 memberId, qint64 cellId, const WriteContext& context, const ParticipationFigures& delta);
    static quint64 readingKey(qint64 memberId, qint64 contentId);

    QSqlDatabase m_db;
    BulkInsert m_userRows;
    BulkInsert m_readingRows;
    BulkInsert m_attemptRows;
    BulkInsert m_activeRows;
    QHash<quint64, Reading> m_readings;
    std::unordered_set<ActiveKey, ActiveKeyHash> m_active;
    QSet<qint64> m_accounts; // members with an account
    QSet<QString> m_usernames;
    qint64 m_nextUserId = 1;
    qint64 m_acts = 0;

    // This batch's rows.
    QHash<quint64, qsizetype> m_newReadingIndex;
    QList<NewReading> m_newReadings;
    QList<QVariantList> m_laterStudies; // studied_at, studied_month, studied_cell_id, member_id, content_id
    QList<QVariantList> m_attempts;
    QList<QVariantList> m_newActive;
    QList<QVariantList> m_users;
    QHash<std::pair<qint64, QString>, ParticipationFigures> m_deltas;
    struct PendingChange {
        Change change;
        WriteContext context;
    };
    struct PendingAudit {
        qint64 memberId = 0;
        QJsonObject after;
        WriteContext context;
    };
    QList<PendingChange> m_pendingChanges;
    QList<PendingAudit> m_pendingAudits;
};

} // namespace sotay::demo
