// SPDX-License-Identifier: GPL-3.0-or-later
// The organisation tree over HTTP: reads with member counts, children, the caller's root and search, all
// within the caller's scope; creation, renaming with If-Match, moves, merges and dissolution; repeated POSTs
// with an Idempotency-Key. An object outside the caller's scope answers 404 and gives nothing away.
#include "store/org_repository.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/held_row_lock.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

// The small tree with one member per cell, and an account of each role:
// the officer works in Trấn Biên, the secretary in Chi bộ 1, the member is Lan of Chi bộ 1.
struct World {
    SmallTree t;
    Member lan, chau, hoa;
    QString admin, officer, secretary, member;
};

// The tree and its members, seeded straight into the database before the server starts.
World seed(const TestDatabase& db)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
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

QList<qint64> idsOf(const HttpAnswer& answer)
{
    QList<qint64> ids;
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QString listUrl(const QString& query)
{
    return QString(QStringLiteral("/api/v1/orgs?") + query);
}

QJsonObject newUnit(qint64 parentId, const char* kind, const char* code, const char* name)
{
    return withDecision(
        { { QStringLiteral("parentId"), parentId }, { QStringLiteral("kind"), QString::fromLatin1(kind) },
            { QStringLiteral("code"), QString::fromUtf8(code) },
            { QStringLiteral("name"), QString::fromUtf8(name) } });
}

// A 404 that says nothing about the object: the same body as for an id that does not exist.
void checkHidden(const HttpAnswer& answer, const HttpAnswer& missing)
{
    BOOST_TEST(answer.status == 404);
    BOOST_TEST(errorCode(answer) == QStringLiteral("not_found"));
    BOOST_TEST(answer.body == missing.body);
}

} // namespace

BOOST_AUTO_TEST_SUITE(org_api_tests)

BOOST_AUTO_TEST_CASE(reads_a_unit_with_its_member_count_within_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto missing = server.call("GET", orgUrl(999999), w.admin);
            BOOST_TEST(missing.status == 404);

            const auto school = server.call("GET", orgUrl(w.t.school.id), w.admin);
            BOOST_TEST_REQUIRE(school.status == 200, describe(school));
            const QJsonObject unit = school.json();
            BOOST_TEST(unit.value(QStringLiteral("name")).toString()
                == QStringLiteral("Đảng bộ Trường THPT Ngô Quyền"));
            BOOST_TEST(unit.value(QStringLiteral("kind")).toString() == QStringLiteral("base_committee"));
            BOOST_TEST(unit.value(QStringLiteral("parentId")).toInteger() == w.t.tranBien.id);
            BOOST_TEST(unit.value(QStringLiteral("path")).toString() == w.t.school.path);
            BOOST_TEST(unit.value(QStringLiteral("validFrom")).toString() == QStringLiteral("2025-07-01"));
            BOOST_TEST(unit.value(QStringLiteral("validTo")).isNull());
            BOOST_TEST(unit.value(QStringLiteral("memberCount")).toInteger() == 2);
            BOOST_TEST(server.call("GET", orgUrl(w.t.province.id), w.admin)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 3);
            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), w.admin)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 1);

            // Officer: the subtree of Trấn Biên.
            BOOST_TEST(server.call("GET", orgUrl(w.t.school.id), w.officer).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.tranBien.id), w.officer).status == 200);
            for (const qint64 outside : { w.t.province.id, w.t.phuRieng.id, w.t.rubberCell.id })
                checkHidden(server.call("GET", orgUrl(outside), w.officer), missing);
            // Secretary and member: their cell only, not even the units above it.
            for (const QString& token : { w.secretary, w.member }) {
                BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), token).status == 200);
                for (const qint64 outside :
                    { w.t.school.id, w.t.cell2.id, w.t.rubberCell.id, w.t.province.id })
                    checkHidden(server.call("GET", orgUrl(outside), token), missing);
            }
            // An id that is no positive integer is just as missing.
            for (const char* id : { "0", "-3", "abc", "1.5", "99999999999999999999999" })
                BOOST_TEST(
                    server
                        .call("GET", QString(QStringLiteral("/api/v1/orgs/") + QString::fromLatin1(id)),
                            w.admin)
                        .status
                    == 404);
            const auto unknownParameter
                = server.call("GET", QString(orgUrl(w.t.school.id) + QStringLiteral("?expand=1")), w.admin);
            BOOST_TEST(unknownParameter.status == 400);
            BOOST_TEST(errorFields(unknownParameter) == QStringList { QStringLiteral("expand") });
        }
    }
}

