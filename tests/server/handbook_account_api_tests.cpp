// SPDX-License-Identifier: GPL-3.0-or-later
// Handbook accounts for members over HTTP: activation codes issued by officers (one member, or a unit's
// members without an account), stored hashed, one-time, replaced by a reissue, dead after 30 days; a member
// activates with their number (a card, or a profile number without one), becomes that user name, and wrong
// codes are paused like wrong passwords; leaving the roster ends access at once; who may do what.
#include "member/member.h"
#include "store/member_repository.h"
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    Member lan, mai, hoa;
    QString admin, officer, secretary, farOfficer;
};

World world(const TestDatabase& db, const RunningServer& server)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.mai = addMember(db.db(), w.t.cell2.id, "Trần", "Ngọc", "Mai");
    w.hoa = addMember(db.db(), w.t.rubberCell.id, "Phạm", "Thị", "Hoa");
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.farOfficer = server.addUser(
        w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    return w;
}

QString codeUrl(qint64 memberId)
{
    return QStringLiteral("/api/v1/members/%1/activation-code").arg(memberId);
}

HttpAnswer activate(const RunningServer& server, const QString& number, const QString& code,
    const QString& password = QStringLiteral("Mat-khau-rieng-2026"))
{
    return server.call("POST", QStringLiteral("/api/v1/handbook/activate"), {},
        { { QStringLiteral("number"), number }, { QStringLiteral("code"), code },
            { QStringLiteral("password"), password } });
}

HttpAnswer signIn(const RunningServer& server, const QString& username, const QString& password)
{
    return server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
}

QString codeOf(const HttpAnswer& answer)
{
    return answer.json().value(QStringLiteral("code")).toString();
}

// The states of a unit's members, by member id, as GET /orgs/{id}/accounts shows them.
std::map<qint64, QString> statesIn(const RunningServer& server, const QString& token, qint64 unit)
{
    std::map<qint64, QString> states;
    const auto answer = server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(unit), token);
    BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        states[item.toObject().value(QStringLiteral("memberId")).toInteger()]
            = item.toObject().value(QStringLiteral("state")).toString();
    return states;
}

} // namespace

BOOST_AUTO_TEST_SUITE(handbook_account_api_tests)

