// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/participation_repository.h"

#include "meeting/cell_meeting.h"
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

// Every counter of an aggregate, as columns, as JSON and as the struct's members, in one order.
struct Counter {
    const char* column;
    const char* json;
    qint64 ParticipationFigures::*member;
};
const std::array<Counter, 15> kCounters { {
    { "items_opened", "itemsOpened", &ParticipationFigures::itemsOpened },
    { "lessons_studied", "lessonsStudied", &ParticipationFigures::lessonsStudied },
    { "quiz_attempts", "quizAttempts", &ParticipationFigures::quizAttempts },
    { "quiz_passes", "quizPasses", &ParticipationFigures::quizPasses },
    { "members_active", "membersActive", &ParticipationFigures::membersActive },
    { "accounts_activated", "accountsActivated", &ParticipationFigures::accountsActivated },
    { "meetings_held", "meetingsHeld", &ParticipationFigures::meetingsHeld },
    { "regular_held", "regularHeld", &ParticipationFigures::regularHeld },
    { "regular_on_time", "regularOnTime", &ParticipationFigures::regularOnTime },
    { "attendance_present", "attendancePresent", &ParticipationFigures::attendancePresent },
    { "attendance_excused", "attendanceExcused", &ParticipationFigures::attendanceExcused },
    { "attendance_absent", "attendanceAbsent", &ParticipationFigures::attendanceAbsent },
    { "attendance_exempt", "attendanceExempt", &ParticipationFigures::attendanceExempt },
    { "members_counted", "membersCounted", &ParticipationFigures::membersCounted },
    { "accounts_active", "accountsActive", &ParticipationFigures::accountsActive },
} };

// The first counters (opened, studied, attempts, passes, active, activated), the rest zero.
ParticipationFigures counters(std::array<qint64, 6> values)
{
    ParticipationFigures f;
    for (std::size_t i = 0; i < values.size(); ++i)
        f.*(kCounters[i].member) = values[i];
    return f;
}

} // namespace

QString participationColumns()
{
    QStringList columns { QStringLiteral("p.id"), QStringLiteral("p.cell_id"), QStringLiteral("p.month") };
    for (const Counter& counter : kCounters)
        columns.append(QStringLiteral("p.") + QLatin1StringView(counter.column));
    return columns.join(QStringLiteral(", "));
}

ParticipationFigures readParticipation(const QSqlQuery& row)
{
    ParticipationFigures f;
    f.id = row.value(0).toLongLong();
    f.cellId = row.value(1).toLongLong();
    f.month = row.value(2).toString();
    for (std::size_t i = 0; i < kCounters.size(); ++i)
        f.*(kCounters[i].member) = row.value(static_cast<int>(i) + 3).toLongLong();
    return f;
}

namespace {

// The upsert of an aggregate by a delta: every counter added, the row marked for the feed. Built once; each
// connection keeps it prepared (every act runs it).
const QString& addParticipationStatement()
{
    static const QString statement = []() -> QString {
        QStringList columns;
        QStringList updates;
        for (const Counter& counter : kCounters) {
            const QString column = QLatin1StringView(counter.column);
            columns.append(column);
            updates.append(column + QStringLiteral(" = participation_month.") + column
                + QStringLiteral(" + excluded.") + column);
        }
        return QStringLiteral("INSERT INTO participation_month (cell_id, month, ")
            + columns.join(QStringLiteral(", ")) + QStringLiteral(", pending_feed) VALUES (")
            + sql::placeholders(columns.size() + 3)
            + QStringLiteral(") ON CONFLICT (cell_id, month) DO UPDATE SET ")
            + updates.join(QStringLiteral(", ")) + QStringLiteral(", pending_feed = excluded.pending_feed");
    }();
    return statement;
}

} // namespace

Status addParticipation(const QSqlDatabase& db, qint64 cellId, const QString& month,
    const ParticipationFigures& delta, const QList<qint64>& activeMembers)
{
    qint64 newlyActive = 0;
    for (const qint64 member : activeMembers) {
        auto active = sql::execCached(db,
            QStringLiteral("INSERT INTO participation_active (cell_id, month, member_id) VALUES (?, ?, ?) "
                           "ON CONFLICT (cell_id, month, member_id) DO NOTHING"),
            { cellId, month, member });
        if (!active)
            return active.error();
        newlyActive += active->numRowsAffected() > 0 ? 1 : 0;
    }
    ParticipationFigures added = delta;
    added.membersActive += newlyActive;
    QVariantList values { cellId, month };
    for (const Counter& counter : kCounters)
        values << added.*(counter.member);
    values << true;
    auto bumped = sql::execCached(db, addParticipationStatement(), values);
    if (!bumped)
        return bumped.error();
    return success();
}

