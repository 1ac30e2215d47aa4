// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "kept_map.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace sotay::server {

// What the members' API reads of published content, kept between requests under the content generation
// (migration 012: every change to what the feeds show raises it): the feeds' pages as JSON text, per cell,
// kind, cursor and size, until the next publication still to come, so that a member's request costs only
// their own reading marks; each item's text once, whatever the pages it is on; and the items members open and
// act on.
class MemberContentCache final {
public:
    struct Key {
        QString cellPath;
        QString kind; // empty: every kind
        QString after;
        int limit = 0;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct Page {
        QList<qint64> ids;
        QList<QByteArray> items; // each item's JSON object without its closing brace
        QString cursor;
    };

    // The page kept for `key` under `generation` and still true at `now`.
    std::optional<Page> find(const Key& key, qint64 generation, const QDateTime& now) const;
    // `until`: when the page stops being true (a publication to come); invalid for never.
    void keep(const Key& key, qint64 generation, const QDateTime& until, const Page& page);
    // The item's text kept under `generation`, or `make`'s, then kept.
    QByteArray itemText(qint64 id, qint64 generation, const std::function<QByteArray()>& make);
    // The item as read under `generation`, if kept.
    std::optional<ContentItem> item(qint64 id, qint64 generation) const;
    void keepItem(qint64 generation, const ContentItem& item);

private:
    struct PageEntry {
        qint64 generation = 0;
        QDateTime until;
        Page page;
    };
    struct ItemEntry {
        qint64 generation = 0;
        QByteArray text;
    };
    // A province has about 7,000 cells, each with its first page and a few more.
    KeptMap<Key, PageEntry> m_pages { 50'000 };
    KeptMap<qint64, ItemEntry> m_texts { 20'000 };
    struct KeptItem {
        qint64 generation = 0;
        ContentItem item;
    };
    KeptMap<qint64, KeptItem> m_items { 20'000 };
};

size_t qHash(const MemberContentCache::Key& key, size_t seed = 0);

} // namespace sotay::server
