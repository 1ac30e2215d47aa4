// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "demo_members.h"
#include "org/org_unit.h"
#include "store/sqlite_rows.h"
#include "store/write_context.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <map>
#include <memory>
#include <optional>

namespace sotay::demo {

// Inserts rows many at a time: one prepared multi-row INSERT per batch size, values bound by position.
// A table whose rows refer to another's flushes that one first, so that every foreign key finds its row.
class BulkInsert final {
public:
    BulkInsert(const QSqlDatabase& db, QString table, QStringList columns, BulkInsert* refersTo = nullptr);
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    Status add(const QVariantList& row);
    Status flush();

private:
    const QString& text(int rows);
    Result<QSqlQuery*> statement(int rows);

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    BulkInsert* m_refersTo;
    int m_batchRows;
    QVariantList m_pending;
    std::map<int, QString> m_texts;
    bool m_direct = true; // until SQLite's own API turns out not to be there (PostgreSQL, or Qt's own SQLite)
    std::map<int, std::unique_ptr<SqliteRows>> m_directStatements;
    std::map<int, std::unique_ptr<QSqlQuery>> m_statements;
};

struct UnitRow {
    qint64 id = 0;
    std::optional<qint64> parentId;
    OrgKind kind = OrgKind::Cell;
    std::optional<qint64> categoryId;
    QString code;
    QString name;
    QString path;
    Decision decision;
};

// The rows of the demo province exactly as the repositories write them one at a time (org_unit with its
// path and folded name, its first org_unit_period, an org_operation 'create'; member with its folded name
// and sort key, its member_event rows), and per unit and per member the change_feed row, numbered from the
// change counter, and the audit_log row that recordChange() writes. Inside the caller's transaction.
class DemoWriter final {
public:
    DemoWriter(const QSqlDatabase& db, const WriteContext& context);
    DemoWriter(const DemoWriter&) = delete;
    DemoWriter& operator=(const DemoWriter&) = delete;

    // Takes `count` numbers from the change counter at once, as `count` recordChange() calls would.
    Status reserveChanges(qint64 count);
    Status addUnit(const UnitRow& unit);
    Status addMember(const GeneratedMember& generated, const QString& unitPath);
    // Writes what is still buffered; on PostgreSQL moves the id sequences past the ids given here.
    Status finish();

    qint64 events() const { return m_eventCount; }

private:
    Status addChange(const QString& entity, qint64 id, const QString& path, const QJsonObject& after);

    QSqlDatabase m_db;
    QString m_actor;
    QVariant m_now;
    qint64 m_nextSeq = 0;
    qint64 m_eventCount = 0;
    BulkInsert m_units;
    BulkInsert m_periods;
    BulkInsert m_operations;
    BulkInsert m_members;
    BulkInsert m_events;
    BulkInsert m_feed;
    BulkInsert m_audit;
};

} // namespace sotay::demo
