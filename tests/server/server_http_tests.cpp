// SPDX-License-Identifier: GPL-3.0-or-later
#include "server_command_line.h"
#include "sotay_server.h"
#include "support/http_test_client.h"
#include "support/qt_printing.h"

#include <QTemporaryDir>

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;

namespace {

// The real server, in process, on a free port, over an SQLite file in a temporary folder.
struct RunningServer {
    QTemporaryDir folder;
    std::unique_ptr<SotayServer> server;
    RunningServer()
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 4;
        config.database = DatabaseConfig::sqlite(folder.filePath(QStringLiteral("sotay.sqlite")), true);
        config.adminPassword = QStringLiteral("mat-khau-quan-tri-2025");
        config.passwordCost = PasswordHasher::Cost::minimal();
        server = std::make_unique<SotayServer>(config);
        const Status started = server->start();
        BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? "" : started.error().message.toStdString()));
    }
    HttpTestClient client() const { return HttpTestClient(server->port()); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(server_http_tests)

BOOST_AUTO_TEST_CASE(healthz_answers_without_sign_in)
{
    RunningServer running;
    BOOST_TEST(running.server->port() != 0);
    const auto answer = running.client().get("/healthz");
    BOOST_TEST(answer.status == 200);
    BOOST_TEST(answer.json().value(QStringLiteral("status")).toString() == QStringLiteral("ok"));
    BOOST_TEST(answer.headers.at("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(answer.headers.at("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_methods_get_json_errors_in_vietnamese)
{
    RunningServer running;
    // Under /api/ nothing, not even which paths exist, is told to a caller who has not signed in.
    BOOST_TEST(running.client().get("/api/v1/khong-co").status == 401);
    const auto missing = running.client().get("/khong-co");
    BOOST_TEST(missing.status == 404);
    const QJsonObject error = missing.json().value(QStringLiteral("error")).toObject();
    BOOST_TEST(error.value(QStringLiteral("code")).toString() == QStringLiteral("not_found"));
    BOOST_TEST(
        error.value(QStringLiteral("message")).toString().contains(QStringLiteral("Không có địa chỉ")));

    const auto wrongMethod = running.client().request("DELETE", "/healthz");
    BOOST_TEST(wrongMethod.status == 405);
}

BOOST_AUTO_TEST_CASE(a_body_over_one_megabyte_is_refused_and_the_server_keeps_serving)
{
    RunningServer running;
    const QByteArray huge(1024 * 1024 + 1, 'x');
    const auto refused = running.client().request("POST", "/healthz", huge);
    BOOST_TEST(refused.status == 413);
    BOOST_TEST(
        refused.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
        == QStringLiteral("too_large"));
    BOOST_TEST(running.client().get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(a_post_without_body_does_not_hang)
{
    RunningServer running;
    // A server waiting for a body that never comes would let this client's 5 s timeout expire and throw.
    HttpAnswer answer;
    BOOST_REQUIRE_NO_THROW(answer = HttpTestClient(running.server->port(), 5).request("POST", "/healthz"));
    BOOST_TEST(answer.status == 405);
}

BOOST_AUTO_TEST_CASE(stop_lets_requests_in_flight_finish_and_then_refuses_connections)
{
    RunningServer running;
    const quint16 port = running.server->port();
    std::vector<std::thread> clients;
    std::atomic<int> ok { 0 };
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([port, &ok] {
            for (int j = 0; j < 20; ++j)
                if (HttpTestClient(port).get("/healthz").status == 200)
                    ++ok;
        });
    for (auto& c : clients)
        c.join();
    BOOST_TEST(ok.load() == 160);
    running.server->stop();
    BOOST_CHECK_THROW(HttpTestClient(port).get("/healthz"), std::exception);
}

BOOST_AUTO_TEST_CASE(an_empty_database_needs_the_administrator_password)
{
    QTemporaryDir folder;
    ServerConfig config;
    config.port = 0;
    config.database = DatabaseConfig::sqlite(folder.filePath(QStringLiteral("sotay.sqlite")), true);
    config.passwordCost = PasswordHasher::Cost::minimal();
    SotayServer refused(config);
    const Status started = refused.start();
    BOOST_TEST_REQUIRE(!started.ok());
    BOOST_TEST(started.error().message.contains(QStringLiteral("SOTAY_ADMIN_PASSWORD")));

    config.adminPassword = QStringLiteral("ngan");
    BOOST_TEST(!SotayServer(config).start().ok()); // too short

    config.adminPassword = QStringLiteral("mat-khau-quan-tri-2025");
    SotayServer accepted(config);
    BOOST_TEST_REQUIRE(accepted.start().ok());
    accepted.stop();
    // once the administrator exists the variable is no longer needed
    config.adminPassword.clear();
    SotayServer again(config);
    BOOST_TEST(again.start().ok());
}

BOOST_AUTO_TEST_CASE(the_command_line_is_checked)
{
    auto defaults = parseServerCommandLine({ QStringLiteral("sotay-server") });
    BOOST_TEST_REQUIRE(defaults.ok());
    BOOST_TEST(defaults->config.host == QStringLiteral("127.0.0.1"));
    BOOST_TEST(defaults->config.port == 8080);
    BOOST_TEST(defaults->config.database.sqlitePath.endsWith(QStringLiteral("sotay-data/sotay.sqlite")));
    BOOST_TEST(defaults->config.database.synchronousFull);

    auto listen = parseServerCommandLine({ QStringLiteral("sotay-server"), QStringLiteral("--listen"),
        QStringLiteral("0.0.0.0:9090"), QStringLiteral("--threads"), QStringLiteral("32") });
    BOOST_TEST_REQUIRE(listen.ok());
    BOOST_TEST(listen->config.host == QStringLiteral("0.0.0.0"));
    BOOST_TEST(listen->config.port == 9090);
    BOOST_TEST(listen->config.threads == 32);

    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--listen"), QStringLiteral("9090") })
                    .ok());
    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--threads"), QStringLiteral("0") })
                    .ok());
    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--data"), QStringLiteral("x"),
            QStringLiteral("--database"), QStringLiteral("postgresql://a@b/c") })
                    .ok());
    auto help = parseServerCommandLine({ QStringLiteral("sotay-server"), QStringLiteral("--help") });
    BOOST_TEST_REQUIRE(help.ok());
    BOOST_TEST(help->exitNow);
    BOOST_TEST(help->text.contains(QStringLiteral("--listen")));
}

BOOST_AUTO_TEST_SUITE_END()
