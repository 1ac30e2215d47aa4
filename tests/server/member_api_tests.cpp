// SPDX-License-Identifier: GPL-3.0-or-later
// Members over HTTP: rosters in Vietnamese name order page by page, single records and their events with the
// sensitive fields only for those who may see them, creation, corrections under If-Match, events and
// transfers within the caller's scope, and repeated POSTs under an Idempotency-Key, replayed only to a caller
// who may still see what they carry.
#include "store/member_repository.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/held_row_lock.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QUrl>

#include <boost/test/unit_test.hpp>

#include <set>
#include <thread>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

// The small tree with two members in Chi bộ 1, one in Chi bộ 2 and one in the rubber company's cell; the
// officer works in Trấn Biên, the secretary in Chi bộ 1, the member account is Lan's.
struct World {
    SmallTree t;
    Member lan, an, chau, hoa;
    QString admin, officer, secretary, member;
};

// The tree and its members, seeded straight into the database before the server starts.
World seed(const TestDatabase& db)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.an = addMember(db.db(), w.t.cell1.id, "Trần", "Văn", "An");
    w.chau = addMember(db.db(), w.t.cell2.id, "Lê", "Minh", "Châu");
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

QString rosterUrl(qint64 org, const QString& more = {})
{
    return QStringLiteral("/api/v1/members?org=%1%2").arg(org).arg(more);
}

QList<qint64> idsOf(const HttpAnswer& answer)
{
    QList<qint64> ids;
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QStringList typesOf(const HttpAnswer& answer)
{
    QStringList types;
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        types.append(item.toObject().value(QStringLiteral("type")).toString());
    return types;
}

QJsonObject event(const char* type, const char* occurredOn = "2026-11-01", QJsonObject more = {})
{
    more.insert(QStringLiteral("type"), QString::fromLatin1(type));
    more.insert(QStringLiteral("occurredOn"), QString::fromLatin1(occurredOn));
    return more;
}

QJsonObject transfer(qint64 toOrgUnitId, const char* occurredOn = "2026-11-12", bool permanent = true)
{
    return event("transfer_out", occurredOn,
        { { QStringLiteral("toOrgUnitId"), toOrgUnitId }, { QStringLiteral("permanent"), permanent },
            { QStringLiteral("decisionNumber"), QStringLiteral("120-QĐ/ĐU") } });
}

} // namespace

BOOST_AUTO_TEST_SUITE(member_api_tests)