BOOST_AUTO_TEST_CASE(lists_children_the_root_and_search_results_within_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto list = [&server](const char* query, const QString& token) {
                return server.call("GET", listUrl(QString::fromUtf8(query)), token);
            };

            BOOST_TEST((idsOf(list("parent=root", w.admin)) == QList<qint64> { w.t.province.id }));
            BOOST_TEST((idsOf(list("parent=root", w.officer)) == QList<qint64> { w.t.tranBien.id }));
            BOOST_TEST((idsOf(list("parent=root", w.secretary)) == QList<qint64> { w.t.cell1.id }));
            BOOST_TEST((idsOf(list("parent=root", w.member)) == QList<qint64> { w.t.cell1.id }));

            const auto children
                = server.call("GET", listUrl(QStringLiteral("parent=%1").arg(w.t.school.id)), w.officer);
            BOOST_TEST_REQUIRE(children.status == 200);
            BOOST_TEST((idsOf(children) == QList<qint64> { w.t.cell1.id, w.t.cell2.id }));
            BOOST_TEST(!children.json()
                            .value(QStringLiteral("items"))
                            .toArray()
                            .at(0)
                            .toObject()
                            .contains(QStringLiteral("memberCount")));
            BOOST_TEST(
                (idsOf(server.call("GET", listUrl(QStringLiteral("parent=%1").arg(w.t.province.id)), w.admin))
                    == QList<qint64> { w.t.tranBien.id, w.t.phuRieng.id }));
            for (const qint64 outside : { w.t.province.id, w.t.phuRieng.id }) {
                const auto hidden
                    = server.call("GET", listUrl(QStringLiteral("parent=%1").arg(outside)), w.officer);
                BOOST_TEST(hidden.status == 404);
                BOOST_TEST(!hidden.json().contains(QStringLiteral("items")));
            }
            BOOST_TEST(
                server.call("GET", listUrl(QStringLiteral("parent=%1").arg(w.t.school.id)), w.secretary)
                    .status
                == 404);

            // Search folds diacritics and stays inside the scope.
            const auto cells = list("q=chi%20bo", w.officer);
            BOOST_TEST_REQUIRE(cells.status == 200);
            BOOST_TEST((idsOf(cells) == QList<qint64> { w.t.cell1.id, w.t.cell2.id }));
            BOOST_TEST(idsOf(list("q=chi%20bo", w.admin)).size() == 3);
            BOOST_TEST(idsOf(list("q=chi%20bo&limit=1", w.admin)).size() == 1);
            BOOST_TEST(idsOf(list("q=PH%C3%9A%20RI%E1%BB%80NG", w.officer)).isEmpty());
            BOOST_TEST((idsOf(list("q=phu%20rieng", w.admin))
                == QList<qint64> { w.t.rubberCell.id, w.t.phuRieng.id }));
            BOOST_TEST((idsOf(list("q=26068.01.2", w.officer)) == QList<qint64> { w.t.cell2.id }));
            BOOST_TEST((idsOf(list("q=chi%20bo", w.secretary)) == QList<qint64> { w.t.cell1.id }));

            const auto neither = list("", w.admin);
            BOOST_TEST(neither.status == 400);
            BOOST_TEST(errorFields(neither) == QStringList { QStringLiteral("parent") });
        }
    }
}

