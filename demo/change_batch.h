// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "demo_writer.h"
#include "store/change_recorder.h"
#include "store/write_context.h"

#include <QSqlDatabase>

namespace sotay::demo {

// The change-feed and audit rows that recordChange() writes, one pair per change (one feed row: the object's
// own path), gathered for a batch and written at its end: the change counter is taken once for all of them,
// in the batch's transaction, and the rows go in many at a time.
class ChangeBatch final {
public:
    explicit ChangeBatch(const QSqlDatabase& db);
    ChangeBatch(const ChangeBatch&) = delete;
    ChangeBatch& operator=(const ChangeBatch&) = delete;

    // The change as it happened at `context` (its time and actor).
    void add(const Change& change, const WriteContext& context);
    // An audit row alone (the writes that audit without a feed row, such as an activation).
    void audit(const QString& action, const QString& entity, qint64 entityId, const QJsonObject& after,
        const WriteContext& context);
    // Inside the caller's transaction.
    Status write();

    qsizetype pending() const { return m_changes.size() + m_audits.size(); }

private:
    struct Pending {
        Change change;
        WriteContext context;
    };

    QSqlDatabase m_db;
    BulkInsert m_feed;
    BulkInsert m_audit;
    QList<Pending> m_changes;
    QList<Pending> m_audits; // `change` holds the audit row's action, entity, id and object
};

} // namespace sotay::demo
