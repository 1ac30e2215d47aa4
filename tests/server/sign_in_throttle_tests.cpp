// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in throttle on its own: attempts are counted as they are admitted, per address and account, per
// address, and per account across several addresses, in a sliding window; and no more than the allowed
// number are checked at once.
#include "sign_in_throttle.h"

#include <boost/test/unit_test.hpp>

using namespace sotay::server;

namespace {

const QDateTime kStart(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC);

using Outcome = SignInThrottle::Outcome;
using Refusal = SignInThrottle::Refusal;

// One attempt, admitted and settled at once; the refusal if it was not admitted.
std::optional<SignInThrottle::Refused> attempt(SignInThrottle& throttle, const QString& address,
    const QString& account, Outcome outcome, const QDateTime& at = kStart)
{
    auto refused = throttle.admit(address, account, at);
    if (!refused)
        throttle.settle(address, account, outcome, at);
    return refused;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sign_in_throttle_tests)

BOOST_AUTO_TEST_CASE(ten_failures_from_one_address_pause_that_address_for_that_account_only)
{
    SignInThrottle throttle;
    const QString attacker = QStringLiteral("203.0.113.7");
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(!attempt(throttle, attacker, QStringLiteral("canbo"), Outcome::Failed, kStart.addSecs(i)));
    const auto paused = throttle.admit(attacker, QStringLiteral("canbo"), kStart.addSecs(60));
    BOOST_TEST_REQUIRE(paused.has_value());
    BOOST_TEST((paused->reason == Refusal::AccountPaused));
    BOOST_TEST(paused->retryAfterSeconds == 15 * 60 - 60); // the first failure leaves the window then
    // The account's owner, elsewhere, and the attacker's other guesses go on.
    BOOST_TEST(
        !attempt(throttle, QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), Outcome::Succeeded));
    BOOST_TEST(!attempt(throttle, attacker, QStringLiteral("khac"), Outcome::Failed));
    // Once the window has passed, the attacker's count starts again.
    BOOST_TEST(!throttle.admit(attacker, QStringLiteral("canbo"), kStart.addSecs(15 * 60 + 9)).has_value());
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_accounts_count_but_not_the_addresss)
{
    SignInLimits limits;
    limits.failuresPerAddress = 12;
    SignInThrottle throttle(limits);
    const QString office = QStringLiteral("198.51.100.2");
    for (int i = 0; i < 9; ++i)
        BOOST_TEST(!attempt(throttle, office, QStringLiteral("canbo"), Outcome::Failed));
    BOOST_TEST(!attempt(throttle, office, QStringLiteral("canbo"), Outcome::Succeeded));
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(!attempt(throttle, office, QStringLiteral("canbo"), Outcome::Failed));
    const auto refused = throttle.admit(office, QStringLiteral("canbo"), kStart);
    BOOST_TEST_REQUIRE(refused.has_value());
    BOOST_TEST((refused->reason == Refusal::AddressPaused)); // 12 failures from the address in all
}

BOOST_AUTO_TEST_CASE(forgetting_an_account_lifts_its_pauses_from_every_address_and_keeps_the_addresses_counts)
{
    SignInLimits limits;
    limits.failuresPerAddress = 40;
    SignInThrottle throttle(limits);
    // Paused twice over: 10 from one address, and 30 from three addresses.
    const QStringList addresses { QStringLiteral("203.0.113.7"), QStringLiteral("203.0.113.8"),
        QStringLiteral("203.0.113.9") };
    for (const QString& address : addresses)
        for (int i = 0; i < 10; ++i)
            BOOST_TEST(!attempt(throttle, address, QStringLiteral("canbo"), Outcome::Failed));
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(!attempt(throttle, addresses[0], QStringLiteral("khac"), Outcome::Failed));
    BOOST_TEST(throttle.admit(QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), kStart).has_value());
    BOOST_TEST(throttle.admit(addresses[0], QStringLiteral("canbo"), kStart).has_value());
    // Forgetting another account changes nothing for this one.
    throttle.forgetAccount(QStringLiteral("khac"));
    BOOST_TEST(throttle.admit(QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), kStart).has_value());

    throttle.forgetAccount(QStringLiteral("canbo"));
    BOOST_TEST(
        !attempt(throttle, QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), Outcome::Succeeded));
    BOOST_TEST(!attempt(throttle, addresses[1], QStringLiteral("canbo"), Outcome::Succeeded));
    // The first address spent 15 of its own 40 on any names: 25 more pause it, whatever the name.
    for (int i = 0; i < 24; ++i)
        BOOST_TEST(!attempt(throttle, addresses[0], QStringLiteral("ten-%1").arg(i), Outcome::Failed));
    BOOST_TEST(!attempt(throttle, addresses[0], QStringLiteral("canbo"), Outcome::Failed));
    const auto paused = throttle.admit(addresses[0], QStringLiteral("nguoi-khac"), kStart);
    BOOST_TEST_REQUIRE(paused.has_value());
    BOOST_TEST((paused->reason == Refusal::AddressPaused));
}