BOOST_AUTO_TEST_CASE(creates_units_only_under_units_in_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto create = [&server](const QString& token, const QJsonObject& body) {
                return server.call("POST", QStringLiteral("/api/v1/orgs"), token, body);
            };

            RowCounts before = RowCounts::of(db->db());
            const auto cell3 = create(w.officer, newUnit(w.t.school.id, "cell", "26068.01.3", "Chi bộ  3 "));
            BOOST_TEST_REQUIRE(cell3.status == 201, describe(cell3));
            const QJsonObject created = cell3.json();
            const qint64 id = created.value(QStringLiteral("id")).toInteger();
            BOOST_TEST(created.value(QStringLiteral("name")).toString() == QStringLiteral("Chi bộ 3"));
            BOOST_TEST(created.value(QStringLiteral("kind")).toString() == QStringLiteral("cell"));
            BOOST_TEST(created.value(QStringLiteral("parentId")).toInteger() == w.t.school.id);
            BOOST_TEST(created.value(QStringLiteral("path")).toString()
                == QStringLiteral("%1%2/").arg(w.t.school.path).arg(id));
            BOOST_TEST(created.value(QStringLiteral("validFrom")).toString() == QStringLiteral("2026-11-20"));
            RowCounts after = RowCounts::of(db->db());
            BOOST_TEST(after.units == before.units + 1);
            BOOST_TEST(after.feed == before.feed + 1);
            BOOST_TEST(server.call("GET", orgUrl(id), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 0);

            // Directly under the top of the officer's own scope is allowed.
            BOOST_TEST(
                create(w.officer, newUnit(w.t.tranBien.id, "base_cell", "26068.02", "Chi bộ Bệnh viện"))
                    .status
                == 201);
            BOOST_TEST(
                create(w.admin, newUnit(w.t.phuRieng.id, "base_cell", "25252.02", "Chi bộ Trường Tiểu học"))
                    .status
                == 201);

            before = RowCounts::of(db->db());
            const auto missing = create(w.admin, newUnit(999999, "cell", "x.1", "Chi bộ ma"));
            const auto outside
                = create(w.officer, newUnit(w.t.phuRieng.id, "base_cell", "25252.03", "Chi bộ ngoài"));
            checkHidden(outside, missing);
            const auto root = create(w.officer,
                withDecision({ { QStringLiteral("kind"), QStringLiteral("province") },
                    { QStringLiteral("code"), QStringLiteral("76") },
                    { QStringLiteral("name"), QStringLiteral("Đảng bộ tỉnh khác") } }));
            BOOST_TEST(root.status == 403);
            BOOST_TEST(errorCode(root) == QStringLiteral("forbidden"));
            for (const QString& token : { w.secretary, w.member })
                BOOST_TEST(
                    create(token, newUnit(w.t.cell1.id, "group", "26068.01.1.1", "Tổ đảng 1")).status == 403);
            const auto secondRoot = create(w.admin,
                withDecision({ { QStringLiteral("kind"), QStringLiteral("province") },
                    { QStringLiteral("code"), QStringLiteral("76") },
                    { QStringLiteral("name"), QStringLiteral("Đảng bộ tỉnh khác") } }));
            BOOST_TEST(secondRoot.status == 400);
            BOOST_TEST(errorFields(secondRoot).contains(QStringLiteral("parentId")));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(renames_under_if_match_and_answers_412_to_a_stale_version)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto rename = [&server](const QString& token, qint64 id, const char* name,
                                    std::map<std::string, std::string> headers) {
                return server.call("PATCH", orgUrl(id), token,
                    withDecision({ { QStringLiteral("name"), QString::fromUtf8(name) } }),
                    std::move(headers));
            };
            const qint64 v = w.t.school.version;

            const auto renamed
                = rename(w.officer, w.t.school.id, "Đảng bộ Trường THPT Ngô Quyền Biên Hòa", ifMatch(v));
            BOOST_TEST_REQUIRE(renamed.status == 200, describe(renamed));
            BOOST_TEST(renamed.json().value(QStringLiteral("name")).toString()
                == QStringLiteral("Đảng bộ Trường THPT Ngô Quyền Biên Hòa"));
            BOOST_TEST(renamed.json().value(QStringLiteral("version")).toInteger() == v + 1);

            // The version read before the rename is stale now: 412 with the unit as it is, nothing written.
            const RowCounts before = RowCounts::of(db->db());
            const auto stale = rename(w.officer, w.t.school.id, "Tên cũ hơn", ifMatch(v));
            BOOST_TEST(stale.status == 412);
            BOOST_TEST(errorCode(stale) == QStringLiteral("stale_version"));
            const QJsonObject error = stale.json().value(QStringLiteral("error")).toObject();
            BOOST_TEST(error.value(QStringLiteral("currentVersion")).toInteger() == v + 1);
            BOOST_TEST(
                error.value(QStringLiteral("current")).toObject().value(QStringLiteral("name")).toString()
                == QStringLiteral("Đảng bộ Trường THPT Ngô Quyền Biên Hòa"));
            const auto noVersion = rename(w.officer, w.t.school.id, "Không phiên bản", {});
            BOOST_TEST(noVersion.status == 428);
            BOOST_TEST(errorCode(noVersion) == QStringLiteral("version_required"));
            BOOST_TEST(
                rename(w.officer, w.t.school.id, "Sai phiên bản", { { "If-Match", "*" } }).status == 428);
            // Out of scope, the top of the officer's own scope, or a role that may not rename.
            BOOST_TEST(
                rename(w.officer, w.t.phuRieng.id, "Ngoài phạm vi", ifMatch(w.t.phuRieng.version)).status
                == 404);
            BOOST_TEST(
                rename(w.officer, w.t.tranBien.id, "Đỉnh phạm vi", ifMatch(w.t.tranBien.version)).status
                == 403);
            BOOST_TEST(rename(w.secretary, w.t.cell1.id, "Chi bộ của tôi", ifMatch(w.t.cell1.version)).status
                == 403);
            BOOST_TEST(
                rename(w.member, w.t.cell1.id, "Chi bộ của tôi", ifMatch(w.t.cell1.version)).status == 403);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(server.call("GET", orgUrl(w.t.school.id), w.admin)
                           .json()
                           .value(QStringLiteral("name"))
                           .toString()
                == QStringLiteral("Đảng bộ Trường THPT Ngô Quyền Biên Hòa"));

            // The other spellings of a version.
            BOOST_TEST(rename(w.admin, w.t.school.id, "Tên thứ ba",
                           { { "If-Match", "W/\"" + std::to_string(v + 1) + '"' } })
                           .status
                == 200);
            BOOST_TEST(
                rename(w.admin, w.t.school.id, "Tên thứ tư", { { "If-Match", std::to_string(v + 2) } }).status
                == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.school.id), w.admin)
                           .json()
                           .value(QStringLiteral("version"))
                           .toInteger()
                == v + 3);
        }
    }
}

