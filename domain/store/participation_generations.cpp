// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/participation_generations.h"

#include "store/sql.h"
#include "store/write_context.h"

#include <QDate>

namespace sotay {
namespace {

Result<QHash<QString, qint64>> generations(const QSqlDatabase& db, const QString& from, const QString& to)
{
    auto rows = sql::execCached(db,
        QStringLiteral(
            "SELECT month, generation FROM participation_generation WHERE month >= ? AND month <= ?"),
        { from, to });
    if (!rows)
        return rows.error();
    QHash<QString, qint64> found;
    while (rows->next())
        found.insert(rows->value(0).toString(), rows->value(1).toLongLong());
    return found;
}

} // namespace

Result<QHash<QString, qint64>> keepableParticipationMonths(
    const QSqlDatabase& db, const QString& from, const QString& to, const QDateTime& now)
{
    // The last month over for a day: the acts of its last moments have all been counted by then.
    const QString lastOver = WriteContext { QString(), now }.today().addDays(-1).addMonths(-1).toString(
        QStringLiteral("yyyy-MM"));
    const QString last = std::min(to, lastOver);
    auto found = generations(db, from, last);
    if (!found)
        return found;
    QVariantList missing;
    for (QDate month = QDate::fromString(from + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
         month.isValid() && month.toString(QStringLiteral("yyyy-MM")) <= last; month = month.addMonths(1))
        if (!found->contains(month.toString(QStringLiteral("yyyy-MM"))))
            missing << month.toString(QStringLiteral("yyyy-MM"));
    if (missing.isEmpty())
        return found;

    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (sql::dialectOf(db) == Dialect::Postgres)
        if (const auto locked = sql::exec(db, QStringLiteral("LOCK TABLE participation_month IN SHARE MODE"));
            !locked)
            return locked.error();
    QStringList rows;
    for (qsizetype i = 0; i < missing.size(); ++i)
        rows.append(QStringLiteral("(?)"));
    if (const auto made = sql::exec(db,
            QStringLiteral("INSERT INTO participation_generation (month) VALUES ")
                + rows.join(QStringLiteral(", ")) + QStringLiteral(" ON CONFLICT (month) DO NOTHING"),
            missing);
        !made)
        return made.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return generations(db, from, last);
}

} // namespace sotay