QString participationMonth(const WriteContext& context)
{
    return context.today().toString(QStringLiteral("yyyy-MM"));
}

ParticipationFigures& ParticipationFigures::operator+=(const ParticipationFigures& other)
{
    for (const Counter& counter : kCounters)
        this->*(counter.member) += other.*(counter.member);
    regularDue += other.regularDue;
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
    auto opened = sql::execCached(m_db,
        QStringLiteral(
            "INSERT INTO content_study (member_id, content_id, opened_at, opened_month, opened_cell_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, content_id) DO NOTHING"),
        { memberId, contentId, sql::timestamp(context.now), month, cellId });
    if (!opened)
        return opened.error();
    const bool counted = opened->numRowsAffected() > 0;
    if (counted)
        if (const Status bumped
            = addParticipation(m_db, cellId, month, counters({ 1, 0, 0, 0, 0, 0 }), { memberId });
            !bumped)
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
    auto studied = sql::execCached(m_db,
        QStringLiteral(
            "UPDATE content_study SET studied_at = ?, studied_month = ?, studied_cell_id = ? WHERE "
            "member_id = ? AND content_id = ? AND studied_at IS NULL"),
        { sql::timestamp(context.now), month, cellId, memberId, contentId });
    if (!studied)
        return studied.error();
    const bool counted = studied->numRowsAffected() > 0;
    if (counted)
        if (const Status bumped
            = addParticipation(m_db, cellId, month, counters({ 0, 1, 0, 0, 0, 0 }), { memberId });
            !bumped)
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
    if (auto locked = sql::execCached(m_db,
            QStringLiteral(
                "UPDATE content_study SET opened_at = opened_at WHERE member_id = ? AND content_id = ?"),
            { memberId, contentId });
        !locked)
        return locked.error();
    // The first passing attempt: one pass per member and lesson, whatever comes after.
    bool firstPass = false;
    if (result.passed) {
        auto passedBefore = sql::execCached(m_db,
            QStringLiteral(
                "SELECT COUNT(*) FROM quiz_attempt WHERE member_id = ? AND content_id = ? AND passed = ?"),
            { memberId, contentId, true });
        if (!passedBefore)
            return passedBefore.error();
        firstPass = passedBefore->next() && passedBefore->value(0).toLongLong() == 0;
    }
    const QString month = participationMonth(context);
    qint64 id = 0;
    {
        auto inserted = sql::execCached(m_db,
            QStringLiteral(
                "INSERT INTO quiz_attempt (member_id, content_id, cell_id, month, attempted_at, answers, "
                "correct, total, passed, first_pass) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { memberId, contentId, cellId, month, sql::timestamp(context.now), answersJson, result.correct,
                result.total, result.passed, firstPass });
        if (!inserted)
            return inserted.error();
        if (!inserted->next())
            return sql::storageError(*inserted);
        id = inserted->value(0).toLongLong();
    } // the statement is reset before the next write
    if (const Status bumped
        = addParticipation(m_db, cellId, month, counters({ 0, 0, 1, firstPass ? 1 : 0, 0, 0 }), { memberId });
        !bumped)
        return bumped.error();
    return sql::commitWith(
        transaction, Result<RecordedAttempt>(RecordedAttempt { id, result, firstPass, context.now }));
}

Status ParticipationRepository::recordActivation(qint64 cellId, const WriteContext& context)
{
    return addParticipation(m_db, cellId, participationMonth(context), counters({ 0, 0, 0, 0, 0, 1 }), {});
}

Result<StudyState> ParticipationRepository::studyState(qint64 memberId, qint64 contentId) const
{
    auto query = sql::execCached(m_db,
        QStringLiteral("SELECT studied_at FROM content_study WHERE member_id = ? AND content_id = ?"),
        { memberId, contentId });
    if (!query)
        return query.error();
    if (!query->next())
        return StudyState {};
    return StudyState { true, !query->value(0).isNull() };
}

