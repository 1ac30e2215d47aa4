// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/test_database.h"

#include "store/database.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>

namespace sotay::test {
namespace {

std::atomic<int> g_counter { 0 };

QString uniqueName(const QString& prefix)
{
    return QStringLiteral("%1_%2_%3").arg(prefix).arg(QCoreApplication::applicationPid()).arg(++g_counter);
}

} // namespace

QString testPostgresUrl()
{
    const QString file = qEnvironmentVariable("SOTAY_TEST_POSTGRES_FILE");
    if (!file.isEmpty()) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll()).trimmed();
    }
    return qEnvironmentVariable("SOTAY_TEST_POSTGRES_URL");
}

std::unique_ptr<TestDatabase> TestDatabase::sqlite()
{
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    if (!test->m_folder.isValid())
        throw std::runtime_error("no temporary folder");
    test->m_config = DatabaseConfig::sqlite(test->m_folder.filePath(QStringLiteral("sotay.sqlite")), true);
    test->m_connection = uniqueName(QStringLiteral("sqlite"));
    auto db = openAndMigrate(test->m_config, test->m_connection);
    if (!db)
        throw std::runtime_error(db.error().message.toStdString());
    test->m_db = *db;
    return test;
}

std::unique_ptr<TestDatabase> TestDatabase::postgres(const QString& url)
{
    auto config = DatabaseConfig::fromPostgresUrl(url);
    if (!config)
        throw std::runtime_error(config.error().message.toStdString());
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    test->m_config = *config;
    test->m_config.schema = uniqueName(QStringLiteral("test"));
    {
        auto admin = openDatabase(*config, test->m_config.schema + QStringLiteral("_admin"));
        if (!admin)
            throw std::runtime_error(admin.error().message.toStdString());
        QSqlQuery(*admin).exec(QStringLiteral("CREATE SCHEMA ") + test->m_config.schema);
    }
    closeDatabase(test->m_config.schema + QStringLiteral("_admin"));
    test->m_connection = test->m_config.schema;
    auto db = openAndMigrate(test->m_config, test->m_connection);
    if (!db)
        throw std::runtime_error(db.error().message.toStdString());
    test->m_db = *db;
    return test;
}

TestDatabase::~TestDatabase()
{
    if (m_config.dialect == Dialect::Postgres && m_db.isOpen())
        QSqlQuery(m_db).exec(QStringLiteral("DROP SCHEMA ") + m_config.schema + QStringLiteral(" CASCADE"));
    m_db = {};
    closeDatabase(m_connection);
}

std::vector<std::unique_ptr<TestDatabase>> allTestDatabases()
{
    std::vector<std::unique_ptr<TestDatabase>> databases;
    databases.push_back(TestDatabase::sqlite());
    const QString url = testPostgresUrl();
    if (!url.isEmpty()) {
        databases.push_back(TestDatabase::postgres(url));
    } else if (qEnvironmentVariable("CI") == u"true") {
        BOOST_FAIL("CI=true but no test PostgreSQL: run the tests through ctest (the postgres fixture) or "
                   "scripts/test");
    } else {
        static bool warned = false;
        if (!warned)
            BOOST_TEST_MESSAGE("No test PostgreSQL configured: store tests run on SQLite only");
        warned = true;
    }
    return databases;
}

} // namespace sotay::test