// A stale write answers 412 with the unit as it is now, but only to a caller who may still see it. The race
// is made to happen every time by holding the unit's row lock; SQLite serialises whole writes, so it runs on
// PostgreSQL.
BOOST_AUTO_TEST_CASE(a_stale_rename_shows_the_current_unit_only_if_it_is_still_in_the_callers_scope)
{
    for (const auto& db : allTestDatabases()) {
        if (db->config().dialect != Dialect::Postgres)
            continue;
        World w = seed(*db);
        RunningServer server(*db);
        signInAccounts(w, server);
        const QString lock
            = QStringLiteral("SELECT id FROM org_unit WHERE id = %1 FOR UPDATE").arg(w.t.school.id);
        qint64 version = w.t.school.version;
        HttpAnswer answer;
        const auto rename = [&] {
            answer = server.call("PATCH", orgUrl(w.t.school.id), w.officer,
                withDecision(
                    { { QStringLiteral("name"), QStringLiteral("Đảng bộ Trường THPT Ngô Quyền mới") } }),
                ifMatch(version));
        };
        OrgRepository units(db->db());

        // Renamed meanwhile by someone else, still in the officer's scope: 412 with the unit.
        runWhileRowLockHeld(db->db(), lock, rename, [&] {
            BOOST_TEST_REQUIRE(units
                                   .rename(w.t.school.id, QStringLiteral("Đảng bộ Trường Ngô Quyền"),
                                       decision("20-QĐ/TU", QDate(2026, 11, 20)), testContext())
                                   .ok());
        });
        BOOST_TEST(answer.status == 412, describe(answer));
        BOOST_TEST(staleCurrent(answer).value(QStringLiteral("name")).toString()
            == QStringLiteral("Đảng bộ Trường Ngô Quyền"));

        // Moved meanwhile under a commune outside the officer's scope: the answer says nothing of it.
        const auto current = units.find(w.t.school.id);
        BOOST_TEST_REQUIRE(current.ok());
        version = current->version;
        runWhileRowLockHeld(db->db(), lock, rename, [&] {
            BOOST_TEST_REQUIRE(units
                                   .move(w.t.school.id, w.t.phuRieng.id,
                                       decision("21-QĐ/TU", QDate(2026, 11, 20)), testContext())
                                   .ok());
        });
        BOOST_TEST(answer.status == 404, describe(answer));
        BOOST_TEST(errorCode(answer) == QStringLiteral("not_found"));
        BOOST_TEST(!answer.body.contains("Ngô Quyền"));
    }
}

