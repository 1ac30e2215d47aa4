// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"
#include "store/migrator.h"
#include "store/sql.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

BOOST_AUTO_TEST_SUITE(migrator_tests)

BOOST_AUTO_TEST_CASE(a_fresh_database_reaches_the_latest_version_once)
{
    BOOST_TEST(latestSchemaVersion() >= 1);
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            auto version = schemaVersion(test->db());
            BOOST_TEST_REQUIRE(version.ok());
            BOOST_TEST(*version == latestSchemaVersion());
            // migrating again is a no-op
            BOOST_TEST(migrate(test->db()).ok());
            auto rows = sql::exec(test->db(), QStringLiteral("SELECT COUNT(*) FROM schema_migration"));
            BOOST_TEST_REQUIRE((rows.ok() && rows->next()));
            BOOST_TEST(rows->value(0).toInt() == latestSchemaVersion());
            for (const auto* table :
                { "org_unit", "org_unit_period", "org_operation", "member", "member_event", "change_feed" }) {
                auto exists = sql::exec(
                    test->db(), QStringLiteral("SELECT COUNT(*) FROM ") + QString::fromLatin1(table));
                BOOST_TEST(exists.ok(), table);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(sqlite_runs_with_wal_foreign_keys_and_full_sync)
{
    const auto test = TestDatabase::sqlite();
    auto pragma = [&](const char* name) {
        auto q = sql::exec(test->db(), QStringLiteral("PRAGMA ") + QString::fromLatin1(name));
        BOOST_TEST_REQUIRE((q.ok() && q->next()));
        return q->value(0).toString();
    };
    BOOST_TEST(pragma("journal_mode") == QStringLiteral("wal"));
    BOOST_TEST(pragma("foreign_keys") == QStringLiteral("1"));
    BOOST_TEST(pragma("synchronous") == QStringLiteral("2")); // FULL, as the server asks
}

BOOST_AUTO_TEST_CASE(a_newer_database_is_refused)
{
    const auto test = TestDatabase::sqlite();
    BOOST_TEST_REQUIRE(sql::exec(test->db(),
        QStringLiteral("INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)"),
        { latestSchemaVersion() + 1, QStringLiteral("2030-01-01T00:00:00Z") })
                           .ok());
    const Status migrated = migrate(test->db());
    BOOST_TEST_REQUIRE(!migrated.ok());
    BOOST_TEST(migrated.error().message.contains(QStringLiteral("cập nhật chương trình")));
}

BOOST_AUTO_TEST_CASE(scripts_split_into_statements)
{
    const QString script = QStringLiteral("-- a comment; not a statement\n"
                                          "CREATE TABLE a (\n  x INTEGER -- inline\n);\n\n"
                                          "INSERT INTO a VALUES (1);\n"
                                          "INSERT INTO a VALUES (2)");
    const QStringList statements = splitSqlScript(script);
    BOOST_TEST_REQUIRE(statements.size() == 3);
    BOOST_TEST(statements[0].startsWith(QStringLiteral("CREATE TABLE a")));
    BOOST_TEST(statements[2] == QStringLiteral("INSERT INTO a VALUES (2)"));
}

BOOST_AUTO_TEST_CASE(postgres_urls_are_parsed_and_never_logged_with_the_password)
{
    auto config = DatabaseConfig::fromPostgresUrl(
        QStringLiteral("postgresql://sotay:b%C3%AD%20m%E1%BA%ADt@db.local:5433/sotay?schema=prod"));
    BOOST_TEST_REQUIRE(config.ok());
    BOOST_TEST((config->dialect == Dialect::Postgres));
    BOOST_TEST(config->host == QStringLiteral("db.local"));
    BOOST_TEST(config->port == 5433);
    BOOST_TEST(config->user == QStringLiteral("sotay"));
    BOOST_TEST(config->password == QStringLiteral("bí mật"));
    BOOST_TEST(config->database == QStringLiteral("sotay"));
    BOOST_TEST(config->schema == QStringLiteral("prod"));
    BOOST_TEST(!config->describe().contains(QStringLiteral("bí mật")));
    BOOST_TEST(!DatabaseConfig::fromPostgresUrl(QStringLiteral("mysql://x@y/z")).ok());
    BOOST_TEST(!DatabaseConfig::fromPostgresUrl(QStringLiteral("postgresql://x@y")).ok());
}

BOOST_AUTO_TEST_SUITE_END()