BOOST_AUTO_TEST_CASE(a_member_activates_once_with_their_number_and_code_and_signs_in_with_the_number)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto issued = server.call("POST", codeUrl(w.lan.id), w.officer, {});
            BOOST_TEST_REQUIRE(issued.status == 201, describe(issued));
            const QString code = codeOf(issued);
            BOOST_TEST(code.size() == 9);
            BOOST_TEST(issued.json().value(QStringLiteral("number")).toString() == w.lan.cardNumber);
            BOOST_TEST(issued.json().value(QStringLiteral("fullName")).toString()
                == QStringLiteral("Nguyễn Thị Lan"));
            BOOST_TEST(issued.json().value(QStringLiteral("expiresAt")).toString()
                == QStringLiteral("2026-12-25T03:00:00Z"));
            // Stored hashed: the code is nowhere in the database.
            auto stored = sql::exec(db->db(),
                QStringLiteral("SELECT code_hash FROM activation_code WHERE member_id = ?"), { w.lan.id });
            BOOST_TEST_REQUIRE((stored.ok() && stored->next()));
            BOOST_TEST(!stored->value(0).toString().contains(code.left(4)));
            stored->finish(); // an open read would keep SQLite's snapshot from before the writes below

            // Wrong code, wrong number, a weak password: refused, naming the field, and the code stays alive.
            const RowCounts before = RowCounts::of(db->db());
            const auto wrong = activate(server, w.lan.cardNumber, QStringLiteral("AAAA-AAAA"));
            BOOST_TEST(wrong.status == 400);
            BOOST_TEST(errorFields(wrong) == QStringList { QStringLiteral("code") });
            const auto otherNumber = activate(server, w.mai.cardNumber, code);
            BOOST_TEST(otherNumber.status == 400);
            BOOST_TEST(otherNumber.body == wrong.body); // nothing says which of the two was wrong
            const auto weak = activate(server, w.lan.cardNumber, code, QStringLiteral("12345678"));
            BOOST_TEST(weak.status == 400);
            BOOST_TEST(errorFields(weak) == QStringList { QStringLiteral("password") });
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // Typed in lower case with a space: accepted; the number is now the user name.
            QString typed = code.toLower();
            typed.replace(u'-', u' ');
            const auto activated = activate(server, w.lan.cardNumber, typed);
            BOOST_TEST_REQUIRE(activated.status == 201, describe(activated));
            BOOST_TEST(activated.json().value(QStringLiteral("username")).toString() == w.lan.cardNumber);
            const auto session = signIn(server, w.lan.cardNumber, QStringLiteral("Mat-khau-rieng-2026"));
            BOOST_TEST_REQUIRE(session.status == 200, describe(session));
            const QJsonObject user = session.json().value(QStringLiteral("user")).toObject();
            BOOST_TEST(user.value(QStringLiteral("role")).toString() == QStringLiteral("member"));
            BOOST_TEST(user.value(QStringLiteral("memberId")).toInteger() == w.lan.id);
            const QString token = session.json().value(QStringLiteral("token")).toString();
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), token).status == 200);
            BOOST_TEST(server.call("GET", memberUrl(w.mai.id), token).status == 404);

            // Once: the code is spent, and a member with an account gets no new code.
            BOOST_TEST(activate(server, w.lan.cardNumber, code).status == 400);
            const auto again = server.call("POST", codeUrl(w.lan.id), w.officer, {});
            BOOST_TEST(again.status == 409);
            BOOST_TEST(errorFields(again) == QStringList { QStringLiteral("memberId") });
            auto audit = sql::exec(db->db(),
                QStringLiteral(
                    "SELECT action FROM audit_log WHERE entity = 'member' AND entity_id = ? ORDER BY id"),
                { w.lan.id });
            BOOST_TEST_REQUIRE(audit.ok());
            QStringList actions;
            while (audit->next())
                actions.append(audit->value(0).toString());
            BOOST_TEST(actions.contains(QStringLiteral("member.activation_code")));
            BOOST_TEST(actions.contains(QStringLiteral("member.handbook_activated")));
            // Accounts of members are made by activation only.
            const auto direct = server.call("POST", QStringLiteral("/api/v1/users"), w.admin,
                { { QStringLiteral("username"), QStringLiteral("dangvien.mai") },
                    { QStringLiteral("password"), QStringLiteral("Mat-khau-rieng-2026") },
                    { QStringLiteral("role"), QStringLiteral("member") },
                    { QStringLiteral("memberId"), w.mai.id } });
            BOOST_TEST(direct.status == 400);
            BOOST_TEST(errorFields(direct) == QStringList { QStringLiteral("role") });
        }
    }
}

BOOST_AUTO_TEST_CASE(a_reissued_code_replaces_the_old_one_and_a_code_lives_thirty_days)
{
    const auto db = TestDatabase::sqlite();
    RunningServer server(*db);
    const World w = world(*db, server);
    const QString first = codeOf(server.call("POST", codeUrl(w.lan.id), w.officer, {}));
    const QString second = codeOf(server.call("POST", codeUrl(w.lan.id), w.officer, {}));
    BOOST_TEST(first != second);
    BOOST_TEST(activate(server, w.lan.cardNumber, first).status == 400);

    const QString late = codeOf(server.call("POST", codeUrl(w.mai.id), w.officer, {}));
    server.advanceClock(30 * 24 * 3600 + 1);
    BOOST_TEST(activate(server, w.mai.cardNumber, late).status == 400);
    BOOST_TEST(activate(server, w.lan.cardNumber, second).status == 400); // issued before, expired too
}

BOOST_AUTO_TEST_CASE(wrong_codes_are_paused_like_wrong_passwords)
{
    const auto db = TestDatabase::sqlite();
    RunningServer server(*db);
    const World w = world(*db, server);
    const QString code = codeOf(server.call("POST", codeUrl(w.lan.id), w.officer, {}));
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(activate(server, w.lan.cardNumber, QStringLiteral("AAAA-AAAA")).status == 400);
    // The right code now waits too: guessing cannot go on.
    const auto paused = activate(server, w.lan.cardNumber, code);
    BOOST_TEST(paused.status == 429, describe(paused));
    BOOST_TEST(errorCode(paused) == QStringLiteral("too_many_attempts"));
    BOOST_TEST(paused.headers.count("Retry-After") == 1U);
    // Another member's activation from the same office is not held up.
    const QString other = codeOf(server.call("POST", codeUrl(w.mai.id), w.officer, {}));
    BOOST_TEST(activate(server, w.mai.cardNumber, other).status == 201);
}

