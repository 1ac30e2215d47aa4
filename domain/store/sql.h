// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/database_config.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <optional>

namespace sotay::sql {

Dialect dialectOf(const QSqlDatabase& db);

// Values as both drivers accept them: dates as ISO text, null when absent.
QVariant date(QDate value);
QVariant timestamp(const QDateTime& value);
QVariant text(const QString& value); // never null: empty text stays empty text
QVariant optionalId(std::optional<qint64> id);
QDate toDate(const QVariant& value);
std::optional<qint64> toOptionalId(const QVariant& value);

// "?,?,?": `count` placeholders for a VALUES row or an IN list, and the ids to bind to such a list.
QString placeholders(qsizetype count);
QVariantList idValues(const QList<qint64>& ids);

// A driver's error as the log may hold it: its code and the first line of its message, without the data it
// may quote (PostgreSQL can quote a whole row). The user is told failureMessage()'s words only.
QString loggableError(const QSqlError& error);
// A storage error for the log and for the caller, with the driver's text kept out of user messages.
Error storageError(const QSqlQuery& query);
Error storageError(const QSqlDatabase& db);
// The same for a failure described by `detail` (logged, not shown: the user gets the generic message).
Error storageError(const QString& detail);

// prepare + bind + exec in one step; the binding order follows the placeholders.
Result<QSqlQuery> exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {});

// The rows of a statement that execCached keeps; valid until the same statement runs again on the connection.
// Letting go of it resets the statement: on SQLite an unfinished statement would hold its read snapshot, and
// the connection's next write would fail as "database is locked".
class CachedQuery final {
public:
    explicit CachedQuery(std::shared_ptr<QSqlQuery> query)
        : m_query(std::move(query))
    {
    }
    CachedQuery(CachedQuery&&) noexcept = default;
    CachedQuery& operator=(CachedQuery&&) noexcept = default;
    CachedQuery(const CachedQuery&) = delete;
    CachedQuery& operator=(const CachedQuery&) = delete;
    ~CachedQuery()
    {
        if (m_query)
            m_query->finish();
    }

    bool next() { return m_query->next(); }
    QVariant value(int index) const { return m_query->value(index); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    operator const QSqlQuery&() const { return *m_query; } // for the row readers

private:
    std::shared_ptr<QSqlQuery> m_query;
};

// exec for the statements every request runs: the prepared statement is kept per connection and thread and
// reused by the next call with the same text, since parsing it again costs more than running it. The
// returned rows must be read before the same statement runs again on the connection.
Result<CachedQuery> execCached(const QSqlDatabase& db, const QString& statement, const QVariantList& values);

// Drops the statements execCached kept for a connection; call it before the connection closes.
void forgetStatements(const QString& connectionName);

// One write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE) so that two writers never
// deadlock upgrading a read lock. Rolls back when destroyed without commit(). A transaction begun while
// another is open on the same connection (a repository call inside a request's own transaction) becomes a
// savepoint of it, so the outer one commits or rolls back the whole.
class Transaction final {
public:
    explicit Transaction(const QSqlDatabase& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
    int m_depth = 0; // 1 for the outermost transaction
};

// Commits the transaction when `value` holds a result; a failure rolls back, when the transaction goes.
template <typename T> Result<T> commitWith(Transaction& transaction, Result<T> value)
{
    if (!value)
        return value;
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return value;
}

} // namespace sotay::sql
