// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the sync engine's suites share: a real server over the small tree with members in both communes and
// an officer of Trấn Biên, the officer's replica in a temporary folder, and counts read from a replica.
#include "api_client.h"
#include "replica.h"
#include "support/demo_tree.h"
#include "support/running_server.h"
#include "support/test_database.h"
#include "sync_engine.h"

#include <QTemporaryDir>

#include <memory>

namespace sotay::test {

// The password the officer's replica is unlocked with.
inline const QString kReplicaPassword = QStringLiteral("mat-khau-officer.tb");

struct SyncSetup {
    explicit SyncSetup(const TestDatabase& database);

    // The officer's replica, unlocked with kReplicaPassword.
    std::unique_ptr<client::Replica> openReplica() const;
    // The officer, signed in; through `port` (a proxy) instead of the server's own when it is given.
    std::unique_ptr<client::ApiClient> officerClient(
        quint16 port = 0, client::ApiClient::Options options = {}) const;

    SmallTree tree;
    Member inTranBien, alsoInTranBien, inPhuRieng;
    RunningServer server;
    QString admin;
    QTemporaryDir replicaFolder;
};

// The one row, one column answer of `statement` on the replica.
qint64 count(const client::Replica& replica, const QString& statement, const QVariantList& values = {});
bool hasUnit(const client::Replica& replica, qint64 id);
bool hasMember(const client::Replica& replica, qint64 id);

// A sync that must succeed (the test stops with the engine's reason otherwise).
client::SyncReport mustSync(client::SyncEngine& engine);

} // namespace sotay::test
