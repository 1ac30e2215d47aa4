// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

// How writes that check a rule across rows of the tree keep what they read until they commit. PostgreSQL
// reads committed data statement by statement, so without these locks two moves could pass their checks
// against the same old tree, a dissolve could count no members while a transfer into the unit commits, and a
// move could miss a member arriving in its subtree and leave the change feed behind. SQLite needs none of
// it: its write transaction holds the whole database, and these calls do nothing there.
//
// The order, the same in every write, keeps the locks from deadlocking:
//   1. the tree lock, taken only by changes of the tree's shape (create, move, merge, split, dissolve),
//      so those run one at a time; renames, member writes and everything else never take it;
//   2. unit rows, in id order: for update by a change of shape (the subtrees it moves or ends, and the
//      units it puts them under), for share by a member's write (the units its record names);
//   3. member rows; the change counter last, when the write records its change.
namespace sotay::tree_locks {

// 1. Waits for any other change of the tree's shape in this database to commit.
Status lockTreeShape(const QSqlDatabase& db);

// 2. The active units in the subtrees at `subtreePaths` and the units `unitIds`, for update.
Status lockUnitsForChange(
    const QSqlDatabase& db, const QStringList& subtreePaths, const QList<qint64>& unitIds);

// 2. The units `unitIds` (zero and duplicates ignored), for share: no change of shape moves or ends them
// until this write commits, while member writes in the same unit still run side by side.
Status lockUnitsForShare(const QSqlDatabase& db, const QList<qint64>& unitIds);

} // namespace sotay::tree_locks
