// SPDX-License-Identifier: GPL-3.0-or-later
// The console's client over https against the real server in process: it works with the CA file that
// signed the server's certificate (keeping its connection alive between calls), and it refuses, before
// anything is sent and without retrying, a certificate of an authority it does not trust, one for another
// name, one expired or not yet valid, a server that does not speak TLS, an unusable CA file, and plain http
// to another computer without the user's leave. Each refusal says why and what to do.
#include "api_client.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_certificates.h"
#include "support/test_database.h"

#include <QFile>
#include <QTemporaryDir>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::client;
using namespace sotay::test;

namespace {

// Made once for the suite: openssl is quick but not free.
const TestCertificates& certificates()
{
    static const TestCertificates made;
    BOOST_TEST_REQUIRE(made.problem().isEmpty(), made.problem().toStdString());
    return made;
}

// The real server over HTTPS with `certificate` (signed with the test certificates' server key).
struct TlsServer {
    explicit TlsServer(const QString& certificate)
        : database(TestDatabase::sqlite())
        , tree(buildSmallTree(database->db()))
        , server(*database, 4, [&certificate](server::ServerConfig& config) {
            config.tls = { certificate, certificates().serverKey() };
        })
    {
    }

    QUrl url(const char* host = "localhost") const
    {
        return QUrl(QStringLiteral("https://%1:%2").arg(QString::fromLatin1(host)).arg(server.port()));
    }