BOOST_AUTO_TEST_CASE(an_officer_issues_codes_for_a_units_members_without_an_account)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            // A probationer without a card signs in with the profile number; a member with neither number and
            // two members sharing a card are left out, with the reason.
            const Member probationer = addMemberWithoutCard(db->db(), w.t.cell1.id, "Lê", "Văn", "An");
            Member noNumber = sampleMember(
                w.t.cell2.id, QStringLiteral("Võ"), QStringLiteral("Thị"), QStringLiteral("Bé"));
            noNumber.cardNumber.clear();
            noNumber.profileNumber.clear();
            const MemberEvent admission { 0, 0, MemberEventType::Admission, noNumber.admittedOn,
                QStringLiteral("45-QĐ/ĐU"), true, {}, {}, {} };
            auto created = MemberRepository(db->db()).create(noNumber, admission, testContext());
            BOOST_TEST_REQUIRE(created.ok());
            Member twin = sampleMember(
                w.t.cell2.id, QStringLiteral("Đỗ"), QStringLiteral("Văn"), QStringLiteral("Sinh"));
            twin.cardNumber = w.mai.cardNumber;
            auto twinCreated = MemberRepository(db->db()).create(twin, admission, testContext());
            BOOST_TEST_REQUIRE(twinCreated.ok());
            server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-rieng-2026"));

            const QString url = QStringLiteral("/api/v1/orgs/%1/activation-codes").arg(w.t.school.id);
            const auto batch = server.call("POST", url, w.officer, {});
            BOOST_TEST_REQUIRE(batch.status == 201, describe(batch));
            std::map<qint64, QString> numbers;
            for (const auto& item : batch.json().value(QStringLiteral("items")).toArray())
                numbers[item.toObject().value(QStringLiteral("memberId")).toInteger()]
                    = item.toObject().value(QStringLiteral("number")).toString();
            BOOST_TEST(
                (numbers == std::map<qint64, QString> { { probationer.id, probationer.profileNumber } }));
            std::map<qint64, QString> skipped;
            for (const auto& item : batch.json().value(QStringLiteral("skipped")).toArray())
                skipped[item.toObject().value(QStringLiteral("memberId")).toInteger()]
                    = item.toObject().value(QStringLiteral("reason")).toString();
            BOOST_TEST(skipped.size() == 3U); // no number, and the two who share a card
            BOOST_TEST(skipped.count(created->id) == 1U);
            BOOST_TEST(skipped.count(w.mai.id) == 1U);
            BOOST_TEST(skipped[w.mai.id].contains(w.mai.cardNumber));

            // The probationer activates with the profile number as printed; the account is its folded form.
            QString code;
            for (const auto& item : batch.json().value(QStringLiteral("items")).toArray())
                code = item.toObject().value(QStringLiteral("code")).toString();
            const auto activated = activate(server, probationer.profileNumber, code);
            BOOST_TEST_REQUIRE(activated.status == 201, describe(activated));
            BOOST_TEST(
                activated.json().value(QStringLiteral("username")).toString() == QStringLiteral("012345-dn"));
            BOOST_TEST(signIn(server, probationer.profileNumber, QStringLiteral("Mat-khau-rieng-2026")).status
                == 200);

            // A second batch leaves live codes alone unless asked to replace them.
            BOOST_TEST(server.call("POST", codeUrl(w.hoa.id), w.admin, {}).status == 201);
            const QString far = QStringLiteral("/api/v1/orgs/%1/activation-codes").arg(w.t.phuRieng.id);
            BOOST_TEST(server.call("POST", far, w.admin, {})
                           .json()
                           .value(QStringLiteral("items"))
                           .toArray()
                           .isEmpty());
            BOOST_TEST(server.call("POST", far + QStringLiteral("?replace=true"), w.admin, {})
                           .json()
                           .value(QStringLiteral("items"))
                           .toArray()
                           .size()
                == 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_units_members_are_listed_with_the_state_of_their_accounts)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const Member an = addMember(db->db(), w.t.cell1.id, "Lê", "Văn", "An");
            const Member binh = addMember(db->db(), w.t.cell2.id, "Võ", "Văn", "Bình");
            server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-rieng-2026"));
            BOOST_TEST(server.call("POST", codeUrl(w.mai.id), w.officer, {}).status == 201);
            BOOST_TEST(server.call("POST", codeUrl(an.id), w.officer, {}).status == 201);
            server.advanceClock(31 * 24 * 3600);
            const QString officer
                = server.signIn(QStringLiteral("canbo.tranbien"), QStringLiteral("mat-khau-canbo.tranbien"));
            BOOST_TEST(
                server.call("POST", codeUrl(w.mai.id), officer, {}).status == 201); // reissued: alive again
            BOOST_TEST((statesIn(server, officer, w.t.school.id)
                == std::map<qint64, QString> { { w.lan.id, QStringLiteral("active") },
                    { w.mai.id, QStringLiteral("code_issued") }, { an.id, QStringLiteral("code_expired") },
                    { binh.id, QStringLiteral("none") } }));

            // Pages follow one another in name order.
            QList<qint64> seen;
            QString after;
            do {
                const auto page = server.call("GET",
                    QStringLiteral("/api/v1/orgs/%1/accounts?limit=1").arg(w.t.school.id)
                        + (after.isEmpty() ? QString() : QStringLiteral("&after=") + after),
                    officer);
                BOOST_TEST_REQUIRE(page.status == 200, describe(page));
                for (const auto& item : page.json().value(QStringLiteral("items")).toArray())
                    seen.append(item.toObject().value(QStringLiteral("memberId")).toInteger());
                after = page.json().value(QStringLiteral("next")).toString();
            } while (!after.isEmpty());
            // Vietnamese order, by the given name first: An, Bình, Lan, Mai.
            BOOST_TEST((seen == QList<qint64> { an.id, binh.id, w.lan.id, w.mai.id }));
        }
    }
}