BOOST_AUTO_TEST_CASE(lists_a_roster_in_vietnamese_name_order_page_by_page)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);

            const auto cell1 = server.call("GET", rosterUrl(w.t.cell1.id), w.admin);
            BOOST_TEST_REQUIRE(cell1.status == 200, describe(cell1));
            BOOST_TEST((idsOf(cell1) == QList<qint64> { w.an.id, w.lan.id }));
            BOOST_TEST(cell1.json().value(QStringLiteral("next")).isNull());
            BOOST_TEST(cell1.json()
                           .value(QStringLiteral("items"))
                           .toArray()
                           .at(0)
                           .toObject()
                           .value(QStringLiteral("fullName"))
                           .toString()
                == QStringLiteral("Trần Văn An"));
            BOOST_TEST((idsOf(server.call(
                            "GET", rosterUrl(w.t.school.id, QStringLiteral("&subtree=true")), w.officer))
                == QList<qint64> { w.an.id, w.chau.id, w.lan.id }));
            BOOST_TEST(idsOf(server.call("GET", rosterUrl(w.t.school.id), w.officer)).isEmpty());
            const QList<qint64> province { w.an.id, w.chau.id, w.hoa.id, w.lan.id };
            BOOST_TEST(
                (idsOf(server.call("GET", rosterUrl(w.t.province.id, QStringLiteral("&subtree=1")), w.admin))
                    == province));

            // Page by page with the cursor: the same members in the same order as one page.
            QList<qint64> paged;
            QString after;
            for (int page = 0; page < 10; ++page) {
                const QString more = after.isEmpty()
                    ? QStringLiteral("&subtree=true&limit=1")
                    : QString(QStringLiteral("&subtree=true&limit=1&after=")
                        + QString::fromLatin1(QUrl::toPercentEncoding(after)));
                const auto answer = server.call("GET", rosterUrl(w.t.province.id, more), w.admin);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                BOOST_TEST(idsOf(answer).size() == 1);
                paged += idsOf(answer);
                after = answer.json().value(QStringLiteral("next")).toString();
                if (after.isEmpty())
                    break;
            }
            BOOST_TEST((paged == province));

            // Filters: folded name, card-number prefix, status.
            BOOST_TEST(
                (idsOf(server.call("GET", rosterUrl(w.t.cell1.id, QStringLiteral("&q=lan")), w.secretary))
                    == QList<qint64> { w.lan.id }));
            BOOST_TEST((idsOf(server.call(
                            "GET", rosterUrl(w.t.cell1.id, QStringLiteral("&q=NGUY%E1%BB%84N")), w.secretary))
                == QList<qint64> { w.lan.id }));
            BOOST_TEST(
                idsOf(server.call("GET", rosterUrl(w.t.cell1.id, QStringLiteral("&q=01.000")), w.secretary))
                    .size()
                == 2);
            BOOST_TEST(idsOf(
                server.call("GET", rosterUrl(w.t.cell1.id, QStringLiteral("&status=probationary")), w.admin))
                           .isEmpty());
            BOOST_TEST(idsOf(server.call(
                                 "GET", rosterUrl(w.t.cell1.id, QStringLiteral("&status=official")), w.admin))
                           .size()
                == 2);

            // Only the roles that keep rosters, and only inside their scope.
            const auto missing = server.call("GET", rosterUrl(999999), w.admin);
            BOOST_TEST(missing.status == 404);
            const auto outside = server.call("GET", rosterUrl(w.t.rubberCell.id), w.officer);
            BOOST_TEST(outside.status == 404);
            BOOST_TEST(outside.body == missing.body);
            BOOST_TEST(server.call("GET", rosterUrl(w.t.cell2.id), w.secretary).status == 404);
            BOOST_TEST(
                server.call("GET", rosterUrl(w.t.school.id, QStringLiteral("&subtree=true")), w.secretary)
                    .status
                == 404);
            BOOST_TEST(server.call("GET", rosterUrl(w.t.cell1.id), w.member).status == 403);

            // The secretary's list has no ethnicity, religion or citizen id; the officer's has them.
            for (const auto& item : server.call("GET", rosterUrl(w.t.cell1.id), w.secretary)
                                        .json()
                                        .value(QStringLiteral("items"))
                                        .toArray())
                BOOST_TEST(!hasSensitiveFields(item.toObject()));
            for (const auto& item : server.call("GET", rosterUrl(w.t.cell1.id), w.officer)
                                        .json()
                                        .value(QStringLiteral("items"))
                                        .toArray())
                BOOST_TEST(item.toObject().value(QStringLiteral("citizenId")).toString()
                    == QStringLiteral("075180001234"));
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_one_record_and_its_events_with_sensitive_fields_only_for_those_who_may_see_them)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto missing = server.call("GET", memberUrl(999999), w.admin);
            BOOST_TEST(missing.status == 404);

            for (const QString& token : { w.admin, w.officer, w.member }) {
                const auto lan = server.call("GET", memberUrl(w.lan.id), token);
                BOOST_TEST_REQUIRE(lan.status == 200, describe(lan));
                const QJsonObject record = lan.json();
                BOOST_TEST(
                    record.value(QStringLiteral("fullName")).toString() == QStringLiteral("Nguyễn Thị Lan"));
                BOOST_TEST(record.value(QStringLiteral("ethnicity")).toString() == QStringLiteral("Kinh"));
                BOOST_TEST(record.value(QStringLiteral("religion")).toString() == QStringLiteral("Không"));
                BOOST_TEST(
                    record.value(QStringLiteral("citizenId")).toString() == QStringLiteral("075180001234"));
                BOOST_TEST(record.value(QStringLiteral("orgUnitId")).toInteger() == w.t.cell1.id);
                BOOST_TEST(record.value(QStringLiteral("status")).toString() == QStringLiteral("official"));
            }
            const auto bySecretary = server.call("GET", memberUrl(w.lan.id), w.secretary);
            BOOST_TEST_REQUIRE(bySecretary.status == 200);
            BOOST_TEST(bySecretary.json().value(QStringLiteral("fullName")).toString()
                == QStringLiteral("Nguyễn Thị Lan"));
            BOOST_TEST(!hasSensitiveFields(bySecretary.json()));
            BOOST_TEST(!bySecretary.body.contains("075180001234"));

            // Out of scope: the very answer of a missing record.
            for (const auto& [token, id] :
                { std::pair { w.member, w.an.id }, std::pair { w.member, w.chau.id },
                    std::pair { w.secretary, w.chau.id }, std::pair { w.officer, w.hoa.id } }) {
                const auto hidden = server.call("GET", memberUrl(id), token);
                BOOST_TEST(hidden.status == 404);
                BOOST_TEST(hidden.body == missing.body);
                const auto hiddenEvents = server.call("GET", memberUrl(id, "/events"), token);
                BOOST_TEST(hiddenEvents.status == 404);
                BOOST_TEST(!hiddenEvents.json().contains(QStringLiteral("items")));
            }

            for (const QString& token : { w.admin, w.officer, w.secretary, w.member }) {
                const auto events = server.call("GET", memberUrl(w.lan.id, "/events"), token);
                BOOST_TEST_REQUIRE(events.status == 200);
                BOOST_TEST(typesOf(events)
                    == (QStringList { QStringLiteral("admission"), QStringLiteral("became_official") }));
                const QJsonObject admission
                    = events.json().value(QStringLiteral("items")).toArray().at(0).toObject();
                BOOST_TEST(
                    admission.value(QStringLiteral("occurredOn")).toString() == QStringLiteral("2010-05-19"));
                BOOST_TEST(admission.value(QStringLiteral("decisionNumber")).toString()
                    == QStringLiteral("45-QĐ/ĐU"));
            }
            BOOST_TEST(
                server.call("GET", QString(memberUrl(w.lan.id) + QStringLiteral("?full=1")), w.admin).status
                == 400);
        }
    }
}

