// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth_service.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace sotay::server {

// Principals kept between requests by the hash of their token, so that a request does not read its session,
// its account and its scope again. Each is labelled with the account generation read before them
// (UserRepository::authGeneration): triggers raise it at every account change, session end or unit move, in
// any process, and a principal is used only while it has not moved. Members' principals are not kept: their
// scope follows their roster, which changes without touching accounts.
class PrincipalCache final {
public:
    struct Entry {
        Principal principal;
        QDateTime expiresAt;
        QDateTime lastSeenAt; // as last written to the session, by this process or read from it
        qint64 generation = 0;
    };

    explicit PrincipalCache(qsizetype maxEntries = 100'000);

    std::optional<Entry> find(const QString& tokenHash) const;
    void keep(const QString& tokenHash, const Entry& entry);

private:
    const qsizetype m_maxEntries;
    mutable std::mutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace sotay::server
