// SPDX-License-Identifier: GPL-3.0-or-later
// HTTPS: with --tls-cert and --tls-key the server speaks TLS 1.2 and 1.3 only, the API works end to end over
// it with HSTS, and a client that offers nothing newer than TLS 1.1 is refused by the server itself.
#include "support/demo_tree.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>

using namespace sotay;
using namespace sotay::test;

namespace {

// A self-signed certificate for "localhost", made with Debian's openssl for this test run.
struct Certificate {
    QTemporaryDir folder;
    QString certificate;
    QString key;

    Certificate()
    {
        BOOST_TEST_REQUIRE(folder.isValid());
        certificate = folder.filePath(QStringLiteral("server.pem"));
        key = folder.filePath(QStringLiteral("server.key"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost"),
                QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate });
        BOOST_TEST_REQUIRE(openssl.waitForFinished(60000));
        BOOST_TEST_REQUIRE(openssl.exitCode() == 0, openssl.readAllStandardError().toStdString());
    }
};

struct Answer {
    int status = 0;
    std::string body;
    std::string hsts;
};

Answer call(const Poco::Net::Context::Ptr& context, quint16 port, const std::string& method,
    const std::string& path, const QJsonObject& body = {}, const std::string& token = {})
{
    Poco::Net::HTTPSClientSession session("localhost", port, context);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty())
        request.set("Authorization", "Bearer " + token);
    const std::string sent = body.isEmpty() ? std::string() : QJsonDocument(body).toJson().toStdString();
    if (!sent.empty()) {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(sent.size()));
    }
    session.sendRequest(request) << sent;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = static_cast<int>(response.getStatus());
    answer.hsts = response.get("Strict-Transport-Security", "");
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    answer.body = text.str();
    return answer;
}

// A client that trusts the test certificate and checks the server's name against it.
Poco::Net::Context::Ptr trustingClient(const Certificate& certificate)
{
    Poco::Net::Context::Params params;
    params.caLocation = certificate.certificate.toStdString();
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_tests)

BOOST_AUTO_TEST_CASE(the_api_works_end_to_end_over_tls_with_hsts)
{
    const Certificate certificate;
    const auto database = TestDatabase::sqlite();
    const SmallTree tree = buildSmallTree(database->db());
    RunningServer server(*database, 4, [&certificate](server::ServerConfig& config) {
        config.tls = { certificate.certificate, certificate.key };
    });
    const auto client = trustingClient(certificate);

    const Answer health = call(client, server.port(), "GET", "/healthz");
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.hsts == "max-age=31536000");

    const Answer signedIn = call(client, server.port(), "POST", "/api/v1/auth/login",
        { { QStringLiteral("username"), QStringLiteral("admin") },
            { QStringLiteral("password"), QString::fromLatin1(RunningServer::kAdminPassword) } });
    BOOST_TEST_REQUIRE(signedIn.status == 200, signedIn.body);
    const std::string token = QJsonDocument::fromJson(QByteArray::fromStdString(signedIn.body))
                                  .object()
                                  .value(QStringLiteral("token"))
                                  .toString()
                                  .toStdString();
    const Answer unit
        = call(client, server.port(), "GET", "/api/v1/orgs/" + std::to_string(tree.cell1.id), {}, token);
    BOOST_TEST(unit.status == 200);
    BOOST_TEST(unit.body.find("\"id\":" + std::to_string(tree.cell1.id)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_server_itself_refuses_a_tls_1_1_handshake)
{
    const Certificate certificate;
    const auto database = TestDatabase::sqlite();
    RunningServer server(*database, 4, [&certificate](server::ServerConfig& config) {
        config.tls = { certificate.certificate, certificate.key };
    });
    // Debian's OpenSSL will not offer TLS 1.1 at its default security level: the client lowers it, so that
    // what refuses the handshake is the server.
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    params.cipherList = "DEFAULT@SECLEVEL=0";
    Poco::Net::Context::Ptr old = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    old->disableProtocols(Poco::Net::Context::PROTO_TLSV1_2 | Poco::Net::Context::PROTO_TLSV1_3);
    std::string refusal;
    try {
        call(old, server.port(), "GET", "/healthz");
    } catch (const Poco::Exception& error) {
        refusal = error.displayText();
    }
    BOOST_TEST_REQUIRE(!refusal.empty());
    BOOST_TEST(refusal.find("protocol version") != std::string::npos, refusal);
    // The same client allowed TLS 1.2 gets through: the refusal was the protocol's, nothing else.
    Poco::Net::Context::Ptr modern = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    BOOST_TEST(call(modern, server.port(), "GET", "/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(a_missing_certificate_is_refused_at_start_with_the_files_name)
{
    const auto database = TestDatabase::sqlite();
    server::ServerConfig config;
    config.port = 0;
    config.database = database->config();
    config.adminPassword = QString::fromLatin1(RunningServer::kAdminPassword);
    config.passwordCost = PasswordHasher::Cost::minimal();
    config.tls = { QStringLiteral("/khong/co/chung-chi.pem"), QStringLiteral("/khong/co/khoa.key") };
    server::SotayServer sotay(config);
    const Status started = sotay.start();
    BOOST_TEST_REQUIRE(!started.ok());
    BOOST_TEST(started.error().message.contains(QStringLiteral("/khong/co/chung-chi.pem")));
}

BOOST_AUTO_TEST_SUITE_END()