BOOST_AUTO_TEST_CASE(creates_records_only_on_cells_in_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto create = [&server](const QString& token, const QJsonObject& body) {
                return server.call("POST", QStringLiteral("/api/v1/members"), token, body);
            };

            RowCounts before = RowCounts::of(db->db());
            const auto created = create(w.officer,
                newMemberJson(
                    w.t.cell2.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng")));
            BOOST_TEST_REQUIRE(created.status == 201, describe(created));
            const QJsonObject record = created.json();
            const qint64 id = record.value(QStringLiteral("id")).toInteger();
            BOOST_TEST(
                record.value(QStringLiteral("fullName")).toString() == QStringLiteral("Hoàng Văn Dũng"));
            BOOST_TEST(record.value(QStringLiteral("orgUnitId")).toInteger() == w.t.cell2.id);
            BOOST_TEST(
                record.value(QStringLiteral("citizenId")).toString() == QStringLiteral("075085004321"));
            const RowCounts after = RowCounts::of(db->db());
            BOOST_TEST(after.members == before.members + 1);
            BOOST_TEST(after.feed == before.feed + 1);
            BOOST_TEST(after.events == before.events + 2);
            BOOST_TEST(typesOf(server.call("GET", memberUrl(id, "/events"), w.officer))
                == (QStringList { QStringLiteral("admission"), QStringLiteral("became_official") }));
            BOOST_TEST((idsOf(server.call("GET", rosterUrl(w.t.cell2.id), w.officer))
                == QList<qint64> { w.chau.id, id }));

            // A probationer, and a member who arrives from outside the province.
            QJsonObject probationer = newMemberJson(
                w.t.cell1.id, QStringLiteral("Đỗ"), QStringLiteral("Thị"), QStringLiteral("Mai"));
            probationer.insert(QStringLiteral("status"), QStringLiteral("probationary"));
            probationer.insert(QStringLiteral("admittedOn"), QStringLiteral("2026-06-01"));
            probationer.remove(QStringLiteral("officialOn"));
            const auto mai = create(w.admin, probationer);
            BOOST_TEST_REQUIRE(mai.status == 201, describe(mai));
            BOOST_TEST(
                mai.json().value(QStringLiteral("status")).toString() == QStringLiteral("probationary"));
            BOOST_TEST(mai.json().value(QStringLiteral("officialOn")).isNull());
            QJsonObject arriving = newMemberJson(
                w.t.cell1.id, QStringLiteral("Bùi"), QStringLiteral("Quang"), QStringLiteral("Huy"));
            arriving.insert(QStringLiteral("arrival"),
                event("transfer_in", "2026-10-01",
                    { { QStringLiteral("decisionNumber"), QStringLiteral("88-QĐ/TU") } }));
            const auto huy = create(w.officer, arriving);
            BOOST_TEST_REQUIRE(huy.status == 201, describe(huy));
            BOOST_TEST(
                typesOf(server.call("GET",
                    memberUrl(huy.json().value(QStringLiteral("id")).toInteger(), "/events"), w.officer))
                == QStringList { QStringLiteral("transfer_in") });

            // Outside the scope, by a role that keeps no roster, or onto a unit that is no cell: nothing
            // changes.
            before = RowCounts::of(db->db());
            const auto missingUnit
                = create(w.admin, newMemberJson(999999, QStringLiteral("Ma"), {}, QStringLiteral("Ma")));
            const auto outside = create(w.officer,
                newMemberJson(w.t.rubberCell.id, QStringLiteral("Ngô"), {}, QStringLiteral("Tâm")));
            BOOST_TEST(outside.status == 404);
            BOOST_TEST(outside.body == missingUnit.body);
            BOOST_TEST(create(w.secretary,
                           newMemberJson(w.t.cell1.id, QStringLiteral("Ngô"), {}, QStringLiteral("Tâm")))
                           .status
                == 403);
            BOOST_TEST(create(w.member,
                           newMemberJson(w.t.cell1.id, QStringLiteral("Ngô"), {}, QStringLiteral("Tâm")))
                           .status
                == 403);
            const auto notACell = create(
                w.officer, newMemberJson(w.t.school.id, QStringLiteral("Ngô"), {}, QStringLiteral("Tâm")));
            BOOST_TEST(notACell.status == 400);
            BOOST_TEST(errorFields(notACell) == QStringList { QStringLiteral("orgUnitId") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(corrects_a_record_under_if_match_and_answers_412_to_a_stale_version)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const qint64 v = w.lan.version;
            const auto patch = [&server, &w](const QString& token, const QJsonObject& body,
                                   std::map<std::string, std::string> headers, qint64 id = 0) {
                return server.call("PATCH", memberUrl(id ? id : w.lan.id), token, body, std::move(headers));
            };

            RowCounts before = RowCounts::of(db->db());
            const auto corrected = patch(
                w.officer, { { QStringLiteral("hometown"), QStringLiteral("  Hà   Tĩnh ") } }, ifMatch(v));
            BOOST_TEST_REQUIRE(corrected.status == 200, describe(corrected));
            BOOST_TEST(
                corrected.json().value(QStringLiteral("hometown")).toString() == QStringLiteral("Hà Tĩnh"));
            BOOST_TEST(corrected.json().value(QStringLiteral("version")).toInteger() == v + 1);
            BOOST_TEST(corrected.json().value(QStringLiteral("birthPlace")).toString()
                == QStringLiteral("Biên Hòa, Đồng Nai"));
            BOOST_TEST(RowCounts::of(db->db()).feed == before.feed + 1);

            // Stale: 412 with the record as it is now, nothing written.
            before = RowCounts::of(db->db());
            const auto stale = patch(
                w.officer, { { QStringLiteral("hometown"), QStringLiteral("Quảng Ngãi") } }, ifMatch(v));
            BOOST_TEST(stale.status == 412);
            BOOST_TEST(errorCode(stale) == QStringLiteral("stale_version"));
            const QJsonObject error = stale.json().value(QStringLiteral("error")).toObject();
            BOOST_TEST(error.value(QStringLiteral("currentVersion")).toInteger() == v + 1);
            BOOST_TEST(
                error.value(QStringLiteral("current")).toObject().value(QStringLiteral("hometown")).toString()
                == QStringLiteral("Hà Tĩnh"));
            BOOST_TEST(
                patch(w.officer, { { QStringLiteral("hometown"), QStringLiteral("Quảng Ngãi") } }, {}).status
                == 428);
            // What only an event may change, and what no record may say.
            const auto unit
                = patch(w.officer, { { QStringLiteral("orgUnitId"), w.t.cell2.id } }, ifMatch(v + 1));
            BOOST_TEST(unit.status == 400);
            BOOST_TEST(errorFields(unit) == QStringList { QStringLiteral("orgUnitId") });
            const auto status = patch(w.officer,
                { { QStringLiteral("status"), QStringLiteral("probationary") },
                    { QStringLiteral("officialOn"), QJsonValue() } },
                ifMatch(v + 1));
            BOOST_TEST(status.status == 400);
            BOOST_TEST(errorFields(status).contains(QStringLiteral("status")));
            const auto young = patch(
                w.officer, { { QStringLiteral("birthDate"), QStringLiteral("2000-01-01") } }, ifMatch(v + 1));
            BOOST_TEST(young.status == 400);
            BOOST_TEST(errorFields(young) == QStringList { QStringLiteral("admittedOn") });
            // Outside the scope, or a role that may not correct records.
            BOOST_TEST(patch(w.officer, { { QStringLiteral("hometown"), QStringLiteral("Huế") } },
                           ifMatch(w.hoa.version), w.hoa.id)
                           .status
                == 404);
            BOOST_TEST(
                patch(w.secretary, { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, ifMatch(v + 1))
                    .status
                == 403);
            BOOST_TEST(
                patch(w.member, { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, ifMatch(v + 1))
                    .status
                == 403);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // A body that changes nothing answers the record as it is, version and feed unchanged; id,
            // version and fullName echoed back are ignored.
            const auto same = patch(w.admin,
                { { QStringLiteral("hometown"), QStringLiteral("Hà Tĩnh") },
                    { QStringLiteral("id"), w.lan.id }, { QStringLiteral("version"), v + 1 },
                    { QStringLiteral("fullName"), QStringLiteral("Ai đó") } },
                ifMatch(v + 1));
            BOOST_TEST(same.status == 200);
            BOOST_TEST(same.json().value(QStringLiteral("version")).toInteger() == v + 1);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // Eight officers correcting from the same version: exactly one is written.
            std::vector<int> statuses(8);
            std::vector<std::thread> clients;
            for (std::size_t i = 0; i < statuses.size(); ++i)
                clients.emplace_back([&, i] {
                    statuses[i] = patch(w.officer,
                        { { QStringLiteral("itSkill"), QStringLiteral("Chứng chỉ %1").arg(i) } },
                        ifMatch(v + 1))
                                      .status;
                });
            for (auto& client : clients)
                client.join();
            BOOST_TEST(std::count(statuses.begin(), statuses.end(), 200) == 1);
            BOOST_TEST(std::count(statuses.begin(), statuses.end(), 412) == 7);
            BOOST_TEST(RowCounts::of(db->db()).feed == before.feed + 1);
        }
    }
}

// A stale write answers 412 with the record as it is now, but only to a caller who may still see it. The
// race (the record changes between the request's scope check and its write) is made to happen every time
// by holding the record's row lock; SQLite serialises whole writes, so it runs on PostgreSQL.
BOOST_AUTO_TEST_CASE(a_stale_write_shows_the_current_record_only_if_it_is_still_in_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        if (db->config().dialect != Dialect::Postgres)
            continue;
        World w = seed(*db);
        RunningServer server(*db);
        signInAccounts(w, server);
        const QString lock = QStringLiteral("SELECT id FROM member WHERE id = %1 FOR UPDATE").arg(w.lan.id);
        HttpAnswer answer;
        const auto correctLan = [&] {
            answer = server.call("PATCH", memberUrl(w.lan.id), w.officer,
                { { QStringLiteral("hometown"), QStringLiteral("Hà Tĩnh") } }, ifMatch(w.lan.version));
        };

        // Corrected meanwhile by someone else, still in the officer's scope: 412 with the record.
        runWhileRowLockHeld(db->db(), lock, correctLan, [&] {
            Member corrected = w.lan;
            corrected.hometown = QStringLiteral("Huế");
            BOOST_TEST_REQUIRE(
                MemberRepository(db->db()).update(corrected, w.lan.version, testContext()).ok());
        });
        BOOST_TEST(answer.status == 412, describe(answer));
        BOOST_TEST(
            staleCurrent(answer).value(QStringLiteral("hometown")).toString() == QStringLiteral("Huế"));

        // Transferred meanwhile to a cell outside the officer's scope: the answer says nothing of it.
        const auto reread = MemberRepository(db->db()).find(w.lan.id);
        BOOST_TEST_REQUIRE(reread.ok());
        w.lan = *reread;
        runWhileRowLockHeld(db->db(), lock, correctLan, [&] {
            const MemberEvent transfer { 0, w.lan.id, MemberEventType::TransferOut, QDate(2026, 11, 20),
                QStringLiteral("7-QĐ/TU"), true, {}, w.t.rubberCell.id, {} };
            BOOST_TEST_REQUIRE(
                MemberRepository(db->db()).recordEvent(w.lan.id, transfer, std::nullopt, testContext()).ok());
        });
        BOOST_TEST(answer.status == 404, describe(answer));
        BOOST_TEST(errorCode(answer) == QStringLiteral("not_found"));
        BOOST_TEST(staleCurrent(answer).isEmpty());
        BOOST_TEST(!answer.body.contains("Lan"));
    }
}

// A member's account works wherever the member's roster is: transferred, the member sees the new cell and no
// longer the old one, in the same session, without anyone touching the account.
BOOST_AUTO_TEST_CASE(a_members_account_follows_the_member_to_the_cell_it_is_transferred_to)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.member).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), w.member).status == 404);

            const auto moved = server.call("POST", memberUrl(w.lan.id, "/events"), w.admin,
                transfer(w.t.rubberCell.id, "2026-11-13"), ifMatch(w.lan.version));
            BOOST_TEST_REQUIRE(moved.status == 201, describe(moved));

            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), w.member).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.member).status == 404);
            const auto own = server.call("GET", memberUrl(w.lan.id), w.member);
            BOOST_TEST_REQUIRE(own.status == 200, describe(own));
            BOOST_TEST(own.json().value(QStringLiteral("orgUnitId")).toInteger() == w.t.rubberCell.id);
            // The officer of the old commune no longer sees her, nor her account.
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.officer).status == 404);
            const auto accounts = server.call("GET", QStringLiteral("/api/v1/users?limit=100"), w.officer);
            BOOST_TEST_REQUIRE(accounts.status == 200, describe(accounts));
            BOOST_TEST(!accounts.body.contains(w.lan.cardNumber.toUtf8()));
        }
    }
}