BOOST_AUTO_TEST_CASE(leaving_the_roster_ends_handbook_access_at_once)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QString lan
                = server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-rieng-2026"));
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), lan).status == 200);
            BOOST_TEST(server.call("POST", codeUrl(w.mai.id), w.officer, {}).status == 201);
            for (const Member& member : { w.lan, w.mai }) {
                const auto left = server.call("POST", memberUrl(member.id, "/events"), w.officer,
                    { { QStringLiteral("type"), QStringLiteral("struck_off") },
                        { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") },
                        { QStringLiteral("decisionNumber"), QStringLiteral("12-QĐ/ĐU") } });
                BOOST_TEST_REQUIRE(left.status == 201, describe(left));
            }
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), lan).status == 401);
            BOOST_TEST(signIn(server, w.lan.cardNumber, QStringLiteral("Mat-khau-rieng-2026")).status == 401);
            BOOST_TEST(countRows(db->db(), QStringLiteral("activation_code")) == 0);
            const auto refused = server.call("POST", codeUrl(w.mai.id), w.officer, {});
            BOOST_TEST(refused.status == 409);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_members_and_units_it_may_and_the_rest_looks_missing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QString member
                = server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-rieng-2026"));
            const qint64 missing = 999999;
            const RowCounts before = RowCounts::of(db->db());
            const qint64 codes = countRows(db->db(), QStringLiteral("activation_code"));

            // Issuing: administrators and officers in scope. Out of scope is 404 exactly as missing.
            const auto absent = server.call("POST", codeUrl(missing), w.officer, {});
            BOOST_TEST(absent.status == 404);
            const auto outside = server.call("POST", codeUrl(w.hoa.id), w.officer, {});
            BOOST_TEST(outside.status == 404);
            BOOST_TEST(outside.body == absent.body);
            BOOST_TEST(server.call("POST", codeUrl(w.mai.id), w.farOfficer, {}).status == 404);
            for (const QString& token : { w.secretary, member }) {
                BOOST_TEST(server.call("POST", codeUrl(w.mai.id), token, {}).status == 403);
                BOOST_TEST(
                    server
                        .call("POST", QStringLiteral("/api/v1/orgs/%1/activation-codes").arg(w.t.cell1.id),
                            token, {})
                        .status
                    == 403);
            }
            BOOST_TEST(server.call("POST", codeUrl(w.mai.id), {}, {}).status == 401);
            const auto batchAbsent = server.call(
                "POST", QStringLiteral("/api/v1/orgs/%1/activation-codes").arg(missing), w.officer, {});
            const auto batchOutside = server.call("POST",
                QStringLiteral("/api/v1/orgs/%1/activation-codes").arg(w.t.phuRieng.id), w.officer, {});
            BOOST_TEST(batchOutside.status == 404);
            BOOST_TEST(batchOutside.body == batchAbsent.body);
            BOOST_TEST(
                server.call("POST", codeUrl(w.mai.id), w.officer, { { QStringLiteral("x"), 1 } }).status
                == 400);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(countRows(db->db(), QStringLiteral("activation_code")) == codes);

            // The list of accounts: staff in scope (a secretary for their cell), members never.
            const auto listAbsent
                = server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(missing), w.officer);
            BOOST_TEST(listAbsent.status == 404);
            for (const auto& [token, unit] : std::vector<std::pair<QString, qint64>> {
                     { w.officer, w.t.phuRieng.id }, { w.secretary, w.t.school.id },
                     { w.secretary, w.t.cell2.id }, { w.farOfficer, w.t.cell1.id } }) {
                const auto answer
                    = server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(unit), token);
                BOOST_TEST(answer.status == 404);
                BOOST_TEST(answer.body == listAbsent.body);
            }
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(w.t.cell1.id), w.secretary)
                    .status
                == 200);
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(w.t.cell1.id), member)
                    .status
                == 403);
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/orgs/%1/accounts").arg(w.t.cell1.id), {}).status
                == 401);

            // Activation bodies are read strictly.
            const auto extra = server.call("POST", QStringLiteral("/api/v1/handbook/activate"), {},
                { { QStringLiteral("number"), w.mai.cardNumber },
                    { QStringLiteral("code"), QStringLiteral("AAAA-AAAA") },
                    { QStringLiteral("password"), QStringLiteral("Mat-khau-rieng-2026") },
                    { QStringLiteral("role"), QStringLiteral("admin") } });
            BOOST_TEST(extra.status == 400);
            BOOST_TEST(errorFields(extra) == QStringList { QStringLiteral("role") });
            const auto control = activate(server, QStringLiteral("01.0\u0001"), QStringLiteral("AAAA-AAAA"));
            BOOST_TEST(control.status == 400);
            BOOST_TEST(errorFields(control) == QStringList { QStringLiteral("number") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
        }
    }
}

