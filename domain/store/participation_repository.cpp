// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/participation_repository.h"

#include "store/change_recorder.h"
#include "store/sql.h"
#include "store/user_columns.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <array>

namespace sotay {
namespace {

const QString kFigureColumns
    = QStringLiteral("id, cell_id, month, items_opened, lessons_studied, quiz_attempts, quiz_passes, "
                     "members_active, accounts_activated");

ParticipationFigures readFigures(const QSqlQuery& row)
{
    return { row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toString(),
        row.value(3).toLongLong(), row.value(4).toLongLong(), row.value(5).toLongLong(),
        row.value(6).toLongLong(), row.value(7).toLongLong(), row.value(8).toLongLong() };
}

// Adds to the cell's aggregate of the month, creating it at the first act, and marks it for the change feed.
// The member counts as active in the cell and month once. The counts are the columns' increments, in the
// order of the table: opened, studied, attempts, passes, activations.
Status bump(const QSqlDatabase& db, qint64 cellId, const QString& month, std::optional<qint64> activeMember,
    const std::array<int, 5>& counts)
{
    int newlyActive = 0;
    if (activeMember) {
        auto active = sql::exec(db,
            QStringLiteral("INSERT INTO participation_active (cell_id, month, member_id) VALUES (?, ?, ?) "
                           "ON CONFLICT (cell_id, month, member_id) DO NOTHING"),
            { cellId, month, *activeMember });
        if (!active)
            return active.error();
        newlyActive = active->numRowsAffected() > 0 ? 1 : 0;
    }
    auto bumped = sql::exec(db,
        QStringLiteral(
            "INSERT INTO participation_month (cell_id, month, items_opened, lessons_studied, "
            "quiz_attempts, quiz_passes, accounts_activated, members_active, pending_feed) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cell_id, month) DO UPDATE SET "
            "items_opened = participation_month.items_opened + excluded.items_opened, "
            "lessons_studied = participation_month.lessons_studied + excluded.lessons_studied, "
            "quiz_attempts = participation_month.quiz_attempts + excluded.quiz_attempts, "
            "quiz_passes = participation_month.quiz_passes + excluded.quiz_passes, "
            "accounts_activated = participation_month.accounts_activated + excluded.accounts_activated, "
            "members_active = participation_month.members_active + excluded.members_active, "
            "pending_feed = excluded.pending_feed"),
        { cellId, month, counts[0], counts[1], counts[2], counts[3], counts[4], newlyActive, true });
    if (!bumped)
        return bumped.error();
    return success();
}

} // namespace

QString participationMonth(const WriteContext& context)
{
    return context.today().toString(QStringLiteral("yyyy-MM"));
}

ParticipationFigures& ParticipationFigures::operator+=(const ParticipationFigures& other)
{
    itemsOpened += other.itemsOpened;
    lessonsStudied += other.lessonsStudied;
    quizAttempts += other.quizAttempts;
    quizPasses += other.quizPasses;
    membersActive += other.membersActive;
    accountsActivated += other.accountsActivated;
    return *this;
}

ParticipationRepository::ParticipationRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<bool> ParticipationRepository::recordOpened(
    qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    const QString month = participationMonth(context);
    auto opened = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO content_study (member_id, content_id, opened_at, opened_month, opened_cell_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, content_id) DO NOTHING"),
        { memberId, contentId, sql::timestamp(context.now), month, cellId });
    if (!opened)
        return opened.error();
    const bool counted = opened->numRowsAffected() > 0;
    if (counted)
        if (const Status bumped = bump(m_db, cellId, month, memberId, { 1, 0, 0, 0, 0 }); !bumped)
            return bumped.error();
    return sql::commitWith(transaction, Result<bool>(counted));
}

Result<bool> ParticipationRepository::recordStudied(
    qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (auto opened = recordOpened(memberId, cellId, contentId, context); !opened)
        return opened;
    const QString month = participationMonth(context);
    auto studied = sql::exec(m_db,
        QStringLiteral(
            "UPDATE content_study SET studied_at = ?, studied_month = ?, studied_cell_id = ? WHERE "
            "member_id = ? AND content_id = ? AND studied_at IS NULL"),
        { sql::timestamp(context.now), month, cellId, memberId, contentId });
    if (!studied)
        return studied.error();
    const bool counted = studied->numRowsAffected() > 0;
    if (counted)
        if (const Status bumped = bump(m_db, cellId, month, memberId, { 0, 1, 0, 0, 0 }); !bumped)
            return bumped.error();
    return sql::commitWith(transaction, Result<bool>(counted));
}