BOOST_AUTO_TEST_CASE(concurrent_renames_from_the_same_version_let_exactly_one_through)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db, 8);
            signInAccounts(w, server);
            const qint64 v = w.t.cell2.version;
            const RowCounts before = RowCounts::of(db->db());
            std::vector<int> statuses(8);
            std::vector<std::thread> clients;
            for (std::size_t i = 0; i < statuses.size(); ++i)
                clients.emplace_back([&, i] {
                    statuses[i]
                        = server
                              .call("PATCH", orgUrl(w.t.cell2.id), w.officer,
                                  withDecision(
                                      { { QStringLiteral("name"), QStringLiteral("Chi bộ Tổ %1").arg(i) } }),
                                  ifMatch(v))
                              .status;
                });
            for (auto& client : clients)
                client.join();
            BOOST_TEST(std::count(statuses.begin(), statuses.end(), 200) == 1);
            BOOST_TEST(std::count(statuses.begin(), statuses.end(), 412) == 7);
            const RowCounts after = RowCounts::of(db->db());
            BOOST_TEST(after.feed == before.feed + 1);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell2.id), w.admin)
                           .json()
                           .value(QStringLiteral("version"))
                           .toInteger()
                == v + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(moves_a_subtree_in_and_out_of_an_officers_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto move = [&server](const QString& token, qint64 id, qint64 parentId) {
                return server.call("POST", orgUrl(id, "/move"), token,
                    withDecision({ { QStringLiteral("parentId"), parentId } }));
            };

            // Inside the officer's scope: a new base committee takes Chi bộ 2 over.
            const auto hospital = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer,
                newUnit(w.t.tranBien.id, "base_committee", "26068.02", "Đảng bộ Bệnh viện Đa khoa"));
            BOOST_TEST_REQUIRE(hospital.status == 201, describe(hospital));
            const qint64 hospitalId = hospital.json().value(QStringLiteral("id")).toInteger();
            const auto inside = move(w.officer, w.t.cell2.id, hospitalId);
            BOOST_TEST_REQUIRE(inside.status == 200, describe(inside));
            BOOST_TEST(inside.json().value(QStringLiteral("parentId")).toInteger() == hospitalId);
            BOOST_TEST(server.call("GET", orgUrl(hospitalId), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 1);
            BOOST_TEST(server.call("GET", orgUrl(w.t.school.id), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 1);

            // The officer can neither move a unit out of the scope nor fetch one from outside.
            RowCounts before = RowCounts::of(db->db());
            BOOST_TEST(move(w.officer, w.t.school.id, w.t.phuRieng.id).status == 404);
            BOOST_TEST(move(w.officer, w.t.rubberCell.id, w.t.tranBien.id).status == 404);
            BOOST_TEST(move(w.officer, w.t.tranBien.id, w.t.province.id).status == 403);
            BOOST_TEST(move(w.secretary, w.t.cell1.id, hospitalId).status == 403);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // The administrator moves the school (with Chi bộ 1) out of Trấn Biên: the officer loses sight of
            // it.
            const auto out = move(w.admin, w.t.school.id, w.t.phuRieng.id);
            BOOST_TEST_REQUIRE(out.status == 200, describe(out));
            const QString schoolPath = out.json().value(QStringLiteral("path")).toString();
            BOOST_TEST(schoolPath == QStringLiteral("%1%2/").arg(w.t.phuRieng.path).arg(w.t.school.id));
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.admin)
                           .json()
                           .value(QStringLiteral("path"))
                           .toString()
                == QStringLiteral("%1%2/").arg(schoolPath).arg(w.t.cell1.id));
            BOOST_TEST(server.call("GET", orgUrl(w.t.school.id), w.officer).status == 404);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.officer).status == 404);
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.officer).status == 404);
            BOOST_TEST(server.call("GET", orgUrl(w.t.phuRieng.id), w.admin)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 2);
            // The secretary's scope moved with the cell.
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.secretary).status == 200);

            // ... and moves the rubber company's cell in: now the officer sees it.
            BOOST_TEST(move(w.admin, w.t.rubberCell.id, w.t.tranBien.id).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.rubberCell.id), w.officer).status == 200);
            BOOST_TEST(server.call("GET", memberUrl(w.hoa.id), w.officer).status == 200);
            BOOST_TEST(server.call("GET", orgUrl(w.t.tranBien.id), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 2);
        }
    }
}

