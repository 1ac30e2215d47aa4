// SPDX-License-Identifier: GPL-3.0-or-later
// What the server no longer needs is deleted on a schedule: sessions that ended more than a day ago and
// stored Idempotency-Key answers older than 30 days; what is still in use stays.
#include "housekeeping.h"
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QThread>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;

namespace {

void setColumn(const TestDatabase& db, const QString& table, const QString& column, const QDateTime& at,
    const QString& where, const QVariant& key)
{
    BOOST_TEST_REQUIRE(
        sql::exec(db.db(), QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3 = ?").arg(table, column, where),
            { sql::timestamp(at), key })
            .ok());
}

qint64 newestSession(const TestDatabase& db)
{
    auto query = sql::exec(db.db(), QStringLiteral("SELECT MAX(id) FROM app_session"));
    BOOST_TEST_REQUIRE((query.ok() && query->next()));
    return query->value(0).toLongLong();
}

HttpAnswer createWithKey(const RunningServer& server, const QString& token, qint64 cell, const char* key)
{
    return server.call("POST", QStringLiteral("/api/v1/members"), token,
        newMemberJson(cell, QStringLiteral("Trần"), QStringLiteral("Văn"), QString::fromLatin1(key)),
        { { "Idempotency-Key", key } });
}

} // namespace

BOOST_AUTO_TEST_SUITE(housekeeping_tests)

BOOST_AUTO_TEST_CASE(ended_sessions_and_old_answers_go_and_what_is_in_use_stays)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const SmallTree t = buildSmallTree(db->db());
            RunningServer server(*db);
            const QDateTime now = server.now();
            server.signInAsAdmin();
            setColumn(*db, QStringLiteral("app_session"), QStringLiteral("expires_at"), now.addDays(-2),
                QStringLiteral("id"), newestSession(*db));
            server.signInAsAdmin();
            setColumn(*db, QStringLiteral("app_session"), QStringLiteral("revoked_at"), now.addDays(-2),
                QStringLiteral("id"), newestSession(*db));
            server.signInAsAdmin();
            setColumn(*db, QStringLiteral("app_session"), QStringLiteral("revoked_at"), now.addSecs(-3600),
                QStringLiteral("id"), newestSession(*db)); // ended within the day: kept for now
            const QString admin = server.signInAsAdmin();

            BOOST_TEST_REQUIRE(createWithKey(server, admin, t.cell1.id, "khoa-cu-0001").status == 201);
            BOOST_TEST_REQUIRE(createWithKey(server, admin, t.cell1.id, "khoa-moi-0002").status == 201);
            setColumn(*db, QStringLiteral("idempotent_request"), QStringLiteral("created_at"),
                now.addDays(-31), QStringLiteral("key"), QStringLiteral("khoa-cu-0001"));
            const qint64 sessionsBefore = countRows(db->db(), QStringLiteral("app_session"));

            const auto pruned = pruneExpired(db->db(), now, Retention {});
            BOOST_TEST_REQUIRE(pruned.ok());
            BOOST_TEST(pruned->sessions == 2);
            BOOST_TEST(pruned->replies == 1);
            BOOST_TEST(countRows(db->db(), QStringLiteral("app_session")) == sessionsBefore - 2);
            BOOST_TEST(countRows(db->db(), QStringLiteral("idempotent_request")) == 1);

            // The live session still works; the recent key still replays; the forgotten one runs again.
            const auto replayed = createWithKey(server, admin, t.cell1.id, "khoa-moi-0002");
            BOOST_TEST(replayed.status == 201);
            BOOST_TEST(replayed.headers.count("Idempotent-Replayed") == 1);
            const auto again = createWithKey(server, admin, t.cell1.id, "khoa-cu-0001");
            BOOST_TEST(again.headers.count("Idempotent-Replayed") == 0);
            BOOST_TEST(pruneExpired(db->db(), now, Retention {})->sessions == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_server_prunes_on_its_own_schedule)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db, 4, [](ServerConfig& config) { config.pruneSeconds = 1; });
            server.signInAsAdmin();
            setColumn(*db, QStringLiteral("app_session"), QStringLiteral("expires_at"),
                server.now().addDays(-2), QStringLiteral("id"), newestSession(*db));
            const qint64 before = countRows(db->db(), QStringLiteral("app_session"));
            // Waits for the schedule, at most 30 s; no speed is asserted.
            qint64 now = before;
            for (int tries = 0; tries < 300 && now == before; ++tries) {
                QThread::msleep(100);
                now = countRows(db->db(), QStringLiteral("app_session"));
            }
            BOOST_TEST(now == before - 1);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