// A staff account linked to its holder's member record works where its scope is, not where the record is: a
// province officer whose own record sits in a cell of Trấn Biên is not Trấn Biên's officer's to manage.
BOOST_AUTO_TEST_CASE(a_linked_staff_account_is_managed_where_it_works_not_where_its_member_record_is)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto linked = server.call("POST", QStringLiteral("/api/v1/users"), w.admin,
                { { QStringLiteral("username"), QStringLiteral("canbo.tinh") },
                    { QStringLiteral("password"), QStringLiteral("Mat-khau-rieng-2026") },
                    { QStringLiteral("role"), QStringLiteral("officer") },
                    { QStringLiteral("scopeOrgId"), w.t.province.id },
                    { QStringLiteral("memberId"), w.mai.id } });
            BOOST_TEST_REQUIRE(linked.status == 201, describe(linked));
            const qint64 id = linked.json().value(QStringLiteral("id")).toInteger();
            const QString url = QStringLiteral("/api/v1/users/%1").arg(id);
            BOOST_TEST(server.call("GET", url, w.officer).status == 404);
            BOOST_TEST(
                server.call("PATCH", url, w.officer, { { QStringLiteral("disabled"), true } }, ifMatch(1))
                    .status
                == 404);
            BOOST_TEST(
                server.call("POST", url + QStringLiteral("/password-reset"), w.officer, {}).status == 404);
            const auto list = server.call("GET", QStringLiteral("/api/v1/users?limit=100"), w.officer);
            BOOST_TEST_REQUIRE(list.status == 200);
            BOOST_TEST(!list.body.contains("canbo.tinh"));
            const auto read = server.call("GET", url, w.admin);
            BOOST_TEST_REQUIRE(read.status == 200);
            BOOST_TEST(read.json().value(QStringLiteral("scopeOrgId")).toInteger() == w.t.province.id);
            // An empty number stands for nobody.
            BOOST_TEST(activate(server, QStringLiteral("  "), QStringLiteral("AAAA-AAAA")).status == 400);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
