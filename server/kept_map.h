// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>

#include <mutex>
#include <optional>

namespace sotay::server {

// What the request threads keep between requests, by key, under one lock. Bounded simply: when full it
// starts again, and each request whose value went reads it afresh. Whether a value is still current (the
// generation or version it was read under) is in the value, for the caller to check.
template <typename Key, typename Value> class KeptMap {
public:
    explicit KeptMap(qsizetype maxEntries)
        : m_maxEntries(maxEntries)
    {
    }

    std::optional<Value> find(const Key& key) const
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_entries.constFind(key);
        if (found == m_entries.constEnd())
            return std::nullopt;
        return *found;
    }

    void keep(const Key& key, const Value& value)
    {
        const std::lock_guard lock(m_mutex);
        if (m_entries.size() >= m_maxEntries && !m_entries.contains(key))
            m_entries.clear();
        m_entries.insert(key, value);
    }

private:
    const qsizetype m_maxEntries;
    mutable std::mutex m_mutex;
    QHash<Key, Value> m_entries;
};

} // namespace sotay::server
