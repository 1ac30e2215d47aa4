// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in, sessions and password changes over HTTP: the normal path, the same answer for an unknown user
// and a wrong password, the lock after ten failures, idle and absolute expiry, logout and password change.
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QSqlRecord>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

const QString kOfficer = QStringLiteral("canbo.tranbien");
const QString kOfficerPassword = QStringLiteral("mat-khau-canbo.tranbien");

HttpAnswer login(const RunningServer& server, const QString& username, const QString& password)
{
    return server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
}

// A request that needs a live session and changes nothing.
HttpAnswer probe(const RunningServer& server, const QString& token)
{
    return server.call("GET", QStringLiteral("/api/v1/orgs?parent=root"), token);
}

// Every column of every account, as text.
QStringList accounts(const QSqlDatabase& db)
{
    QStringList rows;
    auto query = sql::exec(db, QStringLiteral("SELECT * FROM app_user ORDER BY id"));
    BOOST_TEST_REQUIRE(query.ok());
    while (query->next()) {
        QStringList values;
        for (int i = 0; i < query->record().count(); ++i)
            values.append(query->value(i).toString());
        rows.append(values.join(u'|'));
    }
    return rows;
}

} // namespace

BOOST_AUTO_TEST_SUITE(auth_api_tests)

BOOST_AUTO_TEST_CASE(health_and_sign_in_work_on_the_normal_path)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db);

            const auto health = server.client().get("/healthz");
            BOOST_TEST(health.status == 200);
            BOOST_TEST(health.json().value(QStringLiteral("status")).toString() == QStringLiteral("ok"));

            const auto signedIn
                = login(server, QStringLiteral("admin"), QString::fromLatin1(RunningServer::kAdminPassword));
            BOOST_TEST_REQUIRE(signedIn.status == 200, describe(signedIn));
            const QJsonObject body = signedIn.json();
            const QString token = body.value(QStringLiteral("token")).toString();
            BOOST_TEST(token.size() == 43);
            BOOST_TEST(
                body.value(QStringLiteral("expiresAt")).toString() == QStringLiteral("2026-11-25T15:00:00Z"));
            const QJsonObject user = body.value(QStringLiteral("user")).toObject();
            BOOST_TEST(user.value(QStringLiteral("username")).toString() == QStringLiteral("admin"));
            BOOST_TEST(user.value(QStringLiteral("role")).toString() == QStringLiteral("admin"));
            BOOST_TEST(!body.contains(QStringLiteral("passwordHash")));
            BOOST_TEST(!user.contains(QStringLiteral("passwordHash")));

            const auto root = probe(server, token);
            BOOST_TEST_REQUIRE(root.status == 200, describe(root));
            const QJsonArray items = root.json().value(QStringLiteral("items")).toArray();
            BOOST_TEST_REQUIRE(items.size() == 1);
            BOOST_TEST(items.at(0).toObject().value(QStringLiteral("id")).toInteger() == t.province.id);

            // Usernames are matched trimmed and lower-cased; the token is only ever stored hashed.
            BOOST_TEST(
                login(server, QStringLiteral("  ADMIN "), QString::fromLatin1(RunningServer::kAdminPassword))
                    .status
                == 200);
            BOOST_TEST(countRows(db->db(), QStringLiteral("app_session")) == 2);
        }
    }
}

