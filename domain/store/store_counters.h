// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace sotay {

// The two counters that tell a server process whether what it kept between requests is still current: the
// change feed's last sequence (every recorded change raises it) and the account generation (migration 006:
// triggers raise it at every account change, session end or unit move). Read together, in one statement,
// before anything they are to label is read.
struct StoreCounters {
    qint64 lastChange = 0;
    qint64 authGeneration = 0;
};

Result<StoreCounters> readStoreCounters(const QSqlDatabase& db);

} // namespace sotay
