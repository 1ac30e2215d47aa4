// SPDX-License-Identifier: GPL-3.0-or-later
// The sync engine behind a fault-injecting proxy in front of the real server: every answer a push can meet
// (408, 429, 500, 503 that say the server did nothing; 502 and 504 after the server did the work; 409
// in_progress; a connection refused before anything was sent), a rename whose answer was lost, and the
// members of a unit that came into the scope when the first try to read them fails.
#include "replica.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/fault_proxy.h"
#include "support/qt_printing.h"
#include "support/sync_setup.h"
#include "sync_engine.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace sotay;
using namespace sotay::client;
using namespace sotay::test;

namespace {

// One attempt per call: the engine itself meets each fault instead of the client's retries.
const ApiClient::Options kOneAttempt { 5000, 1, 10 };

QJsonObject newcomer(qint64 cellId, const QString& givenName)
{
    return { { QStringLiteral("orgUnitId"), cellId }, { QStringLiteral("familyName"), QStringLiteral("Vũ") },
        { QStringLiteral("middleName"), QStringLiteral("Thu") }, { QStringLiteral("givenName"), givenName },
        { QStringLiteral("gender"), QStringLiteral("female") },
        { QStringLiteral("birthDate"), QStringLiteral("1995-04-30") },
        { QStringLiteral("admittedOn"), QStringLiteral("2026-03-03") } };
}

qint64 onServer(const TestDatabase& db, const QString& givenName)
{
    auto query = sql::exec(
        db.db(), QStringLiteral("SELECT COUNT(*) FROM member WHERE given_name = ?"), { givenName });
    BOOST_TEST_REQUIRE((query.ok() && query->next()));
    return query->value(0).toLongLong();
}

QString stateOf(const Replica& replica, qint64 outboxId)
{
    const auto entry = replica.entry(outboxId);
    BOOST_TEST_REQUIRE(entry.ok());
    return entry->state;
}

// The officer's replica, synced once through a fault-injecting proxy in front of the real server, and the
// engine that syncs it there with one attempt per call.
struct BehindProxy {
    explicit BehindProxy(const TestDatabase& db)
        : setup(db)
        , proxy(setup.server.port())
        , replica(setup.openReplica())
        , api(setup.officerClient(proxy.port(), kOneAttempt))
        , engine(*api, *replica)
    {
        mustSync(engine);
    }
    SyncSetup setup;
    FaultProxy proxy;
    std::unique_ptr<Replica> replica;
    std::unique_ptr<ApiClient> api;
    SyncEngine engine;
};

qint64 postsForwarded(const FaultProxy& proxy)
{
    return proxy.forwarded().filter(QStringLiteral("POST /api/v1/members")).size();
}

} // namespace

BOOST_AUTO_TEST_SUITE(sync_fault_tests)

// 408, 429, 500 and 503 come from a server that rolled the request back (or a front that never passed it
// on): the edit is the user's again, the user reads the server's reason, and the next sync sends it once.
BOOST_AUTO_TEST_CASE(an_answer_saying_the_server_did_nothing_gives_the_edit_back_and_the_next_sync_sends_it)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            BehindProxy world(*db);
            auto& [setup, proxy, replica, api, engine] = world;

            const std::pair<int, const char*> answers[] { { 408, "request_timeout" },
                { 429, "too_many_requests" }, { 500, "internal" }, { 503, "busy" } };
            for (const auto& [status, code] : answers) {
                BOOST_TEST_CONTEXT(status)
                {
                    const QString name = QStringLiteral("Lần%1").arg(status);
                    const auto queued = replica->enqueue(QStringLiteral("POST"),
                        QStringLiteral("/api/v1/members"), newcomer(setup.tree.cell2.id, name));
                    BOOST_TEST_REQUIRE(queued.ok());
                    const QString reason
                        = QStringLiteral("Máy chủ đang bận (%1), xin thử lại sau.").arg(status);
                    proxy.inject({ QStringLiteral("POST"), QStringLiteral("/api/v1/members"), status,
                        FaultProxy::errorBody(code, reason) });
                    const qint64 sentBefore = postsForwarded(proxy);

                    auto failed = engine.syncOnce();
                    BOOST_TEST_REQUIRE(!failed.ok());
                    BOOST_TEST(failed.error().message == reason);
                    BOOST_TEST(proxy.unusedFaults() == 0);
                    BOOST_TEST(postsForwarded(proxy) == sentBefore);
                    BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("pending"));
                    BOOST_TEST(onServer(*db, name) == 0);

                    const SyncReport report = mustSync(engine);
                    BOOST_TEST(report.pushed == 1);
                    BOOST_TEST(onServer(*db, name) == 1);
                    BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("done"));
                    BOOST_TEST(
                        count(*replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE given_name = ?"),
                            { name })
                        == 1);
                }
            }
        }
    }
}

