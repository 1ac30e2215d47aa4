// SPDX-License-Identifier: GPL-3.0-or-later
// The connection layer over the wire: slow, idle and greedy clients cost no request thread and are let go
// by the limits; protocol errors get the API's JSON errors; keep-alive, pipelining and 100-continue work.
#include "sotay_server.h"
#include "support/http_test_client.h"
#include "support/qt_printing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <functional>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;
using namespace std::chrono_literals;

namespace {

// The real server, in process, over an SQLite file, with the connection limits a test chooses.
struct LimitedServer {
    QTemporaryDir folder;
    std::unique_ptr<SotayServer> server;
    explicit LimitedServer(const std::function<void(ServerConfig&)>& adjust = {})
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 2;
        config.database = DatabaseConfig::sqlite(folder.filePath(QStringLiteral("sotay.sqlite")), true);
        config.adminPassword = QStringLiteral("mat-khau-quan-tri-2025");
        config.passwordCost = PasswordHasher::Cost::minimal();
        if (adjust)
            adjust(config);
        server = std::make_unique<SotayServer>(config);
        const Status started = server->start();
        BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? "" : started.error().message.toStdString()));
    }
    quint16 port() const { return server->port(); }
    // A bounded wait: a server whose threads are all held would leave this client waiting for it.
    HttpTestClient client() const { return HttpTestClient(server->port(), 10); }
};

