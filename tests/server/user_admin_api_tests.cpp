// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts an administrator can take back, over HTTP: who may read, change, disable, reset, sign out and
// unlock which account; a disabled account's sessions end at once; a temporary password opens only the
// password change. (The list's paging and search are in user_api_tests.)
#include "password_hasher.h"
#include "store/account_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/held_row_lock.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"
#include "temporary_password.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlRecord>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    Member lan, hoa;
    QString admin, officer, secretary, member, farOfficer;
    qint64 adminId = 0, officerId = 0, secretaryId = 0, memberId = 0, farOfficerId = 0, hoaId = 0;
};

qint64 idOf(const TestDatabase& db, const char* username)
{
    auto user = UserRepository(db.db()).findByUsername(QString::fromLatin1(username));
    BOOST_TEST_REQUIRE((user.ok() && user->has_value()), username);
    return user->value().id;
}

// The tree of demo_tree.h; officer "canbo.tranbien" manages Trấn Biên, where the cell-1 secretary and the
// member Lan work; "canbo.phurieng" and the member Hoa work in Phú Riềng, outside it.
World world(const TestDatabase& db, const RunningServer& server)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.hoa = addMember(db.db(), w.t.rubberCell.id, "Phạm", "Thị", "Hoa");
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.member = server.addUser(
        w.admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), std::nullopt, w.lan.id);
    w.farOfficer = server.addUser(
        w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    server.addUser(w.admin, QStringLiteral("dangvien.hoa"), QStringLiteral("member"), std::nullopt, w.hoa.id);
    w.adminId = idOf(db, "admin");
    w.officerId = idOf(db, "canbo.tranbien");
    w.secretaryId = idOf(db, "bithu.chibo1");
    w.memberId = idOf(db, w.lan.cardNumber.toLatin1().constData());
    w.farOfficerId = idOf(db, "canbo.phurieng");
    w.hoaId = idOf(db, w.hoa.cardNumber.toLatin1().constData());
    return w;
}

QString userUrl(qint64 id, const char* suffix = "")
{
    return QStringLiteral("/api/v1/users/%1%2").arg(id).arg(QString::fromLatin1(suffix));
}

qint64 liveSessions(const TestDatabase& db)
{
    auto query
        = sql::exec(db.db(), QStringLiteral("SELECT COUNT(*) FROM app_session WHERE revoked_at IS NULL"));
    BOOST_TEST_REQUIRE((query.ok() && query->next()));
    return query->value(0).toLongLong();
}

qint64 versionOf(const RunningServer& server, const World& w, qint64 id)
{
    const auto answer = server.call("GET", userUrl(id), w.admin);
    BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
    return answer.json().value(QStringLiteral("version")).toInteger();
}

HttpAnswer patch(
    const RunningServer& server, const QString& token, qint64 id, const QJsonObject& body, qint64 version)
{
    return server.call("PATCH", userUrl(id), token, body, ifMatch(version));
}

HttpAnswer signInAnswer(const RunningServer& server, const QString& username, const QString& password)
{
    return server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
}

// A signed-in read any role may make: the unit at the top of the tree answers 200 or 404, never 401/403.
int probe(const RunningServer& server, const QString& token, const World& w)
{
    return server.call("GET", orgUrl(w.t.cell1.id), token).status;
}

QStringList usernamesOf(const HttpAnswer& answer)
{
    QStringList names;
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        names.append(item.toObject().value(QStringLiteral("username")).toString());
    return names;
}

QString messageOf(const HttpAnswer& answer)
{
    return answer.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

} // namespace

