// SPDX-License-Identifier: GPL-3.0-or-later
#include "principal_cache.h"

namespace sotay::server {

PrincipalCache::PrincipalCache(qsizetype maxEntries)
    : m_maxEntries(maxEntries)
{
}

std::optional<PrincipalCache::Entry> PrincipalCache::find(const QString& tokenHash) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_entries.constFind(tokenHash);
    if (found == m_entries.constEnd())
        return std::nullopt;
    return *found;
}

void PrincipalCache::keep(const QString& tokenHash, const Entry& entry)
{
    const std::lock_guard lock(m_mutex);
    // Simple and enough: when full, start again; the next request of each session reads it afresh.
    if (m_entries.size() >= m_maxEntries && !m_entries.contains(tokenHash))
        m_entries.clear();
    m_entries.insert(tokenHash, entry);
}

} // namespace sotay::server
