// SPDX-License-Identifier: GPL-3.0-or-later
// Server addresses as typed, and the rule for plain http: to this computer always, to another only with the
// user's leave for that server.
#include "server_address.h"
#include "support/qt_printing.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::client;

BOOST_AUTO_TEST_SUITE(server_address_tests)

BOOST_AUTO_TEST_CASE(addresses_parse_to_base_urls_with_http_when_no_scheme_is_given)
{
    const auto bare = parseServerAddress(QStringLiteral(" 10.0.0.5:8080 "));
    BOOST_TEST_REQUIRE(bare.ok());
    BOOST_TEST(bare->toString() == QStringLiteral("http://10.0.0.5:8080"));
    const auto secure = parseServerAddress(QStringLiteral("https://sotay.dongnai.example/api/"));
    BOOST_TEST_REQUIRE(secure.ok());
    BOOST_TEST(secure->toString() == QStringLiteral("https://sotay.dongnai.example"));
    BOOST_TEST(effectivePort(*secure) == 443);
    BOOST_TEST(effectivePort(*bare) == 8080);
    BOOST_TEST(effectivePort(QUrl(QStringLiteral("http://sotay.dongnai.example"))) == 80);
    for (const char* wrong : { "ftp://10.0.0.5", "http://", "" }) {
        const auto refused = parseServerAddress(QString::fromLatin1(wrong));
        BOOST_TEST_REQUIRE(!refused.ok(), wrong);
        BOOST_TEST(refused.error().message.contains(QStringLiteral("không hợp lệ")));
    }
}

BOOST_AUTO_TEST_CASE(loopback_is_127_slash_8_the_ipv6_loopback_and_localhost)
{
    for (const char* host : { "127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "localhost", "LocalHost" })
        BOOST_TEST(isLoopbackHost(QString::fromLatin1(host)), host);
    for (const char* host : { "10.0.0.5", "128.0.0.1", "126.255.255.255", "0.0.0.0", "::2",
             "::", "sotay.dongnai.example", "localhost.dongnai.example", "127.0.0.1.example" })
        BOOST_TEST(!isLoopbackHost(QString::fromLatin1(host)), host);
}

BOOST_AUTO_TEST_CASE(plain_http_to_another_computer_is_refused_without_leave_and_allowed_with_it)
{
    const auto address = [](const char* text) {
        const auto url = parseServerAddress(QString::fromLatin1(text));
        BOOST_TEST_REQUIRE(url.ok(), text);
        return *url;
    };
    const QUrl elsewhere = address("http://10.0.0.5:8080");
    BOOST_TEST(needsInsecureHttpAllowance(elsewhere));
    const Status refused = checkInsecureHttpAllowed(elsewhere, false);
    BOOST_TEST_REQUIRE(!refused.ok());
    // Why, and what to do: https, or the leave in the dialog or on the command line.
    BOOST_TEST(refused.error().message.contains(QStringLiteral("http://10.0.0.5:8080")),
        refused.error().message.toStdString());
    BOOST_TEST(refused.error().message.contains(QStringLiteral("không mã hoá")));
    BOOST_TEST(refused.error().message.contains(QStringLiteral("https://")));
    BOOST_TEST(refused.error().message.contains(QStringLiteral("--allow-insecure-http")));
    BOOST_TEST(checkInsecureHttpAllowed(elsewhere, true).ok());
    BOOST_TEST(!checkInsecureHttpAllowed(address("10.0.0.5"), false).ok()); // http when no scheme is given
    BOOST_TEST(!checkInsecureHttpAllowed(address("http://sotay.dongnai.example"), false).ok());

    for (const char* local : { "http://127.0.0.1:8080", "127.0.0.1:8080", "http://localhost:8080",
             "http://[::1]:8080", "http://127.8.9.10" }) {
        BOOST_TEST(!needsInsecureHttpAllowance(address(local)), local);
        BOOST_TEST(checkInsecureHttpAllowed(address(local), false).ok(), local);
    }
    BOOST_TEST(!needsInsecureHttpAllowance(address("https://10.0.0.5:8443")));
    BOOST_TEST(checkInsecureHttpAllowed(address("https://10.0.0.5:8443"), false).ok());
}

BOOST_AUTO_TEST_SUITE_END()
