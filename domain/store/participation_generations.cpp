// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/participation_generations.h"

#include "store/sql.h"
#include "store/write_context.h"

namespace sotay {

Result<QHash<QString, qint64>> keepableParticipationMonths(
    const QSqlDatabase& db, const QString& from, const QString& to, const QDateTime& now)
{
    // The last month over for a day: the acts of its last moments have all been counted by then.
    const QString lastOver = WriteContext { QString(), now }.today().addDays(-1).addMonths(-1).toString(
        QStringLiteral("yyyy-MM"));
    auto rows = sql::execCached(db,
        QStringLiteral(
            "SELECT month, generation FROM participation_generation WHERE month >= ? AND month <= ?"),
        { from, std::min(to, lastOver) });
    if (!rows)
        return rows.error();
    QHash<QString, qint64> keepable;
    while (rows->next())
        keepable.insert(rows->value(0).toString(), rows->value(1).toLongLong());
    return keepable;
}

} // namespace sotay