Result<QHash<qint64, StudyState>> ParticipationRepository::studyStates(
    qint64 memberId, const QList<qint64>& contentIds) const
{
    QHash<qint64, StudyState> states;
    if (contentIds.isEmpty())
        return states;
    auto query = sql::execCached(m_db,
        QStringLiteral(
            "SELECT content_id, studied_at FROM content_study WHERE member_id = ? AND content_id IN (")
            + sql::placeholders(contentIds.size()) + u')',
        QVariantList { memberId } + sql::idValues(contentIds));
    if (!query)
        return query.error();
    while (query->next())
        states.insert(query->value(0).toLongLong(), StudyState { true, !query->value(1).isNull() });
    return states;
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
    QList<std::pair<qint64, QString>> rows;
    {
        auto pending = sql::execCached(m_db,
            QStringLiteral(
                "SELECT p.id, o.path FROM participation_month p JOIN org_unit o ON o.id = p.cell_id "
                "WHERE p.pending_feed = ? ORDER BY p.id LIMIT ?"),
            { true, limit });
        if (!pending)
            return pending.error();
        while (pending->next())
            rows.append({ pending->value(0).toLongLong(), pending->value(1).toString() });
    }
    if (rows.isEmpty())
        return sql::commitWith(transaction, Result<int>(0));
    // The feed rows numbered from the change counter at once (it stays locked until the commit, as
    // recordChange keeps it), many to a statement. No audit row: the batch records no one's act, and the acts
    // are in their own tables.
    const auto reserved = reserveChangeSequence(m_db, rows.size());
    if (!reserved)
        return reserved.error();
    const qint64 first = *reserved - rows.size() + 1;
    constexpr qsizetype kRowsPerStatement = 200;
    const QVariant changedAt = sql::timestamp(context.now);
    for (qsizetype start = 0; start < rows.size(); start += kRowsPerStatement) {
        const auto chunk = rows.mid(start, kRowsPerStatement);
        QStringList tuples;
        QVariantList values;
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            tuples.append(QStringLiteral("(?, 'participation', ?, 'upsert', ?, NULL, ?)"));
            values << first + start + i << chunk[i].first << chunk[i].second << changedAt;
        }
        if (const auto inserted = sql::exec(m_db,
                QStringLiteral("INSERT INTO change_feed (seq, entity, entity_id, operation, path, old_path, "
                               "changed_at) VALUES ")
                    + tuples.join(QStringLiteral(", ")),
                values);
            !inserted)
            return inserted.error();
    }
    // The marks cleared last, under the rows' locks, held only until the commit: an act committing before
    // the clear is read by any replica that reads the feed row (visible only after the commit); one waiting
    // on the lock sets its mark again for the next batch.
    for (qsizetype start = 0; start < rows.size(); start += kRowsPerStatement) {
        QList<qint64> ids;
        for (const auto& row : rows.mid(start, kRowsPerStatement))
            ids.append(row.first);
        if (const auto cleared = sql::exec(m_db,
                QStringLiteral("UPDATE participation_month SET pending_feed = ? WHERE id IN (")
                    + sql::placeholders(ids.size()) + u')',
                QVariantList { false } + sql::idValues(ids));
            !cleared)
            return cleared.error();
    }
    return sql::commitWith(transaction, Result<int>(static_cast<int>(rows.size())));
}

Result<QList<ParticipationFigures>> ParticipationRepository::month(const QString& month) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + participationColumns()
            + QStringLiteral(" FROM participation_month p WHERE p.month = ?"),
        { month });
    if (!query)
        return query.error();
    QList<ParticipationFigures> found;
    while (query->next())
        found.append(readParticipation(*query));
    return found;
}