BOOST_AUTO_TEST_CASE(merges_and_dissolves_units)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto cell3 = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer,
                newUnit(w.t.school.id, "cell", "26068.01.3", "Chi bộ 3"));
            BOOST_TEST_REQUIRE(cell3.status == 201);
            const qint64 cell3Id = cell3.json().value(QStringLiteral("id")).toInteger();
            const Member binh = addMember(db->db(), cell3Id, "Võ", "Văn", "Bình");

            // Merge Chi bộ 3 into Chi bộ 2: the answer is the target, the source ends, its member moves.
            RowCounts before = RowCounts::of(db->db());
            BOOST_TEST(server
                           .call("POST", orgUrl(cell3Id, "/merge"), w.officer,
                               withDecision({ { QStringLiteral("targetId"), w.t.rubberCell.id } }))
                           .status
                == 404);
            BOOST_TEST(server
                           .call("POST", orgUrl(w.t.tranBien.id, "/merge"), w.officer,
                               withDecision({ { QStringLiteral("targetId"), w.t.school.id } }))
                           .status
                == 403);
            BOOST_TEST(server
                           .call("POST", orgUrl(cell3Id, "/merge"), w.secretary,
                               withDecision({ { QStringLiteral("targetId"), w.t.cell2.id } }))
                           .status
                == 403);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            const auto merged = server.call("POST", orgUrl(cell3Id, "/merge"), w.officer,
                withDecision({ { QStringLiteral("targetId"), w.t.cell2.id } }));
            BOOST_TEST_REQUIRE(merged.status == 200, describe(merged));
            BOOST_TEST(merged.json().value(QStringLiteral("id")).toInteger() == w.t.cell2.id);
            const QJsonObject source = server.call("GET", orgUrl(cell3Id), w.officer).json();
            BOOST_TEST(source.value(QStringLiteral("endReason")).toString() == QStringLiteral("merged"));
            BOOST_TEST(source.value(QStringLiteral("successorId")).toInteger() == w.t.cell2.id);
            BOOST_TEST(source.value(QStringLiteral("validTo")).toString() == QStringLiteral("2026-11-20"));
            BOOST_TEST(server.call("GET", memberUrl(binh.id), w.officer)
                           .json()
                           .value(QStringLiteral("orgUnitId"))
                           .toInteger()
                == w.t.cell2.id);
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell2.id), w.officer)
                           .json()
                           .value(QStringLiteral("memberCount"))
                           .toInteger()
                == 2);
            // An ended unit no longer shows among the children.
            BOOST_TEST(
                (idsOf(server.call("GET", listUrl(QStringLiteral("parent=%1").arg(w.t.school.id)), w.officer))
                    == QList<qint64> { w.t.cell1.id, w.t.cell2.id }));

            // A unit with members cannot be dissolved; an empty one can, once.
            before = RowCounts::of(db->db());
            const auto busy
                = server.call("POST", orgUrl(w.t.cell2.id, "/dissolve"), w.officer, decisionJson());
            BOOST_TEST(busy.status == 409);
            BOOST_TEST(errorCode(busy) == QStringLiteral("conflict"));
            BOOST_TEST(
                server.call("POST", orgUrl(w.t.tranBien.id, "/dissolve"), w.officer, decisionJson()).status
                == 403);
            BOOST_TEST(
                server.call("POST", orgUrl(w.t.rubberCell.id, "/dissolve"), w.officer, decisionJson()).status
                == 404);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            const auto empty = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer,
                newUnit(w.t.school.id, "cell", "26068.01.4", "Chi bộ 4"));
            const qint64 emptyId = empty.json().value(QStringLiteral("id")).toInteger();
            const auto dissolved
                = server.call("POST", orgUrl(emptyId, "/dissolve"), w.officer, decisionJson());
            BOOST_TEST_REQUIRE(dissolved.status == 200, describe(dissolved));
            BOOST_TEST(dissolved.json().value(QStringLiteral("endReason")).toString()
                == QStringLiteral("dissolved"));
            BOOST_TEST(
                dissolved.json().value(QStringLiteral("validTo")).toString() == QStringLiteral("2026-11-20"));
            before = RowCounts::of(db->db());
            const auto again = server.call("POST", orgUrl(emptyId, "/dissolve"), w.officer, decisionJson());
            BOOST_TEST(again.status == 400);
            BOOST_TEST(errorFields(again).contains(QStringLiteral("id")));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(server.call("GET", orgUrl(emptyId), w.officer).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_post_repeated_with_the_same_idempotency_key_replays_the_first_answer)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const QJsonObject body = newUnit(w.t.school.id, "cell", "26068.01.5", "Chi bộ 5");
            const auto key = idempotencyKey("tao-chi-bo-5:2026-11-25");
            const RowCounts before = RowCounts::of(db->db());

            const auto first = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer, body, key);
            BOOST_TEST_REQUIRE(first.status == 201, describe(first));
            BOOST_TEST(!first.headers.contains("Idempotent-Replayed"));
            const RowCounts once = RowCounts::of(db->db());
            BOOST_TEST(once.units == before.units + 1);
            for (int i = 0; i < 3; ++i) {
                const auto repeat = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer, body, key);
                BOOST_TEST(repeat.status == 201);
                BOOST_TEST(repeat.body == first.body);
                BOOST_TEST(repeat.headers.at("Idempotent-Replayed") == "true");
            }
            BOOST_TEST((RowCounts::of(db->db()) == once));

            // The key belongs to its account: another account's same key is a request of its own.
            const auto other = server.call("POST", QStringLiteral("/api/v1/orgs"), w.admin,
                newUnit(w.t.school.id, "cell", "26068.01.6", "Chi bộ 6"), key);
            BOOST_TEST(other.status == 201);
            BOOST_TEST(other.json().value(QStringLiteral("id")).toInteger()
                != first.json().value(QStringLiteral("id")).toInteger());

            // The same key on another route is refused and runs nothing.
            const RowCounts beforeMisuse = RowCounts::of(db->db());
            const auto misuse
                = server.call("POST", orgUrl(w.t.cell1.id, "/dissolve"), w.officer, decisionJson(), key);
            BOOST_TEST(misuse.status == 409);
            BOOST_TEST(errorCode(misuse) == QStringLiteral("conflict"));
            BOOST_TEST((RowCounts::of(db->db()) == beforeMisuse));

            // A move repeated under its key moves once.
            const auto moveKey = idempotencyKey("chuyen-chi-bo-5-0001");
            const qint64 cell5 = first.json().value(QStringLiteral("id")).toInteger();
            const auto hospital = server.call("POST", QStringLiteral("/api/v1/orgs"), w.officer,
                newUnit(w.t.tranBien.id, "base_committee", "26068.02", "Đảng bộ Bệnh viện"));
            const qint64 hospitalId = hospital.json().value(QStringLiteral("id")).toInteger();
            const QJsonObject moveThere = withDecision({ { QStringLiteral("parentId"), hospitalId } });
            const auto moved = server.call("POST", orgUrl(cell5, "/move"), w.officer, moveThere, moveKey);
            BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            const RowCounts afterMove = RowCounts::of(db->db());
            const auto replayed = server.call("POST", orgUrl(cell5, "/move"), w.officer, moveThere, moveKey);
            BOOST_TEST(replayed.status == 200);
            BOOST_TEST(replayed.body == moved.body);
            BOOST_TEST((RowCounts::of(db->db()) == afterMove));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
