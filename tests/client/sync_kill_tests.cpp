// SPDX-License-Identifier: GPL-3.0-or-later
// Kills `sotay-console sync` at arbitrary moments of a first download, and in the middle of a push (shown by
// the server's counts before and after each kill), and checks that nothing is lost or duplicated.
#include "demo_province.h"
#include "replica.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>

using namespace sotay;
using namespace sotay::test;

namespace {

// id -> version of a table's rows (active units; members on a roster), as a comparable set.
QSet<QString> rows(const QSqlDatabase& db, const QString& statement)
{
    auto query = sql::exec(db, statement);
    BOOST_TEST_REQUIRE(query.ok());
    QSet<QString> set;
    while (query->next())
        set.insert(query->value(0).toString() + u':' + query->value(1).toString());
    return set;
}

// Runs one headless sync and kills it (SIGKILL, no chance to tidy up) as soon as `killWhen` holds, asked
// every few milliseconds, or lets it finish when there is none; returns the exit code, or -1 when it was
// killed.
int runSync(
    quint16 port, const QString& passwordFile, const QString& replica, const std::function<bool()>& killWhen)
{
    QProcess process;
    process.setProgram(QStringLiteral(SOTAY_CONSOLE_EXECUTABLE));
    process.setArguments({ QStringLiteral("sync"), QStringLiteral("--server"),
        QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--user"), QStringLiteral("admin"),
        QStringLiteral("--password-file"), passwordFile, QStringLiteral("--replica"), replica });
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start();
    BOOST_TEST_REQUIRE(process.waitForStarted());
    QElapsedTimer running;
    running.start();
    while (killWhen && !process.waitForFinished(2) && running.elapsed() < 300000)
        if (killWhen()) {
            process.kill();
            process.waitForFinished();
            return -1;
        }
    process.waitForFinished(300000);
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// A condition for runSync: `milliseconds` have passed since it was made.
std::function<bool()> after(int milliseconds)
{
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    return [started, milliseconds] { return started->elapsed() >= milliseconds; };
}

struct KillSetup {
    explicit KillSetup(const TestDatabase& database)
    {
        BOOST_TEST_REQUIRE(folder.isValid());
        const WriteContext context = testContext();
        auto seeded = seedDemoProvince(database.db(), { 4242, 6000, context.today(), {} }, context);
        BOOST_TEST_REQUIRE(seeded.ok(), (seeded.ok() ? "" : seeded.error().message.toStdString()));
        server = std::make_unique<RunningServer>(database);
        passwordFile = folder.filePath(QStringLiteral("password"));
        QFile file(passwordFile);
        BOOST_TEST_REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(RunningServer::kAdminPassword);
        replicaPath = folder.filePath(QStringLiteral("replica.sqlite"));
    }
    QTemporaryDir folder;
    std::unique_ptr<RunningServer> server;
    QString passwordFile;
    QString replicaPath;
};

const QString kUnits = QStringLiteral("SELECT id, version FROM org_unit WHERE valid_to IS NULL");
const QString kMembers = QStringLiteral("SELECT id, version FROM member WHERE left_reason IS NULL");

} // namespace

BOOST_AUTO_TEST_SUITE(sync_kill_tests)

BOOST_AUTO_TEST_CASE(a_first_sync_killed_again_and_again_ends_complete)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            KillSetup setup(*db);
            int kills = 0;
            for (const int delay : { 150, 300, 450, 600, 900, 1200 })
                if (runSync(setup.server->port(), setup.passwordFile, setup.replicaPath, after(delay)) == -1)
                    ++kills;
            BOOST_TEST(kills > 0);
            BOOST_TEST_REQUIRE(runSync(setup.server->port(), setup.passwordFile, setup.replicaPath, {}) == 0);