Result<ParticipationSums> ParticipationRepository::sumsOfMonth(
    const QString& month, QDate asOf, const QString& unitPath, ParticipationGrouping grouping) const
{
    // The group: the path's segment right below the unit ("/1/5/23/" below "/1/" is "5"; empty for the
    // unit itself), or the cell. A cell without a period on the day is a group of its own, marked by `ended`.
    const QString below = QStringLiteral("substr(c.path, %1)").arg(unitPath.size() + 1);
    const QString position
        = sql::dialectOf(m_db) == Dialect::Postgres ? QStringLiteral("strpos") : QStringLiteral("instr");
    const QString group = grouping == ParticipationGrouping::ByCell
        ? QStringLiteral("c.unit_id")
        : QStringLiteral("substr(%1, 1, %2(%1 || '/', '/') - 1)").arg(below, position);
    QStringList sums;
    for (const Counter& counter : kCounters)
        sums.append(QStringLiteral("SUM(p.%1)").arg(QLatin1StringView(counter.column)));
    const QString statement = QStringLiteral("SELECT CASE WHEN c.id IS NULL THEN p.cell_id ELSE 0 END, ")
        + group + QStringLiteral(", ") + sums.join(QStringLiteral(", "))
        + QStringLiteral(" FROM participation_month p LEFT JOIN org_unit_period c ON c.unit_id = p.cell_id "
                         "AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to > ?) "
                         "WHERE p.month = ? AND (c.id IS NULL OR substr(c.path, 1, ?) = ?) GROUP BY 1, 2");
    auto rows
        = sql::exec(m_db, statement, { sql::date(asOf), sql::date(asOf), month, unitPath.size(), unitPath });
    if (!rows)
        return rows.error();
    ParticipationSums found;
    while (rows->next()) {
        ParticipationFigures f;
        f.month = month;
        for (std::size_t i = 0; i < kCounters.size(); ++i)
            f.*(kCounters[i].member) = rows->value(static_cast<int>(i) + 2).toLongLong();
        if (const qint64 endedCell = rows->value(0).toLongLong(); endedCell != 0) {
            f.cellId = endedCell;
            found.ofEndedCells.append(f);
        } else {
            found.byGroup.insert(rows->value(1).toLongLong(), f);
        }
    }
    return found;
}

Result<ParticipationFigures> ParticipationRepository::find(qint64 id) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + participationColumns()
            + QStringLiteral(" FROM participation_month p WHERE p.id = ?"),
        { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("participation %1").arg(id));
    return readParticipation(*query);
}

QJsonObject participationJson(const ParticipationFigures& f)
{
    QJsonObject json { { QStringLiteral("id"), f.id }, { QStringLiteral("cellId"), f.cellId },
        { QStringLiteral("month"), f.month } };
    for (const Counter& counter : kCounters)
        json.insert(QLatin1StringView(counter.json), f.*(counter.member));
    return json;
}

Result<ParticipationFigures> participationFromJson(const QJsonObject& json)
{
    ParticipationFigures f;
    f.id = json.value(QStringLiteral("id")).toInteger();
    f.cellId = json.value(QStringLiteral("cellId")).toInteger();
    f.month = json.value(QStringLiteral("month")).toString();
    for (const Counter& counter : kCounters)
        f.*(counter.member) = json.value(QLatin1StringView(counter.json)).toInteger();
    if (f.id <= 0 || f.cellId <= 0 || f.month.size() != 7)
        return Error::invalid(QStringLiteral("participation: not an aggregate"));
    return f;
}

