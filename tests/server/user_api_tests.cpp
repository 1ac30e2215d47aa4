// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts over HTTP: administrators create any account, officers only inside their scope and no stronger
// than themselves; lists show the accounts in the caller's scope, keyset-paged, searched and filtered; bodies
// are read strictly and a refusal writes nothing; a repeated creation is replayed only while the account is
// still the caller's to see.
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    Member lan, hoa;
    QString admin, officer, secretary, member;
};

// The tree and its members, seeded straight into the database before the server starts.
World seed(const TestDatabase& db)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.hoa = addMember(db.db(), w.t.rubberCell.id, "Phạm", "Thị", "Hoa");
    return w;
}

// The accounts, created through the API of the running server.
void signInAccounts(World& w, const RunningServer& server)
{
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.member = server.addUser(
        w.admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), std::nullopt, w.lan.id);
}

// Accounts outside Trấn Biên: an officer of Phú Riềng and the member Hoa.
void addOutsiders(const World& w, const RunningServer& server)
{
    server.addUser(w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    server.addUser(w.admin, QStringLiteral("dangvien.hoa"), QStringLiteral("member"), std::nullopt, w.hoa.id);
}

QJsonObject account(const char* username, const char* role, std::optional<qint64> scopeOrgId = std::nullopt,
    std::optional<qint64> memberId = std::nullopt)
{
    QJsonObject body { { QStringLiteral("username"), QString::fromUtf8(username) },
        { QStringLiteral("password"), QStringLiteral("mat-khau-du-dai-2026") },
        { QStringLiteral("role"), QString::fromLatin1(role) } };
    if (scopeOrgId)
        body.insert(QStringLiteral("scopeOrgId"), *scopeOrgId);
    if (memberId)
        body.insert(QStringLiteral("memberId"), *memberId);
    return body;
}

QStringList usernamesOf(const HttpAnswer& answer)
{
    QStringList names;
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        names.append(item.toObject().value(QStringLiteral("username")).toString());
    return names;
}

} // namespace

BOOST_AUTO_TEST_SUITE(user_api_tests)

