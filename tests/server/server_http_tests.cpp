// SPDX-License-Identifier: GPL-3.0-or-later
#include "content_encoding.h"
#include "server_command_line.h"
#include "sotay_server.h"
#include "support/demo_tree.h"
#include "support/http_test_client.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QTemporaryDir>

#include <Poco/InflatingStream.h>
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <thread>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;

namespace {

// The real server, in process, on a free port, over an SQLite file in a temporary folder.
struct SqliteServer {
    QTemporaryDir folder;
    std::unique_ptr<SotayServer> server;
    SqliteServer()
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
    SqliteServer running;
    BOOST_TEST(running.server->port() != 0);
    const auto answer = running.client().get("/healthz");
    BOOST_TEST(answer.status == 200);
    BOOST_TEST(answer.json().value(QStringLiteral("status")).toString() == QStringLiteral("ok"));
    BOOST_TEST(answer.headers.at("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(answer.headers.at("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_methods_get_json_errors_in_vietnamese)
{
    SqliteServer running;
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
    SqliteServer running;
    const QByteArray huge(1024 * 1024 + 1, 'x');
    const auto refused = running.client().request("POST", "/healthz", huge);
    BOOST_TEST(refused.status == 413);
    BOOST_TEST(
        refused.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
        == QStringLiteral("too_large"));
    BOOST_TEST(running.client().get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(an_answer_before_the_body_closes_the_connection_without_cutting_the_client_off)
{
    SqliteServer running;
    const auto closes = [](const HttpAnswer& answer) {
        const auto header = answer.headers.find("Connection");
        return header != answer.headers.end()
            && QString::fromStdString(header->second).compare(u"close", Qt::CaseInsensitive) == 0;
    };
    // The 413 goes before the body is read; the server then drops what the client still sends, so a client
    // that writes its whole body first still reads the answer, and nothing of the body is taken for a
    // next request.
    const auto refused = running.client().request("POST", "/healthz", QByteArray(3 * 1024 * 1024, 'x'));
    BOOST_TEST(refused.status == 413);
    BOOST_TEST(closes(refused));
    // Past 8 MB the server stops listening: the client may see the reset before the answer.
    HttpAnswer huge;
    try {
        huge = running.client().request("POST", "/healthz", QByteArray(12 * 1024 * 1024, 'x'));
    } catch (const std::exception&) {
        huge.status = -1;
    }
    BOOST_TEST((huge.status == 413 || huge.status == -1));
    BOOST_TEST(running.client().get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(gzip_is_given_only_to_clients_that_accept_it)
{
    BOOST_TEST(acceptsGzip("gzip"));
    BOOST_TEST(acceptsGzip("deflate, GZIP;q=0.5"));
    BOOST_TEST(acceptsGzip("br;q=1.0, *"));
    BOOST_TEST(!acceptsGzip(""));
    BOOST_TEST(!acceptsGzip("identity"));
    BOOST_TEST(!acceptsGzip("gzip;q=0"));
    BOOST_TEST(!acceptsGzip("*, gzip;q=0.000"));
    BOOST_TEST(!acceptsGzip("gzip;q=nonsense"));
    BOOST_TEST(!acceptsGzip("gzipped"));

    // Over HTTP: a body over 1 KB (a list of users) compressed only when asked for, and always "Vary".
    const auto database = TestDatabase::sqlite();
    const SmallTree tree = buildSmallTree(database->db());
    RunningServer running(*database);
    const QString admin = running.signInAsAdmin();
    for (int i = 0; i < 12; ++i)
        running.addUser(
            admin, QStringLiteral("can.bo.%1").arg(i), QStringLiteral("officer"), tree.tranBien.id);
    const auto plain = running.call("GET", QStringLiteral("/api/v1/users"), admin);
    BOOST_TEST_REQUIRE(plain.status == 200);
    BOOST_TEST_REQUIRE(plain.body.size() > 1024);
    BOOST_TEST(!plain.headers.contains("Content-Encoding"));
    BOOST_TEST(plain.headers.at("Vary") == "Accept-Encoding");

    const std::string bearer = "Bearer " + admin.toStdString();
    const auto zipped = running.client().request(
        "GET", "/api/v1/users", {}, { { "Authorization", bearer }, { "Accept-Encoding", "deflate, gzip" } });
    BOOST_TEST_REQUIRE(zipped.status == 200);
    BOOST_TEST(zipped.headers.at("Content-Encoding") == "gzip");
    BOOST_TEST(zipped.body.size() < plain.body.size());
    std::istringstream compressed(zipped.body.toStdString());
    Poco::InflatingInputStream inflate(compressed, Poco::InflatingStreamBuf::STREAM_GZIP);
    const std::string inflated { std::istreambuf_iterator<char>(inflate), std::istreambuf_iterator<char>() };
    BOOST_TEST(QByteArray::fromStdString(inflated) == plain.body);

    const auto refused = running.client().request(
        "GET", "/api/v1/users", {}, { { "Authorization", bearer }, { "Accept-Encoding", "gzip;q=0" } });
    BOOST_TEST(!refused.headers.contains("Content-Encoding"));
    BOOST_TEST(refused.body == plain.body);
}

BOOST_AUTO_TEST_CASE(a_request_target_is_read_as_a_path_even_with_a_double_slash)
{
    SqliteServer running;
    // Read as a URL on its own, "//x/healthz" would be host "x" and path "/healthz".
    BOOST_TEST(running.client().get("//x/healthz").status == 404);
    const auto answer = running.client().get("//api/v1/users");
    BOOST_TEST((answer.status == 401 || answer.status == 404));
    BOOST_TEST(!answer.body.contains("admin"));
    BOOST_TEST(running.client().get("/healthz?x=1").status == 200);
}

BOOST_AUTO_TEST_CASE(a_post_without_body_does_not_hang)
{
    SqliteServer running;
    // A server waiting for a body that never comes would let this client's 5 s timeout expire and throw.
    HttpAnswer answer;
    BOOST_REQUIRE_NO_THROW(answer = HttpTestClient(running.server->port(), 5).request("POST", "/healthz"));
    BOOST_TEST(answer.status == 405);
}

BOOST_AUTO_TEST_CASE(stop_lets_requests_in_flight_finish_and_then_refuses_connections)
{
    SqliteServer running;
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
    BOOST_TEST(defaults->config.connectionsPerAddress == 64);
    auto perAddress = parseServerCommandLine({ QStringLiteral("sotay-server"),
        QStringLiteral("--connections-per-address"), QStringLiteral("300") });
    BOOST_TEST_REQUIRE(perAddress.ok());
    BOOST_TEST(perAddress->config.connectionsPerAddress == 300);
    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--connections-per-address"), QStringLiteral("0") })
                    .ok());

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
    // HTTPS needs the certificate and its key together; proxies are IP addresses, kept in one spelling.
    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--tls-cert"), QStringLiteral("server.pem") })
                    .ok());
    auto tls = parseServerCommandLine({ QStringLiteral("sotay-server"), QStringLiteral("--tls-cert"),
        QStringLiteral("server.pem"), QStringLiteral("--tls-key"), QStringLiteral("server.key"),
        QStringLiteral("--trusted-proxy"), QStringLiteral("::ffff:10.0.0.5"),
        QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1") });
    BOOST_TEST_REQUIRE(tls.ok());
    BOOST_TEST(tls->config.tls.enabled());
    BOOST_TEST(tls->config.tls.key == QStringLiteral("server.key"));
    BOOST_TEST((tls->config.trustedProxies
        == QSet<QString> { QStringLiteral("10.0.0.5"), QStringLiteral("127.0.0.1") }));
    BOOST_TEST(!parseServerCommandLine(
        { QStringLiteral("sotay-server"), QStringLiteral("--trusted-proxy"), QStringLiteral("proxy.local") })
                    .ok());
    auto help = parseServerCommandLine({ QStringLiteral("sotay-server"), QStringLiteral("--help") });
    BOOST_TEST_REQUIRE(help.ok());
    BOOST_TEST(help->exitNow);
    BOOST_TEST(help->text.contains(QStringLiteral("--listen")));
    BOOST_TEST(help->text.contains(QStringLiteral("--tls-cert")));
    BOOST_TEST(help->text.contains(QStringLiteral("--trusted-proxy")));
}

BOOST_AUTO_TEST_SUITE_END()
