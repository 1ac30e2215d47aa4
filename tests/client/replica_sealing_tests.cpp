// SPDX-License-Identifier: GPL-3.0-or-later
// The replica at rest: once unlocked with the user's password, a copy of its files (the database, its WAL
// and whatever lies beside it) shows no citizen id, ethnicity or religion, neither in the members, nor in
// the outbox's request bodies, nor in the conflicts' stored versions; the user reads them all back after
// unlocking again; a password change re-wraps the key; a replica from before sealing is sealed at its first
// unlock.
#include "replica.h"
#include "store/member_repository.h"
#include "store/sql.h"
#include "support/qt_printing.h"
#include "support/sync_setup.h"
#include "sync_engine.h"

#include <QDir>
#include <QFile>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::client;
using namespace sotay::test;

namespace {

// Values found nowhere else in a replica, so that finding one in its bytes can only mean it is in clear.
const QString kCitizenId = QStringLiteral("075180004321");
const QString kEthnicity = QStringLiteral("Xtiêng");
const QString kReligion = QStringLiteral("Cao Đài");
const QString kEditedCitizenId = QStringLiteral("079190009999");
const QString kEditedEthnicity = QStringLiteral("Chơ Ro");
const QString kEditedReligion = QStringLiteral("Phật giáo Hòa Hảo");

QStringList secrets()
{
    return { kCitizenId, kEthnicity, kReligion, kEditedCitizenId, kEditedEthnicity, kEditedReligion };
}

// The secrets found in the bytes of every file of the replica's folder (the database, -wal, -shm).
QStringList foundInFiles(const QString& folder)
{
    QByteArray bytes;
    for (const QFileInfo& file : QDir(folder).entryInfoList(QDir::Files)) {
        QFile reading(file.absoluteFilePath());
        BOOST_TEST_REQUIRE(reading.open(QIODevice::ReadOnly));
        bytes += reading.readAll();
    }
    QStringList found;
    for (const QString& secret : secrets())
        if (bytes.contains(secret.toUtf8()))
            found.append(secret);
    return found;
}

QJsonObject sensitiveCorrection()
{
    return { { QStringLiteral("citizenId"), kEditedCitizenId },
        { QStringLiteral("ethnicity"), kEditedEthnicity }, { QStringLiteral("religion"), kEditedReligion } };
}

// The replica of `setup`, synced, with a correction that met a newer version (kept as a conflict, with both
// versions) and another one still waiting to be sent.
void fill(SyncSetup& setup, const TestDatabase& db, Replica& replica)
{
    BOOST_TEST_REQUIRE(sql::exec(db.db(),
        QStringLiteral("UPDATE member SET citizen_id = ?, ethnicity = ?, religion = ? WHERE id = ?"),
        { kCitizenId, kEthnicity, kReligion, setup.inTranBien.id })
                           .ok());
    auto api = setup.officerClient();
    SyncEngine engine(*api, replica);
    mustSync(engine);
    // Corrected on the server meanwhile: the replica's correction, made on the older version, is a conflict.
    Member newer = *MemberRepository(db.db()).find(setup.inTranBien.id);
    newer.hometown = QStringLiteral("Huế");
    BOOST_TEST_REQUIRE(MemberRepository(db.db()).update(newer, newer.version, testContext()).ok());
    const QString path = QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id);
    BOOST_TEST_REQUIRE(
        replica.enqueue(QStringLiteral("PATCH"), path, sensitiveCorrection(), setup.inTranBien.version).ok());
    BOOST_TEST_REQUIRE(mustSync(engine).conflicts == 1);
    BOOST_TEST_REQUIRE(replica
                           .enqueue(QStringLiteral("PATCH"),
                               QStringLiteral("/api/v1/members/%1").arg(setup.alsoInTranBien.id),
                               sensitiveCorrection(), setup.alsoInTranBien.version)
                           .ok());
}

} // namespace

BOOST_AUTO_TEST_SUITE(replica_sealing_tests)

