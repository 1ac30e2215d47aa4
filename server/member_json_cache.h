// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

#include <list>
#include <mutex>
#include <optional>

namespace sotay::server {

// Members as the JSON the API sends, kept by id, version and whether the sensitive fields are in. Every
// write of a member record raises its version, so a kept text is never out of date; it only stops being
// asked for. Bounded in bytes, the least recently used going first.
class MemberJsonCache final {
public:
    struct Key {
        qint64 id = 0;
        qint64 version = 0;
        bool sensitive = false;
        friend bool operator==(const Key&, const Key&) = default;
    };

    explicit MemberJsonCache(qsizetype maxBytes = qsizetype { 64 } * 1024 * 1024);

    // One lock for a whole page: the texts kept for these keys, nullopt where none is.
    QList<std::optional<QByteArray>> find(const QList<Key>& keys);
    void keep(const Key& key, const QByteArray& json);

private:
    struct Entry {
        Key key;
        QByteArray json;
    };
    const qsizetype m_maxBytes;
    std::mutex m_mutex;
    std::list<Entry> m_recent;                           // most recently used first
    QHash<qint64, std::list<Entry>::iterator> m_byId[2]; // [sensitive]: one version of a member each
    qsizetype m_bytes = 0;
};

} // namespace sotay::server