BOOST_AUTO_TEST_CASE(requests_without_a_live_token_answer_401_and_change_nothing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db);
            const QString token = server.signInAsAdmin();
            const RowCounts before = RowCounts::of(db->db());

            const auto refusedWith = [&server](const std::map<std::string, std::string>& headers) {
                return server.client().request("GET", apiPath(orgUrl(1)), {}, headers);
            };
            const auto none = refusedWith({});
            BOOST_TEST(none.status == 401);
            BOOST_TEST(errorCode(none) == QStringLiteral("unauthorised"));
            for (const std::string& header : { std::string("Bearer not-a-token"),
                     std::string("Basic YWRtaW46eA=="), std::string("Bearer ") + std::string(200, 'a'),
                     std::string("Bearer "), "Token " + token.toStdString() }) {
                BOOST_TEST_CONTEXT(header.substr(0, 30))
                {
                    const auto refused = refusedWith({ { "Authorization", header } });
                    BOOST_TEST(refused.status == 401);
                    BOOST_TEST(refused.body == none.body);
                }
            }
            // A write without a token is refused before anything is read or written.
            const auto write = server.call("POST", QStringLiteral("/api/v1/orgs"), {},
                withDecision({ { QStringLiteral("parentId"), t.school.id },
                    { QStringLiteral("kind"), QStringLiteral("cell") },
                    { QStringLiteral("code"), QStringLiteral("26068.01.9") },
                    { QStringLiteral("name"), QStringLiteral("Chi bộ 9") } }));
            BOOST_TEST(write.status == 401);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // The word Bearer is matched case-insensitively.
            BOOST_TEST(refusedWith({ { "Authorization", "bearer " + token.toStdString() } }).status == 200);
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_user_and_a_wrong_password_get_the_same_answer)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db);
            server.addUser(server.signInAsAdmin(), kOfficer, QStringLiteral("officer"), t.tranBien.id);
            const RowCounts before = RowCounts::of(db->db());
            const qint64 sessions = countRows(db->db(), QStringLiteral("app_session"));
            const QStringList accountsBefore = accounts(db->db());

            const auto unknown = login(server, QStringLiteral("khong-ton-tai"), kOfficerPassword);
            const auto wrong = login(server, kOfficer, QStringLiteral("mat-khau-sai-roi"));
            const auto wrongAdmin
                = login(server, QStringLiteral("admin"), QStringLiteral("mat-khau-sai-roi"));
            BOOST_TEST(unknown.status == 401);
            BOOST_TEST(errorCode(unknown) == QStringLiteral("unauthorised"));
            BOOST_TEST(wrong.status == unknown.status);
            BOOST_TEST(wrong.body == unknown.body);
            BOOST_TEST(wrongAdmin.body == unknown.body);
            BOOST_TEST(wrong.headers.at("Content-Length") == unknown.headers.at("Content-Length"));
            // Nothing in the answer says which part was wrong.
            BOOST_TEST(!unknown.body.contains("fields"));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(countRows(db->db(), QStringLiteral("app_session")) == sessions);
            // ... and neither writes anything to the account.
            BOOST_TEST(accounts(db->db()) == accountsBefore);
        }
    }
}