// A gateway's 502 or 504 may come after the server did the work: the edit stays taken (the user cannot
// rewrite what may already be done), and the next sync's repeat, under the same key, is replayed.
BOOST_AUTO_TEST_CASE(an_answer_lost_on_the_way_back_keeps_the_edit_taken_and_its_repeat_is_replayed)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            BehindProxy world(*db);
            auto& [setup, proxy, replica, api, engine] = world;

            for (const int status : { 502, 504 }) {
                BOOST_TEST_CONTEXT(status)
                {
                    const QString name = QStringLiteral("Lần%1").arg(status);
                    const auto queued = replica->enqueue(QStringLiteral("POST"),
                        QStringLiteral("/api/v1/members"), newcomer(setup.tree.cell2.id, name));
                    BOOST_TEST_REQUIRE(queued.ok());
                    proxy.inject({ QStringLiteral("POST"), QStringLiteral("/api/v1/members"), status,
                        QByteArrayLiteral("<html><body>Gateway</body></html>"),
                        FaultProxy::Moment::AfterForwarding });
                    const qint64 sentBefore = postsForwarded(proxy);

                    auto failed = engine.syncOnce();
                    BOOST_TEST_REQUIRE(!failed.ok());
                    BOOST_TEST(failed.error().message.contains(QString::number(status)));
                    BOOST_TEST(postsForwarded(proxy) == sentBefore + 1);
                    BOOST_TEST(onServer(*db, name) == 1);
                    BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("sending"));
                    BOOST_TEST(!replica->withdraw(queued->id).value());

                    const SyncReport report = mustSync(engine);
                    BOOST_TEST(report.pushed == 1);
                    BOOST_TEST(postsForwarded(proxy) == sentBefore + 2);
                    BOOST_TEST(onServer(*db, name) == 1); // replayed, not made twice
                    BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("done"));
                    BOOST_TEST(
                        count(*replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE given_name = ?"),
                            { name })
                        == 1);
                }
            }
        }
    }
}

// 409 in_progress: the same request still runs on the server. The edit stays taken and goes again.
BOOST_AUTO_TEST_CASE(a_request_still_running_elsewhere_is_sent_again_by_the_next_sync)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            BehindProxy world(*db);
            auto& [setup, proxy, replica, api, engine] = world;

            const QString name = QStringLiteral("Đang");
            const auto queued = replica->enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"),
                newcomer(setup.tree.cell2.id, name));
            BOOST_TEST_REQUIRE(queued.ok());
            const QString reason = QStringLiteral("Yêu cầu với khóa này đang được xử lý, xin thử lại sau.");
            proxy.inject({ QStringLiteral("POST"), QStringLiteral("/api/v1/members"), 409,
                FaultProxy::errorBody("in_progress", reason) });
            auto failed = engine.syncOnce();
            BOOST_TEST_REQUIRE(!failed.ok());
            BOOST_TEST(failed.error().message == reason);
            BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("sending"));
            BOOST_TEST(replica->refusedCount().value() == 0);

            BOOST_TEST(mustSync(engine).pushed == 1);
            BOOST_TEST(onServer(*db, name) == 1);
            BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("done"));
        }
    }
}

// Nothing left the machine: the sync says the server cannot be reached and the edit is the user's again.
BOOST_AUTO_TEST_CASE(a_connection_refused_before_sending_gives_the_edit_back)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            FaultProxy proxy(setup.server.port());
            auto replica = setup.openReplica();
            {
                auto direct = setup.officerClient();
                SyncEngine first(*direct, *replica);
                mustSync(first);
            }
            const QString name = QStringLiteral("Ngoại");
            const auto queued = replica->enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"),
                newcomer(setup.tree.cell2.id, name));
            BOOST_TEST_REQUIRE(queued.ok());

            // Signed in through the proxy, with no connection kept open, before it stops listening.
            auto api = setup.officerClient(proxy.port(), ApiClient::Options { 5000, 2, 10 });
            SyncEngine engine(*api, *replica);
            proxy.refuseConnections();
            auto failed = engine.syncOnce();
            BOOST_TEST_REQUIRE(!failed.ok());
            BOOST_TEST((failureOf(failed.error()) == SyncFailure::Offline));
            BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("pending"));
            BOOST_TEST(onServer(*db, name) == 0);

            proxy.acceptConnections();
            BOOST_TEST(mustSync(engine).pushed == 1);
            BOOST_TEST(onServer(*db, name) == 1);
        }
    }
}