    std::unique_ptr<TestDatabase> database;
    SmallTree tree;
    RunningServer server;
};

Status signInAsAdmin(ApiClient& api)
{
    return signIn(api, QStringLiteral("admin"), QString::fromLatin1(RunningServer::kAdminPassword));
}

// The refusal of a call that never reached the server, as the user reads it.
template <typename T> QString refusal(const Result<T>& result)
{
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(isInsecureConnection(result.error()), result.error().message.toStdString());
    BOOST_TEST(wasNotSent(result.error()));
    return result.error().message;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_client_tests)

BOOST_AUTO_TEST_CASE(signs_in_and_reads_over_https_with_the_ca_file_on_one_kept_connection)
{
    const TlsServer tls(certificates().goodCertificate());
    for (const char* host : { "localhost", "127.0.0.1" }) {
        BOOST_TEST_CONTEXT(host)
        {
            ApiClient api(tls.url(host), TlsSettings { certificates().caFile(), false });
            const Status signedIn = signInAsAdmin(api);
            BOOST_TEST_REQUIRE(
                signedIn.ok(), (signedIn.ok() ? std::string() : signedIn.error().message.toStdString()));
            BOOST_TEST(api.role() == QStringLiteral("admin"));
            // The sign-in is not repeatable and keeps no connection; the reads share one.
            const qint64 afterSignIn = api.connectionsOpened();
            for (int i = 0; i < 5; ++i) {
                const auto unit = api.get(QStringLiteral("/api/v1/orgs/%1").arg(tls.tree.cell1.id));
                BOOST_TEST_REQUIRE(unit.ok());
                BOOST_TEST(unit->status == 200);
                BOOST_TEST(unit->json().value(QStringLiteral("id")).toInteger() == tls.tree.cell1.id);
            }
            BOOST_TEST(api.connectionsOpened() == afterSignIn + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_certificate_of_an_authority_the_system_does_not_trust_is_refused)
{
    for (const QString& certificate :
        { certificates().goodCertificate(), certificates().selfSignedCertificate() }) {
        BOOST_TEST_CONTEXT(certificate.toStdString())
        {
            const TlsServer tls(certificate);
            // Without a CA file: the system's store, which knows neither the test authority nor the
            // self-signed certificate.
            ApiClient api(tls.url(), TlsSettings {});
            const QString message = refusal(signInAsAdmin(api));
            BOOST_TEST(message.contains(QStringLiteral("không tin được chứng chỉ của máy chủ")),
                message.toStdString());
            BOOST_TEST(message.contains(QStringLiteral("chứng chỉ gốc (CA)")), message.toStdString());
            BOOST_TEST(message.contains(QStringLiteral("--ca-file")), message.toStdString());
            // Refused at once: a call that is safe to repeat is not tried again.
            BOOST_TEST(refusal(api.get(QStringLiteral("/healthz"))) == message);
            BOOST_TEST(api.connectionsOpened() == 2);
        }
    }
    // With a CA file that did not sign it: the message names the file.
    const TlsServer selfSigned(certificates().selfSignedCertificate());
    ApiClient api(selfSigned.url(), TlsSettings { certificates().caFile(), false });
    const QString message = refusal(signInAsAdmin(api));
    BOOST_TEST(message.contains(
                   QStringLiteral("không do chứng chỉ gốc trong tệp %1 cấp").arg(certificates().caFile())),
        message.toStdString());
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_is_refused_with_the_name_it_was_issued_for)
{
    const TlsServer tls(certificates().otherNameCertificate());
    for (const char* host : { "localhost", "127.0.0.1" }) {
        BOOST_TEST_CONTEXT(host)
        {
            ApiClient api(tls.url(host), TlsSettings { certificates().caFile(), false });
            const QString message = refusal(signInAsAdmin(api));
            BOOST_TEST(
                message.contains(QStringLiteral("Chứng chỉ của máy chủ cấp cho tên khác (other.example), "
                                                "không phải %1")
                                     .arg(QString::fromLatin1(host))),
                message.toStdString());
            BOOST_TEST(message.contains(QStringLiteral("Hãy dùng đúng địa chỉ")), message.toStdString());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_expired_certificate_and_one_not_yet_valid_are_refused_with_their_dates)
{
    {
        const TlsServer tls(certificates().expiredCertificate());
        ApiClient api(tls.url(), TlsSettings { certificates().caFile(), false });
        const QString message = refusal(signInAsAdmin(api));
        BOOST_TEST(message.contains(QStringLiteral("đã hết hạn ngày %1")
                                        .arg(QLocale().toString(QDate(2020, 2, 1), QLocale::ShortFormat))),
            message.toStdString());
        BOOST_TEST(message.contains(QStringLiteral("gia hạn chứng chỉ")), message.toStdString());
    }
    {
        const TlsServer tls(certificates().notYetValidCertificate());
        ApiClient api(tls.url(), TlsSettings { certificates().caFile(), false });
        const QString message = refusal(signInAsAdmin(api));
        BOOST_TEST(message.contains(QStringLiteral("đến ngày %1 mới có hiệu lực")
                                        .arg(QLocale().toString(QDate(2099, 1, 1), QLocale::ShortFormat))),
            message.toStdString());
    }
}

BOOST_AUTO_TEST_CASE(https_to_a_server_without_tls_fails_the_handshake_with_its_own_message)
{
    const auto database = TestDatabase::sqlite();
    RunningServer plain(*database);
    ApiClient api(QUrl(QStringLiteral("https://localhost:%1").arg(plain.port())),
        TlsSettings { certificates().caFile(), false });
    const QString message = refusal(signInAsAdmin(api));
    BOOST_TEST(
        message.contains(QStringLiteral("Không thiết lập được kết nối mã hoá (TLS)")), message.toStdString());
    BOOST_TEST(message.contains(QStringLiteral("https ở cổng này")), message.toStdString());
}

BOOST_AUTO_TEST_CASE(an_unusable_ca_file_is_refused_with_its_name)
{
    const TlsServer tls(certificates().goodCertificate());
    QTemporaryDir folder;
    BOOST_TEST_REQUIRE(folder.isValid());
    const QString missing = folder.filePath(QStringLiteral("khong-co.pem"));
    const QString notPem = folder.filePath(QStringLiteral("khong-phai-pem.pem"));
    QFile file(notPem);
    BOOST_TEST_REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("không phải chứng chỉ\n");
    file.close();
    for (const auto& [path, why] : { std::pair { missing, QStringLiteral("tệp không tồn tại") },
             std::pair { notPem, QStringLiteral("không chứa chứng chỉ nào ở dạng PEM") } }) {
        ApiClient api(tls.url(), TlsSettings { path, false });
        const QString message = refusal(signInAsAdmin(api));
        BOOST_TEST(message.contains(path), message.toStdString());
        BOOST_TEST(message.contains(why), message.toStdString());
        BOOST_TEST(api.connectionsOpened() == 0);
    }
}

BOOST_AUTO_TEST_CASE(plain_http_to_another_computer_is_refused_unless_allowed_and_loopback_is_not)
{
    // .invalid never resolves: what matters is whether the client tries at all.
    const QUrl elsewhere(QStringLiteral("http://may-chu.invalid:8080"));
    const ApiClient::Options once { 2000, 1, 10 };
    {
        ApiClient api(elsewhere, TlsSettings {}, once);
        const auto answer = api.get(QStringLiteral("/healthz"));
        BOOST_TEST_REQUIRE(!answer.ok());
        BOOST_TEST(isInsecureConnection(answer.error()));
        BOOST_TEST(wasNotSent(answer.error()));
        BOOST_TEST(answer.error().message.contains(QStringLiteral("--allow-insecure-http")),
            answer.error().message.toStdString());
        BOOST_TEST(api.connectionsOpened() == 0);
    }
    {
        ApiClient api(elsewhere, TlsSettings { {}, true }, once);
        const auto answer = api.get(QStringLiteral("/healthz"));
        BOOST_TEST_REQUIRE(!answer.ok());
        BOOST_TEST(!isInsecureConnection(answer.error()), answer.error().message.toStdString());
        BOOST_TEST(api.connectionsOpened() == 1); // it tried
    }
    const auto database = TestDatabase::sqlite();
    RunningServer plain(*database);
    ApiClient loopback(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(plain.port())), TlsSettings {});
    const auto health = loopback.get(QStringLiteral("/healthz"));
    BOOST_TEST_REQUIRE(health.ok());
    BOOST_TEST(health->status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