BOOST_AUTO_TEST_CASE(a_copied_replica_shows_no_citizen_id_ethnicity_or_religion_without_the_password)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            fill(setup, *db, *replica);
            const QString folder = setup.replicaFolder.path();
            BOOST_TEST(foundInFiles(folder).isEmpty(), foundInFiles(folder).join(u", ").toStdString());
            replica.reset();
            BOOST_TEST(foundInFiles(folder).isEmpty(), foundInFiles(folder).join(u", ").toStdString());

            // Opened again without the password, the replica gives only sealed text.
            auto copy = Replica::open(setup.replicaFolder.filePath(QStringLiteral("officer.sqlite")));
            BOOST_TEST_REQUIRE(copy.ok());
            BOOST_TEST(!(*copy)->member(setup.inTranBien.id)->citizenId.contains(QStringLiteral("4321")));
            BOOST_TEST(
                ((*copy)->unlock(QStringLiteral("doan-mo-mat-khau"), PasswordHasher::Cost::minimal()).value()
                    == Replica::Unlock::WrongPassword));
            BOOST_TEST(!(*copy)->cipher().has_value());
            // Nor does a sync write into it without the key: it would write in clear.
            auto api = setup.officerClient();
            SyncEngine locked(*api, **copy);
            const auto refused = locked.syncOnce();
            BOOST_TEST_REQUIRE(!refused.ok());
            BOOST_TEST(refused.error().message.contains(QStringLiteral("chưa được mở khóa")));
            copy->reset();

            // With it, everything reads as it was written.
            replica = setup.openReplica();
            const auto member = replica->member(setup.inTranBien.id);
            BOOST_TEST_REQUIRE(member.ok());
            BOOST_TEST(member->citizenId == kCitizenId);
            BOOST_TEST(member->ethnicity == kEthnicity);
            BOOST_TEST(member->religion == kReligion);
            const auto conflicts = replica->conflicts();
            BOOST_TEST_REQUIRE((conflicts.ok() && conflicts->size() == 1));
            BOOST_TEST(
                conflicts->front().local.value(QStringLiteral("religion")).toString() == kEditedReligion);
            BOOST_TEST(conflicts->front().server.value(QStringLiteral("citizenId")).toString() == kCitizenId);
            const auto waiting = replica->pending();
            BOOST_TEST_REQUIRE((waiting.ok() && waiting->size() == 1));
            BOOST_TEST((waiting->front().body == sensitiveCorrection()));
            // The keyed hash finds the member by its citizen id.
            BOOST_TEST(
                count(*replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE citizen_id_hash = ?"),
                    { replica->cipher()->citizenIdHash(kCitizenId) })
                == 1);
        }
    }
}

// The same replica never unlocked keeps the values in clear: the search above can find them.
BOOST_AUTO_TEST_CASE(a_replica_never_unlocked_keeps_them_in_clear_and_its_first_unlock_seals_them)
{
    const auto db = TestDatabase::sqlite();
    SyncSetup setup(*db);
    const QString path = setup.replicaFolder.filePath(QStringLiteral("officer.sqlite"));
    {
        auto replica = Replica::open(path);
        BOOST_TEST_REQUIRE(replica.ok());
        fill(setup, *db, **replica);
    }
    BOOST_TEST(foundInFiles(setup.replicaFolder.path()).size() == secrets().size());

    auto replica = setup.openReplica();
    BOOST_TEST(foundInFiles(setup.replicaFolder.path()).isEmpty(),
        foundInFiles(setup.replicaFolder.path()).join(u", ").toStdString());
    BOOST_TEST(replica->member(setup.inTranBien.id)->citizenId == kCitizenId);
    BOOST_TEST((replica->pending()->front().body == sensitiveCorrection()));
    BOOST_TEST(
        replica->conflicts()->front().server.value(QStringLiteral("ethnicity")).toString() == kEthnicity);
}

BOOST_AUTO_TEST_CASE(a_password_change_wraps_the_key_again_and_only_the_new_password_opens_it)
{
    const auto db = TestDatabase::sqlite();
    SyncSetup setup(*db);
    auto replica = setup.openReplica();
    fill(setup, *db, *replica);
    const QString changed = QStringLiteral("mat-khau-moi-2027");
    BOOST_TEST_REQUIRE(replica->rewrap(changed, PasswordHasher::Cost::minimal()).ok());
    replica.reset();

    auto reopened = Replica::open(setup.replicaFolder.filePath(QStringLiteral("officer.sqlite")));
    BOOST_TEST_REQUIRE(reopened.ok());
    BOOST_TEST(((*reopened)->unlock(kReplicaPassword, PasswordHasher::Cost::minimal()).value()
        == Replica::Unlock::WrongPassword));
    BOOST_TEST(
        ((*reopened)->unlock(changed, PasswordHasher::Cost::minimal()).value() == Replica::Unlock::Opened));
    BOOST_TEST((*reopened)->member(setup.inTranBien.id)->citizenId == kCitizenId);
}

BOOST_AUTO_TEST_SUITE_END()
