// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>

namespace sotay::client {
class Replica;
}

namespace sotay::widgets {

// What the status bar and the window title say about a replica.
struct ReplicaSummary {
    qint64 units = 0;
    qint64 members = 0;
    qint64 pending = 0;   // edits not yet accepted by the server
    qint64 conflicts = 0; // edits the server refused for a newer version, waiting for the user's choice
    qint64 refused = 0;   // edits the server refused for a reason it gave, waiting for the user
    QDateTime lastSync;   // UTC; invalid before the first successful sync
    QString scopeName;    // the top unit of the user's scope, once the first sync is done
    bool firstSyncDone = false;
};

// Reads the summary (a few counts: for the sync thread, which owns the connection it reads through).
Result<ReplicaSummary> summarise(const client::Replica& replica);

// Records the moment of a successful sync in the replica.
Status recordSync(client::Replica& replica, const QDateTime& when);

} // namespace sotay::widgets