BOOST_AUTO_TEST_SUITE(user_admin_api_tests)

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_accounts_it_manages_and_the_others_look_missing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const QString cell2Secretary = server.addUser(
                w.admin, QStringLiteral("bithu.chibo2"), QStringLiteral("secretary"), w.t.cell2.id);
            const qint64 cell2Id = idOf(*db, "bithu.chibo2");
            const qint64 missing = 999999;

            // Reads: an administrator reads every account, an officer those in its subtree; the rest is 404,
            // byte for byte what a missing id answers.
            for (const qint64 id :
                { w.adminId, w.officerId, w.secretaryId, w.memberId, w.farOfficerId, w.hoaId })
                BOOST_TEST(server.call("GET", userUrl(id), w.admin).status == 200);
            const auto one = server.call("GET", userUrl(w.memberId), w.officer);
            BOOST_TEST_REQUIRE(one.status == 200, describe(one));
            const QJsonObject lan = one.json();
            BOOST_TEST(lan.value(QStringLiteral("username")).toString()
                == w.lan.cardNumber); // members sign in with it
            BOOST_TEST(lan.value(QStringLiteral("role")).toString() == QStringLiteral("member"));
            BOOST_TEST(lan.value(QStringLiteral("scopeOrgId")).toInteger() == w.t.cell1.id);
            BOOST_TEST(lan.value(QStringLiteral("scopeOrgName")).toString() == w.t.cell1.name);
            BOOST_TEST(lan.value(QStringLiteral("memberId")).toInteger() == w.lan.id);
            BOOST_TEST(
                lan.value(QStringLiteral("memberName")).toString() == QStringLiteral("Nguyễn Thị Lan"));
            BOOST_TEST(lan.value(QStringLiteral("disabled")).toBool() == false);
            BOOST_TEST(lan.value(QStringLiteral("mustChangePassword")).toBool() == false);
            BOOST_TEST(
                lan.value(QStringLiteral("createdAt")).toString() == QStringLiteral("2026-11-25T03:00:00Z"));
            BOOST_TEST(lan.value(QStringLiteral("version")).toInteger() >= 1);
            BOOST_TEST(!one.body.contains("argon2"));
            BOOST_TEST(server.call("GET", userUrl(w.officerId), w.officer).status == 200); // itself
            const auto absent = server.call("GET", userUrl(missing), w.officer);
            BOOST_TEST(absent.status == 404);
            for (const qint64 hidden : { w.adminId, w.farOfficerId, w.hoaId }) {
                const auto answer = server.call("GET", userUrl(hidden), w.officer);
                BOOST_TEST(answer.status == 404);
                BOOST_TEST(answer.body == absent.body);
            }

            // Every action, for every caller: allowed in scope, 404 outside exactly as missing, 403 for roles
            // that manage no account, 401 without a session. Refusals change nothing.
            struct Action {
                std::string method;
                const char* suffix;
                QJsonObject body;
                int allowed;
            };
            const std::vector<Action> actions { { "PATCH", "", { { QStringLiteral("disabled"), false } },
                                                    200 },
                { "POST", "/unlock", {}, 204 }, { "DELETE", "/sessions", {}, 204 },
                { "POST", "/password-reset", {}, 200 } };
            for (const auto& action : actions) {
                BOOST_TEST_CONTEXT(action.method << " " << action.suffix)
                {
                    const auto act = [&](const QString& token, qint64 id) {
                        std::map<std::string, std::string> headers;
                        if (action.method == "PATCH")
                            headers = ifMatch(id == missing ? 1 : versionOf(server, w, id));
                        return server.call(
                            action.method, userUrl(id, action.suffix), token, action.body, headers);
                    };
                    const RowCounts before = RowCounts::of(db->db());
                    const qint64 sessions = liveSessions(*db);
                    const auto gone = act(w.officer, missing);
                    BOOST_TEST(gone.status == 404);
                    for (const qint64 hidden : { w.adminId, w.farOfficerId, w.hoaId }) {
                        const auto answer = act(w.officer, hidden);
                        BOOST_TEST(answer.status == 404);
                        BOOST_TEST(answer.body == gone.body);
                    }
                    BOOST_TEST(act(w.farOfficer, cell2Id).status == 404);
                    for (const QString& token : { w.secretary, w.member }) {
                        BOOST_TEST(act(token, cell2Id).status == 403);
                        BOOST_TEST(act(token, missing).status == 403);
                    }
                    BOOST_TEST(act({}, cell2Id).status == 401);
                    BOOST_TEST((RowCounts::of(db->db()) == before));
                    BOOST_TEST(liveSessions(*db) == sessions);

                    BOOST_TEST(act(w.officer, cell2Id).status == action.allowed);
                    BOOST_TEST(act(w.admin, w.hoaId).status == action.allowed);
                }
            }
            // The actions above reached their accounts: signed out, temporary password set.
            BOOST_TEST(probe(server, cell2Secretary, w) == 401);
            BOOST_TEST(signInAnswer(server, w.hoa.cardNumber, QStringLiteral("mat-khau-dangvien.hoa")).status
                == 401);
            BOOST_TEST(stillServing(server));
        }
    }
}