Result<RecordedAttempt> ParticipationRepository::recordAttempt(qint64 memberId, qint64 cellId,
    qint64 contentId, const QString& answersJson, const QuizResult& result, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    // An attempt opens the lesson too; the reading's row is then locked (a write that changes nothing), so
    // two attempts of one member at one lesson run one after the other and only one can be the first pass.
    if (auto opened = recordOpened(memberId, cellId, contentId, context); !opened)
        return opened.error();
    if (auto locked = sql::exec(m_db,
            QStringLiteral(
                "UPDATE content_study SET opened_at = opened_at WHERE member_id = ? AND content_id = ?"),
            { memberId, contentId });
        !locked)
        return locked.error();
    // The first passing attempt: one pass per member and lesson, whatever comes after.
    bool firstPass = false;
    if (result.passed) {
        auto passedBefore = sql::exec(m_db,
            QStringLiteral(
                "SELECT COUNT(*) FROM quiz_attempt WHERE member_id = ? AND content_id = ? AND passed = ?"),
            { memberId, contentId, true });
        if (!passedBefore)
            return passedBefore.error();
        firstPass = passedBefore->next() && passedBefore->value(0).toLongLong() == 0;
    }
    const QString month = participationMonth(context);
    auto inserted = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO quiz_attempt (member_id, content_id, cell_id, month, attempted_at, answers, "
            "correct, total, passed, first_pass) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { memberId, contentId, cellId, month, sql::timestamp(context.now), answersJson, result.correct,
            result.total, result.passed, firstPass });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    if (const Status bumped = bump(m_db, cellId, month, memberId, { 0, 0, 1, firstPass ? 1 : 0, 0 }); !bumped)
        return bumped.error();
    return sql::commitWith(
        transaction, Result<RecordedAttempt>(RecordedAttempt { id, result, firstPass, context.now }));
}

Status ParticipationRepository::recordActivation(qint64 cellId, const WriteContext& context)
{
    return bump(m_db, cellId, participationMonth(context), std::nullopt, { 0, 0, 0, 0, 1 });
}

Result<StudyState> ParticipationRepository::studyState(qint64 memberId, qint64 contentId) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT studied_at FROM content_study WHERE member_id = ? AND content_id = ?"),
        { memberId, contentId });
    if (!query)
        return query.error();
    if (!query->next())
        return StudyState {};
    return StudyState { true, !query->value(0).isNull() };
}

Result<QList<RecordedAttempt>> ParticipationRepository::attempts(qint64 memberId, qint64 contentId) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT id, correct, total, passed, first_pass, attempted_at FROM quiz_attempt WHERE "
                       "member_id = ? AND content_id = ? ORDER BY id"),
        { memberId, contentId });
    if (!query)
        return query.error();
    QList<RecordedAttempt> found;
    while (query->next()) {
        RecordedAttempt attempt;
        attempt.id = query->value(0).toLongLong();
        attempt.result.correct = query->value(1).toInt();
        attempt.result.total = query->value(2).toInt();
        attempt.result.scorePercent
            = attempt.result.total == 0 ? 0 : attempt.result.correct * 100 / attempt.result.total;
        attempt.result.passed = query->value(3).toBool();
        attempt.firstPass = query->value(4).toBool();
        attempt.attemptedAt = readTimestamp(query->value(5));
        found.append(attempt);
    }
    return found;
}

Result<int> ParticipationRepository::flushPending(const WriteContext& context, int limit)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto pending = sql::exec(m_db,
        QStringLiteral(
            "SELECT p.id, o.path FROM participation_month p JOIN org_unit o ON o.id = p.cell_id WHERE "
            "p.pending_feed = ? ORDER BY p.id LIMIT ?"),
        { true, limit });
    if (!pending)
        return pending.error();
    QList<std::pair<qint64, QString>> rows;
    while (pending->next())
        rows.append({ pending->value(0).toLongLong(), pending->value(1).toString() });
    pending->finish();
    for (const auto& [id, path] : rows) {
        // Cleared under the row's lock: an act committing meanwhile either comes before (and the feed row,
        // read later, shows it) or sets the mark again for the next flush.
        if (auto cleared
            = sql::exec(m_db, QStringLiteral("UPDATE participation_month SET pending_feed = ? WHERE id = ?"),
                { false, id });
            !cleared)
            return cleared.error();
        Change change;
        change.entity = QStringLiteral("participation");
        change.entityId = id;
        change.path = path;
        change.action = QStringLiteral("participation.flush");
        if (auto recorded = recordChange(m_db, change, context); !recorded)
            return recorded.error();
    }
    return sql::commitWith(transaction, Result<int>(static_cast<int>(rows.size())));
}

Result<QList<ParticipationFigures>> ParticipationRepository::month(const QString& month) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + kFigureColumns
            + QStringLiteral(" FROM participation_month WHERE month = ?"),
        { month });
    if (!query)
        return query.error();
    QList<ParticipationFigures> found;
    while (query->next())
        found.append(readFigures(*query));
    return found;
}

Result<ParticipationFigures> ParticipationRepository::find(qint64 id) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + kFigureColumns + QStringLiteral(" FROM participation_month WHERE id = ?"),
        { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("participation %1").arg(id));
    return readFigures(*query);
}