BOOST_AUTO_TEST_CASE(an_administrator_creates_accounts_of_every_role_and_lists_them)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto create = [&server, &w](const QJsonObject& body) {
                return server.call("POST", QStringLiteral("/api/v1/users"), w.admin, body);
            };

            const RowCounts before = RowCounts::of(db->db());
            const auto officer = create(account("  CanBo.PhuRieng ", "officer", w.t.phuRieng.id));
            BOOST_TEST_REQUIRE(officer.status == 201, describe(officer));
            const QJsonObject user = officer.json();
            BOOST_TEST(user.value(QStringLiteral("username")).toString() == QStringLiteral("canbo.phurieng"));
            BOOST_TEST(user.value(QStringLiteral("role")).toString() == QStringLiteral("officer"));
            BOOST_TEST(user.value(QStringLiteral("scopeOrgId")).toInteger() == w.t.phuRieng.id);
            BOOST_TEST(user.value(QStringLiteral("memberId")).isNull());
            BOOST_TEST(!user.contains(QStringLiteral("password")));
            BOOST_TEST(!user.contains(QStringLiteral("passwordHash")));
            BOOST_TEST(!officer.body.contains("argon2"));
            const RowCounts after = RowCounts::of(db->db());
            BOOST_TEST(after.users == before.users + 1);
            BOOST_TEST(after.feed == before.feed + 1);
            BOOST_TEST(after.audit == before.audit + 1);

            // An administrator has no scope, whatever the body says. Members make their own accounts with an
            // activation code (handbook_account_api_tests); a staff account may be linked to its holder's own
            // member record.
            const auto admin = create(account("quantri.2", "admin", w.t.cell1.id));
            BOOST_TEST_REQUIRE(admin.status == 201, describe(admin));
            BOOST_TEST(admin.json().value(QStringLiteral("scopeOrgId")).isNull());
            const auto member = create(account("dangvien.hoa", "member", w.t.cell1.id, w.hoa.id));
            BOOST_TEST(member.status == 400);
            BOOST_TEST(errorFields(member) == QStringList { QStringLiteral("role") });
            const auto hoa = create(account("bithu.caosu", "secretary", w.t.rubberCell.id, w.hoa.id));
            BOOST_TEST_REQUIRE(hoa.status == 201, describe(hoa));
            BOOST_TEST(hoa.json().value(QStringLiteral("scopeOrgId")).toInteger() == w.t.rubberCell.id);
            BOOST_TEST(hoa.json().value(QStringLiteral("memberId")).toInteger() == w.hoa.id);
            BOOST_TEST(
                create(account("bithu.caosu2", "secretary", w.t.rubberCell.id, w.hoa.id)).status == 400);

            const auto all = server.call("GET", QStringLiteral("/api/v1/users"), w.admin);
            BOOST_TEST_REQUIRE(all.status == 200);
            BOOST_TEST(usernamesOf(all)
                == (QStringList { w.lan.cardNumber, QStringLiteral("admin"), QStringLiteral("bithu.caosu"),
                    QStringLiteral("bithu.chibo1"), QStringLiteral("canbo.phurieng"),
                    QStringLiteral("canbo.tranbien"), QStringLiteral("quantri.2") }));
            BOOST_TEST(!all.body.contains("argon2"));
            BOOST_TEST(!all.body.contains("mat-khau"));

            // The new accounts sign in, and see what their role and scope allow.
            const QString phuRieng
                = server.signIn(QStringLiteral("canbo.phurieng"), QStringLiteral("mat-khau-du-dai-2026"));
            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), phuRieng).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), phuRieng).status == 404);
            const QString hoaToken
                = server.signIn(QStringLiteral("bithu.caosu"), QStringLiteral("mat-khau-du-dai-2026"));
            BOOST_TEST(server.call("GET", memberUrl(w.hoa.id), hoaToken).status == 200);
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), hoaToken).status == 404);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_officer_creates_accounts_only_inside_its_scope_and_no_stronger_than_itself)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto create = [&server](const QString& token, const QJsonObject& body) {
                return server.call("POST", QStringLiteral("/api/v1/users"), token, body);
            };

            const auto secretary = create(w.officer, account("bithu.chibo2", "secretary", w.t.cell2.id));
            BOOST_TEST_REQUIRE(secretary.status == 201, describe(secretary));
            BOOST_TEST(secretary.json().value(QStringLiteral("scopeOrgId")).toInteger() == w.t.cell2.id);
            const auto peer = create(w.officer, account("canbo.truong", "officer", w.t.school.id));
            BOOST_TEST_REQUIRE(peer.status == 201, describe(peer));
            const auto ownScope = create(w.officer, account("canbo.tranbien2", "officer"));
            BOOST_TEST_REQUIRE(ownScope.status == 201, describe(ownScope));
            BOOST_TEST(ownScope.json().value(QStringLiteral("scopeOrgId")).toInteger() == w.t.tranBien.id);
            const auto lan = create(w.officer, account("dangvien.lan2", "member", std::nullopt, w.lan.id));
            BOOST_TEST(lan.status == 400);

            const RowCounts before = RowCounts::of(db->db());
            const auto stronger = create(w.officer, account("quantri.moi", "admin"));
            BOOST_TEST(stronger.status == 403);
            BOOST_TEST(errorCode(stronger) == QStringLiteral("forbidden"));
            const auto missingUnit = create(w.admin, account("ai.do", "officer", 999999));
            BOOST_TEST(missingUnit.status == 404);
            const auto outsideUnit = create(w.officer, account("canbo.phurieng", "officer", w.t.phuRieng.id));
            BOOST_TEST(outsideUnit.status == 404);
            BOOST_TEST(outsideUnit.body == missingUnit.body);
            BOOST_TEST(
                create(w.officer, account("bithu.caosu", "secretary", w.t.rubberCell.id)).status == 404);
            const auto outsideMember
                = create(w.officer, account("bithu.hoa", "secretary", w.t.cell1.id, w.hoa.id));
            BOOST_TEST(outsideMember.status == 404);
            BOOST_TEST(outsideMember.body == missingUnit.body);
            // An officer of the school cannot reach above the school.
            const QString schoolOfficer
                = server.signIn(QStringLiteral("canbo.truong"), QStringLiteral("mat-khau-du-dai-2026"));
            BOOST_TEST(
                create(schoolOfficer, account("canbo.khac", "officer", w.t.tranBien.id)).status == 404);
            BOOST_TEST(
                create(schoolOfficer, account("bithu.chibo1b", "secretary", w.t.cell1.id)).status == 201);
            const RowCounts afterSchool = RowCounts::of(db->db());
            BOOST_TEST(afterSchool.users == before.users + 1);
            BOOST_TEST(afterSchool.feed == before.feed + 1);

            // Secretaries and members manage no accounts.
            for (const QString& token : { w.secretary, w.member }) {
                BOOST_TEST(
                    create(token, account("ai.do.khac", "member", std::nullopt, w.lan.id)).status == 403);
                BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/users"), token).status == 403);
            }
            BOOST_TEST((RowCounts::of(db->db()) == afterSchool));
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_officer_lists_only_the_accounts_in_its_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/users"), w.admin,
                               account("canbo.phurieng", "officer", w.t.phuRieng.id))
                           .status
                == 201);
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/users"), w.admin,
                               account("dangvien.hoa", "member", std::nullopt, w.hoa.id))
                           .status
                == 400);
            server.addUser(
                w.admin, QStringLiteral("dangvien.hoa"), QStringLiteral("member"), std::nullopt, w.hoa.id);

            const auto mine = server.call("GET", QStringLiteral("/api/v1/users"), w.officer);
            BOOST_TEST_REQUIRE(mine.status == 200);
            BOOST_TEST(usernamesOf(mine)
                == (QStringList {
                    w.lan.cardNumber, QStringLiteral("bithu.chibo1"), QStringLiteral("canbo.tranbien") }));
            const auto unknownParameter
                = server.call("GET", QStringLiteral("/api/v1/users?scope=1"), w.admin);
            BOOST_TEST(unknownParameter.status == 400);
            BOOST_TEST(errorFields(unknownParameter) == QStringList { QStringLiteral("scope") });
            // The officer's filters never widen the scope: no administrator, whatever is asked for.
            const auto admins = server.call("GET", QStringLiteral("/api/v1/users?role=admin"), w.officer);
            BOOST_TEST_REQUIRE(admins.status == 200);
            BOOST_TEST(usernamesOf(admins).isEmpty());
        }
    }
}