// A stale change answers 412 with the account as it is now, but only to a caller who still manages it. The
// race is made to happen every time by holding the account's row lock; SQLite serialises whole writes, so
// it runs on PostgreSQL.
BOOST_AUTO_TEST_CASE(a_stale_change_shows_the_current_account_only_if_the_caller_still_manages_it)
{
    for (const auto& db : allTestDatabases()) {
        if (db->config().dialect != Dialect::Postgres)
            continue;
        RunningServer server(*db);
        const World w = world(*db, server);
        const QString lock
            = QStringLiteral("SELECT id FROM app_user WHERE id = %1 FOR UPDATE").arg(w.secretaryId);
        qint64 version = versionOf(server, w, w.secretaryId);
        HttpAnswer answer;
        const auto disable = [&] {
            answer
                = patch(server, w.officer, w.secretaryId, { { QStringLiteral("disabled"), true } }, version);
        };
        const auto changeMeanwhile = [&](const AccountChange& change) {
            return [&db, &w, change, &version] {
                BOOST_TEST_REQUIRE(
                    AccountRepository(db->db()).update(w.secretaryId, change, version, testContext()).ok());
            };
        };

        // Made an officer of the same cell meanwhile, still the officer's to manage: 412 with the account.
        runWhileRowLockHeld(
            db->db(), lock, disable, changeMeanwhile({ Role::Officer, std::nullopt, std::nullopt }));
        BOOST_TEST(answer.status == 412, describe(answer));
        BOOST_TEST(
            staleCurrent(answer).value(QStringLiteral("role")).toString() == QStringLiteral("officer"));

        // Moved meanwhile to a cell outside the officer's scope: the answer says nothing of it.
        version = versionOf(server, w, w.secretaryId);
        runWhileRowLockHeld(db->db(), lock, disable,
            changeMeanwhile({ std::nullopt, std::optional<qint64>(w.t.rubberCell.id), std::nullopt }));
        BOOST_TEST(answer.status == 404, describe(answer));
        BOOST_TEST(errorCode(answer) == QStringLiteral("not_found"));
        BOOST_TEST(!answer.body.contains("bithu"));
    }
}

