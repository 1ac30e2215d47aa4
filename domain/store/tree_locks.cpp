// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/tree_locks.h"

#include "org/org_rules.h"
#include "store/sql.h"

#include <algorithm>

namespace sotay::tree_locks {
namespace {

bool needsLocks(const QSqlDatabase& db)
{
    return sql::dialectOf(db) == Dialect::Postgres;
}

Status lockRows(const QSqlDatabase& db, const QString& where, const QVariantList& values, const char* mode)
{
    auto locked = sql::exec(db,
        QStringLiteral("SELECT id FROM org_unit WHERE ") + where + QStringLiteral(" ORDER BY id FOR ")
            + QLatin1String(mode),
        values);
    if (!locked)
        return locked.error();
    while (locked->next()) { } // the rows are locked as they are read
    return success();
}

QList<qint64> distinctIds(const QList<qint64>& unitIds)
{
    QList<qint64> ids;
    for (const qint64 id : unitIds)
        if (id > 0 && !ids.contains(id))
            ids.append(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

Status lockTreeShape(const QSqlDatabase& db)
{
    if (!needsLocks(db))
        return success();
    // Held to the end of the transaction; keyed by schema so that databases sharing a server do not wait on
    // each other.
    const auto locked
        = sql::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1)"));
    if (!locked)
        return locked.error();
    return success();
}

Status lockUnitsForChange(
    const QSqlDatabase& db, const QStringList& subtreePaths, const QList<qint64>& unitIds)
{
    if (!needsLocks(db))
        return success();
    QStringList conditions;
    QVariantList values;
    for (const auto& path : subtreePaths) {
        conditions.append(QStringLiteral("(path >= ? AND path < ? AND valid_to IS NULL)"));
        values << path << subtreeEnd(path);
    }
    if (const auto ids = distinctIds(unitIds); !ids.isEmpty()) {
        conditions.append(QStringLiteral("id IN (") + sql::placeholders(ids.size()) + u')');
        values += sql::idValues(ids);
    }
    if (conditions.isEmpty())
        return success();
    // NO KEY UPDATE, not UPDATE: the foreign-key checks of other writes (a unit's own row updated twice
    // in one transaction checks its parent) take KEY SHARE, which must not wait behind a change of shape.
    return lockRows(db, conditions.join(QStringLiteral(" OR ")), values, "NO KEY UPDATE");
}

Status lockUnitsForShare(const QSqlDatabase& db, const QList<qint64>& unitIds)
{
    const auto ids = distinctIds(unitIds);
    if (!needsLocks(db) || ids.isEmpty())
        return success();
    return lockRows(
        db, QStringLiteral("id IN (") + sql::placeholders(ids.size()) + u')', sql::idValues(ids), "SHARE");
}

} // namespace sotay::tree_locks
