// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/write_context.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

namespace sotay {

// What changed, for the change feed. `path` is the object's place after the change (its unit's path for a
// member), `oldPath` its place before when that differs, so a client learns when something left its scope.
struct Change {
    QString entity; // "org_unit", "member", ...
    qint64 entityId = 0;
    QString operation = QStringLiteral("upsert");
    QString path;
    QString oldPath;
    // For the audit log: what was done ("member.update", "org.merge", ...) and the object before and after.
    QString action;
    QJsonObject before;
    QJsonObject after;
    // More places the object concerns (the units an item of content is published to): one more feed row
    // each, under `alsoEntity` and the same id and operation, so that every replica covering one of them
    // learns of it. The feed tells these rows apart from the object's own: a replica below such a place
    // reads them too.
    QStringList alsoPaths = {};
    QString alsoEntity = {};
};

// Takes `count` sequence numbers of the change feed inside the caller's transaction and returns the last; the
// counter row stays locked until the transaction ends (see recordChange).
Result<qint64> reserveChangeSequence(const QSqlDatabase& db, qint64 count);

// Writes the change-feed row and the audit-log row of a change inside the caller's transaction. Sequence
// numbers come from a counter row that stays locked until the transaction ends, so a reader that has seen
// sequence N never later finds a smaller one committed.
Result<qint64> recordChange(const QSqlDatabase& db, const Change& change, const WriteContext& context);

} // namespace sotay
