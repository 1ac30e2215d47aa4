// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/database_config.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace sotay::test {

// A fresh, migrated database for one test: an SQLite file in a temporary folder, or a schema of its own
// in the test PostgreSQL server. Dropped when the object goes.
class TestDatabase final {
public:
    static std::unique_ptr<TestDatabase> sqlite();
    static std::unique_ptr<TestDatabase> postgres(const QString& url);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    QSqlDatabase db() const { return m_db; }
    const DatabaseConfig& config() const { return m_config; }
    QString label() const
    {
        return m_config.dialect == Dialect::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
    }

private:
    TestDatabase() = default;
    QTemporaryDir m_folder;
    DatabaseConfig m_config;
    QString m_connection;
    QSqlDatabase m_db;
};

// Every database the store must work on: SQLite always, PostgreSQL when the test fixture started one.
// With CI=true a missing PostgreSQL is a failure, never a silent skip.
std::vector<std::unique_ptr<TestDatabase>> allTestDatabases();

// The test PostgreSQL server's URL, or empty.
QString testPostgresUrl();

} // namespace sotay::test
