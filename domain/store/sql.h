// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/database_config.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

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

// A storage error for the log and for the caller, with the driver's text kept out of user messages.
Error storageError(const QSqlQuery& query);
Error storageError(const QSqlDatabase& db);

// prepare + bind + exec in one step; the binding order follows the placeholders.
Result<QSqlQuery> exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {});

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

} // namespace sotay::sql
