// SPDX-License-Identifier: GPL-3.0-or-later
#include "unit_path_cache.h"

namespace sotay::server {

UnitPathCache::UnitPathCache(qsizetype maxEntries)
    : m_maxEntries(maxEntries)
{
}

std::optional<QString> UnitPathCache::find(qint64 unitId, qint64 authGeneration) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_paths.constFind(unitId);
    if (found == m_paths.constEnd() || found->generation != authGeneration)
        return std::nullopt;
    return found->path;
}

void UnitPathCache::keep(qint64 unitId, qint64 authGeneration, const QString& path)
{
    const std::lock_guard lock(m_mutex);
    // When full, start again: the province has about 7,000 units, so this happens only after many moves.
    if (m_paths.size() >= m_maxEntries && !m_paths.contains(unitId))
        m_paths.clear();
    m_paths.insert(unitId, { authGeneration, path });
}

} // namespace sotay::server