BOOST_AUTO_TEST_CASE(ten_failures_from_one_address_pause_that_address_for_the_account_and_no_one_else)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            // Behind a reverse proxy on loopback: the clients are told apart by X-Forwarded-For.
            RunningServer server(*db, 4, [](server::ServerConfig& config) {
                config.trustedProxies = { QStringLiteral("127.0.0.1") };
            });
            const QString earlier
                = server.addUser(server.signInAsAdmin(), kOfficer, QStringLiteral("officer"), t.tranBien.id);
            const QString wrongPassword = QStringLiteral("mat-khau-sai-roi");
            const auto from = [&server](
                                  const char* address, const QString& username, const QString& password) {
                return server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
                    { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } },
                    { { "X-Forwarded-For", address } });
            };
            const char* attacker = "203.0.113.7";
            const char* office = "198.51.100.20";

            // Nine failures and then the right password: the count starts again.
            for (int i = 0; i < 9; ++i)
                BOOST_TEST(from(office, kOfficer, wrongPassword).status == 401);
            BOOST_TEST(from(office, kOfficer, kOfficerPassword).status == 200);

            // Ten in a row from one address pause that address for this account, the right password too.
            for (int i = 0; i < 10; ++i)
                BOOST_TEST(from(attacker, kOfficer, wrongPassword).status == 401);
            const auto paused = from(attacker, kOfficer, kOfficerPassword);
            BOOST_TEST(paused.status == 429);
            BOOST_TEST(errorCode(paused) == QStringLiteral("too_many_attempts"));
            BOOST_TEST(paused.headers.at("Retry-After") == "900");
            BOOST_TEST(paused.json()
                           .value(QStringLiteral("error"))
                           .toObject()
                           .value(QStringLiteral("message"))
                           .toString()
                           .contains(QStringLiteral("15 phút")));
            // An unknown user name is treated alike: the answers say nothing about which accounts exist.
            for (int i = 0; i < 10; ++i)
                BOOST_TEST(from(attacker, QStringLiteral("khong-ton-tai"), wrongPassword).status == 401);
            const auto unknown = from(attacker, QStringLiteral("khong-ton-tai"), wrongPassword);
            BOOST_TEST(unknown.status == 429);
            BOOST_TEST(unknown.body == paused.body);

            // The officer's own office, other accounts, and sessions from before are not affected.
            BOOST_TEST(from(office, kOfficer, kOfficerPassword).status == 200);
            BOOST_TEST(
                from(attacker, QStringLiteral("admin"), QString::fromLatin1(RunningServer::kAdminPassword))
                    .status
                == 200);
            BOOST_TEST(probe(server, earlier).status == 200);

            // Attempts while paused are not counted; the pause ends with the window.
            server.advanceClock(14 * 60 + 59);
            BOOST_TEST(from(attacker, kOfficer, kOfficerPassword).status == 429);
            server.advanceClock(1);
            BOOST_TEST(from(attacker, kOfficer, kOfficerPassword).status == 200);
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(x_forwarded_for_counts_only_from_a_trusted_proxy)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db); // no trusted proxy: every request comes from 127.0.0.1
            server.addUser(server.signInAsAdmin(), kOfficer, QStringLiteral("officer"), t.tranBien.id);
            for (int i = 0; i < 10; ++i) {
                const std::string forged = "203.0.113." + std::to_string(i);
                BOOST_TEST(server
                               .call("POST", QStringLiteral("/api/v1/auth/login"), {},
                                   { { QStringLiteral("username"), kOfficer },
                                       { QStringLiteral("password"), QStringLiteral("mat-khau-sai-roi") } },
                                   { { "X-Forwarded-For", forged } })
                               .status
                    == 401);
            }
            BOOST_TEST(login(server, kOfficer, kOfficerPassword).status == 429);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_burst_of_parallel_guesses_checks_no_more_passwords_than_the_limit)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db, 32);
            server.addUser(server.signInAsAdmin(), kOfficer, QStringLiteral("officer"), t.tranBien.id);
            std::atomic<int> checked { 0 };
            std::atomic<int> refused { 0 };
            std::atomic<int> other { 0 };
            std::vector<std::thread> threads;
            for (int i = 0; i < 64; ++i)
                threads.emplace_back([&] {
                    const int status = login(server, kOfficer, QStringLiteral("mat-khau-sai-roi")).status;
                    (status == 401 ? checked : status == 429 ? refused : other)++;
                });
            for (auto& thread : threads)
                thread.join();
            BOOST_TEST(other == 0);
            BOOST_TEST(checked.load() <= 10);
            BOOST_TEST(checked + refused == 64);
            // The right password now is refused as well: the allowance is spent.
            BOOST_TEST(login(server, kOfficer, kOfficerPassword).status == 429);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_session_ends_after_thirty_idle_minutes)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            buildSmallTree(db->db());
            RunningServer server(*db);
            const QString token = server.signInAsAdmin();
            server.advanceClock(29 * 60);
            BOOST_TEST(probe(server, token).status == 200);
            server.advanceClock(29 * 60); // idle time counts from the last request
            BOOST_TEST(probe(server, token).status == 200);
            const QString idle = server.signInAsAdmin();
            server.advanceClock(30 * 60);
            const auto expired = probe(server, token);
            BOOST_TEST(expired.status == 401);
            BOOST_TEST(errorCode(expired) == QStringLiteral("unauthorised"));
            BOOST_TEST(probe(server, idle).status == 401);
            // Once expired, always expired, even if the clock were to be read again at once.
            BOOST_TEST(probe(server, token).status == 401);
            BOOST_TEST(probe(server, server.signInAsAdmin()).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_session_ends_twelve_hours_after_sign_in_however_busy)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            buildSmallTree(db->db());
            RunningServer server(*db);
            const QString token = server.signInAsAdmin();
            for (int step = 0; step < 24; ++step) { // 11 h 36 min of steady use
                server.advanceClock(29 * 60);
                BOOST_TEST(probe(server, token).status == 200);
            }
            server.advanceClock(23 * 60); // 11 h 59 min
            BOOST_TEST(probe(server, token).status == 200);
            server.advanceClock(60); // 12 h
            BOOST_TEST(probe(server, token).status == 401);
            BOOST_TEST(probe(server, server.signInAsAdmin()).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(logout_revokes_only_its_own_session)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            buildSmallTree(db->db());
            RunningServer server(*db);
            const QString first = server.signInAsAdmin();
            const QString second = server.signInAsAdmin();
            const RowCounts before = RowCounts::of(db->db());

            const auto out = server.call("POST", QStringLiteral("/api/v1/auth/logout"), first);
            BOOST_TEST(out.status == 204);
            BOOST_TEST(out.body.isEmpty());
            BOOST_TEST(probe(server, first).status == 401);
            BOOST_TEST(probe(server, second).status == 200);
            BOOST_TEST(server.call("POST", QStringLiteral("/api/v1/auth/logout"), first).status == 401);
            BOOST_TEST((RowCounts::of(db->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_password_change_revokes_every_session_of_the_account)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString first = server.addUser(admin, kOfficer, QStringLiteral("officer"), t.tranBien.id);
            const QString second = server.signIn(kOfficer, kOfficerPassword);
            const QString newPassword = QStringLiteral("mat-khau-moi-2026");
            const auto change = [&server](const QString& token, const QString& current, const QString& next) {
                return server.call("POST", QStringLiteral("/api/v1/auth/password"), token,
                    { { QStringLiteral("currentPassword"), current },
                        { QStringLiteral("newPassword"), next } });
            };

            // A wrong current password or a weak new one changes nothing and ends no session.
            for (int i = 0; i < 10; ++i) {
                const auto wrong = change(first, QStringLiteral("khong-phai-mat-khau"), newPassword);
                BOOST_TEST(wrong.status == 400);
                BOOST_TEST(errorFields(wrong) == QStringList { QStringLiteral("currentPassword") });
            }
            const auto weak = change(first, kOfficerPassword, QStringLiteral("ngan"));
            BOOST_TEST(weak.status == 400);
            BOOST_TEST(errorFields(weak) == QStringList { QStringLiteral("newPassword") });
            const auto missing = server.call("POST", QStringLiteral("/api/v1/auth/password"), first,
                { { QStringLiteral("newPassword"), newPassword } });
            BOOST_TEST(missing.status == 400);
            BOOST_TEST(errorFields(missing) == QStringList { QStringLiteral("currentPassword") });
            // The change ends the session that would repeat it, so it takes no Idempotency-Key: nothing of
            // the passwords is kept for a replay that could never come.
            const auto keyed = server.call("POST", QStringLiteral("/api/v1/auth/password"), first,
                { { QStringLiteral("currentPassword"), kOfficerPassword },
                    { QStringLiteral("newPassword"), newPassword } },
                idempotencyKey("doi-mat-khau-0001"));
            BOOST_TEST(keyed.status == 400);
            BOOST_TEST(errorFields(keyed) == QStringList { QStringLiteral("Idempotency-Key") });
            BOOST_TEST(probe(server, first).status == 200);
            BOOST_TEST(probe(server, second).status == 200);
            // ... and wrong current passwords do not count towards the sign-in lock.
            BOOST_TEST(login(server, kOfficer, kOfficerPassword).status == 200);

            const auto changed = change(first, kOfficerPassword, newPassword);
            BOOST_TEST(changed.status == 204);
            BOOST_TEST(probe(server, first).status == 401);
            BOOST_TEST(probe(server, second).status == 401);
            BOOST_TEST(probe(server, admin).status == 200); // other accounts keep their sessions
            BOOST_TEST(login(server, kOfficer, kOfficerPassword).status == 401);
            const auto again = login(server, kOfficer, newPassword);
            BOOST_TEST(again.status == 200);
            BOOST_TEST(probe(server, again.json().value(QStringLiteral("token")).toString()).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_vietnamese_password_signs_in_whichever_unicode_form_it_is_typed_in)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString token = server.addUser(admin, kOfficer, QStringLiteral("officer"), t.tranBien.id);
            // Set in composed form (NFC), as most keyboards type it...
            const QString composed = QStringLiteral("Mật khẩu Đồng Nai 2026");
            const QString decomposed = composed.normalized(QString::NormalizationForm_D);
            BOOST_TEST_REQUIRE(composed != decomposed);
            const auto changed = server.call("POST", QStringLiteral("/api/v1/auth/password"), token,
                { { QStringLiteral("currentPassword"), kOfficerPassword },
                    { QStringLiteral("newPassword"), composed } });
            BOOST_TEST_REQUIRE(changed.status == 204, describe(changed));
            // ... and typed in decomposed form (NFD), as some input methods and pastes send it.
            BOOST_TEST(login(server, kOfficer, decomposed).status == 200);
            BOOST_TEST(login(server, kOfficer, composed).status == 200);
            // A password set in decomposed form signs in composed too.
            const QString again
                = login(server, kOfficer, composed).json().value(QStringLiteral("token")).toString();
            const QString other
                = QStringLiteral("Mới: Bình Phước ơi").normalized(QString::NormalizationForm_D);
            BOOST_TEST_REQUIRE(server
                                   .call("POST", QStringLiteral("/api/v1/auth/password"), again,
                                       { { QStringLiteral("currentPassword"), decomposed },
                                           { QStringLiteral("newPassword"), other } })
                                   .status
                == 204);
            BOOST_TEST(login(server, kOfficer, other.normalized(QString::NormalizationForm_C)).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(sign_in_bodies_are_read_strictly)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            buildSmallTree(db->db());
            RunningServer server(*db);
            const qint64 sessions = countRows(db->db(), QStringLiteral("app_session"));
            const auto post = [&server](const QJsonObject& body) {
                return server.call("POST", QStringLiteral("/api/v1/auth/login"), {}, body);
            };
            const QString password = QString::fromLatin1(RunningServer::kAdminPassword);

            const auto missing = post({ { QStringLiteral("username"), QStringLiteral("admin") } });
            BOOST_TEST(missing.status == 400);
            BOOST_TEST(errorFields(missing) == QStringList { QStringLiteral("password") });
            const auto wrongType
                = post({ { QStringLiteral("username"), 7 }, { QStringLiteral("password"), password } });
            BOOST_TEST(wrongType.status == 400);
            BOOST_TEST(errorFields(wrongType) == QStringList { QStringLiteral("username") });
            const auto unknown = post({ { QStringLiteral("username"), QStringLiteral("admin") },
                { QStringLiteral("password"), password }, { QStringLiteral("remember"), true } });
            BOOST_TEST(unknown.status == 400);
            BOOST_TEST(errorFields(unknown) == QStringList { QStringLiteral("remember") });
            const auto notJson
                = server.rawCall("POST", QStringLiteral("/api/v1/auth/login"), {}, "username=admin");
            BOOST_TEST(notJson.status == 400);
            BOOST_TEST(errorCode(notJson) == QStringLiteral("bad_request"));
            BOOST_TEST(countRows(db->db(), QStringLiteral("app_session")) == sessions);
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
