// SPDX-License-Identifier: GPL-3.0-or-later
#include "roster_cache.h"

#include "org/org_rules.h"
#include "store/sql.h"
#include "text/vietnamese_text.h"

#include <algorithm>

namespace sotay::server {
namespace {

QString keyOf(const MemberQuery& query)
{
    return QString::number(query.orgUnitId) + (query.subtree ? u'S' : u'U')
        + (query.includeLeft ? u'L' : u'A') + (query.status ? toCode(*query.status) : QString());
}

// Whether a change after `seq` touched anything at or under `path`, where it is now or where it was.
Result<bool> changedSince(const QSqlDatabase& db, qint64 seq, const QString& path)
{
    const QString end = subtreeEnd(path);
    auto query = sql::execCached(db,
        QStringLiteral("SELECT 1 FROM change_feed WHERE seq > ? AND ((path >= ? AND path < ?) "
                       "OR (old_path >= ? AND old_path < ?)) LIMIT 1"),
        { seq, path, end, path, end });
    if (!query)
        return query.error();
    return query->next();
}

} // namespace

RosterCache::RosterCache(qsizetype maxEntries)
    : m_maxEntries(maxEntries)
{
}

Result<std::shared_ptr<const RosterCache::Roster>> RosterCache::current(
    const QSqlDatabase& db, const MemberQuery& query, const QString& unitPath, qint64 seq)
{
    const QString key = keyOf(query);
    std::shared_ptr<const Roster> kept;
    {
        const std::lock_guard lock(m_mutex);
        kept = m_rosters.value(key);
    }
    // The sequence was read before the order: an order read later is at least as new as its label.
    if (kept && kept->seq == seq)
        return kept;
    if (kept) {
        const auto changed = changedSince(db, kept->seq, unitPath);
        if (!changed)
            return changed.error();
        if (!*changed) {
            auto confirmed = std::make_shared<Roster>(Roster { seq, kept->entries });
            keep(key, confirmed);
            return std::shared_ptr<const Roster>(std::move(confirmed));
        }
    }
    MemberQuery whole = query;
    whole.after.clear();
    whole.text.clear();
    auto order = MemberRepository(db).rosterOrder(whole);
    if (!order)
        return order.error();
    auto fresh = std::make_shared<Roster>(Roster { seq, std::move(*order) });
    keep(key, fresh);
    return std::shared_ptr<const Roster>(std::move(fresh));
}

void RosterCache::keep(const QString& key, const std::shared_ptr<const Roster>& roster)
{
    const std::lock_guard lock(m_mutex);
    if (const auto old = m_rosters.constFind(key); old != m_rosters.constEnd())
        m_entries -= (*old)->entries.size();
    if (roster->entries.size() > m_maxEntries)
        return;
    // Simple and enough: when full, start again. Rosters are rebuilt by the next request that needs them.
    if (m_entries + roster->entries.size() > m_maxEntries) {
        m_rosters.clear();
        m_entries = 0;
    }
    m_entries += roster->entries.size();
    m_rosters.insert(key, roster);
}

Result<RosterCache::Page> RosterCache::page(
    const QSqlDatabase& db, const MemberQuery& query, const QString& unitPath, qint64 lastChange)
{
    std::optional<RosterEntry> after;
    if (!query.after.isEmpty()) {
        after = parseRosterCursor(query.after);
        if (!after)
            return invalidCursor();
    }
    auto roster = current(db, query, unitPath, lastChange);
    if (!roster)
        return roster.error();
    const QList<RosterEntry>& entries = (*roster)->entries;
    const auto before = [](const RosterEntry& a, const RosterEntry& b) {
        return a.sortKey < b.sortKey || (a.sortKey == b.sortKey && a.id < b.id);
    };
    const QString folded = text::fold(query.text);
    const auto matches = [&folded](const RosterEntry& entry) {
        return folded.isEmpty() || entry.nameFolded.contains(folded) || entry.cardNumber.startsWith(folded);
    };
    auto it = after ? std::upper_bound(entries.begin(), entries.end(), *after, before) : entries.begin();
    Page page;
    const RosterEntry* last = nullptr;
    for (; it != entries.end() && page.ids.size() < query.limit; ++it) {
        if (!matches(*it))
            continue;
        page.ids.append(it->id);
        page.versions.append(it->version);
        last = &*it;
    }
    // A next page only when another member matches after this one.
    if (last && std::any_of(it, entries.end(), matches))
        page.next = rosterCursor(*last);
    return page;
}

} // namespace sotay::server
