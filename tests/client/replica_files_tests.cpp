// SPDX-License-Identifier: GPL-3.0-or-later
// A replica holds a scope's party records: its file, SQLite's files beside it and the folders made for it are
// readable by their owner only, and replicas left readable by everyone are made private when opened.
#include "replica.h"
#include "support/qt_printing.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::client;

namespace {

constexpr auto kOwnerFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr auto kOwnerFolder = kOwnerFile | QFileDevice::ExeOwner;
constexpr auto kEveryoneReads
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;

// Only the permission bits that mean something on Unix (Qt adds the ReadUser-style aliases).
QFileDevice::Permissions modeOf(const QString& path)
{
    return QFile::permissions(path)
        & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
            | QFileDevice::WriteOther | QFileDevice::ExeOther);
}

// A write, so that SQLite has a WAL beside the file.
void writeSomething(Replica& replica)
{
    const auto queued = replica.enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"),
        { { QStringLiteral("familyName"), QStringLiteral("Nguyễn") } }, std::nullopt);
    BOOST_TEST_REQUIRE(queued.ok());
}

} // namespace

BOOST_AUTO_TEST_SUITE(replica_files_tests)

#ifdef Q_OS_UNIX

BOOST_AUTO_TEST_CASE(a_new_replica_and_the_folders_made_for_it_are_its_owners_only)
{
    QTemporaryDir shared;
    BOOST_TEST_REQUIRE(QFile::setPermissions(shared.path(),
        kOwnerFolder | QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup
            | QFileDevice::ExeGroup));
    const auto sharedMode = modeOf(shared.path());
    const QString file = shared.filePath(QStringLiteral("canbo/may-chu/canbo.sqlite"));
    {
        auto replica = Replica::open(file);
        BOOST_TEST_REQUIRE(replica.ok());
        writeSomething(**replica);
        BOOST_TEST(modeOf(file) == kOwnerFile);
        BOOST_TEST_REQUIRE(QFile::exists(file + QStringLiteral("-wal")));
        BOOST_TEST(modeOf(file + QStringLiteral("-wal")) == kOwnerFile);
        BOOST_TEST(modeOf(file + QStringLiteral("-shm")) == kOwnerFile);
    }
    BOOST_TEST(modeOf(shared.filePath(QStringLiteral("canbo"))) == kOwnerFolder);
    BOOST_TEST(modeOf(shared.filePath(QStringLiteral("canbo/may-chu"))) == kOwnerFolder);
    // A folder that was there before is someone else's business (it may be /tmp).
    BOOST_TEST(modeOf(shared.path()) == sharedMode);
}

BOOST_AUTO_TEST_CASE(a_replica_left_readable_by_everyone_is_made_private_when_opened)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("canbo.sqlite"));
    {
        auto replica = Replica::open(file);
        BOOST_TEST_REQUIRE(replica.ok());
        writeSomething(**replica);
    }
    for (const QString& path :
        QStringList { file, file + QStringLiteral("-wal"), file + QStringLiteral("-shm") })
        if (QFile::exists(path))
            BOOST_TEST_REQUIRE(QFile::setPermissions(path, kEveryoneReads));
    auto reopened = Replica::open(file);
    BOOST_TEST_REQUIRE(reopened.ok());
    BOOST_TEST(modeOf(file) == kOwnerFile);
    writeSomething(**reopened);
    BOOST_TEST(modeOf(file + QStringLiteral("-wal")) == kOwnerFile);
}

BOOST_AUTO_TEST_CASE(the_replicas_own_folders_are_made_private_though_an_older_version_made_them)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = Replica::defaultPath(
        QUrl(QStringLiteral("https://sotay.dongnai.example")), QStringLiteral("CanBo.TranBien"));
    const QString folder = QFileInfo(path).absolutePath();
    const QString replicas = QFileInfo(folder).absolutePath();
    BOOST_TEST_REQUIRE(QDir().mkpath(folder));
    BOOST_TEST_REQUIRE(
        QFile::setPermissions(replicas, kOwnerFolder | QFileDevice::ReadOther | QFileDevice::ExeOther));
    BOOST_TEST_REQUIRE(
        QFile::setPermissions(folder, kOwnerFolder | QFileDevice::ReadOther | QFileDevice::ExeOther));
    {
        auto replica = Replica::open(path);
        BOOST_TEST_REQUIRE(replica.ok());
    }
    BOOST_TEST(modeOf(folder) == kOwnerFolder);
    BOOST_TEST(modeOf(replicas) == kOwnerFolder);
    BOOST_TEST(modeOf(path) == kOwnerFile);
    QDir(replicas).removeRecursively();
    QStandardPaths::setTestModeEnabled(false);
}

#endif

BOOST_AUTO_TEST_SUITE_END()
