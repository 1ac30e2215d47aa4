// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/member_repository.h"

#include <QHash>
#include <QSqlDatabase>

#include <memory>
#include <mutex>

namespace sotay::server {

// The order of rosters (member ids in Vietnamese name order) kept between requests, so that paging through
// a commune does not sort its members again for every page. Before each use a roster is checked against
// the change feed: it stands while no change since it was read has a path (or former path) inside the
// roster's unit, which is the same rule that keeps the consoles' replicas right. Searches by text are not
// kept, since their variety would only push the rosters out: a search filters its roster's kept order as the
// roster query would (the folded name containing the folded text, or the card number starting with it).
class RosterCache final {
public:
    explicit RosterCache(qsizetype maxEntries = 1'000'000);

    struct Page {
        QList<qint64> ids;
        // Each member's version when the order was last confirmed current: a member whose version moved
        // has a change in the feed under the roster's unit, and that change would have renewed the order.
        QList<qint64> versions;
        QString next; // empty on the last page
    };
    // A page of `query` (limit, cursor and text included); `unitPath` is the path of
    // query.orgUnitId; `lastChange` the change feed's last sequence, read before this call
    // (readStoreCounters).
    Result<Page> page(
        const QSqlDatabase& db, const MemberQuery& query, const QString& unitPath, qint64 lastChange);

private:
    struct Roster {
        qint64 seq = 0; // the change feed's last sequence when the order was known to be current
        QList<RosterEntry> entries;
    };
    Result<std::shared_ptr<const Roster>> current(
        const QSqlDatabase& db, const MemberQuery& query, const QString& unitPath, qint64 seq);
    void keep(const QString& key, const std::shared_ptr<const Roster>& roster);

    const qsizetype m_maxEntries;
    std::mutex m_mutex;
    QHash<QString, std::shared_ptr<const Roster>> m_rosters;
    qsizetype m_entries = 0;
};

} // namespace sotay::server
