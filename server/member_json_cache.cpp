// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_json_cache.h"

namespace sotay::server {

MemberJsonCache::MemberJsonCache(qsizetype maxBytes)
    : m_maxBytes(maxBytes)
{
}

QList<std::optional<QByteArray>> MemberJsonCache::find(const QList<Key>& keys)
{
    QList<std::optional<QByteArray>> found;
    found.reserve(keys.size());
    const std::lock_guard lock(m_mutex);
    for (const Key& key : keys) {
        const auto& index = m_byId[key.sensitive ? 1 : 0];
        const auto at = index.constFind(key.id);
        if (at == index.constEnd() || (*at)->key != key) {
            found.append(std::nullopt);
            continue;
        }
        m_recent.splice(m_recent.begin(), m_recent, *at);
        found.append((*at)->json);
    }
    return found;
}

void MemberJsonCache::keep(const Key& key, const QByteArray& json)
{
    if (json.size() > m_maxBytes)
        return;
    const std::lock_guard lock(m_mutex);
    auto& index = m_byId[key.sensitive ? 1 : 0];
    if (const auto at = index.constFind(key.id); at != index.constEnd()) {
        m_bytes -= (*at)->json.size();
        m_recent.erase(*at);
        index.erase(at);
    }
    m_recent.push_front({ key, json });
    index.insert(key.id, m_recent.begin());
    m_bytes += json.size();
    while (m_bytes > m_maxBytes) {
        const Entry& oldest = m_recent.back();
        m_bytes -= oldest.json.size();
        m_byId[oldest.key.sensitive ? 1 : 0].remove(oldest.key.id);
        m_recent.pop_back();
    }
}

} // namespace sotay::server