struct RawAnswer {
    int status = -1; // -1: the connection closed (or went silent) before an answer
    std::string statusLine;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
    QJsonObject json() const { return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object(); }
    std::string header(const std::string& lowerCaseName) const
    {
        const auto found = headers.find(lowerCaseName);
        return found == headers.end() ? std::string() : found->second;
    }
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

// One TCP connection written byte by byte as the test wants, from a chosen loopback address.
class RawConnection final {
public:
    explicit RawConnection(quint16 port, const char* from = "127.0.0.1")
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in local {};
        local.sin_family = AF_INET;
        inet_pton(AF_INET, from, &local.sin_addr);
        ::bind(m_socket, reinterpret_cast<const sockaddr*>(&local), sizeof local);
        sockaddr_in server {};
        server.sin_family = AF_INET;
        server.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
        m_connected = ::connect(m_socket, reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0;
        timeval timeout { 10, 0 };
        setsockopt(m_socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    ~RawConnection() { ::close(m_socket); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return m_connected; }
    bool send(const std::string& bytes)
    {
        return ::send(m_socket, bytes.data(), bytes.size(), MSG_NOSIGNAL)
            == static_cast<ssize_t>(bytes.size());
    }
    // Reads one answer: its head, then as much body as its Content-Length says.
    RawAnswer read()
    {
        RawAnswer answer;
        std::size_t headEnd = std::string::npos;
        while ((headEnd = m_buffer.find("\r\n\r\n")) == std::string::npos)
            if (!fill())
                return answer;
        const std::string head = m_buffer.substr(0, headEnd);
        m_buffer.erase(0, headEnd + 4);
        std::size_t lineEnd = head.find("\r\n");
        answer.statusLine = head.substr(0, lineEnd);
        answer.status = std::atoi(answer.statusLine.substr(9, 3).c_str());
        while (lineEnd != std::string::npos) {
            const std::size_t next = head.find("\r\n", lineEnd + 2);
            const std::string line
                = head.substr(lineEnd + 2, next == std::string::npos ? next : next - lineEnd - 2);
            const std::size_t colon = line.find(':');
            std::string name = line.substr(0, colon);
            for (char& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            answer.headers[name] = line.substr(colon + 2);
            lineEnd = next;
        }
        const std::size_t length
            = std::stoul(answer.headers.count("content-length") ? answer.header("content-length") : "0");
        while (m_buffer.size() < length)
            if (!fill())
                break;
        answer.body = m_buffer.substr(0, length);
        m_buffer.erase(0, std::min(length, m_buffer.size()));
        return answer;
    }
    // Whether the server closes this connection (rather than the read timing out).
    bool closedByServer()
    {
        char chunk[4096];
        for (;;) {
            const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
            if (received == 0)
                return true;
            if (received < 0)
                return errno == ECONNRESET;
        }
    }

private:
    bool fill()
    {
        char chunk[4096];
        const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
        if (received <= 0)
            return false;
        m_buffer.append(chunk, static_cast<std::size_t>(received));
        return true;
    }

    int m_socket = -1;
    bool m_connected = false;
    std::string m_buffer;
};

RawAnswer rawGet(quint16 port, const std::string& path, const char* from = "127.0.0.1")
{
    RawConnection connection(port, from);
    connection.send("GET " + path + " HTTP/1.1\r\nHost: sotay\r\n\r\n");
    return connection.read();
}

// Polls until `condition` holds, for a few seconds: the server handles a closed connection on its own time.
bool eventually(const std::function<bool()>& condition)
{
    for (int i = 0; i < 100; ++i) {
        if (condition())
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(connection_limits_tests)

BOOST_AUTO_TEST_CASE(idle_and_slow_connections_hold_no_request_thread)
{
    // Two request threads and long limits: only the design keeps the server answering, not a timeout.
    LimitedServer running([](ServerConfig& config) {
        config.headSeconds = 60;
        config.keepAliveSeconds = 60;
        config.rateWindowSeconds = 60;
    });
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 20; ++i) {
        // Idle, half a head, and a body shorter than its Content-Length, from several addresses.
        const std::string from = "127.0.0." + std::to_string(2 + i % 4);
        auto idle = std::make_unique<RawConnection>(running.port(), from.c_str());
        auto partialHead = std::make_unique<RawConnection>(running.port(), from.c_str());
        partialHead->send("GET /healthz HTTP/1.1\r\nHost: sotay\r\nX-Slow: 1\r\n");
        auto shortBody = std::make_unique<RawConnection>(running.port(), from.c_str());
        shortBody->send(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: sotay\r\nContent-Length: 500\r\n\r\n{\"user");
        for (auto* connection : { idle.get(), partialHead.get(), shortBody.get() }) {
            BOOST_TEST_REQUIRE(connection->connected());
            (void)connection;
        }
        held.push_back(std::move(idle));
        held.push_back(std::move(partialHead));
        held.push_back(std::move(shortBody));
    }
    BOOST_TEST(running.client().get("/healthz").status == 200);
    const auto signIn = running.client().request("POST", "/api/v1/auth/login",
        QJsonDocument(QJsonObject { { QStringLiteral("username"), QStringLiteral("admin") },
                          { QStringLiteral("password"), QStringLiteral("mat-khau-quan-tri-2025") } })
            .toJson());
    BOOST_TEST_REQUIRE(signIn.status == 200);
    const std::string token = signIn.json().value(QStringLiteral("token")).toString().toStdString();
    const auto orgs = running.client().request(
        "GET", "/api/v1/sync/head", {}, { { "Authorization", "Bearer " + token } });
    BOOST_TEST(orgs.status == 200);
}

BOOST_AUTO_TEST_CASE(a_head_that_trickles_in_is_cut_off_with_408)
{
    LimitedServer running([](ServerConfig& config) { config.headSeconds = 1; });
    RawConnection connection(running.port());
    BOOST_TEST_REQUIRE(connection.send("GET /healthz HTTP/1.1\r\n"));
    // A header line every 300 ms, as a slow-loris client does, for far longer than the head may take.
    for (int line = 0; line < 20; ++line) {
        std::this_thread::sleep_for(300ms);
        if (!connection.send("X-Line-" + std::to_string(line) + ": 1\r\n"))
            break;
    }
    const RawAnswer answer = connection.read();
    BOOST_TEST(answer.status == 408);
    BOOST_TEST(answer.errorCode() == QStringLiteral("too_slow"));
    BOOST_TEST(answer.header("connection") == "close");
    BOOST_TEST(connection.closedByServer());
}

BOOST_AUTO_TEST_CASE(a_stalled_body_gets_408_while_a_slow_steady_body_is_taken)
{
    LimitedServer running([](ServerConfig& config) {
        config.rateWindowSeconds = 1;
        config.minBytesPerSecond = 100;
    });
    RawConnection stalled(running.port());
    stalled.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: sotay\r\nContent-Length: 1000\r\n\r\n{\"user");
    const RawAnswer cut = stalled.read();
    BOOST_TEST(cut.status == 408);
    BOOST_TEST(cut.errorCode() == QStringLiteral("too_slow"));

    // About 500 bytes a second for over two windows: slow, but steady, so the whole body is read.
    const std::string body
        = "{\"username\":\"khong-co\"," + std::string(1000, ' ') + "\"password\":\"sai-mat-khau-9\"}";
    RawConnection steady(running.port());
    steady.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: sotay\r\nContent-Type: application/json\r\n"
                "Content-Length: "
        + std::to_string(body.size()) + "\r\n\r\n");
    for (std::size_t at = 0; at < body.size(); at += 50) {
        steady.send(body.substr(at, 50));
        std::this_thread::sleep_for(100ms);
    }
    const RawAnswer taken = steady.read();
    BOOST_TEST(taken.status != 408);
    BOOST_TEST(taken.status == 401); // read whole and judged: no such account
}

BOOST_AUTO_TEST_CASE(connections_from_one_address_are_capped_and_other_addresses_still_get_in)
{
    LimitedServer running([](ServerConfig& config) {
        config.connectionsPerAddress = 4;
        config.headSeconds = 60;
    });
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 4; ++i)
        held.push_back(std::make_unique<RawConnection>(running.port(), "127.0.0.3"));
    const RawAnswer refused = rawGet(running.port(), "/healthz", "127.0.0.3");
    BOOST_TEST(refused.status == 429);
    BOOST_TEST(refused.errorCode() == QStringLiteral("too_many_connections"));
    BOOST_TEST(refused.headers.count("retry-after") == 1u);
    BOOST_TEST(rawGet(running.port(), "/healthz", "127.0.0.4").status == 200);
    // One of the four goes away: the address has room again.
    held.pop_back();
    BOOST_TEST(eventually([&] { return rawGet(running.port(), "/healthz", "127.0.0.3").status == 200; }));
}

BOOST_AUTO_TEST_CASE(a_trusted_proxy_is_not_held_to_the_per_address_cap)
{
    LimitedServer running([](ServerConfig& config) {
        config.connectionsPerAddress = 2;
        config.headSeconds = 60;
        config.trustedProxies = { QStringLiteral("127.0.0.5") };
    });
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 6; ++i)
        held.push_back(std::make_unique<RawConnection>(running.port(), "127.0.0.5"));
    BOOST_TEST(rawGet(running.port(), "/healthz", "127.0.0.5").status == 200);
}

BOOST_AUTO_TEST_CASE(when_the_server_is_full_the_longest_idle_connection_makes_room)
{
    LimitedServer running([](ServerConfig& config) {
        config.maxConnections = 16;
        config.headSeconds = 60;
        config.connectionsPerAddress = 100;
    });
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 16; ++i) {
        idle.push_back(std::make_unique<RawConnection>(running.port()));
        // An order of arrival for "longest idle", spaced so that a loaded run (ASan in CI) keeps it.
        std::this_thread::sleep_for(25ms);
    }
    BOOST_TEST(rawGet(running.port(), "/healthz").status == 200);
    BOOST_TEST(idle.front()->closedByServer());
}

BOOST_AUTO_TEST_CASE(protocol_errors_get_json_errors_and_the_connection_closes)
{
    LimitedServer running;
    struct Case {
        std::string request;
        int status;
        QString code;
    };
    const std::vector<Case> cases {
        { "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: sotay\r\n\r\n", 414,
            QStringLiteral("uri_too_long") },
        { "GET /healthz HTTP/1.1\r\nHost: sotay\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n", 431,
            QStringLiteral("headers_too_large") },
        { "POST /healthz HTTP/1.1\r\nHost: sotay\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello",
            400, QStringLiteral("bad_request") },
        { "POST /healthz HTTP/1.1\r\nHost: sotay\r\nContent-Length: 999999999999\r\n\r\n", 413,
            QStringLiteral("too_large") },
        { "POST /healthz HTTP/1.1\r\nHost: sotay\r\nTransfer-Encoding: "
          "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            411, QStringLiteral("length_required") },
        { "GET /healthz HTTP/2.0\r\nHost: sotay\r\n\r\n", 505, QStringLiteral("http_version") },
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.status)
        {
            RawConnection connection(running.port());
            connection.send(c.request);
            const RawAnswer answer = connection.read();
            BOOST_TEST(answer.status == c.status);
            BOOST_TEST(answer.errorCode() == c.code);
            BOOST_TEST(!answer.json()
                            .value(QStringLiteral("error"))
                            .toObject()
                            .value(QStringLiteral("message"))
                            .toString()
                            .isEmpty());
            BOOST_TEST(answer.header("connection") == "close");
            BOOST_TEST(connection.closedByServer());
        }
    }
    // A malformed request line is never echoed into the answer.
    RawConnection forged(running.port());
    forged.send("GET /x HTTP/1.1 200 OK\r\nX-Injected: yes\r\n\r\n");
    const RawAnswer answer = forged.read();
    BOOST_TEST(answer.statusLine == "HTTP/1.1 400 Bad Request");
    BOOST_TEST(answer.headers.count("x-injected") == 0u);
    BOOST_TEST(answer.body.find("Injected") == std::string::npos);
    BOOST_TEST(running.client().get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order_on_one_connection)
{
    LimitedServer running;
    RawConnection connection(running.port());
    connection.send("GET /healthz HTTP/1.1\r\nHost: sotay\r\n\r\nGET /no-such-thing HTTP/1.1\r\nHost: "
                    "sotay\r\n\r\nGET /healthz HTTP/1.1\r\nHost: sotay\r\nConnection: close\r\n\r\n");
    BOOST_TEST(connection.read().status == 200);
    BOOST_TEST(connection.read().status == 404);
    const RawAnswer last = connection.read();
    BOOST_TEST(last.status == 200);
    BOOST_TEST(last.header("connection") == "close");
    BOOST_TEST(connection.closedByServer());
}

BOOST_AUTO_TEST_CASE(a_client_that_expects_100_continue_gets_it_before_sending_its_body)
{
    LimitedServer running;
    const std::string body = R"({"username":"khong-co","password":"sai-mat-khau-9"})";
    RawConnection connection(running.port());
    connection.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: sotay\r\nContent-Type: application/json\r\n"
                    "Expect: 100-continue\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n\r\n");
    const RawAnswer interim = connection.read();
    BOOST_TEST(interim.status == 100);
    connection.send(body);
    BOOST_TEST(connection.read().status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
