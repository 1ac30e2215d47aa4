// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui_test_support.h"

#include "demo_province.h"
#include "message_box.h"
#include "replica.h"
#include "store/database.h"
#include "store/write_context.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTest>

#include <Poco/Net/ServerSocket.h>

#include <stdexcept>

namespace sotay::test {
namespace {

// Widget tests are headless by construction, whoever starts them: before QApplication exists.
void offscreenUnlessChosen()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}
Q_CONSTRUCTOR_FUNCTION(offscreenUnlessChosen)

} // namespace

bool useOffscreenScreen(const QTemporaryDir& folder, int width, int height)
{
    if (!qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("offscreen"))
             .startsWith(QStringLiteral("offscreen")))
        return true;
    const QString config = folder.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QStringLiteral(R"({"screens": [{"name": "screen", "x": 0, "y": 0, "width": %1, "height": %2, )"
                              R"("logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                   .arg(width)
                   .arg(height)
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    return true;
}

QString seedDemoReplica(const QString& file, int members)
{
    const QString connection = QStringLiteral("demo-seed");
    QString problem;
    {
        auto db = openAndMigrate(DatabaseConfig::sqlite(file), connection);
        if (!db) {
            problem = db.error().message;
        } else {
            DemoOptions options;
            options.members = members;
            const auto context = WriteContext::at(
                QStringLiteral("test"), QDateTime(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC));
            if (const auto seeded = seedDemoProvince(*db, options, context); !seeded)
                problem = seeded.error().message;
        }
    }
    closeDatabase(connection);
    return problem;
}

QUrl TreeServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port()));
}

QString TreeServer::signInOfficer() const
{
    const auto answer = server->call("POST", QStringLiteral("/api/v1/auth/login"), {},
        { { QStringLiteral("username"), officer() }, { QStringLiteral("password"), officerPassword() } });
    if (answer.status != 200)
        throw std::runtime_error("the officer's sign-in was refused");
    return answer.json().value(QStringLiteral("token")).toString();
}

std::unique_ptr<TreeServer> startTreeServer()
{
    auto setup = std::make_unique<TreeServer>();
    setup->database = TestDatabase::sqlite();
    const QSqlDatabase db = setup->database->db();
    setup->tree = buildSmallTree(db);
    setup->hoa = addMemberWithoutCard(db, setup->tree.cell1.id, "Nguyễn", "Thị", "Hoa");
    setup->nam = addMemberWithoutCard(db, setup->tree.cell2.id, "Trần", "Văn", "Nam");
    setup->lan = addMemberWithoutCard(db, setup->tree.rubberCell.id, "Điểu", "Thị", "Lan");
    setup->server = std::make_unique<RunningServer>(*setup->database, 2);
    if (setup->server->port() == 0)
        throw std::runtime_error("the server did not start");
    const QString admin = setup->server->signInAsAdmin();
    const auto created = setup->server->call("POST", QStringLiteral("/api/v1/users"), admin,
        { { QStringLiteral("username"), setup->officer() },
            { QStringLiteral("password"), setup->officerPassword() },
            { QStringLiteral("role"), QStringLiteral("officer") },
            { QStringLiteral("scopeOrgId"), setup->tree.tranBien.id } });
    if (created.status != 201)
        throw std::runtime_error("the officer was not created: " + created.body.toStdString());
    return setup;
}

QUrl unreachableServer()
{
    quint16 port = 0;
    {
        Poco::Net::ServerSocket probe(0);
        port = probe.address().port();
    }
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

void useTemporarySettings(const QTemporaryDir& folder)
{
    QCoreApplication::setOrganizationName(QStringLiteral("SotayTests"));
    QCoreApplication::setApplicationName(QStringLiteral("sotay-console-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder.path());
}

void prepareWindowTests(const QTemporaryDir& folder)
{
    useTemporarySettings(folder);
    widgets::MessageBox::setUnattended(true);
}

FieldCipher replicaKey(const QString& path)
{
    auto replica = client::Replica::open(path);
    if (!replica)
        throw std::runtime_error(replica.error().message.toStdString());
    const auto unlocked
        = (*replica)->unlock(QStringLiteral("mat-khau-phien-thu-nghiem"), PasswordHasher::Cost::minimal());
    if (!unlocked || *unlocked == client::Replica::Unlock::WrongPassword)
        throw std::runtime_error("the test replica did not unlock");
    return *(*replica)->cipher();
}

void failOnReplicaMisuse()
{
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("QSqlDatabase|does not belong to the calling thread")));
}

void clearSettings()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

} // namespace sotay::test
