// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"
#include "store/sql.h"
#include "store/sqlite_rows.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

BOOST_AUTO_TEST_SUITE(sql_tests)

BOOST_AUTO_TEST_CASE(dates_read_back_from_iso_text_and_refuse_anything_else)
{
    BOOST_TEST(sql::toDate(QStringLiteral("1975-04-30")) == QDate(1975, 4, 30));
    BOOST_TEST(sql::toDate(QStringLiteral("2024-02-29T10:00:00.000Z")) == QDate(2024, 2, 29));
    BOOST_TEST(sql::toDate(QDate(2001, 9, 2)) == QDate(2001, 9, 2));
    BOOST_TEST(!sql::toDate(QVariant(QMetaType::fromType<QString>())).isValid());
    BOOST_TEST(!sql::toDate(QStringLiteral("2023-02-29")).isValid());
    BOOST_TEST(!sql::toDate(QStringLiteral("2023-13-01")).isValid());
    BOOST_TEST(!sql::toDate(QStringLiteral("2023/01/01")).isValid());
    BOOST_TEST(!sql::toDate(QStringLiteral("20x3-01-01")).isValid());
    BOOST_TEST(!sql::toDate(QStringLiteral("2023-1-1")).isValid());
    BOOST_TEST(sql::toDate(sql::date(QDate(1930, 1, 1))) == QDate(1930, 1, 1));
}

BOOST_AUTO_TEST_CASE(sqlite_rows_read_text_numbers_dates_and_nulls_and_stay_out_of_postgresql)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const QString statement = QStringLiteral("SELECT ? AS name, ? + 1 AS number, '1975-04-30' AS "
                                                     "day, NULL AS empty, '2023-02-29' AS bad");
            auto rows = SqliteRows::prepare(test->db(), statement, { QStringLiteral("Nguyễn Thị Hoa"), 41 });
            BOOST_TEST_REQUIRE(rows.ok(), (rows.ok() ? std::string() : rows.error().message.toStdString()));
            if (test->config().dialect != Dialect::Sqlite) {
                BOOST_TEST(!*rows); // not SQLite: the caller reads through Qt SQL
                continue;
            }
            BOOST_TEST_REQUIRE(static_cast<bool>(*rows));
            SqliteRows& row = **rows;
            BOOST_TEST(row.next().value());
            BOOST_TEST(row.text(0) == QStringLiteral("Nguyễn Thị Hoa"));
            BOOST_TEST(row.integer(1) == 42);
            BOOST_TEST(row.date(2) == QDate(1975, 4, 30));
            BOOST_TEST(row.text(3).isEmpty());
            BOOST_TEST(!row.date(3).isValid());
            BOOST_TEST(!row.date(4).isValid()); // no 29 February in 2023
            BOOST_TEST(!row.next().value());
            auto broken = SqliteRows::prepare(test->db(), QStringLiteral("SELECT nothing FROM nowhere"), {});
            BOOST_TEST(!broken.ok());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_kept_statement_runs_again_with_new_values)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const QString statement = QStringLiteral("SELECT ? + 1");
            for (int value : { 1, 41, -7 }) {
                auto rows = sql::execCached(test->db(), statement, { value });
                BOOST_TEST_REQUIRE(rows.ok());
                BOOST_TEST_REQUIRE(rows->next());
                BOOST_TEST(rows->value(0).toInt() == value + 1);
            }
            auto broken = sql::execCached(test->db(), QStringLiteral("SELECT nothing FROM nowhere"), {});
            BOOST_TEST(!broken.ok());
        }
    }
}

