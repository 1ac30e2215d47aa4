// SPDX-License-Identifier: GPL-3.0-or-later
// The console's command line and its windowless sync take --ca-file and --allow-insecure-http: a missing CA
// file is refused with its name, plain http to another computer is refused without the leave, and the sync
// works over https against the real server with the CA file (and is refused without it, exit code 5).
#include "console_command_line.h"
#include "console_sync.h"
#include "replica.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_certificates.h"
#include "support/test_database.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct Folder {
    Folder()
    {
        BOOST_TEST_REQUIRE(folder.isValid());
        passwordFile = folder.filePath(QStringLiteral("password"));
        QFile file(passwordFile);
        BOOST_TEST_REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(RunningServer::kAdminPassword);
        file.write("\n");
    }
    QString path(const char* name) const { return folder.filePath(QString::fromLatin1(name)); }

    QTemporaryDir folder;
    QString passwordFile;
};

QStringList console(const QStringList& arguments)
{
    return QStringList { QStringLiteral("sotay-console") } + arguments;
}

} // namespace

BOOST_AUTO_TEST_SUITE(console_command_line_tests)

BOOST_AUTO_TEST_CASE(the_ca_file_and_the_leave_for_plain_http_are_read_and_a_missing_ca_file_is_refused)
{
    const TestCertificates certificates;
    BOOST_TEST_REQUIRE(certificates.problem().isEmpty(), certificates.problem().toStdString());
    const auto parsed = app::parseConsoleCommandLine(
        console({ QStringLiteral("--server"), QStringLiteral("https://sotay.dongnai.example"),
            QStringLiteral("--ca-file"), certificates.caFile(), QStringLiteral("--allow-insecure-http") }));
    BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? std::string() : parsed.error().message.toStdString()));
    BOOST_TEST(parsed->server.toString() == QStringLiteral("https://sotay.dongnai.example"));
    BOOST_TEST(parsed->tls.caFile == certificates.caFile());
    BOOST_TEST(parsed->tls.allowInsecureHttp);

    const auto plain = app::parseConsoleCommandLine(
        console({ QStringLiteral("--server"), QStringLiteral("10.0.0.5:8080") }));
    BOOST_TEST_REQUIRE(plain.ok()); // the sign-in dialog asks for the leave
    BOOST_TEST((plain->tls == client::TlsSettings {}));

    const QString missing = QStringLiteral("/khong/co/chung-chi-goc.pem");
    const auto refused = app::parseConsoleCommandLine(console({ QStringLiteral("--ca-file"), missing }));
    BOOST_TEST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().message.contains(missing), refused.error().message.toStdString());
    BOOST_TEST(refused.error().message.contains(QStringLiteral("không tồn tại")));
    // A file that holds no certificate is refused too.
    const auto notCa
        = app::parseConsoleCommandLine(console({ QStringLiteral("--ca-file"), certificates.serverKey() }));
    BOOST_TEST_REQUIRE(!notCa.ok());
    BOOST_TEST(notCa.error().message.contains(certificates.serverKey()), notCa.error().message.toStdString());
}

BOOST_AUTO_TEST_CASE(help_names_both_options_for_the_console_and_for_sync)
{
    const auto help = app::parseConsoleCommandLine(console({ QStringLiteral("--help") }));
    BOOST_TEST_REQUIRE(help.ok());
    BOOST_TEST(help->text.count(QStringLiteral("--ca-file <")) == 2, help->text.toStdString());
    BOOST_TEST(help->text.count(QStringLiteral("--allow-insecure-http  ")) == 2, help->text.toStdString());
    BOOST_TEST(app::headlessSyncHelp().simplified().contains(QStringLiteral("5 kết nối không an toàn")));
}

BOOST_AUTO_TEST_CASE(sync_refuses_plain_http_to_another_computer_and_a_missing_ca_file_before_signing_in)
{
    const Folder folder;
    const QStringList elsewhere { QStringLiteral("sync"), QStringLiteral("--server"),
        QStringLiteral("http://may-chu.invalid:8080"), QStringLiteral("--user"), QStringLiteral("admin"),
        QStringLiteral("--password-file"), folder.passwordFile, QStringLiteral("--replica"),
        folder.path("elsewhere.sqlite") };
    BOOST_TEST(app::runHeadlessSync(console(elsewhere)) == 2);
    // With the leave it tries, and finds nobody there: out of reach.
    BOOST_TEST(
        app::runHeadlessSync(console(elsewhere + QStringList { QStringLiteral("--allow-insecure-http") }))
        == 1);
    BOOST_TEST(app::runHeadlessSync(console(elsewhere
                   + QStringList { QStringLiteral("--allow-insecure-http"), QStringLiteral("--ca-file"),
                       folder.path("khong-co.pem") }))
        == 2);
    BOOST_TEST(!QFileInfo::exists(folder.path("elsewhere.sqlite")));
}

BOOST_AUTO_TEST_CASE(sync_works_over_https_with_the_ca_file_and_is_refused_without_it)
{
    const TestCertificates certificates;
    BOOST_TEST_REQUIRE(certificates.problem().isEmpty(), certificates.problem().toStdString());
    const auto database = TestDatabase::sqlite();
    const SmallTree tree = buildSmallTree(database->db());
    RunningServer server(*database, 4, [&certificates](server::ServerConfig& config) {
        config.tls = { certificates.goodCertificate(), certificates.serverKey() };
    });
    const Folder folder;
    const QStringList sync { QStringLiteral("sync"), QStringLiteral("--server"),
        QStringLiteral("https://localhost:%1").arg(server.port()), QStringLiteral("--user"),
        QStringLiteral("admin"), QStringLiteral("--password-file"), folder.passwordFile,
        QStringLiteral("--replica"), folder.path("admin.sqlite") };

    BOOST_TEST(app::runHeadlessSync(console(sync)) == 5); // the test authority is in no system store
    BOOST_TEST(!QFileInfo::exists(folder.path("admin.sqlite")));

    BOOST_TEST_REQUIRE(app::runHeadlessSync(
                           console(sync + QStringList { QStringLiteral("--ca-file"), certificates.caFile() }))
        == 0);
    auto replica = client::Replica::open(folder.path("admin.sqlite"));
    BOOST_TEST_REQUIRE(replica.ok());
    auto units = sql::exec((*replica)->db(), QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE id = ?"),
        { tree.rubberCell.id });
    BOOST_TEST_REQUIRE((units.ok() && units->next()));
    BOOST_TEST(units->value(0).toInt() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