BOOST_AUTO_TEST_CASE(disabling_an_account_ends_its_sessions_at_once_and_it_cannot_sign_in)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const QString password = QStringLiteral("mat-khau-bithu.chibo1");
            BOOST_TEST(probe(server, w.secretary, w) == 200);
            const QString second = server.signIn(QStringLiteral("bithu.chibo1"), password);

            const RowCounts before = RowCounts::of(db->db());
            const auto disabled = patch(server, w.officer, w.secretaryId,
                { { QStringLiteral("disabled"), true } }, versionOf(server, w, w.secretaryId));
            BOOST_TEST_REQUIRE(disabled.status == 200, describe(disabled));
            BOOST_TEST(disabled.json().value(QStringLiteral("disabled")).toBool());
            BOOST_TEST(disabled.json().value(QStringLiteral("disabledAt")).toString()
                == QStringLiteral("2026-11-25T03:00:00Z"));
            const RowCounts after = RowCounts::of(db->db());
            BOOST_TEST(after.audit == before.audit + 1);
            BOOST_TEST(after.feed == before.feed + 1);

            // Both sessions stop with the very next request.
            BOOST_TEST(probe(server, w.secretary, w) == 401);
            BOOST_TEST(probe(server, second, w) == 401);
            // The right password gets what a wrong one gets: nothing says the account exists or is disabled.
            const auto right = signInAnswer(server, QStringLiteral("bithu.chibo1"), password);
            const auto wrong
                = signInAnswer(server, QStringLiteral("bithu.chibo1"), QStringLiteral("sai-mat-khau-1"));
            BOOST_TEST(right.status == 401);
            BOOST_TEST(right.body == wrong.body);
            BOOST_TEST(probe(server, w.officer, w) == 200);

            // The list shows it among the disabled ones.
            const auto list = server.call("GET", QStringLiteral("/api/v1/users?state=disabled"), w.officer);
            BOOST_TEST(usernamesOf(list) == QStringList { QStringLiteral("bithu.chibo1") });
            const auto active = server.call("GET", QStringLiteral("/api/v1/users?state=active"), w.officer);
            BOOST_TEST(!usernamesOf(active).contains(QStringLiteral("bithu.chibo1")));

            // Enabled again, it signs in anew; the old sessions stay ended.
            const auto enabled = patch(server, w.admin, w.secretaryId,
                { { QStringLiteral("disabled"), false } }, versionOf(server, w, w.secretaryId));
            BOOST_TEST_REQUIRE(enabled.status == 200, describe(enabled));
            BOOST_TEST(!enabled.json().value(QStringLiteral("disabled")).toBool());
            BOOST_TEST(enabled.json().value(QStringLiteral("disabledAt")).isNull());
            BOOST_TEST(probe(server, w.secretary, w) == 401);
            BOOST_TEST(probe(server, server.signIn(QStringLiteral("bithu.chibo1"), password), w) == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_temporary_password_opens_only_the_password_change_until_it_is_changed)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const QString old = QStringLiteral("mat-khau-bithu.chibo1");

            // A key would keep the answer, temporary password and all: refused, nothing done.
            const RowCounts before = RowCounts::of(db->db());
            const auto keyed = server.call("POST", userUrl(w.secretaryId, "/password-reset"), w.officer, {},
                idempotencyKey("dat-lai-mat-khau-1"));
            BOOST_TEST(keyed.status == 400);
            BOOST_TEST(errorFields(keyed) == QStringList { QStringLiteral("Idempotency-Key") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(probe(server, w.secretary, w) == 200);
            // Nobody hands themself a temporary password.
            BOOST_TEST(server.call("POST", userUrl(w.officerId, "/password-reset"), w.officer).status == 403);

            const auto reset = server.call("POST", userUrl(w.secretaryId, "/password-reset"), w.officer);
            BOOST_TEST_REQUIRE(reset.status == 200, describe(reset));
            const QString temporary = reset.json().value(QStringLiteral("temporaryPassword")).toString();
            const QString symbols = QString::fromLatin1(kTemporaryPasswordAlphabet);
            const QRegularExpression shape(
                QStringLiteral("^[%1]{4}-[%1]{4}-[%1]{4}$").arg(QRegularExpression::escape(symbols)));
            BOOST_TEST(shape.match(temporary).hasMatch(), temporary.toStdString());
            BOOST_TEST(PasswordHasher::weakness(temporary).isEmpty());
            const QJsonObject account = reset.json().value(QStringLiteral("user")).toObject();
            BOOST_TEST(account.value(QStringLiteral("mustChangePassword")).toBool());
            // Never stored or logged in clear.
            for (const char* table : { "audit_log", "idempotent_request", "app_user", "change_feed" }) {
                auto rows
                    = sql::exec(db->db(), QStringLiteral("SELECT * FROM ") + QString::fromLatin1(table));
                BOOST_TEST_REQUIRE(rows.ok());
                while (rows->next())
                    for (int i = 0; i < rows->record().count(); ++i)
                        BOOST_TEST(!rows->value(i).toString().contains(temporary), table);
            }
            // A second reset draws another password.
            const auto again = server.call("POST", userUrl(w.secretaryId, "/password-reset"), w.admin);
            BOOST_TEST_REQUIRE(again.status == 200);
            const QString latest = again.json().value(QStringLiteral("temporaryPassword")).toString();
            BOOST_TEST(latest != temporary);

            // The sessions from before end; the old password and the first temporary one fail.
            BOOST_TEST(probe(server, w.secretary, w) == 401);
            BOOST_TEST(signInAnswer(server, QStringLiteral("bithu.chibo1"), old).status == 401);
            BOOST_TEST(signInAnswer(server, QStringLiteral("bithu.chibo1"), temporary).status == 401);

            // The temporary password signs in, says so, and opens nothing but the password change and logout.
            const auto signedIn = signInAnswer(server, QStringLiteral("bithu.chibo1"), latest);
            BOOST_TEST_REQUIRE(signedIn.status == 200, describe(signedIn));
            BOOST_TEST(signedIn.json().value(QStringLiteral("mustChangePassword")).toBool());
            const QString token = signedIn.json().value(QStringLiteral("token")).toString();
            for (const auto& [method, path] : { std::pair { std::string("GET"), orgUrl(w.t.cell1.id) },
                     std::pair { std::string("GET"), QStringLiteral("/api/v1/changes") },
                     std::pair { std::string("GET"), memberUrl(w.lan.id) },
                     std::pair { std::string("POST"), QStringLiteral("/api/v1/members") } }) {
                const auto refused = server.call(method, path, token, {});
                BOOST_TEST(refused.status == 403, method << " " << path.toStdString());
                BOOST_TEST(errorCode(refused) == QStringLiteral("password_change_required"));
                BOOST_TEST(messageOf(refused)
                    == QStringLiteral("Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục."));
            }
            const auto change = [&](const QString& current, const QString& next) {
                return server.call("POST", QStringLiteral("/api/v1/auth/password"), token,
                    { { QStringLiteral("currentPassword"), current },
                        { QStringLiteral("newPassword"), next } });
            };
            const auto same = change(latest, latest);
            BOOST_TEST(same.status == 400);
            BOOST_TEST(errorFields(same) == QStringList { QStringLiteral("newPassword") });
            const QString chosen = QStringLiteral("mat-khau-moi-cua-bi-thu");
            const auto changed = change(latest, chosen);
            BOOST_TEST_REQUIRE(changed.status == 204, describe(changed));

            // The change clears the mark (and, as every change, ends the account's sessions).
            BOOST_TEST(probe(server, token, w) == 401);
            const auto fresh = signInAnswer(server, QStringLiteral("bithu.chibo1"), chosen);
            BOOST_TEST_REQUIRE(fresh.status == 200);
            BOOST_TEST(!fresh.json().value(QStringLiteral("mustChangePassword")).toBool());
            BOOST_TEST(probe(server, fresh.json().value(QStringLiteral("token")).toString(), w) == 200);
            BOOST_TEST(!server.call("GET", userUrl(w.secretaryId), w.admin)
                            .json()
                            .value(QStringLiteral("mustChangePassword"))
                            .toBool());

            // A temporary session may sign out.
            const auto third = server.call("POST", userUrl(w.secretaryId, "/password-reset"), w.admin);
            const QString temporarySession = server.signIn(QStringLiteral("bithu.chibo1"),
                third.json().value(QStringLiteral("temporaryPassword")).toString());
            BOOST_TEST(
                server.call("POST", QStringLiteral("/api/v1/auth/logout"), temporarySession).status == 204);
        }
    }
}

