// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kept_map.h"

#include <QString>

#include <optional>

namespace sotay::server {

// Units' paths by id, kept between requests for the scope checks every roster read makes. A path changes only
// when its unit or one above it moves, which raises the account generation (migration 006), and units are
// never deleted (the tree is dated): a path is used only under the generation it was read with.
class UnitPathCache final {
public:
    std::optional<QString> find(qint64 unitId, qint64 authGeneration) const
    {
        const auto found = m_paths.find(unitId);
        if (!found || found->generation != authGeneration)
            return std::nullopt;
        return found->path;
    }
    // `authGeneration` as read before the path was.
    void keep(qint64 unitId, qint64 authGeneration, const QString& path)
    {
        m_paths.keep(unitId, { authGeneration, path });
    }

private:
    struct Entry {
        qint64 generation = 0;
        QString path;
    };
    // The province has about 7,000 units: the map starts again only after many moves.
    KeptMap<qint64, Entry> m_paths { 100'000 };
};

} // namespace sotay::server
