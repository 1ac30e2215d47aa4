// SPDX-License-Identifier: GPL-3.0-or-later
// The request-head parser of the connection layer: what it takes, and what it refuses before any route runs.
#include "http_head.h"

#include <boost/test/unit_test.hpp>

using namespace sotay::server;

namespace {

ParsedHead parse(const std::string& head)
{
    return parseRequestHead(head, HeadLimits {});
}

std::optional<HeadRefusal::Reason> refusal(const std::string& head)
{
    const ParsedHead parsed = parse(head);
    if (const auto* refused = std::get_if<HeadRefusal>(&parsed))
        return refused->reason;
    return std::nullopt;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_head_tests)

BOOST_AUTO_TEST_CASE(a_plain_request_is_read_with_its_fields)
{
    const ParsedHead parsed
        = parse("POST /api/v1/auth/sign-in?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n"
                "X-Forwarded-For: 10.0.0.1\r\nx-forwarded-for:  10.0.0.2 \r\n\r\n");
    const auto* head = std::get_if<RequestHead>(&parsed);
    BOOST_TEST_REQUIRE(head);
    BOOST_TEST(head->method == "POST");
    BOOST_TEST(head->target == "/api/v1/auth/sign-in?x=1");
    BOOST_TEST(head->contentLength == 12);
    BOOST_TEST(head->keepAlive);
    BOOST_TEST(head->header("host") == "a");
    BOOST_TEST(head->joinedHeader("X-Forwarded-For") == "10.0.0.1, 10.0.0.2");
}

BOOST_AUTO_TEST_CASE(keep_alive_follows_the_version_and_the_connection_field)
{
    BOOST_TEST(!std::get<RequestHead>(parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")).keepAlive);
    BOOST_TEST(!std::get<RequestHead>(parse("GET / HTTP/1.0\r\n\r\n")).keepAlive);
    BOOST_TEST(std::get<RequestHead>(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")).keepAlive);
    BOOST_TEST(std::get<RequestHead>(parse("GET / HTTP/1.1\nHost: a\n\n")).keepAlive); // bare LF
    BOOST_TEST(
        std::get<RequestHead>(parse("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n")).expectsContinue);
}

BOOST_AUTO_TEST_CASE(two_different_lengths_or_a_length_with_transfer_encoding_are_refused)
{
    using Reason = HeadRefusal::Reason;
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")
        == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n") == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")
        == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        == Reason::ConflictingLength));
    BOOST_TEST((refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == Reason::LengthRequired));
    // The same length twice is one length.
    const ParsedHead same = parse("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n");
    BOOST_TEST_REQUIRE(std::holds_alternative<RequestHead>(same));
    BOOST_TEST(std::get<RequestHead>(same).contentLength == 5);
    // A huge but well-formed length is a number: the connection layer answers it with 413.
    BOOST_TEST(
        std::get<RequestHead>(parse("POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n")).contentLength
        == 999999999999);
}

BOOST_AUTO_TEST_CASE(malformed_request_lines_and_fields_are_refused)
{
    using Reason = HeadRefusal::Reason;
    for (const std::string& head : { std::string("GET /\r\n\r\n"), std::string("GET  / HTTP/1.1\r\n\r\n"),
             std::string("GET / HTTP/1.1 extra\r\n\r\n"), std::string("G(T / HTTP/1.1\r\n\r\n"),
             std::string("GET /a b HTTP/1.1\r\n\r\n"), std::string("GET /\x01 HTTP/1.1\r\n\r\n"),
             std::string("GET / HTTP/1.1\r\nNo colon here\r\n\r\n"),
             std::string("GET / HTTP/1.1\r\nName : value\r\n\r\n"),
             std::string("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"),
             std::string("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n"),
             std::string("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 26), std::string("GET / HTTP/x.1\r\n\r\n"),
             std::string("GET / HTTPS/1.1\r\n\r\n") })
        BOOST_TEST((refusal(head) == Reason::Malformed), head);
    BOOST_TEST((refusal("GET / HTTP/2.0\r\n\r\n") == Reason::UnsupportedVersion));
}

BOOST_AUTO_TEST_CASE(long_targets_and_many_fields_get_their_own_statuses)
{
    using Reason = HeadRefusal::Reason;
    const HeadLimits limits;
    const std::string longTarget = "/" + std::string(limits.maxTargetBytes, 'a');
    BOOST_TEST((refusal("GET " + longTarget + " HTTP/1.1\r\n\r\n") == Reason::TargetTooLong));
    std::string many = "GET / HTTP/1.1\r\n";
    for (std::size_t i = 0; i <= limits.maxHeaderCount; ++i)
        many += "X-" + std::to_string(i) + ": v\r\n";
    BOOST_TEST((refusal(many + "\r\n") == Reason::HeadTooLarge));

    // While a head is still arriving: a request line past the limit is 414 at once, a head past its
    // limit 431, and a short one is just incomplete.
    BOOST_TEST((checkIncompleteHead("GET " + longTarget + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", limits)
        == HeadRefusal { Reason::TargetTooLong }));
    std::string bigHead = "GET / HTTP/1.1\r\n";
    while (bigHead.size() <= limits.maxHeadBytes)
        bigHead += "X-Filler: " + std::string(100, 'b') + "\r\n";
    const auto tooLarge = checkIncompleteHead(bigHead, limits);
    BOOST_TEST_REQUIRE(tooLarge.has_value());
    BOOST_TEST((tooLarge->reason == Reason::HeadTooLarge));
    BOOST_TEST(!checkIncompleteHead("GET / HTTP/1.1\r\nHost: a\r\n", limits).has_value());
    BOOST_TEST(HeadRefusal { Reason::TargetTooLong }.status() == 414);
    BOOST_TEST(HeadRefusal { Reason::HeadTooLarge }.status() == 431);
    BOOST_TEST(HeadRefusal { Reason::LengthRequired }.status() == 411);
}

BOOST_AUTO_TEST_CASE(the_end_of_a_head_is_found_after_leading_empty_lines)
{
    BOOST_TEST(!findHeadEnd("GET / HTTP/1.1\r\nHost: a\r\n").has_value());
    BOOST_TEST(findHeadEnd("GET / HTTP/1.1\r\n\r\nBODY").value() == 18u);
    BOOST_TEST(findHeadEnd("\r\n\r\nGET / HTTP/1.1\r\n\r\n").value() == 22u);
    BOOST_TEST(findHeadEnd("GET / HTTP/1.1\n\n").value() == 16u);
    BOOST_TEST(std::holds_alternative<RequestHead>(parse("\r\nGET / HTTP/1.1\r\n\r\n")));
}

BOOST_AUTO_TEST_SUITE_END()
