// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_content_cache.h"

namespace sotay::server {

std::optional<MemberContentCache::Page> MemberContentCache::find(
    const Key& key, qint64 generation, const QDateTime& now) const
{
    const auto found = m_pages.find(key);
    if (!found || found->generation != generation || (found->until.isValid() && found->until <= now))
        return std::nullopt;
    return found->page;
}

void MemberContentCache::keep(const Key& key, qint64 generation, const QDateTime& until, const Page& page)
{
    m_pages.keep(key, { generation, until, page });
}

QByteArray MemberContentCache::itemText(qint64 id, qint64 generation, const std::function<QByteArray()>& make)
{
    if (const auto found = m_texts.find(id); found && found->generation == generation)
        return found->text;
    QByteArray text = make();
    m_texts.keep(id, { generation, text });
    return text;
}

std::optional<ContentItem> MemberContentCache::item(qint64 id, qint64 generation) const
{
    const auto found = m_items.find(id);
    if (!found || found->generation != generation)
        return std::nullopt;
    return found->item;
}

void MemberContentCache::keepItem(qint64 generation, const ContentItem& item)
{
    m_items.keep(item.id, { generation, item });
}

size_t qHash(const MemberContentCache::Key& key, size_t seed)
{
    return qHashMulti(seed, key.cellPath, key.kind, key.after, key.limit);
}

} // namespace sotay::server
