// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth_service.h"
#include "kept_map.h"

#include <QDateTime>
#include <QString>

namespace sotay::server {

struct KeptPrincipal {
    Principal principal;
    QDateTime expiresAt;
    QDateTime lastSeenAt; // as last written to the session, by this process or read from it
    qint64 generation = 0;
};

// Principals kept between requests by the hash of their token, so that a request does not read its session,
// its account and its scope again. Each is labelled with the account generation read before them
// (readStoreCounters): triggers raise it at every account change, session end, unit move or member's change
// of unit (a member's scope follows their roster, migration 013), in any process, and a principal is used
// only while it has not moved.
class PrincipalCache final : public KeptMap<QString, KeptPrincipal> {
public:
    PrincipalCache()
        : KeptMap(100'000)
    {
    }
};

} // namespace sotay::server