Status storeParticipationCopy(const QSqlDatabase& db, const ParticipationFigures& f)
{
    QStringList columns;
    QStringList updates { QStringLiteral("cell_id = excluded.cell_id"),
        QStringLiteral("month = excluded.month") };
    QVariantList values { f.id, f.cellId, f.month };
    for (const Counter& counter : kCounters) {
        const QString column = QLatin1StringView(counter.column);
        columns.append(column);
        updates.append(column + QStringLiteral(" = excluded.") + column);
        values << f.*(counter.member);
    }
    values << false;
    auto stored = sql::exec(db,
        QStringLiteral("INSERT INTO participation_month (id, cell_id, month, ")
            + columns.join(QStringLiteral(", ")) + QStringLiteral(", pending_feed) VALUES (")
            + sql::placeholders(columns.size() + 4) + QStringLiteral(") ON CONFLICT (id) DO UPDATE SET ")
            + updates.join(QStringLiteral(", ")),
        values);
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

Status snapshotRoster(const QSqlDatabase& db, const WriteContext& context)
{
    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    auto counts = sql::exec(db,
        QStringLiteral(
            "SELECT CASE WHEN m.temporary_org_unit_id > 0 THEN m.temporary_org_unit_id ELSE m.org_unit_id "
            "END AS cell, COUNT(*), SUM(CASE WHEN u.id IS NULL THEN 0 ELSE 1 END) FROM member m LEFT JOIN "
            "app_user u ON u.member_id = m.id AND u.role = 'member' AND u.disabled_at IS NULL WHERE "
            "m.left_reason IS NULL AND m.exempt = ? GROUP BY CASE WHEN m.temporary_org_unit_id > 0 THEN "
            "m.temporary_org_unit_id ELSE m.org_unit_id END"),
        { false });
    if (!counts)
        return counts.error();
    QList<std::array<qint64, 3>> cells;
    while (counts->next())
        cells.append(
            { counts->value(0).toLongLong(), counts->value(1).toLongLong(), counts->value(2).toLongLong() });
    counts->finish();
    const QString month = participationMonth(context);
    // A cell counted before and not now (its last member left) goes to zero.
    auto before = sql::exec(db,
        QStringLiteral("SELECT cell_id FROM participation_month WHERE month = ? AND (members_counted <> 0 OR "
                       "accounts_active <> 0)"),
        { month });
    if (!before)
        return before.error();
    QSet<qint64> emptied;
    while (before->next())
        emptied.insert(before->value(0).toLongLong());
    before->finish();
    for (const auto& [cell, counted, active] : cells)
        emptied.remove(cell);
    for (const qint64 cell : emptied)
        cells.append({ cell, 0, 0 });
    for (const auto& [cell, counted, active] : cells) {
        auto stored = sql::exec(db,
            QStringLiteral(
                "INSERT INTO participation_month (cell_id, month, members_counted, accounts_active, "
                "pending_feed) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cell_id, month) DO UPDATE SET "
                "members_counted = excluded.members_counted, accounts_active = excluded.accounts_active, "
                "pending_feed = CASE WHEN participation_month.members_counted <> excluded.members_counted "
                "OR participation_month.accounts_active <> excluded.accounts_active THEN "
                "excluded.pending_feed "
                "ELSE participation_month.pending_feed END"),
            { cell, month, counted, active, true });
        if (!stored)
            return stored.error();
    }
    return transaction.commit();
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
    // Closed meetings and the marks at them (a meeting counts in the month it is held).
    auto meetings = sql::exec(db,
        QStringLiteral("SELECT id, cell_id, month, kind, scheduled_at, late_reason FROM cell_meeting WHERE "
                       "closed_at IS NOT NULL"));
    if (!meetings)
        return meetings.error();
    QHash<qint64, std::pair<qint64, QString>> meetingPlace;
    while (meetings->next()) {
        CellMeeting meeting;
        meeting.id = meetings->value(0).toLongLong();
        meeting.kind = meetingKindFromCode(meetings->value(3).toString()).value_or(MeetingKind::Regular);
        meeting.month = meetings->value(2).toString();
        meeting.scheduledAt = readTimestamp(meetings->value(4));
        meeting.lateReason = meetings->value(5).toString();
        ParticipationFigures& f = at(meetings->value(1).toLongLong(), meeting.month);
        f.meetingsHeld += 1;
        f.regularHeld += meeting.kind == MeetingKind::Regular ? 1 : 0;
        f.regularOnTime += meeting.scheduledOnTime() ? 1 : 0;
        meetingPlace.insert(meeting.id, { f.cellId, f.month });
    }
    auto marks = sql::exec(db,
        QStringLiteral(
            "SELECT meeting_id, member_id, state FROM meeting_attendance WHERE state IS NOT NULL"));
    if (!marks)
        return marks.error();
    while (marks->next()) {
        const auto place = meetingPlace.constFind(marks->value(0).toLongLong());
        if (place == meetingPlace.constEnd())
            continue; // not closed: not counted yet
        ParticipationFigures& f = at(place->first, place->second);
        const QString state = marks->value(2).toString();
        f.attendancePresent += state == u"present" ? 1 : 0;
        f.attendanceExcused += state == u"excused" ? 1 : 0;
        f.attendanceAbsent += state == u"absent" ? 1 : 0;
        f.attendanceExempt += state == u"exempt" ? 1 : 0;
    }
    auto stocks = sql::exec(db,
        QStringLiteral(
            "SELECT cell_id, month, members_counted, accounts_active FROM participation_month WHERE "
            "members_counted <> 0 OR accounts_active <> 0"));
    if (!stocks)
        return stocks.error();
    while (stocks->next()) {
        ParticipationFigures& f = at(stocks->value(0).toLongLong(), stocks->value(1).toString());
        f.membersCounted = stocks->value(2).toLongLong();
        f.accountsActive = stocks->value(3).toLongLong();
    }
    QList<ParticipationFigures> all;
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        it->membersActive = active.value(it.key()).size();
        all.append(*it);
    }
    return all;
}

} // namespace sotay