BOOST_AUTO_TEST_CASE(failures_across_accounts_pause_the_address_first)
{
    SignInThrottle throttle;
    const QString attacker = QStringLiteral("203.0.113.7");
    for (int i = 0; i < 100; ++i)
        BOOST_TEST(!attempt(throttle, attacker, QStringLiteral("user%1").arg(i), Outcome::Failed));
    const auto refused = throttle.admit(attacker, QStringLiteral("user-new"), kStart);
    BOOST_TEST_REQUIRE(refused.has_value());
    BOOST_TEST((refused->reason == Refusal::AddressPaused));
    BOOST_TEST(
        !attempt(throttle, QStringLiteral("198.51.100.2"), QStringLiteral("user-new"), Outcome::Failed));
}

BOOST_AUTO_TEST_CASE(an_account_is_paused_for_everyone_only_when_guessed_from_several_addresses)
{
    SignInThrottle throttle;
    // Two addresses at their limit: 20 failures, the account still open elsewhere.
    for (const char* address : { "203.0.113.1", "203.0.113.2" })
        for (int i = 0; i < 10; ++i)
            BOOST_TEST(
                !attempt(throttle, QString::fromLatin1(address), QStringLiteral("canbo"), Outcome::Failed));
    BOOST_TEST(!throttle.admit(QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), kStart).has_value());
    throttle.settle(QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), Outcome::Abandoned, kStart);
    // A third one makes 30 failures from 3 addresses: the account pauses for every address.
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(
            !attempt(throttle, QStringLiteral("203.0.113.3"), QStringLiteral("canbo"), Outcome::Failed));
    const auto refused = throttle.admit(QStringLiteral("198.51.100.2"), QStringLiteral("canbo"), kStart);
    BOOST_TEST_REQUIRE(refused.has_value());
    BOOST_TEST((refused->reason == Refusal::AccountPaused));
    BOOST_TEST(!throttle.admit(QStringLiteral("198.51.100.2"), QStringLiteral("khac"), kStart).has_value());
}

BOOST_AUTO_TEST_CASE(attempts_in_flight_count_so_a_burst_checks_no_more_than_the_allowance)
{
    SignInLimits limits;
    limits.concurrentSignIns = 64;
    SignInThrottle throttle(limits);
    int admitted = 0;
    for (int i = 0; i < 64; ++i)
        if (!throttle.admit(QStringLiteral("203.0.113.7"), QStringLiteral("canbo"), kStart))
            ++admitted;
    BOOST_TEST(admitted == 10);
}

BOOST_AUTO_TEST_CASE(no_more_sign_ins_than_allowed_are_checked_at_once_and_the_rest_are_told_to_wait)
{
    SignInThrottle throttle; // 8 at once
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(!throttle.admit(QStringLiteral("10.0.0.%1").arg(i), QStringLiteral("u%1").arg(i), kStart));
    const auto busy = throttle.admit(QStringLiteral("10.0.0.99"), QStringLiteral("u99"), kStart);
    BOOST_TEST_REQUIRE(busy.has_value());
    BOOST_TEST((busy->reason == Refusal::Busy));
    BOOST_TEST(busy->retryAfterSeconds == 1);
    throttle.settle(QStringLiteral("10.0.0.0"), QStringLiteral("u0"), Outcome::Succeeded, kStart);
    BOOST_TEST(!throttle.admit(QStringLiteral("10.0.0.99"), QStringLiteral("u99"), kStart).has_value());
}

BOOST_AUTO_TEST_CASE(a_paused_client_is_told_its_pause_even_while_every_slot_is_busy)
{
    SignInThrottle throttle; // 8 at once, 10 failures per account and address
    for (int i = 0; i < 10; ++i) {
        BOOST_TEST_REQUIRE(!throttle.admit(QStringLiteral("10.0.1.1"), QStringLiteral("canbo"), kStart));
        throttle.settle(QStringLiteral("10.0.1.1"), QStringLiteral("canbo"), Outcome::Failed, kStart);
    }
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(!throttle.admit(QStringLiteral("10.0.0.%1").arg(i), QStringLiteral("u%1").arg(i), kStart));
    const auto paused = throttle.admit(QStringLiteral("10.0.1.1"), QStringLiteral("canbo"), kStart);
    BOOST_TEST_REQUIRE(paused.has_value());
    BOOST_TEST((paused->reason == Refusal::AccountPaused));
    BOOST_TEST(paused->retryAfterSeconds > 1);
}

// Keyed as accounts are looked up: without case, spaces, Unicode form or Vietnamese marks, so that marks
// added to a name never make a fresh name to guess under.
BOOST_AUTO_TEST_CASE(accounts_are_keyed_as_they_are_looked_up)
{
    BOOST_TEST(
        SignInThrottle::accountKey(QStringLiteral("  CanBo.TranBien ")) == QStringLiteral("canbo.tranbien"));
    BOOST_TEST(SignInThrottle::accountKey(QStringLiteral("Đạt").normalized(QString::NormalizationForm_D))
        == QStringLiteral("dat"));
    BOOST_TEST(
        SignInThrottle::accountKey(QStringLiteral("canbó.tranbiên")) == QStringLiteral("canbo.tranbien"));
}

BOOST_AUTO_TEST_SUITE_END()