            auto replica = client::Replica::open(setup.replicaPath);
            BOOST_TEST_REQUIRE(replica.ok());
            const auto serverUnits = rows(db->db(), kUnits);
            const auto serverMembers = rows(db->db(), kMembers);
            BOOST_TEST(serverMembers.size() > 5000);
            BOOST_TEST((rows((*replica)->db(), kUnits) == serverUnits));
            BOOST_TEST((rows((*replica)->db(), kMembers) == serverMembers));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_outbox_push_killed_again_and_again_creates_each_member_once)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            KillSetup setup(*db);
            BOOST_TEST_REQUIRE(runSync(setup.server->port(), setup.passwordFile, setup.replicaPath, {}) == 0);
            auto cell = sql::exec(db->db(),
                QStringLiteral(
                    "SELECT id FROM org_unit WHERE kind = 'cell' AND valid_to IS NULL ORDER BY id LIMIT 1"));
            BOOST_TEST_REQUIRE((cell.ok() && cell->next()));
            const qint64 cellId = cell->value(0).toLongLong();
            cell->finish(); // an open statement would keep this connection reading an old snapshot
            const int edits = 150;
            {
                auto replica = client::Replica::open(setup.replicaPath);
                BOOST_TEST_REQUIRE(replica.ok());
                for (int i = 0; i < edits; ++i) {
                    const QJsonObject body { { QStringLiteral("orgUnitId"), cellId },
                        { QStringLiteral("familyName"), QStringLiteral("Kiểm") },
                        { QStringLiteral("middleName"), QStringLiteral("Thử") },
                        { QStringLiteral("givenName"), QStringLiteral("Số%1").arg(i) },
                        { QStringLiteral("gender"), QStringLiteral("male") },
                        { QStringLiteral("birthDate"), QStringLiteral("1990-01-01") },
                        { QStringLiteral("admittedOn"), QStringLiteral("2026-06-01") } };
                    BOOST_TEST_REQUIRE(
                        (*replica)
                            ->enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"), body)
                            .ok());
                }
            }
            const auto reached = [&] {
                auto sent
                    = sql::exec(db->db(), QStringLiteral("SELECT COUNT(*) FROM member WHERE family_name = ?"),
                        { QStringLiteral("Kiểm") });
                BOOST_TEST_REQUIRE((sent.ok() && sent->next()));
                return sent->value(0).toInt();
            };
            // Each run is killed once the server holds at least `atLeast` of the edits: in the middle of the
            // push, which the counts before and after the kill show.
            for (const int atLeast : { 1, 30, 60, 90, 120 }) {
                const int beforeRun = reached();
                const int ended = runSync(setup.server->port(), setup.passwordFile, setup.replicaPath,
                    [&] { return reached() >= atLeast; });
                const int afterKill = reached();
                BOOST_TEST_CONTEXT(
                    "killed once " << atLeast << " had arrived; " << beforeRun << " then " << afterKill)
                {
                    BOOST_TEST(ended == -1);
                    BOOST_TEST(beforeRun < atLeast);
                    BOOST_TEST(afterKill >= atLeast);
                    BOOST_TEST(afterKill < edits);
                }
            }
            BOOST_TEST_REQUIRE(runSync(setup.server->port(), setup.passwordFile, setup.replicaPath, {}) == 0);

            auto created = sql::exec(db->db(),
                QStringLiteral(
                    "SELECT given_name, COUNT(*) FROM member WHERE family_name = ? GROUP BY given_name"),
                { QStringLiteral("Kiểm") });
            BOOST_TEST_REQUIRE(created.ok());
            int distinct = 0;
            while (created->next()) {
                ++distinct;
                BOOST_TEST(created->value(1).toInt() == 1, created->value(0).toString().toStdString());
            }
            BOOST_TEST(distinct == edits);
            auto replica = client::Replica::open(setup.replicaPath);
            BOOST_TEST((*replica)->pendingCount().value() == 0);
            BOOST_TEST((rows((*replica)->db(), kMembers) == rows(db->db(), kMembers)));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