QJsonObject participationJson(const ParticipationFigures& f)
{
    return { { QStringLiteral("id"), f.id }, { QStringLiteral("cellId"), f.cellId },
        { QStringLiteral("month"), f.month }, { QStringLiteral("itemsOpened"), f.itemsOpened },
        { QStringLiteral("lessonsStudied"), f.lessonsStudied },
        { QStringLiteral("quizAttempts"), f.quizAttempts }, { QStringLiteral("quizPasses"), f.quizPasses },
        { QStringLiteral("membersActive"), f.membersActive },
        { QStringLiteral("accountsActivated"), f.accountsActivated } };
}

Result<ParticipationFigures> participationFromJson(const QJsonObject& json)
{
    ParticipationFigures f;
    f.id = json.value(QStringLiteral("id")).toInteger();
    f.cellId = json.value(QStringLiteral("cellId")).toInteger();
    f.month = json.value(QStringLiteral("month")).toString();
    f.itemsOpened = json.value(QStringLiteral("itemsOpened")).toInteger();
    f.lessonsStudied = json.value(QStringLiteral("lessonsStudied")).toInteger();
    f.quizAttempts = json.value(QStringLiteral("quizAttempts")).toInteger();
    f.quizPasses = json.value(QStringLiteral("quizPasses")).toInteger();
    f.membersActive = json.value(QStringLiteral("membersActive")).toInteger();
    f.accountsActivated = json.value(QStringLiteral("accountsActivated")).toInteger();
    if (f.id <= 0 || f.cellId <= 0 || f.month.size() != 7)
        return Error::invalid(QStringLiteral("participation: not an aggregate"));
    return f;
}

Status storeParticipationCopy(const QSqlDatabase& db, const ParticipationFigures& f)
{
    auto stored = sql::exec(db,
        QStringLiteral(
            "INSERT INTO participation_month (id, cell_id, month, items_opened, lessons_studied, "
            "quiz_attempts, quiz_passes, members_active, accounts_activated, pending_feed) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET cell_id = excluded.cell_id, "
            "month = excluded.month, items_opened = excluded.items_opened, lessons_studied = "
            "excluded.lessons_studied, quiz_attempts = excluded.quiz_attempts, quiz_passes = "
            "excluded.quiz_passes, members_active = excluded.members_active, accounts_activated = "
            "excluded.accounts_activated"),
        { f.id, f.cellId, f.month, f.itemsOpened, f.lessonsStudied, f.quizAttempts, f.quizPasses,
            f.membersActive, f.accountsActivated, false });
    if (!stored)
        return stored.error();
    return success();
}

Status removeParticipationCopy(const QSqlDatabase& db, qint64 id)
{
    auto removed = sql::exec(db, QStringLiteral("DELETE FROM participation_month WHERE id = ?"), { id });
    if (!removed)
        return removed.error();
    return success();
}

Result<QList<ParticipationFigures>> recomputeParticipation(const QSqlDatabase& db)
{
    QMap<std::pair<qint64, QString>, ParticipationFigures> figures;
    QMap<std::pair<qint64, QString>, QSet<qint64>> active;
    const auto at = [&](qint64 cell, const QString& month) -> ParticipationFigures& {
        ParticipationFigures& f = figures[{ cell, month }];
        f.cellId = cell;
        f.month = month;
        return f;
    };
    auto studies = sql::exec(db,
        QStringLiteral("SELECT member_id, opened_cell_id, opened_month, studied_cell_id, studied_month FROM "
                       "content_study"));
    if (!studies)
        return studies.error();
    while (studies->next()) {
        const qint64 member = studies->value(0).toLongLong();
        at(studies->value(1).toLongLong(), studies->value(2).toString()).itemsOpened += 1;
        active[{ studies->value(1).toLongLong(), studies->value(2).toString() }].insert(member);
        if (!studies->value(3).isNull()) {
            at(studies->value(3).toLongLong(), studies->value(4).toString()).lessonsStudied += 1;
            active[{ studies->value(3).toLongLong(), studies->value(4).toString() }].insert(member);
        }
    }
    auto attempts
        = sql::exec(db, QStringLiteral("SELECT member_id, cell_id, month, first_pass FROM quiz_attempt"));
    if (!attempts)
        return attempts.error();
    while (attempts->next()) {
        ParticipationFigures& f = at(attempts->value(1).toLongLong(), attempts->value(2).toString());
        f.quizAttempts += 1;
        f.quizPasses += attempts->value(3).toBool() ? 1 : 0;
        active[{ f.cellId, f.month }].insert(attempts->value(0).toLongLong());
    }
    auto activations = sql::exec(
        db, QStringLiteral("SELECT after_json FROM audit_log WHERE action = 'member.handbook_activated'"));
    if (!activations)
        return activations.error();
    while (activations->next()) {
        const QJsonObject after = QJsonDocument::fromJson(activations->value(0).toString().toUtf8()).object();
        at(after.value(QStringLiteral("cellId")).toInteger(), after.value(QStringLiteral("month")).toString())
            .accountsActivated
            += 1;
    }
    QList<ParticipationFigures> all;
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        it->membersActive = active.value(it.key()).size();
        all.append(*it);
    }
    return all;
}

} // namespace sotay
