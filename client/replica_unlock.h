// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "password_hasher.h"
#include "replica.h"

#include <QString>

#include <memory>

namespace sotay::client {

struct UnlockedReplica {
    std::unique_ptr<Replica> replica;
    // Where the earlier replica was set aside, with its unsent edits, because its key did not open with the
    // password the server accepted; empty otherwise.
    QString setAside;
};

// Opens the replica at `path` and unlocks it with a password the server has just accepted, making its key
// on the first sign-in. A key wrapped under `previousPassword` (a temporary password changed at sign-in) is
// wrapped again under `password`. A key wrapped under another password (changed on another computer, or
// reset by an administrator) cannot be opened: that replica is set aside beside it, and a fresh one is made
// in its place for the sync to fill.
// A replica whose key belongs to another user is set aside the same way.
Result<UnlockedReplica> openWithAcceptedPassword(const QString& path, const QString& username,
    const QString& password, const QString& previousPassword, PasswordHasher::Cost cost);

// The replicas set aside beside the one at `path`, oldest first.
QStringList setAsideReplicas(const QString& path);
// The edits a set-aside replica holds that never reached the server (pending, or sent without an answer),
// once `oldPassword` opens its key; an Invalid error on the field "password" when it does not.
Result<QList<OutboxEntry>> unsentEditsOf(const QString& setAside, const QString& oldPassword);
// Deletes a set-aside replica and the files SQLite keeps beside it.
Status discardSetAside(const QString& setAside);

// Sets the replica file at `path` aside (its WAL written into it first) and returns its new path,
// "<name>.truoc-<date-time>.sqlite" in the same folder.
Result<QString> setReplicaAside(const QString& path);

} // namespace sotay::client