BOOST_AUTO_TEST_CASE(records_events_and_transfers_within_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto record = [&server](const QString& token, qint64 id, const QJsonObject& body,
                                    std::map<std::string, std::string> headers = {}) {
                return server.call("POST", memberUrl(id, "/events"), token, body, std::move(headers));
            };

            const auto exempt = record(w.officer, w.lan.id, event("exemption"));
            BOOST_TEST_REQUIRE(exempt.status == 201, describe(exempt));
            BOOST_TEST(exempt.json().value(QStringLiteral("exempt")).toBool());
            BOOST_TEST(exempt.json().value(QStringLiteral("exemptSince")).toString()
                == QStringLiteral("2026-11-01"));
            BOOST_TEST(exempt.json().value(QStringLiteral("citizenId")).toString()
                == QStringLiteral("075180001234"));
            const auto ended = record(w.officer, w.lan.id, event("exemption_ended", "2026-11-10"));
            BOOST_TEST_REQUIRE(ended.status == 201, describe(ended));
            BOOST_TEST(!ended.json().value(QStringLiteral("exempt")).toBool());
            const qint64 version = ended.json().value(QStringLiteral("version")).toInteger();

            // Refused by the rules, out of scope, stale, or by a role that keeps no roster: nothing changes.
            RowCounts before = RowCounts::of(db->db());
            const auto official = record(w.officer, w.lan.id,
                event("became_official", "2026-11-01",
                    { { QStringLiteral("decisionNumber"), QStringLiteral("1-QĐ") } }));
            BOOST_TEST(official.status == 400);
            BOOST_TEST(errorFields(official) == QStringList { QStringLiteral("type") });
            const auto future = record(w.officer, w.lan.id, event("exemption", "2026-12-01"));
            BOOST_TEST(future.status == 400);
            BOOST_TEST(errorFields(future) == QStringList { QStringLiteral("occurredOn") });
            BOOST_TEST(record(w.officer, w.lan.id, transfer(w.t.rubberCell.id)).status == 404);
            BOOST_TEST(record(w.officer, w.hoa.id, event("exemption")).status == 404);
            BOOST_TEST(record(w.secretary, w.lan.id, event("exemption")).status == 403);
            BOOST_TEST(record(w.member, w.lan.id, event("exemption")).status == 403);
            const auto stale = record(w.officer, w.lan.id, transfer(w.t.cell2.id), ifMatch(version - 1));
            BOOST_TEST(stale.status == 412);
            BOOST_TEST(stale.json()
                           .value(QStringLiteral("error"))
                           .toObject()
                           .value(QStringLiteral("currentVersion"))
                           .toInteger()
                == version);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // A permanent transfer inside the scope moves the roster.
            const auto moved = record(w.officer, w.lan.id, transfer(w.t.cell2.id), ifMatch(version));
            BOOST_TEST_REQUIRE(moved.status == 201, describe(moved));
            BOOST_TEST(moved.json().value(QStringLiteral("orgUnitId")).toInteger() == w.t.cell2.id);
            BOOST_TEST((idsOf(server.call("GET", rosterUrl(w.t.cell2.id), w.officer))
                == QList<qint64> { w.chau.id, w.lan.id }));
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.secretary).status == 404); // left Chi bộ 1
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.member).status
                == 200); // her own record, wherever it is
            const QJsonArray events = server.call("GET", memberUrl(w.lan.id, "/events"), w.officer)
                                          .json()
                                          .value(QStringLiteral("items"))
                                          .toArray();
            const QJsonObject last = events.last().toObject();
            BOOST_TEST(last.value(QStringLiteral("type")).toString() == QStringLiteral("transfer_out"));
            BOOST_TEST(last.value(QStringLiteral("fromOrgUnitId")).toInteger() == w.t.cell1.id);
            BOOST_TEST(last.value(QStringLiteral("toOrgUnitId")).toInteger() == w.t.cell2.id);

            // The administrator transfers her out of the officer's scope.
            const auto away = record(w.admin, w.lan.id, transfer(w.t.rubberCell.id, "2026-11-13"));
            BOOST_TEST_REQUIRE(away.status == 201, describe(away));
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.officer).status == 404);
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id, "/events"), w.officer).status == 404);
            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), w.admin)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 2);

            // Leaving the roster: gone from the list unless asked for, still readable.
            const auto expelled = record(w.officer, w.an.id,
                event("expelled", "2026-11-15",
                    { { QStringLiteral("decisionNumber"), QStringLiteral("9-QĐ/UBKT") } }));
            BOOST_TEST_REQUIRE(expelled.status == 201, describe(expelled));
            BOOST_TEST(
                expelled.json().value(QStringLiteral("leftReason")).toString() == QStringLiteral("expelled"));
            BOOST_TEST(idsOf(server.call("GET", rosterUrl(w.t.cell1.id), w.officer)).isEmpty());
            BOOST_TEST((idsOf(server.call(
                            "GET", rosterUrl(w.t.cell1.id, QStringLiteral("&includeLeft=true")), w.officer))
                == QList<qint64> { w.an.id }));
            BOOST_TEST(server.call("GET", memberUrl(w.an.id), w.officer).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 0);
            before = RowCounts::of(db->db());
            BOOST_TEST(
                record(w.officer, w.an.id, event("exemption")).status == 400); // no longer on the roster
            BOOST_TEST((RowCounts::of(db->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_post_repeated_with_the_same_idempotency_key_creates_nothing_more)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db, 8);
            signInAccounts(w, server);
            const QJsonObject body = newMemberJson(
                w.t.cell2.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            const RowCounts before = RowCounts::of(db->db());

            const auto first = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, body,
                idempotencyKey("nhap-ho-so-0001"));
            BOOST_TEST_REQUIRE(first.status == 201, describe(first));
            const RowCounts once = RowCounts::of(db->db());
            BOOST_TEST(once.members == before.members + 1);
            const auto repeat = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, body,
                idempotencyKey("nhap-ho-so-0001"));
            BOOST_TEST(repeat.status == 201);
            BOOST_TEST(repeat.body == first.body);
            BOOST_TEST(repeat.headers.at("Idempotent-Replayed") == "true");
            BOOST_TEST((RowCounts::of(db->db()) == once));

            // An event repeated under its key is recorded once.
            const qint64 id = first.json().value(QStringLiteral("id")).toInteger();
            const auto exempt = server.call("POST", memberUrl(id, "/events"), w.officer, event("exemption"),
                idempotencyKey("mien-sinh-hoat-0001"));
            BOOST_TEST_REQUIRE(exempt.status == 201, describe(exempt));
            const RowCounts afterEvent = RowCounts::of(db->db());
            const auto exemptAgain = server.call("POST", memberUrl(id, "/events"), w.officer,
                event("exemption"), idempotencyKey("mien-sinh-hoat-0001"));
            BOOST_TEST(exemptAgain.status == 201);
            BOOST_TEST(exemptAgain.body == exempt.body);
            BOOST_TEST((RowCounts::of(db->db()) == afterEvent));

            // A correction repeated under its key is replayed, where a repeat without one would meet a 412:
            // the version it was made on is no longer current.
            const qint64 version = exemptAgain.json().value(QStringLiteral("version")).toInteger();
            auto headers = ifMatch(version);
            headers.merge(idempotencyKey("sua-que-quan-0001"));
            const QJsonObject hometown { { QStringLiteral("hometown"), QStringLiteral("Quảng Trị") } };
            const auto corrected = server.call("PATCH", memberUrl(id), w.officer, hometown, headers);
            BOOST_TEST_REQUIRE(corrected.status == 200, describe(corrected));
            const RowCounts afterCorrection = RowCounts::of(db->db());
            const auto correctedAgain = server.call("PATCH", memberUrl(id), w.officer, hometown, headers);
            BOOST_TEST(correctedAgain.status == 200, describe(correctedAgain));
            BOOST_TEST(correctedAgain.body == corrected.body);
            BOOST_TEST(correctedAgain.headers.at("Idempotent-Replayed") == "true");
            BOOST_TEST((RowCounts::of(db->db()) == afterCorrection));
            BOOST_TEST(
                server.call("PATCH", memberUrl(id), w.officer, hometown, ifMatch(version)).status == 412);

            // An answer that was an error is not kept: the key can be used again once the body is right.
            QJsonObject broken = newMemberJson(
                w.t.cell2.id, QStringLiteral("Lý"), QStringLiteral("Thị"), QStringLiteral("Thu"));
            broken.insert(QStringLiteral("birthDate"), QStringLiteral("1990-02-30"));
            const auto refused = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, broken,
                idempotencyKey("nhap-ho-so-0002"));
            BOOST_TEST(refused.status == 400);
            BOOST_TEST((RowCounts::of(db->db()) == afterCorrection));
            broken.insert(QStringLiteral("birthDate"), QStringLiteral("1990-02-28"));
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/members"), w.officer, broken,
                               idempotencyKey("nhap-ho-so-0002"))
                           .status
                == 201);

            // A key that is not a key.
            const RowCounts beforeBadKey = RowCounts::of(db->db());
            for (const char* key : { "short", "có dấu tiếng Việt", "a/b/c/d/e/f" }) {
                const auto bad = server.call(
                    "POST", QStringLiteral("/api/v1/members"), w.officer, body, idempotencyKey(key));
                BOOST_TEST(bad.status == 400);
                BOOST_TEST(errorFields(bad) == QStringList { QStringLiteral("Idempotency-Key") });
            }
            BOOST_TEST((RowCounts::of(db->db()) == beforeBadKey));

            // Eight clients sending the same request under one key at once: one record, one answer.
            const QJsonObject racing = newMemberJson(
                w.t.cell1.id, QStringLiteral("Trịnh"), QStringLiteral("Công"), QStringLiteral("Sơn"));
            const RowCounts beforeRace = RowCounts::of(db->db());
            std::vector<HttpAnswer> answers(8);
            std::vector<std::thread> clients;
            for (std::size_t i = 0; i < answers.size(); ++i)
                clients.emplace_back([&, i] {
                    answers[i] = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, racing,
                        idempotencyKey("nhap-ho-so-dong-thoi"));
                });
            for (auto& client : clients)
                client.join();
            std::set<QByteArray> created;
            for (const auto& answer : answers) {
                BOOST_TEST((answer.status == 201 || answer.status == 409), describe(answer));
                if (answer.status == 201)
                    created.insert(answer.body);
            }
            BOOST_TEST(created.size() == 1u);
            BOOST_TEST(RowCounts::of(db->db()).members == beforeRace.members + 1);
            const auto settled = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, racing,
                idempotencyKey("nhap-ho-so-dong-thoi"));
            BOOST_TEST(settled.status == 201);
            BOOST_TEST((created.size() == 1u && settled.body == *created.begin()));
            BOOST_TEST(RowCounts::of(db->db()).members == beforeRace.members + 1);
        }
    }
}

