// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/sync_setup.h"

#include "store/sql.h"

#include <boost/test/unit_test.hpp>

namespace sotay::test {

SyncSetup::SyncSetup(const TestDatabase& database)
    : tree(buildSmallTree(database.db()))
    , inTranBien(addMemberWithoutCard(database.db(), tree.cell1.id, "Nguyễn", "Thị", "Hoa"))
    , alsoInTranBien(addMemberWithoutCard(database.db(), tree.cell2.id, "Trần", "Văn", "Nam"))
    , inPhuRieng(addMemberWithoutCard(database.db(), tree.rubberCell.id, "Điểu", "Thị", "Lan"))
    , server(database)
    , admin(server.signInAsAdmin())
{
    server.addUser(admin, QStringLiteral("officer.tb"), QStringLiteral("officer"), tree.tranBien.id);
    BOOST_TEST_REQUIRE(replicaFolder.isValid());
}

std::unique_ptr<client::Replica> SyncSetup::openReplica() const
{
    auto replica = client::Replica::open(replicaFolder.filePath(QStringLiteral("officer.sqlite")));
    BOOST_TEST_REQUIRE(replica.ok());
    // Unlocked as the console unlocks it at sign-in: the sensitive fields are sealed in every suite.
    const auto unlocked = (*replica)->unlock(kReplicaPassword, PasswordHasher::Cost::minimal());
    BOOST_TEST_REQUIRE(unlocked.ok());
    BOOST_TEST_REQUIRE((*unlocked != client::Replica::Unlock::WrongPassword));
    return std::move(*replica);
}

std::unique_ptr<client::ApiClient> SyncSetup::officerClient(
    quint16 port, client::ApiClient::Options options) const
{
    auto api = std::make_unique<client::ApiClient>(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port ? port : server.port())), client::TlsSettings {},
        options);
    const Status signedIn
        = client::signIn(*api, QStringLiteral("officer.tb"), QStringLiteral("mat-khau-officer.tb"));
    BOOST_TEST_REQUIRE(signedIn.ok());
    return api;
}

qint64 count(const client::Replica& replica, const QString& statement, const QVariantList& values)
{
    auto query = sql::exec(replica.db(), statement, values);
    BOOST_TEST_REQUIRE((query.ok() && query->next()));
    return query->value(0).toLongLong();
}

bool hasUnit(const client::Replica& replica, qint64 id)
{
    return count(replica, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE id = ?"), { id }) == 1;
}

bool hasMember(const client::Replica& replica, qint64 id)
{
    return count(replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE id = ?"), { id }) == 1;
}

client::SyncReport mustSync(client::SyncEngine& engine)
{
    auto report = engine.syncOnce();
    BOOST_TEST_REQUIRE(report.ok(), (report.ok() ? std::string() : report.error().message.toStdString()));
    return *report;
}

} // namespace sotay::test