BOOST_AUTO_TEST_CASE(account_bodies_are_read_strictly_and_a_refusal_writes_nothing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());
            const auto refusedOn = [&server, &w](const QJsonObject& body) {
                const auto answer = server.call("POST", QStringLiteral("/api/v1/users"), w.admin, body);
                BOOST_TEST(answer.status == 400, describe(answer));
                BOOST_TEST(errorCode(answer) == QStringLiteral("bad_request"));
                return errorFields(answer);
            };

            BOOST_TEST(refusedOn(account("ab", "officer", w.t.school.id))
                == QStringList { QStringLiteral("username") });
            BOOST_TEST(refusedOn(account("cán.bộ", "officer", w.t.school.id))
                == QStringList { QStringLiteral("username") });
            BOOST_TEST(refusedOn(account("admin", "officer", w.t.school.id))
                == QStringList { QStringLiteral("username") });
            BOOST_TEST(refusedOn(account("  CANBO.TRANBIEN ", "officer", w.t.school.id))
                == QStringList { QStringLiteral("username") });
            BOOST_TEST(refusedOn(account("canbo.moi", "superuser", w.t.school.id))
                == QStringList { QStringLiteral("role") });
            BOOST_TEST(
                refusedOn(account("canbo.moi", "officer")) == QStringList { QStringLiteral("scopeOrgId") });
            BOOST_TEST(refusedOn(account("dangvien.moi", "member", w.t.cell1.id))
                == QStringList { QStringLiteral("role") });
            BOOST_TEST(refusedOn(account("quantri.moi", "admin", std::nullopt, w.lan.id))
                == QStringList { QStringLiteral("memberId") });
            QJsonObject weak = account("canbo.moi", "officer", w.t.school.id);
            weak.insert(QStringLiteral("password"), QStringLiteral("123456789"));
            BOOST_TEST(refusedOn(weak) == QStringList { QStringLiteral("password") });
            QJsonObject types { { QStringLiteral("username"), 42 }, { QStringLiteral("password"), true },
                { QStringLiteral("role"), QStringLiteral("officer") },
                { QStringLiteral("scopeOrgId"), QStringLiteral("5") } };
            BOOST_TEST(refusedOn(types)
                == (QStringList {
                    QStringLiteral("password"), QStringLiteral("scopeOrgId"), QStringLiteral("username") }));
            QJsonObject extra = account("canbo.moi", "officer", w.t.school.id);
            extra.insert(QStringLiteral("isAdmin"), true);
            BOOST_TEST(refusedOn(extra) == QStringList { QStringLiteral("isAdmin") });
            BOOST_TEST(refusedOn(account("canbo.moi", "officer", 0))
                == QStringList { QStringLiteral("scopeOrgId") });
            BOOST_TEST(refusedOn({})
                == (QStringList {
                    QStringLiteral("password"), QStringLiteral("role"), QStringLiteral("username") }));

            // A member id that names nobody is a refusal, never a server error.
            const auto nobody = server.call("POST", QStringLiteral("/api/v1/users"), w.admin,
                account("bithu.ma", "secretary", w.t.cell1.id, 999999));
            BOOST_TEST(nobody.status == 404);
            // Nor a member who has an account already.
            const auto linked = server.call("POST", QStringLiteral("/api/v1/users"), w.admin,
                account("bithu.lan", "secretary", w.t.cell1.id, w.lan.id));
            BOOST_TEST(linked.status == 400, describe(linked));
            BOOST_TEST(errorFields(linked) == QStringList { QStringLiteral("memberId") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_account_post_repeated_with_the_same_key_creates_one_account)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const QJsonObject body = account("bithu.chibo2", "secretary", w.t.cell2.id);
            const auto first = server.call("POST", QStringLiteral("/api/v1/users"), w.officer, body,
                idempotencyKey("tao-tai-khoan-0001"));
            BOOST_TEST_REQUIRE(first.status == 201, describe(first));
            const RowCounts once = RowCounts::of(db->db());
            const auto again = server.call("POST", QStringLiteral("/api/v1/users"), w.officer, body,
                idempotencyKey("tao-tai-khoan-0001"));
            BOOST_TEST(again.status == 201);
            BOOST_TEST(again.body == first.body);
            BOOST_TEST(again.headers.at("Idempotent-Replayed") == "true");
            BOOST_TEST((RowCounts::of(db->db()) == once));
            // Without a key the same body is a new request: the name is taken now.
            const auto plain = server.call("POST", QStringLiteral("/api/v1/users"), w.officer, body);
            BOOST_TEST(plain.status == 400);
            BOOST_TEST(errorFields(plain) == QStringList { QStringLiteral("username") });
            BOOST_TEST((RowCounts::of(db->db()) == once));

            // The kept request says nothing of the password: no fast hash of the body that carried it, which
            // would let whoever reads the database try passwords faster than against the account's own hash.
            const QByteArray sent = QJsonDocument(body).toJson(QJsonDocument::Compact);
            auto fastHashes = sql::exec(db->db(),
                QStringLiteral("SELECT COUNT(*) FROM idempotent_request WHERE body_hash = ?"),
                { QString::fromLatin1(QCryptographicHash::hash(sent, QCryptographicHash::Sha256).toHex()) });
            BOOST_TEST_REQUIRE((fastHashes.ok() && fastHashes->next()));
            BOOST_TEST(fastHashes->value(0).toInt() == 0);

            // Once the officer works in another commune, the repeat is not replayed: that account is no
            // longer theirs to see.
            const auto moved = changeAccount(server, db->db(), w.admin, "canbo.tranbien",
                { { QStringLiteral("scopeOrgId"), w.t.phuRieng.id } });
            BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            const RowCounts afterMove = RowCounts::of(db->db());
            const auto outOfScope = server.call("POST", QStringLiteral("/api/v1/users"), w.officer, body,
                idempotencyKey("tao-tai-khoan-0001"));
            BOOST_TEST(outOfScope.status == 404, describe(outOfScope));
            BOOST_TEST(!outOfScope.body.contains("bithu.chibo2"));
            BOOST_TEST((RowCounts::of(db->db()) == afterMove));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_list_is_keyset_paged_and_returns_each_account_once_while_accounts_are_added)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            addOutsiders(w, server);
            const auto add = [&](const QString& name, qint64 unit) {
                const auto answer = server.call("POST", QStringLiteral("/api/v1/users"), w.admin,
                    { { QStringLiteral("username"), name },
                        { QStringLiteral("password"), QStringLiteral("mat-khau-du-dai-2026") },
                        { QStringLiteral("role"), QStringLiteral("secretary") },
                        { QStringLiteral("scopeOrgId"), unit } });
                BOOST_TEST_REQUIRE(answer.status == 201, describe(answer));
            };
            for (int i = 0; i < 14; ++i)
                add(QStringLiteral("thuky.%1").arg(i * 2 + 10), i % 2 ? w.t.cell2.id : w.t.rubberCell.id);
            const QStringList everyone
                = usernamesOf(server.call("GET", QStringLiteral("/api/v1/users?limit=200"), w.admin));
            BOOST_TEST_REQUIRE(everyone.size() == 20);

            for (const auto& [token, limit] : { std::pair { w.admin, 3 }, std::pair { w.officer, 2 } }) {
                const QStringList expected
                    = usernamesOf(server.call("GET", QStringLiteral("/api/v1/users?limit=200"), token));
                QStringList seen;
                QString after;
                int pages = 0;
                while (true) {
                    QString url = QStringLiteral("/api/v1/users?limit=%1").arg(limit);
                    if (!after.isEmpty())
                        url += QStringLiteral("&after=") + after;
                    const auto page = server.call("GET", url, token);
                    BOOST_TEST_REQUIRE(page.status == 200, describe(page));
                    BOOST_TEST(usernamesOf(page).size() <= limit);
                    seen += usernamesOf(page);
                    // Between pages, accounts arrive before and after the cursor.
                    add(QStringLiteral("thuky.%1a%2")
                            .arg(token == w.admin ? QStringLiteral("a") : QStringLiteral("b"))
                            .arg(pages),
                        w.t.cell2.id);
                    add(QStringLiteral("a%1.moi.%2").arg(token == w.admin ? u'c' : u'b').arg(pages),
                        w.t.cell2.id);
                    ++pages;
                    const QJsonValue next = page.json().value(QStringLiteral("next"));
                    if (next.isNull())
                        break;
                    after = next.toString();
                    BOOST_TEST_REQUIRE(pages < 60);
                }
                // Every account that was there at the start, exactly once, in order; no account twice.
                BOOST_TEST(QSet<QString>(seen.begin(), seen.end()).size() == seen.size());
                for (const QString& name : expected)
                    BOOST_TEST(seen.count(name) == 1, name.toStdString());
                QStringList sorted = seen;
                std::sort(sorted.begin(), sorted.end());
                BOOST_TEST(sorted == seen);
                // One added after the cursor comes in a later page; one added before it, in none.
                BOOST_TEST(
                    seen.contains(QStringLiteral("thuky.%1a0")
                                      .arg(token == w.admin ? QStringLiteral("a") : QStringLiteral("b"))));
                BOOST_TEST(!seen.contains(QStringLiteral("a%1.moi.0").arg(token == w.admin ? u'c' : u'b')));
            }
            // An officer's pages never hold an account outside its subtree.
            const auto officerAll
                = usernamesOf(server.call("GET", QStringLiteral("/api/v1/users?limit=200"), w.officer));
            BOOST_TEST(!officerAll.contains(QStringLiteral("admin")));
            BOOST_TEST(!officerAll.contains(QStringLiteral("canbo.phurieng")));
            BOOST_TEST(!officerAll.contains(QStringLiteral("thuky.10"))); // Phú Riềng's cell
            BOOST_TEST(officerAll.contains(QStringLiteral("thuky.12")));

            // A cursor is the server's: anything else is refused, naming the parameter.
            for (const char* bad :
                { "after=%25%25%25", "after=YWRt!", "limit=0", "limit=201", "role=boss", "state=locked" }) {
                const auto answer = server.call(
                    "GET", QStringLiteral("/api/v1/users?") + QString::fromLatin1(bad), w.admin);
                BOOST_TEST(answer.status == 400, bad);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_list_searches_user_and_member_names_and_filters_by_role_and_state)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            addOutsiders(w, server);
            const auto names = [&](const QString& token, const char* query) {
                const auto answer
                    = server.call("GET", QStringLiteral("/api/v1/users?") + QString::fromUtf8(query), token);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                return usernamesOf(answer);
            };
            BOOST_TEST(names(w.admin, "q=lan") == QStringList { w.lan.cardNumber });
            // By the member's name, without diacritics or with, and "+" as a space.
            BOOST_TEST(names(w.admin, "q=nguyen+thi") == QStringList { w.lan.cardNumber });
            BOOST_TEST(names(w.admin, "q=Ph%E1%BA%A1m%20Th%E1%BB%8B") == QStringList { w.hoa.cardNumber });
            BOOST_TEST(names(w.officer, "q=pham+thi").isEmpty()); // outside Trấn Biên
            BOOST_TEST(names(w.admin, "q=canbo")
                == (QStringList { QStringLiteral("canbo.phurieng"), QStringLiteral("canbo.tranbien") }));
            BOOST_TEST(names(w.admin, "q=%25").isEmpty()); // a wildcard is a character like any other
            BOOST_TEST(names(w.admin, "role=member") == (QStringList { w.lan.cardNumber, w.hoa.cardNumber }));
            BOOST_TEST(names(w.officer, "role=member") == QStringList { w.lan.cardNumber });
            BOOST_TEST(names(w.admin, "role=officer&q=tranbien")
                == QStringList { QStringLiteral("canbo.tranbien") });
            BOOST_TEST(names(w.admin, "state=disabled").isEmpty());
            BOOST_TEST(names(w.admin, "state=active").size() == 6);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
