// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace sotay {

// The counters that tell a server process whether what it kept between requests is still current: the change
// feed's last sequence (every recorded change raises it), the account generation (migrations 006 and 013:
// triggers raise its two counters, summed here, at every account change, session end, unit move or member's
// change of unit) and the content generation (migration 012: every change to what the members' feeds show).
// Read together, in one statement, before anything they are to label is read.
struct StoreCounters {
    qint64 lastChange = 0;
    qint64 authGeneration = 0;
    qint64 contentGeneration = 0;
};

Result<StoreCounters> readStoreCounters(const QSqlDatabase& db);

} // namespace sotay