BOOST_AUTO_TEST_CASE(signing_out_everywhere_ends_every_session_of_that_account_only)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const QString other = server.signIn(w.lan.cardNumber, QStringLiteral("mat-khau-dangvien.lan"));
            const RowCounts before = RowCounts::of(db->db());
            const auto out = server.call("DELETE", userUrl(w.memberId, "/sessions"), w.officer);
            BOOST_TEST_REQUIRE(out.status == 204, describe(out));
            BOOST_TEST(out.body.isEmpty());
            BOOST_TEST(RowCounts::of(db->db()).audit == before.audit + 1);
            BOOST_TEST(probe(server, w.member, w) == 401);
            BOOST_TEST(probe(server, other, w) == 401);
            BOOST_TEST(probe(server, w.secretary, w) == 200);
            BOOST_TEST(probe(server, w.officer, w) == 200);
            // The password still works: this is no lock.
            BOOST_TEST(
                probe(server, server.signIn(w.lan.cardNumber, QStringLiteral("mat-khau-dangvien.lan")), w)
                == 200);
            // Signing oneself out everywhere is allowed, this session included.
            BOOST_TEST(server.call("DELETE", userUrl(w.officerId, "/sessions"), w.officer).status == 204);
            BOOST_TEST(probe(server, w.officer, w) == 401);
        }
    }
}