// A statement read only in part must not keep its snapshot: on SQLite the connection's next write would fail
// with "database is locked" once another connection has written in between.
BOOST_AUTO_TEST_CASE(a_partly_read_statement_does_not_block_the_next_write)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            BOOST_TEST_REQUIRE(sql::exec(test->db(), QStringLiteral("CREATE TABLE note (n INTEGER)")).ok());
            for (int n = 0; n < 3; ++n)
                BOOST_TEST_REQUIRE(
                    sql::exec(test->db(), QStringLiteral("INSERT INTO note (n) VALUES (?)"), { n }).ok());
            auto other = openDatabase(test->config(), QStringLiteral("sql-tests-other"));
            BOOST_TEST_REQUIRE(other.ok());
            {
                auto rows
                    = sql::execCached(test->db(), QStringLiteral("SELECT n FROM note WHERE n >= ?"), { 0 });
                BOOST_TEST_REQUIRE(rows.ok());
                BOOST_TEST_REQUIRE(rows->next()); // one of three rows read, then let go
            }
            BOOST_TEST(sql::exec(*other, QStringLiteral("INSERT INTO note (n) VALUES (?)"), { 10 }).ok());
            BOOST_TEST(sql::exec(test->db(), QStringLiteral("INSERT INTO note (n) VALUES (?)"), { 11 }).ok());
            auto count = sql::execCached(test->db(), QStringLiteral("SELECT COUNT(*) FROM note"), {});
            BOOST_TEST_REQUIRE(count.ok());
            BOOST_TEST_REQUIRE(count->next());
            BOOST_TEST(count->value(0).toInt() == 5);
        }
        closeDatabase(QStringLiteral("sql-tests-other"));
    }
}

// The driver's words go to the log without the data they may quote: PostgreSQL's DETAIL line holds the whole
// failing row, and its message can quote a value.
BOOST_AUTO_TEST_CASE(a_failed_write_is_logged_without_the_data_the_driver_quotes)
{
    static QStringList logged;
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext&, const QString& message) { logged.append(message); });
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            logged.clear();
            BOOST_TEST_REQUIRE(sql::exec(test->db(),
                QStringLiteral(
                    "CREATE TABLE person (id INTEGER PRIMARY KEY, citizen_id TEXT NOT NULL UNIQUE, "
                    "religion TEXT CHECK (religion <> 'Không rõ'), age INTEGER)"))
                                   .ok());
            const QString insert
                = QStringLiteral("INSERT INTO person (id, citizen_id, religion, age) VALUES (?, ?, ?, ?)");
            BOOST_TEST_REQUIRE(sql::exec(
                test->db(), insert, { 1, QStringLiteral("075085004321"), QStringLiteral("Phật giáo"), 40 })
                                   .ok());
            // A duplicate citizen id, a refused religion, and a value that is no number.
            BOOST_TEST(!sql::exec(
                test->db(), insert, { 2, QStringLiteral("075085004321"), QStringLiteral("Công giáo"), 41 })
                            .ok());
            BOOST_TEST(!sql::exec(
                test->db(), insert, { 3, QStringLiteral("079190001234"), QStringLiteral("Không rõ"), 42 })
                            .ok());
            // PostgreSQL refuses it and quotes the value; SQLite converts it silently.
            const bool cast = sql::exec(test->db(),
                QStringLiteral("SELECT CAST(? AS INTEGER) + id FROM person WHERE age = ?"),
                { QStringLiteral("Nguyễn"), QStringLiteral("tuổi-bốn-mươi") })
                                  .ok();
            BOOST_TEST((!cast || test->label() == QStringLiteral("SQLite")));
            const QString log = logged.join(u'\n');
            BOOST_TEST(!logged.isEmpty());
            for (const char* secret :
                { "075085004321", "079190001234", "Công giáo", "Không rõ", "Nguyễn", "tuổi" })
                BOOST_TEST(!log.contains(QString::fromUtf8(secret)),
                    secret << " is in the log: " << log.toStdString());
            BOOST_TEST(log.contains(QStringLiteral("person")), log.toStdString());
            BOOST_TEST_REQUIRE(sql::exec(test->db(), QStringLiteral("DROP TABLE person")).ok());
        }
    }
    qInstallMessageHandler(previous);
}

BOOST_AUTO_TEST_SUITE_END()
