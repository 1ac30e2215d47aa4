// SPDX-License-Identifier: GPL-3.0-or-later
#include "replica_summary.h"

#include "replica.h"
#include "store/sql.h"

namespace sotay::widgets {
namespace {

const QString kLastSyncKey = QStringLiteral("console.last_sync");

Result<QVariant> single(const client::Replica& replica, const QString& statement)
{
    auto query = sql::exec(replica.db(), statement);
    if (!query)
        return query.error();
    return query->next() ? query->value(0) : QVariant();
}

} // namespace

Result<ReplicaSummary> summarise(const client::Replica& replica)
{
    ReplicaSummary summary;
    const auto units
        = single(replica, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE valid_to IS NULL"));
    if (!units)
        return units.error();
    summary.units = units->toLongLong();
    const auto members
        = single(replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE left_reason IS NULL"));
    if (!members)
        return members.error();
    summary.members = members->toLongLong();
    const auto pending = replica.pendingCount();
    if (!pending)
        return pending.error();
    summary.pending = *pending;
    const auto conflicts = replica.conflictCount();
    if (!conflicts)
        return conflicts.error();
    summary.conflicts = *conflicts;
    const auto refused = replica.refusedCount();
    if (!refused)
        return refused.error();
    summary.refused = *refused;
    const auto phase = replica.state(QStringLiteral("snapshot.phase"));
    if (!phase)
        return phase.error();
    summary.firstSyncDone = *phase == u"done";
    const auto lastSync = replica.state(kLastSyncKey);
    if (!lastSync)
        return lastSync.error();
    summary.lastSync = QDateTime::fromString(*lastSync, Qt::ISODate);
    if (summary.firstSyncDone) {
        // The replica holds the user's scope: its top is the shallowest unit whose parent is not here.
        const auto scope = single(replica,
            QStringLiteral(
                "SELECT u.name FROM org_unit u WHERE u.valid_to IS NULL AND (u.parent_id IS NULL OR NOT "
                "EXISTS (SELECT 1 FROM org_unit p WHERE p.id = u.parent_id)) ORDER BY length(u.path), "
                "u.path LIMIT 1"));
        if (!scope)
            return scope.error();
        summary.scopeName = scope->toString();
    }
    return summary;
}

Status recordSync(client::Replica& replica, const QDateTime& when)
{
    return replica.setState(kLastSyncKey, when.toUTC().toString(Qt::ISODate));
}

} // namespace sotay::widgets
