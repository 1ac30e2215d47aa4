// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace sotay::server {

// Units' paths by id, kept between requests for the scope checks every roster read makes. A path changes only
// when its unit or one above it moves, which raises the account generation (migration 006), and units are
// never deleted (the tree is dated): a path is used only under the generation it was read with.
class UnitPathCache final {
public:
    explicit UnitPathCache(qsizetype maxEntries = 100'000);

    std::optional<QString> find(qint64 unitId, qint64 authGeneration) const;
    // `authGeneration` as read before the path was.
    void keep(qint64 unitId, qint64 authGeneration, const QString& path);

private:
    struct Entry {
        qint64 generation = 0;
        QString path;
    };
    const qsizetype m_maxEntries;
    mutable std::mutex m_mutex;
    QHash<qint64, Entry> m_paths;
};

} // namespace sotay::server