// Each server process keeps the principals it has checked (server/principal_cache.h). A change made through
// another process, or by hand in the database, must end what it ends at the next request to this one.
BOOST_AUTO_TEST_CASE(a_principal_kept_by_one_process_follows_changes_made_by_another_or_by_hand)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer keeping(*db);
            RunningServer other(*db);
            World w = world(*db, keeping);
            // Every check below first has `keeping` answer, and so keep, the principal it then tests.
            BOOST_TEST_REQUIRE(probe(keeping, w.secretary, w) == 200);
            const auto disabled = patch(other, w.admin, w.secretaryId,
                { { QStringLiteral("disabled"), true } }, versionOf(other, w, w.secretaryId));
            BOOST_TEST_REQUIRE(disabled.status == 200, describe(disabled));
            BOOST_TEST(probe(keeping, w.secretary, w) == 401);

            const QString farUnit = orgUrl(w.t.phuRieng.id);
            BOOST_TEST_REQUIRE(keeping.call("GET", farUnit, w.farOfficer).status == 200);
            BOOST_TEST_REQUIRE(
                other.call("DELETE", userUrl(w.farOfficerId, "/sessions"), w.admin).status == 204);
            BOOST_TEST(keeping.call("GET", farUnit, w.farOfficer).status == 401);

            // A unit moved out of the officer's scope: its kept path must not let its roster through.
            const QString schoolRoster = QStringLiteral("/api/v1/members?org=%1").arg(w.t.school.id);
            BOOST_TEST_REQUIRE(keeping.call("GET", schoolRoster, w.officer).status == 200);
            const auto moveSchool = [&](qint64 parentId) {
                const auto moved = other.call("POST", orgUrl(w.t.school.id, "/move"), w.admin,
                    withDecision({ { QStringLiteral("parentId"), parentId } }));
                BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            };
            moveSchool(w.t.phuRieng.id);
            BOOST_TEST(keeping.call("GET", schoolRoster, w.officer).status == 404);

            // A narrower scope: the officer of Trấn Biên now works in the school only.
            BOOST_TEST_REQUIRE(keeping.call("GET", orgUrl(w.t.tranBien.id), w.officer).status == 200);
            const auto narrowed = patch(other, w.admin, w.officerId,
                { { QStringLiteral("scopeOrgId"), w.t.school.id } }, versionOf(other, w, w.officerId));
            BOOST_TEST_REQUIRE(narrowed.status == 200, describe(narrowed));
            BOOST_TEST(keeping.call("GET", orgUrl(w.t.tranBien.id), w.officer).status == 404);
            BOOST_TEST(keeping.call("GET", orgUrl(w.t.cell1.id), w.officer).status == 200);

            // The unit of the officer's scope moves back: its path changes, and so does the scope.
            moveSchool(w.t.tranBien.id);
            BOOST_TEST(keeping.call("GET", orgUrl(w.t.cell1.id), w.officer).status == 200);
            BOOST_TEST(keeping.call("GET", schoolRoster, w.officer).status == 200);

            // By hand, as a tool or an operator might.
            BOOST_TEST_REQUIRE(sql::exec(db->db(),
                QStringLiteral("UPDATE app_user SET disabled_at = '2026-12-01T00:00:00Z' WHERE id = ?"),
                { w.officerId })
                                   .ok());
            BOOST_TEST(probe(keeping, w.officer, w) == 401);
            BOOST_TEST(probe(keeping, w.admin, w) == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(officers_never_touch_administrators_nor_raise_roles_and_nobody_disables_themself)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const RowCounts before = RowCounts::of(db->db());
            const qint64 secretaryVersion = versionOf(server, w, w.secretaryId);
            const auto refused = [&](const QString& token, qint64 id, const QJsonObject& body) {
                return patch(server, token, id, body, versionOf(server, w, id));
            };

            const auto raise
                = refused(w.officer, w.secretaryId, { { QStringLiteral("role"), QStringLiteral("admin") } });
            BOOST_TEST(raise.status == 403);
            BOOST_TEST(errorFields(raise) == QStringList { QStringLiteral("role") });
            BOOST_TEST(refused(w.officer, w.adminId, { { QStringLiteral("disabled"), true } }).status == 404);
            const auto outside
                = refused(w.officer, w.secretaryId, { { QStringLiteral("scopeOrgId"), w.t.phuRieng.id } });
            BOOST_TEST(outside.status == 404);
            const auto selfDisable = refused(w.admin, w.adminId, { { QStringLiteral("disabled"), true } });
            BOOST_TEST(selfDisable.status == 403);
            BOOST_TEST(errorFields(selfDisable) == QStringList { QStringLiteral("disabled") });
            const auto selfDemote = refused(w.admin, w.adminId,
                { { QStringLiteral("role"), QStringLiteral("officer") },
                    { QStringLiteral("scopeOrgId"), w.t.province.id } });
            BOOST_TEST(selfDemote.status == 403);
            BOOST_TEST(errorFields(selfDemote) == QStringList { QStringLiteral("role") });
            BOOST_TEST(
                refused(w.officer, w.officerId, { { QStringLiteral("disabled"), true } }).status == 403);
            const auto toMember
                = refused(w.admin, w.secretaryId, { { QStringLiteral("role"), QStringLiteral("member") } });
            BOOST_TEST(toMember.status == 400);
            BOOST_TEST(errorFields(toMember) == QStringList { QStringLiteral("role") });
            const auto memberScope
                = refused(w.admin, w.memberId, { { QStringLiteral("scopeOrgId"), w.t.cell2.id } });
            BOOST_TEST(memberScope.status == 400);
            BOOST_TEST(errorFields(memberScope) == QStringList { QStringLiteral("scopeOrgId") });
            const auto unknown
                = refused(w.admin, w.secretaryId, { { QStringLiteral("password"), QStringLiteral("x") } });
            BOOST_TEST(unknown.status == 400);
            BOOST_TEST(errorFields(unknown) == QStringList { QStringLiteral("password") });
            BOOST_TEST(
                server
                    .call("PATCH", userUrl(w.secretaryId), w.admin, { { QStringLiteral("disabled"), true } })
                    .status
                == 428);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // Within its scope and its own role, an officer promotes, moves and demotes.
            const auto promoted = patch(server, w.officer, w.secretaryId,
                { { QStringLiteral("role"), QStringLiteral("officer") },
                    { QStringLiteral("scopeOrgId"), w.t.school.id } },
                secretaryVersion);
            BOOST_TEST_REQUIRE(promoted.status == 200, describe(promoted));
            BOOST_TEST(promoted.json().value(QStringLiteral("role")).toString() == QStringLiteral("officer"));
            BOOST_TEST(promoted.json().value(QStringLiteral("scopeOrgId")).toInteger() == w.t.school.id);
            BOOST_TEST(promoted.json().value(QStringLiteral("version")).toInteger() == secretaryVersion + 1);
            // The promoted account works with its new role at once: it sees the accounts under the school.
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/users"), w.secretary).status == 200);
            // A stale version gets 412 and the account as it is now.
            const auto stale = patch(server, w.officer, w.secretaryId,
                { { QStringLiteral("role"), QStringLiteral("secretary") } }, secretaryVersion);
            BOOST_TEST(stale.status == 412);
            BOOST_TEST(stale.json()
                           .value(QStringLiteral("error"))
                           .toObject()
                           .value(QStringLiteral("currentVersion"))
                           .toInteger()
                == secretaryVersion + 1);

            // An administrator may take another administrator back; that one's sessions end.
            const QString second
                = server.addUser(w.admin, QStringLiteral("quantri.2"), QStringLiteral("admin"), std::nullopt);
            const qint64 secondId = idOf(*db, "quantri.2");
            const auto demoted = patch(server, w.admin, secondId,
                { { QStringLiteral("role"), QStringLiteral("officer") },
                    { QStringLiteral("scopeOrgId"), w.t.phuRieng.id } },
                versionOf(server, w, secondId));
            BOOST_TEST_REQUIRE(demoted.status == 200, describe(demoted));
            BOOST_TEST(server.call("GET", userUrl(w.adminId), second).status == 404);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/users?role=admin"), w.admin)
                           .json()
                           .value(QStringLiteral("items"))
                           .toArray()
                           .size()
                == 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(unlocking_lifts_the_sign_in_pause_of_that_account_and_keeps_the_address_counts)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db, 4, [](server::ServerConfig& config) {
                config.trustedProxies = { QStringLiteral("127.0.0.1") };
                config.signIns.failuresPerAddress = 15;
            });
            World w = world(*db, server);
            const auto from = [&server](const QString& username, const QString& password) {
                return server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
                    { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } },
                    { { "X-Forwarded-For", "203.0.113.7" } });
            };
            const QString secretary = QStringLiteral("bithu.chibo1");
            const QString password = QStringLiteral("mat-khau-bithu.chibo1");
            for (int i = 0; i < 10; ++i)
                BOOST_TEST(from(secretary, QStringLiteral("sai-mat-khau-roi")).status == 401);
            for (int i = 0; i < 4; ++i)
                BOOST_TEST(
                    from(QStringLiteral("canbo.tranbien"), QStringLiteral("sai-mat-khau-roi")).status == 401);
            BOOST_TEST(from(secretary, password).status == 429);

            // Out of the caller's scope the account is not there to unlock, and stays paused.
            BOOST_TEST(server.call("POST", userUrl(w.secretaryId, "/unlock"), w.farOfficer).status == 404);
            BOOST_TEST(server.call("POST", userUrl(w.secretaryId, "/unlock"), w.secretary).status == 403);
            BOOST_TEST(from(secretary, password).status == 429);

            const qint64 audits = RowCounts::of(db->db()).audit;
            BOOST_TEST(server.call("POST", userUrl(w.secretaryId, "/unlock"), w.officer).status == 204);
            BOOST_TEST(RowCounts::of(db->db()).audit == audits + 1);
            BOOST_TEST(from(secretary, password).status == 200);
            // The address's own count (14 failures of 15) was not forgotten: one more pauses the address.
            BOOST_TEST(from(QStringLiteral("ai.do"), QStringLiteral("sai-mat-khau-roi")).status == 401);
            const auto paused = from(secretary, password);
            BOOST_TEST(paused.status == 429);
            BOOST_TEST(errorCode(paused) == QStringLiteral("too_many_attempts"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
