// SPDX-License-Identifier: GPL-3.0-or-later
// The Idempotency-Key machinery under a route in two steps, on a real SQLite file: the first step (where a
// password is hashed) runs before the write lock is taken, a repeat is replayed without running either
// step again, and only once the route's check lets the caller see what the answer carries.
#include "api_error.h"
#include "router.h"
#include "store/database.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"
#include "support/test_database.h"

#include <QSqlQuery>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;

namespace {

// Whether another connection could begin writing now, without waiting.
bool anotherCanWrite(const QSqlDatabase& other)
{
    QSqlQuery query(other);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    query.exec(QStringLiteral("ROLLBACK"));
    return true;
}

} // namespace

BOOST_AUTO_TEST_SUITE(idempotency_tests)

BOOST_AUTO_TEST_CASE(a_kept_route_prepares_outside_the_write_lock_and_replays_only_what_its_check_allows)
{
    const auto db = TestDatabase::sqlite();
    const auto created = UserRepository(db->db()).create(
        { QStringLiteral("quantri.thu"), QStringLiteral("x"), Role::Admin, {}, {} }, testContext());
    BOOST_TEST_REQUIRE(created.ok());
    const User user = *created;
    auto other = openDatabase(db->config(), QStringLiteral("another-writer"));
    BOOST_TEST_REQUIRE(other.ok());
    BOOST_TEST_REQUIRE(QSqlQuery(*other).exec(QStringLiteral("PRAGMA busy_timeout = 0")));

    int prepared = 0;
    int written = 0;
    int checked = 0;
    bool refuseReplay = false;
    bool freeWhilePreparing = false;
    bool freeWhileWriting = true;
    Router router;
    router.addPrepared(
        QStringLiteral("POST"), QStringLiteral("/api/v1/things"),
        [&](const ApiRequest&) {
            ++prepared;
            freeWhilePreparing = anotherCanWrite(*other);
            return Write([&] {
                ++written;
                freeWhileWriting = anotherCanWrite(*other);
                return ApiResponse::json({ { QStringLiteral("id"), 7 } }, 201);
            });
        },
        Replay::kept([&](const ApiRequest&, const QJsonObject& answer) {
            ++checked;
            BOOST_TEST(answer.value(QStringLiteral("id")).toInt() == 7);
            if (refuseReplay)
                throw ApiError::notFound(QStringLiteral("no longer in scope"));
        }));

    ApiRequest request;
    request.method = QStringLiteral("POST");
    request.path = QStringLiteral("/api/v1/things");
    request.headers.insert(QStringLiteral("idempotency-key"), QStringLiteral("them-mot-lan-01"));
    request.body = "{}";
    request.db = db->db();
    const Authenticator signIn = [&](ApiRequest& r) { r.principal = Principal { user, {}, 1 }; };

    const ApiResponse first = router.dispatch(request, signIn);
    BOOST_TEST(first.status == 201);
    BOOST_TEST((prepared == 1 && written == 1 && checked == 0));
    BOOST_TEST(freeWhilePreparing);
    BOOST_TEST(!freeWhileWriting);

    const ApiResponse repeat = router.dispatch(request, signIn);
    BOOST_TEST(repeat.status == 201);
    BOOST_TEST(repeat.headers.at("Idempotent-Replayed") == "true");
    BOOST_TEST((prepared == 1 && written == 1 && checked == 1));

    refuseReplay = true;
    BOOST_CHECK_EXCEPTION(router.dispatch(request, signIn), ApiError,
        [](const ApiError& error) { return error.status() == 404; });
    BOOST_TEST((prepared == 1 && written == 1 && checked == 2));
}

BOOST_AUTO_TEST_CASE(a_signed_in_post_must_say_how_it_is_replayed)
{
    Router router;
    const Handler handler = [](const ApiRequest&) { return ApiResponse {}; };
    BOOST_CHECK_THROW(
        router.add(QStringLiteral("POST"), QStringLiteral("/api/v1/things"), handler), std::logic_error);
    BOOST_CHECK_NO_THROW(router.add(QStringLiteral("POST"), QStringLiteral("/api/v1/things"), handler,
        Access::SignedIn, Replay::keptEmpty()));
    BOOST_CHECK_NO_THROW(
        router.add(QStringLiteral("POST"), QStringLiteral("/api/v1/open"), handler, Access::Public));
    BOOST_CHECK_NO_THROW(router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/things"), handler));
}

BOOST_AUTO_TEST_SUITE_END()