// A replay gives back the record the first answer carried only to a caller who could still make the request
// and see that record: not once the record has left the caller's scope, nor once the caller's role no
// longer writes rosters.
BOOST_AUTO_TEST_CASE(a_replayed_answer_is_given_only_to_a_caller_who_may_still_see_its_record)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const QJsonObject dung = newMemberJson(
                w.t.cell2.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            const auto created = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, dung,
                idempotencyKey("nhap-ho-so-dung-01"));
            BOOST_TEST_REQUIRE(created.status == 201, describe(created));
            const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
            const qint64 version = created.json().value(QStringLiteral("version")).toInteger();

            // Transferred out of the officer's commune: the repeat answers as any record out of scope does.
            const auto moved = server.call("POST", memberUrl(id, "/events"), w.admin,
                transfer(w.t.rubberCell.id, "2026-11-13"), ifMatch(version));
            BOOST_TEST_REQUIRE(moved.status == 201, describe(moved));
            const RowCounts before = RowCounts::of(db->db());
            const auto repeat = server.call("POST", QStringLiteral("/api/v1/members"), w.officer, dung,
                idempotencyKey("nhap-ho-so-dung-01"));
            BOOST_TEST(repeat.status == 404, describe(repeat));
            BOOST_TEST(errorCode(repeat) == QStringLiteral("not_found"));
            BOOST_TEST(!repeat.body.contains("Dũng"));
            BOOST_TEST(!repeat.headers.contains("Idempotent-Replayed"));
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // An event replayed after the officer became a secretary: 403, as the request would be now.
            const auto exempt = server.call("POST", memberUrl(w.an.id, "/events"), w.officer,
                event("exemption"), idempotencyKey("mien-sinh-hoat-an-01"));
            BOOST_TEST_REQUIRE(exempt.status == 201, describe(exempt));
            const auto demoted = changeAccount(server, db->db(), w.admin, "canbo.tranbien",
                { { QStringLiteral("role"), QStringLiteral("secretary") } });
            BOOST_TEST_REQUIRE(demoted.status == 200, describe(demoted));
            const auto again = server.call("POST", memberUrl(w.an.id, "/events"), w.officer,
                event("exemption"), idempotencyKey("mien-sinh-hoat-an-01"));
            BOOST_TEST(again.status == 403, describe(again));
            BOOST_TEST(errorCode(again) == QStringLiteral("forbidden"));

            // Given the role back, the same repeat is replayed as it was first answered.
            const auto restored = changeAccount(server, db->db(), w.admin, "canbo.tranbien",
                { { QStringLiteral("role"), QStringLiteral("officer") } });
            BOOST_TEST_REQUIRE(restored.status == 200, describe(restored));
            const auto replayed = server.call("POST", memberUrl(w.an.id, "/events"), w.officer,
                event("exemption"), idempotencyKey("mien-sinh-hoat-an-01"));
            BOOST_TEST(replayed.status == 201, describe(replayed));
            BOOST_TEST(replayed.body == exempt.body);
            BOOST_TEST(replayed.headers.at("Idempotent-Replayed") == "true");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