// The unit's rename reached the server but its answer did not: the repeat, under the same key, is replayed
// and the rename is done, not a conflict with itself.
BOOST_AUTO_TEST_CASE(a_rename_whose_answer_was_lost_is_not_taken_for_a_conflict)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            BehindProxy world(*db);
            auto& [setup, proxy, replica, api, engine] = world;

            const QString path = QStringLiteral("/api/v1/orgs/%1").arg(setup.tree.cell1.id);
            const auto queued = replica->enqueue(QStringLiteral("PATCH"), path,
                { { QStringLiteral("name"), QStringLiteral("Chi bộ Khu phố 1") },
                    { QStringLiteral("decisionNumber"), QStringLiteral("31-QĐ/ĐU") },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-20") } },
                setup.tree.cell1.version);
            BOOST_TEST_REQUIRE(queued.ok());
            proxy.inject({ QStringLiteral("PATCH"), path, 504,
                QByteArrayLiteral("<html>Gateway Timeout</html>"), FaultProxy::Moment::AfterForwarding });
            BOOST_TEST_REQUIRE(!engine.syncOnce().ok());
            BOOST_TEST(proxy.forwarded().filter(QStringLiteral("PATCH ")).size() == 1);
            BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("sending"));

            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.conflicts == 0);
            BOOST_TEST(report.pushed == 1);
            BOOST_TEST(replica->conflictCount().value() == 0);
            BOOST_TEST(stateOf(*replica, queued->id) == QStringLiteral("done"));
            BOOST_TEST(
                count(*replica, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE id = ? AND name = ?"),
                    { setup.tree.cell1.id, QStringLiteral("Chi bộ Khu phố 1") })
                == 1);
        }
    }
}

// A unit that comes into the scope is read again whole (its members may be ones the feed never mentioned to
// this user). If that read fails (a 5xx, a cut line), the sync fails rather than passing over it, and a later
// sync reads it: the units still to read are kept in the replica with the feed position that revealed them.
BOOST_AUTO_TEST_CASE(members_of_a_unit_that_came_into_the_scope_arrive_even_when_the_first_read_fails)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            BehindProxy world(*db);
            auto& [setup, proxy, replica, api, engine] = world;
            OrgRepository tree(db->db());
            BOOST_TEST_REQUIRE(tree.move(setup.tree.school.id, setup.tree.phuRieng.id,
                                       decision("20-QĐ/TU", QDate(2026, 3, 1)), testContext())
                                   .ok());
            mustSync(engine);
            BOOST_TEST_REQUIRE(!hasMember(*replica, setup.inTranBien.id));
            BOOST_TEST_REQUIRE(tree.move(setup.tree.school.id, setup.tree.tranBien.id,
                                       decision("21-QĐ/TU", QDate(2026, 4, 1)), testContext())
                                   .ok());

            for (const int status : { 500, 503 })
                proxy.inject({ QStringLiteral("GET"), QStringLiteral("/api/v1/members?org="), status,
                    FaultProxy::errorBody("internal", QStringLiteral("Lỗi máy chủ.")) });
            const auto reads = [&proxy] {
                return proxy.forwarded().filter(QStringLiteral("GET /api/v1/members?org=")).size();
            };
            QList<qint64> entered { setup.tree.school.id, setup.tree.cell1.id, setup.tree.cell2.id };
            std::sort(entered.begin(), entered.end());
            const QString toRead = QStringLiteral("%1 %2 %3").arg(entered[0]).arg(entered[1]).arg(entered[2]);

            BOOST_TEST(!engine.syncOnce().ok());
            BOOST_TEST(replica->state(QStringLiteral("refetch.units")).value() == toRead);
            // The replica may be closed and opened again (a crash): the units to read are in it.
            replica.reset();
            replica = setup.openReplica();
            SyncEngine reopened(*api, *replica);
            BOOST_TEST(!reopened.syncOnce().ok()); // the second fault
            BOOST_TEST(replica->state(QStringLiteral("refetch.units")).value() == toRead);
            BOOST_TEST(reads() == 0);

            mustSync(reopened);
            BOOST_TEST(proxy.unusedFaults() == 0);
            BOOST_TEST(reads() == 3);
            BOOST_TEST(replica->state(QStringLiteral("refetch.units")).value().isEmpty());
            BOOST_TEST(hasMember(*replica, setup.inTranBien.id));
            BOOST_TEST(hasMember(*replica, setup.alsoInTranBien.id));
            mustSync(reopened);
            BOOST_TEST(reads() == 3); // read once, not at every sync
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
