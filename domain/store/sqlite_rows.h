// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <memory>

struct sqlite3_stmt;

namespace sotay {

// The rows of one statement on an SQLite connection, read through SQLite's own API: Qt SQL wraps every
// value in a QVariant, which is most of the time a whole province's roster (200,000 rows) takes to read.
// For the few reads of that size; everything else goes through sql::exec.
class SqliteRows final {
public:
    // Prepares and binds `statement` (values: text, integers, numbers, bytes or null). Null (and no error)
    // when the rows cannot be read this way: `db` is not SQLite, or this build reads through Qt SQL only
    // (where Qt carries its own copy of SQLite, as Qt's Windows builds do, a handle from it must not meet
    // another copy). The caller then reads through Qt SQL.
    static Result<std::unique_ptr<SqliteRows>> prepare(
        const QSqlDatabase& db, const QString& statement, const QVariantList& values);
    ~SqliteRows();
    SqliteRows(const SqliteRows&) = delete;
    SqliteRows& operator=(const SqliteRows&) = delete;

    // Tests: off, every prepare() answers null, so that the Qt SQL path is exercised too.
    static void setEnabled(bool enabled);

    // The next row: true, false after the last, or the error SQLite gave.
    Result<bool> next();
    // Runs a write again with new values, to its end: a statement prepared once for many bulk writes.
    Status runAgain(const QVariantList& values);

    qint64 integer(int column) const;
    QString text(int column) const; // "" for NULL
    // The same without a copy: valid until the next call to next() (for texts compared or shared).
    QStringView textView(int column) const;
    QDate date(int column) const; // an ISO "yyyy-MM-dd"; null for NULL or anything else

private:
    explicit SqliteRows(sqlite3_stmt* statement);
    sqlite3_stmt* m_statement;
};

} // namespace sotay
