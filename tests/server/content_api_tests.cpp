// SPDX-License-Identifier: GPL-3.0-or-later
// Published content over HTTP: who may read, write, publish, archive and delete which item; the change
// feed bringing an item to every replica it concerns; bad input refused naming the field; classified
// material refused; scheduled publication; replays of a create.
#include "store/content_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/held_row_lock.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

// demo_tree.h's tree: "canbo.tranbien" manages Trấn Biên (the school and its cells 1 and 2), the cell-1
// secretary and the member Lan work in cell 1, "canbo.phurieng" manages Phú Riềng, outside it.
struct World {
    SmallTree t;
    QString admin, officer, secretary, member, farOfficer;
};

World world(const TestDatabase& db, const RunningServer& server)
{
    World w;
    w.t = buildSmallTree(db.db());
    const Member lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.member = server.addUser(
        w.admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), std::nullopt, lan.id);
    w.farOfficer = server.addUser(
        w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    return w;
}

QString contentUrl(qint64 id, const char* suffix = "")
{
    return QStringLiteral("/api/v1/content/%1%2").arg(id).arg(QString::fromLatin1(suffix));
}

QJsonArray ids(std::initializer_list<qint64> values)
{
    QJsonArray array;
    for (const qint64 value : values)
        array.append(value);
    return array;
}

QJsonObject news(const QString& title, QJsonArray audience)
{
    return { { QStringLiteral("kind"), QStringLiteral("news") }, { QStringLiteral("title"), title },
        { QStringLiteral("body"), QStringLiteral("Nội dung tin.\n\n- một\n- hai") },
        { QStringLiteral("audience"), audience } };
}

QJsonObject lesson(QJsonArray audience)
{
    const QJsonObject question { { QStringLiteral("text"), QStringLiteral("Đại hội XIV họp năm nào?") },
        { QStringLiteral("options"), QJsonArray { QStringLiteral("2025"), QStringLiteral("2026") } },
        { QStringLiteral("correct"), QJsonArray { 1 } } };
    return { { QStringLiteral("kind"), QStringLiteral("lesson") },
        { QStringLiteral("title"), QStringLiteral("Học tập Nghị quyết Đại hội XIV") },
        { QStringLiteral("body"), QStringLiteral("# Phần 1\n\nNội dung **chính** của bài.") },
        { QStringLiteral("quiz"),
            QJsonObject { { QStringLiteral("questions"), QJsonArray { question } },
                { QStringLiteral("passPercent"), 80 } } },
        { QStringLiteral("audience"), audience } };
}

QJsonObject document()
{
    return { { QStringLiteral("kind"), QStringLiteral("document") },
        { QStringLiteral("title"), QStringLiteral("Nghị quyết về chuyển đổi số") },
        { QStringLiteral("body"), QStringLiteral("Toàn văn nghị quyết.") },
        { QStringLiteral("docType"), QStringLiteral("resolution") },
        { QStringLiteral("docNumber"), QStringLiteral("45-NQ/TU") },
        { QStringLiteral("issuer"), QStringLiteral("Tỉnh ủy Đồng Nai") },
        { QStringLiteral("issuedOn"), QStringLiteral("2026-10-02") } };
}

// Creates through the API and returns the item; fails the test otherwise.
QJsonObject create(const RunningServer& server, const QString& token, const QJsonObject& body)
{
    const auto answer = server.call("POST", QStringLiteral("/api/v1/content"), token, body);
    BOOST_TEST_REQUIRE(answer.status == 201, describe(answer));
    return answer.json();
}

QJsonObject act(const RunningServer& server, const QString& token, const QJsonObject& item,
    const char* suffix, const QJsonObject& body = {})
{
    const auto answer = server.call("POST", contentUrl(item.value(QStringLiteral("id")).toInteger(), suffix),
        token, body, ifMatch(item.value(QStringLiteral("version")).toInteger()));
    BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
    return answer.json();
}

QJsonObject published(const RunningServer& server, const QString& token, const QJsonObject& body)
{
    return act(server, token, create(server, token, body), "/publish");
}

qint64 idOf(const QJsonObject& item)
{
    return item.value(QStringLiteral("id")).toInteger();
}

QSet<qint64> listedIds(const RunningServer& server, const QString& token, const QString& query = {})
{
    QSet<qint64> found;
    const auto answer = server.call("GET", QStringLiteral("/api/v1/content") + query, token);
    BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
    for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
        found.insert(idOf(item.toObject()));
    return found;
}

qint64 contentRows(const TestDatabase& db)
{
    return countRows(db.db(), QStringLiteral("content_item"))
        + countRows(db.db(), QStringLiteral("content_audience"));
}

QString fieldMessage(const HttpAnswer& answer, const QString& field)
{
    return answer.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("fields"))
        .toObject()
        .value(field)
        .toString();
}

} // namespace

BOOST_AUTO_TEST_SUITE(content_api_tests)

BOOST_AUTO_TEST_CASE(an_officer_writes_publishes_archives_and_deletes_content_within_their_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);

            const QJsonObject draft = create(server, w.officer, lesson(ids({ w.t.school.id })));
            BOOST_TEST(draft.value(QStringLiteral("state")).toString() == QStringLiteral("draft"));
            BOOST_TEST(draft.value(QStringLiteral("kind")).toString() == QStringLiteral("lesson"));
            BOOST_TEST(
                draft.value(QStringLiteral("authorName")).toString() == QStringLiteral("canbo.tranbien"));
            BOOST_TEST(draft.value(QStringLiteral("authorOrgId")).toInteger() == w.t.tranBien.id);
            BOOST_TEST(draft.value(QStringLiteral("publishAt")).isNull());
            BOOST_TEST((draft.value(QStringLiteral("audience")).toArray() == ids({ w.t.school.id })));
            const QJsonObject quiz = draft.value(QStringLiteral("quiz")).toObject();
            BOOST_TEST(quiz.value(QStringLiteral("passPercent")).toInt() == 80);
            const QJsonObject question = quiz.value(QStringLiteral("questions")).toArray().at(0).toObject();
            BOOST_TEST(question.value(QStringLiteral("number")).toInt() == 1);
            BOOST_TEST((question.value(QStringLiteral("correct")).toArray() == QJsonArray { 1 }));

            // A change needs the version it was made on; a stale one answers 412 with the item as it is.
            const qint64 id = idOf(draft);
            const QJsonObject retitle { { QStringLiteral("title"),
                QStringLiteral("  Học tập   Nghị quyết XIV ") } };
            BOOST_TEST(server.call("PATCH", contentUrl(id), w.officer, retitle).status == 428);
            const auto changed = server.call("PATCH", contentUrl(id), w.officer, retitle, ifMatch(1));
            BOOST_TEST_REQUIRE(changed.status == 200, describe(changed));
            BOOST_TEST(changed.json().value(QStringLiteral("title")).toString()
                == QStringLiteral("Học tập Nghị quyết XIV"));
            BOOST_TEST(changed.json().value(QStringLiteral("version")).toInteger() == 2);
            // The same text again changes nothing: no new version.
            const auto same = server.call("PATCH", contentUrl(id), w.officer, retitle, ifMatch(2));
            BOOST_TEST(same.status == 200, describe(same));
            BOOST_TEST(same.json().value(QStringLiteral("version")).toInteger() == 2);
            const auto stale = server.call("PATCH", contentUrl(id), w.officer, retitle, ifMatch(1));
            BOOST_TEST(stale.status == 412);
            BOOST_TEST(staleCurrent(stale).value(QStringLiteral("version")).toInteger() == 2);

            // Published now: the time is the server's; publishing twice is a conflict of state.
            const QJsonObject live = act(server, w.officer, changed.json(), "/publish");
            BOOST_TEST(live.value(QStringLiteral("state")).toString() == QStringLiteral("published"));
            BOOST_TEST(
                live.value(QStringLiteral("publishAt")).toString() == QStringLiteral("2026-11-25T03:00:00Z"));
            const auto twice = server.call("POST", contentUrl(id, "/publish"), w.officer, {}, ifMatch(3));
            BOOST_TEST(twice.status == 409);
            BOOST_TEST(errorFields(twice) == QStringList { QStringLiteral("state") });

            // A published lesson's quiz no longer changes (members may have answered it); its text does.
            QJsonObject otherQuiz = lesson({}).value(QStringLiteral("quiz")).toObject();
            otherQuiz.insert(QStringLiteral("passPercent"), 50);
            const auto quizChange = server.call(
                "PATCH", contentUrl(id), w.officer, { { QStringLiteral("quiz"), otherQuiz } }, ifMatch(3));
            BOOST_TEST(quizChange.status == 409);
            BOOST_TEST(errorFields(quizChange) == QStringList { QStringLiteral("quiz") });
            const auto textChange = server.call("PATCH", contentUrl(id), w.officer,
                { { QStringLiteral("summary"), QStringLiteral("Tóm tắt.") } }, ifMatch(3));
            BOOST_TEST_REQUIRE(textChange.status == 200, describe(textChange));

            // A published item is archived, not deleted; an archived one does not change until published
            // again.
            BOOST_TEST(server.call("DELETE", contentUrl(id), w.officer, {}, ifMatch(4)).status == 409);
            const QJsonObject archived = act(server, w.officer, textChange.json(), "/archive");
            BOOST_TEST(archived.value(QStringLiteral("state")).toString() == QStringLiteral("archived"));
            BOOST_TEST(server.call("PATCH", contentUrl(id), w.officer, retitle, ifMatch(5)).status == 409);
            const QJsonObject again = act(server, w.officer, archived, "/publish");
            BOOST_TEST(again.value(QStringLiteral("state")).toString() == QStringLiteral("published"));

            // A draft is deleted, with its audience; a second delete finds nothing.
            const QJsonObject note
                = create(server, w.officer, news(QStringLiteral("Tin nháp"), ids({ w.t.cell2.id })));
            const auto deleted = server.call("DELETE", contentUrl(idOf(note)), w.officer, {}, ifMatch(1));
            BOOST_TEST(deleted.status == 204, describe(deleted));
            BOOST_TEST(server.call("GET", contentUrl(idOf(note)), w.officer).status == 404);
            BOOST_TEST(
                server.call("DELETE", contentUrl(idOf(note)), w.officer, {}, ifMatch(1)).status == 404);

            // Every write is in the audit log.
            auto audit = sql::exec(db->db(),
                QStringLiteral("SELECT action FROM audit_log WHERE entity = 'content' ORDER BY id"));
            BOOST_TEST_REQUIRE(audit.ok());
            QStringList actions;
            while (audit->next())
                actions.append(audit->value(0).toString());
            BOOST_TEST(actions
                == (QStringList { QStringLiteral("content.create"), QStringLiteral("content.update"),
                    QStringLiteral("content.publish"), QStringLiteral("content.update"),
                    QStringLiteral("content.archive"), QStringLiteral("content.publish"),
                    QStringLiteral("content.create"), QStringLiteral("content.delete") }));
        }
    }
}

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_content_it_may_and_the_rest_looks_missing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            // P: the province's, to everyone. D: a draft of Trấn Biên's. T: Trấn Biên's, to its school.
            // F: Phú Riềng's, to its cell. S: the cell-1 secretary's, to cell 1.
            const qint64 p = idOf(
                published(server, w.admin, news(QStringLiteral("Toàn tỉnh"), ids({ w.t.province.id }))));
            const qint64 d
                = idOf(create(server, w.officer, news(QStringLiteral("Nháp"), ids({ w.t.school.id }))));
            const qint64 t
                = idOf(published(server, w.officer, news(QStringLiteral("Trường"), ids({ w.t.school.id }))));
            const qint64 f = idOf(
                published(server, w.farOfficer, news(QStringLiteral("Cao su"), ids({ w.t.rubberCell.id }))));
            const qint64 s = idOf(
                published(server, w.secretary, news(QStringLiteral("Chi bộ 1"), ids({ w.t.cell1.id }))));
            const qint64 missing = 999999;

            BOOST_TEST((listedIds(server, w.admin) == QSet<qint64> { p, d, t, f, s }));
            BOOST_TEST((listedIds(server, w.officer) == QSet<qint64> { p, d, t, s }));
            BOOST_TEST((listedIds(server, w.farOfficer) == QSet<qint64> { p, f }));
            BOOST_TEST((listedIds(server, w.secretary) == QSet<qint64> { p, t, s }));
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/content"), w.member).status == 403);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/content"), {}).status == 401);

            const auto absent = server.call("GET", contentUrl(missing), w.officer);
            BOOST_TEST(absent.status == 404);
            const std::vector<std::pair<QString, std::vector<qint64>>> hidden { { w.officer, { f } },
                { w.farOfficer, { d, t, s } }, { w.secretary, { d, f } } };
            for (const auto& [token, items] : hidden)
                for (const qint64 id : items) {
                    const auto answer = server.call("GET", contentUrl(id), token);
                    BOOST_TEST(answer.status == 404);
                    BOOST_TEST(answer.body == absent.body);
                }
            BOOST_TEST(server.call("GET", contentUrl(p), w.member).status == 403);

            // Every write, by every caller, on every item: the owner's scope writes; an item the caller can
            // read but not write is 403 with the reason; one it cannot read is 404 as a missing id; a member
            // is 403; no session is 401. No refusal changes anything.
            const std::vector<std::pair<std::string, const char*>> writes { { "PATCH", "" }, { "DELETE", "" },
                { "POST", "/publish" }, { "POST", "/archive" } };
            for (const auto& [method, suffix] : writes) {
                BOOST_TEST_CONTEXT(method << " " << suffix)
                {
                    const RowCounts before = RowCounts::of(db->db());
                    const qint64 rows = contentRows(*db);
                    const auto write = [&](const QString& token, qint64 id) {
                        const QJsonObject body = method == "PATCH"
                            ? QJsonObject { { QStringLiteral("summary"), QStringLiteral("x") } }
                            : QJsonObject {};
                        return server.call(method, contentUrl(id, suffix), token, body, ifMatch(99));
                    };
                    const auto gone = write(w.officer, missing);
                    BOOST_TEST(gone.status == 404);
                    for (const auto& [token, items] : hidden)
                        for (const qint64 id : items) {
                            const auto answer = write(token, id);
                            BOOST_TEST(answer.status == 404);
                            BOOST_TEST(answer.body == gone.body);
                        }
                    for (const auto& [token, id] : std::vector<std::pair<QString, qint64>> { { w.officer, p },
                             { w.farOfficer, p }, { w.secretary, p }, { w.secretary, t } }) {
                        const auto answer = write(token, id);
                        BOOST_TEST(answer.status == 403, describe(answer));
                    }
                    BOOST_TEST(write(w.member, s).status == 403);
                    BOOST_TEST(write(w.member, missing).status == 403);
                    BOOST_TEST(write({}, s).status == 401);
                    // Allowed, but at a stale version: 412, and still nothing changes.
                    BOOST_TEST(write(w.officer, s).status == 412);
                    BOOST_TEST(write(w.secretary, s).status == 412);
                    BOOST_TEST((RowCounts::of(db->db()) == before));
                    BOOST_TEST(contentRows(*db) == rows);
                }
            }

            // Audiences: only units the caller can see (404 otherwise, as a missing unit), and a secretary
            // publishes to their own cell alone.
            const RowCounts before = RowCounts::of(db->db());
            const auto post = [&](const QString& token, QJsonArray audience) {
                return server.call(
                    "POST", QStringLiteral("/api/v1/content"), token, news(QStringLiteral("x"), audience));
            };
            BOOST_TEST(post(w.officer, ids({ w.t.rubberCell.id })).status == 404);
            BOOST_TEST(post(w.officer, ids({ w.t.province.id })).status == 404);
            BOOST_TEST(post(w.officer, ids({ w.t.cell1.id, missing })).status == 404);
            BOOST_TEST(post(w.secretary, ids({ w.t.cell2.id })).status == 404);
            BOOST_TEST(post(w.secretary, ids({ w.t.school.id })).status == 404);
            const auto twoCells = post(w.secretary, ids({ w.t.cell1.id, w.t.cell1.id }));
            BOOST_TEST(twoCells.status == 400);
            BOOST_TEST(post(w.member, ids({ w.t.cell1.id })).status == 403);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            // An officer cannot move its own item's audience outside its scope either.
            const auto moved = server.call("PATCH", contentUrl(t), w.officer,
                { { QStringLiteral("audience"), ids({ w.t.rubberCell.id }) } }, ifMatch(2));
            BOOST_TEST(moved.status == 404);
            BOOST_TEST((RowCounts::of(db->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_first_download_of_content_and_figures_holds_only_the_caller_s_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            // P: the province's, to everyone. T: Trấn Biên's, to its school. F: Phú Riềng's, to its cell.
            const qint64 p = idOf(
                published(server, w.admin, news(QStringLiteral("Toàn tỉnh"), ids({ w.t.province.id }))));
            const qint64 t
                = idOf(published(server, w.officer, news(QStringLiteral("Trường"), ids({ w.t.school.id }))));
            const qint64 f = idOf(
                published(server, w.farOfficer, news(QStringLiteral("Cao su"), ids({ w.t.rubberCell.id }))));
            // Figures of cell 1 (Lan opens the province's item) and of the rubber cell, far from Trấn Biên.
            BOOST_TEST_REQUIRE(
                server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(p), w.member).status == 200);
            const Member far = addMember(db->db(), w.t.rubberCell.id, "Lê", "Văn", "Tám");
            BOOST_TEST_REQUIRE(ParticipationRepository(db->db())
                                   .recordOpened(far.id, w.t.rubberCell.id, f, testContext())
                                   .ok());

            const auto downloaded = [&](const QString& token, const char* path, const char* key) {
                const auto answer = server.call("GET", QString::fromLatin1(path), token);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                QSet<qint64> found;
                for (const QJsonValue& item : answer.json().value(QStringLiteral("items")).toArray())
                    found.insert(item.toObject().value(QString::fromLatin1(key)).toInteger());
                return found;
            };
            const auto content
                = [&](const QString& token) { return downloaded(token, "/api/v1/sync/content", "id"); };
            const auto cells = [&](const QString& token) {
                return downloaded(token, "/api/v1/sync/participation", "cellId");
            };
            BOOST_TEST((content(w.admin) == QSet<qint64> { p, t, f }));
            BOOST_TEST((content(w.officer) == QSet<qint64> { p, t }));
            BOOST_TEST((content(w.secretary) == QSet<qint64> { p, t }));
            BOOST_TEST((content(w.farOfficer) == QSet<qint64> { p, f }));
            BOOST_TEST((cells(w.admin) == QSet<qint64> { w.t.cell1.id, w.t.rubberCell.id }));
            BOOST_TEST((cells(w.officer) == QSet<qint64> { w.t.cell1.id }));
            BOOST_TEST((cells(w.secretary) == QSet<qint64> { w.t.cell1.id }));
            BOOST_TEST((cells(w.farOfficer) == QSet<qint64> { w.t.rubberCell.id }));
            // A member has no replica; no session is 401. A cursor does not reach past the scope either.
            for (const char* path : { "/api/v1/sync/content", "/api/v1/sync/participation" }) {
                BOOST_TEST(server.call("GET", QString::fromLatin1(path), w.member).status == 403);
                BOOST_TEST(server.call("GET", QString::fromLatin1(path), {}).status == 401);
            }
            BOOST_TEST(downloaded(w.officer, "/api/v1/sync/content?after=0", "id").contains(f) == false);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_change_feed_brings_an_item_to_every_replica_it_concerns)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto head = [&](const QString& token) {
                return server.call("GET", QStringLiteral("/api/v1/sync/head"), token)
                    .json()
                    .value(QStringLiteral("seq"))
                    .toInteger();
            };
            // What the feed says of content since `since`: id -> "upsert"/"removed", the last word kept.
            const auto feed = [&](const QString& token, qint64 since) {
                std::map<qint64, QString> seen;
                const auto answer
                    = server.call("GET", QStringLiteral("/api/v1/changes?since=%1").arg(since), token);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                for (const auto& value : answer.json().value(QStringLiteral("items")).toArray()) {
                    const QJsonObject item = value.toObject();
                    if (item.value(QStringLiteral("entity")).toString() == u"content")
                        seen[item.value(QStringLiteral("id")).toInteger()]
                            = item.value(QStringLiteral("change")).toString();
                }
                return seen;
            };
            const qint64 start = head(w.admin);
            // How often the feed names an item (once per page, however many rows it wrote).
            const auto mentions = [&](const QString& token, qint64 since, qint64 id) {
                const auto answer
                    = server.call("GET", QStringLiteral("/api/v1/changes?since=%1").arg(since), token);
                int found = 0;
                for (const auto& value : answer.json().value(QStringLiteral("items")).toArray())
                    found += value.toObject().value(QStringLiteral("entity")).toString() == u"content"
                        && value.toObject().value(QStringLiteral("id")).toInteger() == id;
                return found;
            };

            // A province-wide item reaches the cell's secretary and the far commune once it is published,
            // not while it is the province's draft.
            const QJsonObject draft
                = create(server, w.admin, news(QStringLiteral("Toàn tỉnh"), ids({ w.t.province.id })));
            const qint64 p = idOf(draft);
            BOOST_TEST(feed(w.secretary, start).count(p) == 0);
            BOOST_TEST(feed(w.farOfficer, start).count(p) == 0);
            act(server, w.admin, draft, "/publish");
            BOOST_TEST(feed(w.secretary, start)[p] == QStringLiteral("upsert"));
            BOOST_TEST(feed(w.farOfficer, start)[p] == QStringLiteral("upsert"));
            BOOST_TEST(feed(w.officer, start)[p] == QStringLiteral("upsert"));
            BOOST_TEST(mentions(w.admin, start, p) == 1);
            BOOST_TEST(mentions(w.officer, start, p) == 1);

            // Trấn Biên's draft to the school reaches Trấn Biên's officer alone; published, the cell's
            // secretary too, and never the far commune.
            QJsonObject item
                = create(server, w.officer, news(QStringLiteral("Trường"), ids({ w.t.school.id })));
            const qint64 t = idOf(item);
            BOOST_TEST(feed(w.officer, start)[t] == QStringLiteral("upsert"));
            BOOST_TEST(feed(w.secretary, start).count(t) == 0);
            item = act(server, w.officer, item, "/publish");
            BOOST_TEST(feed(w.secretary, start)[t] == QStringLiteral("upsert"));
            BOOST_TEST(feed(w.farOfficer, start).count(t) == 0);

            // Moved to cell 2 only: cell 1's secretary learns that it left, from the unit it left.
            const qint64 beforeMove = head(w.admin);
            const auto moved = server.call("PATCH", contentUrl(t), w.officer,
                { { QStringLiteral("audience"), ids({ w.t.cell2.id }) } },
                ifMatch(item.value(QStringLiteral("version")).toInteger()));
            BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            BOOST_TEST(feed(w.secretary, beforeMove)[t] == QStringLiteral("removed"));
            BOOST_TEST(feed(w.officer, beforeMove)[t] == QStringLiteral("upsert"));

            // A deleted draft is removed for the replicas that had it.
            const QJsonObject gone
                = create(server, w.officer, news(QStringLiteral("Bỏ"), ids({ w.t.cell1.id })));
            const qint64 beforeDelete = head(w.admin);
            BOOST_TEST(
                server.call("DELETE", contentUrl(idOf(gone)), w.officer, {}, ifMatch(1)).status == 204);
            BOOST_TEST(feed(w.officer, beforeDelete)[idOf(gone)] == QStringLiteral("removed"));
            // A member's feed carries no content: the handbook reads it from /api/v1/me.
            BOOST_TEST(feed(w.member, start).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_input_gets_a_400_naming_the_field_and_changes_nothing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QJsonArray school = ids({ w.t.school.id });
            const RowCounts before = RowCounts::of(db->db());
            const auto refused = [&](const QJsonObject& body, const QString& field) {
                const auto answer = server.call("POST", QStringLiteral("/api/v1/content"), w.officer, body);
                BOOST_TEST(answer.status == 400, describe(answer));
                BOOST_TEST(errorFields(answer).contains(field), describe(answer));
                return fieldMessage(answer, field);
            };
            const auto with = [](QJsonObject body, const QString& key, const QJsonValue& value) {
                body.insert(key, value);
                return body;
            };
            QJsonObject doc = document();
            doc.insert(QStringLiteral("audience"), school);

            refused(with(news(QStringLiteral("x"), school), QStringLiteral("colour"), QStringLiteral("red")),
                QStringLiteral("colour"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("title"), 12),
                QStringLiteral("title"));
            refused(
                with(news(QStringLiteral("x"), school), QStringLiteral("title"), QStringLiteral("Tin\u0007")),
                QStringLiteral("title"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("kind"), QStringLiteral("poem")),
                QStringLiteral("kind"));
            refused(
                with(news(QStringLiteral("x"), school), QStringLiteral("audience"), QStringLiteral("all")),
                QStringLiteral("audience"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("audience"), QJsonArray {}),
                QStringLiteral("audience"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("docNumber"),
                        QStringLiteral("45-NQ/TU")),
                QStringLiteral("docNumber"));
            refused(with(doc, QStringLiteral("docNumber"), QString()), QStringLiteral("docNumber"));
            refused(with(doc, QStringLiteral("issuedOn"), QStringLiteral("2027-01-01")),
                QStringLiteral("issuedOn"));
            refused(with(doc, QStringLiteral("docType"), QStringLiteral("memo")), QStringLiteral("docType"));
            QJsonObject badQuiz = lesson(school);
            QJsonObject quiz = badQuiz.value(QStringLiteral("quiz")).toObject();
            QJsonArray questions = quiz.value(QStringLiteral("questions")).toArray();
            QJsonObject question = questions.at(0).toObject();
            question.insert(QStringLiteral("correct"), QJsonArray { 5 });
            questions.replace(0, question);
            quiz.insert(QStringLiteral("questions"), questions);
            refused(with(badQuiz, QStringLiteral("quiz"), quiz), QStringLiteral("quiz.questions[0].correct"));
            quiz.insert(QStringLiteral("passPercent"), 120);
            refused(with(badQuiz, QStringLiteral("quiz"), quiz), QStringLiteral("quiz.passPercent"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("body"),
                        QStringLiteral("Xem [đây](javascript:alert(1)).")),
                QStringLiteral("body"));
            refused(with(news(QStringLiteral("x"), school), QStringLiteral("topicMonth"),
                        QStringLiteral("2026-13")),
                QStringLiteral("topicMonth"));
            QJsonObject topic = news(QStringLiteral("Chuyên đề tháng 13"), school);
            topic.insert(QStringLiteral("kind"), QStringLiteral("meeting_topic"));
            topic.insert(QStringLiteral("topicMonth"), QStringLiteral("2026-13"));
            refused(topic, QStringLiteral("topicMonth"));

            // Classified material: a stamp on a line of its own, or "Độ mật:", is refused where it stands.
            const QString stamped
                = refused(with(news(QStringLiteral("x"), school), QStringLiteral("body"),
                              QStringLiteral("Kính gửi các chi bộ.\n\nTỐI MẬT\n\nNội dung.")),
                    QStringLiteral("body"));
            BOOST_TEST(stamped.contains(QStringLiteral("TỐI MẬT")), stamped.toStdString());
            BOOST_TEST(stamped.contains(QStringLiteral("3")), stamped.toStdString());
            refused(with(doc, QStringLiteral("summary"), QStringLiteral("Độ mật: Mật")),
                QStringLiteral("summary"));
            refused(
                with(news(QStringLiteral("x"), school), QStringLiteral("title"), QStringLiteral("TUYET MAT")),
                QStringLiteral("title"));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(contentRows(*db) == 0);

            // Not malformed: "bí mật" and "mật khẩu" are ordinary words.
            create(server, w.officer,
                with(news(QStringLiteral("Bảo vệ bí mật nhà nước"), school), QStringLiteral("body"),
                    QStringLiteral("Không chia sẻ mật khẩu.\nGiữ gìn bí mật.")));

            // Malformed bodies, and a PATCH that would change the kind.
            const auto raw = server.rawCall(
                "POST", QStringLiteral("/api/v1/content"), w.officer, QByteArray("{\"kind\": "));
            BOOST_TEST(raw.status == 400);
            const auto array
                = server.rawCall("POST", QStringLiteral("/api/v1/content"), w.officer, QByteArray("[]"));
            BOOST_TEST(array.status == 400);
            const QJsonObject draft = create(server, w.officer, news(QStringLiteral("Tin"), school));
            const RowCounts middle = RowCounts::of(db->db());
            const auto kind = server.call("PATCH", contentUrl(idOf(draft)), w.officer,
                { { QStringLiteral("kind"), QStringLiteral("lesson") } }, ifMatch(1));
            BOOST_TEST(kind.status == 400);
            BOOST_TEST(errorFields(kind) == QStringList { QStringLiteral("kind") });
            const auto when = server.call("POST", contentUrl(idOf(draft), "/publish"), w.officer,
                { { QStringLiteral("publishAt"), QStringLiteral("2026-12-01T08:00:00") } }, ifMatch(1));
            BOOST_TEST(when.status == 400);
            BOOST_TEST(errorFields(when) == QStringList { QStringLiteral("publishAt") });
            const auto past = server.call("POST", contentUrl(idOf(draft), "/publish"), w.officer,
                { { QStringLiteral("publishAt"), QStringLiteral("2026-11-01T08:00:00+07:00") } }, ifMatch(1));
            BOOST_TEST(past.status == 400);
            const auto query = server.call("GET", QStringLiteral("/api/v1/content?state=hidden"), w.officer);
            BOOST_TEST(query.status == 400);
            BOOST_TEST(errorFields(query) == QStringList { QStringLiteral("state") });
            BOOST_TEST((RowCounts::of(db->db()) == middle));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_scheduled_item_is_published_when_its_time_comes)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QJsonObject draft
                = create(server, w.officer, news(QStringLiteral("Sáng mai"), ids({ w.t.school.id })));
            const QJsonObject scheduled = act(server, w.officer, draft, "/publish",
                { { QStringLiteral("publishAt"), QStringLiteral("2026-11-26T08:00:00+07:00") } });
            BOOST_TEST(scheduled.value(QStringLiteral("state")).toString() == QStringLiteral("scheduled"));
            BOOST_TEST(scheduled.value(QStringLiteral("publishAt")).toString()
                == QStringLiteral("2026-11-26T01:00:00Z"));
            const qint64 id = idOf(scheduled);
            BOOST_TEST(
                (listedIds(server, w.officer, QStringLiteral("?state=scheduled")) == QSet<qint64> { id }));
            BOOST_TEST(listedIds(server, w.officer, QStringLiteral("?state=published")).isEmpty());
            server.advanceClock(23 * 3600);
            const QString officer
                = server.signIn(QStringLiteral("canbo.tranbien"), QStringLiteral("mat-khau-canbo.tranbien"));
            BOOST_TEST(
                server.call("GET", contentUrl(id), officer).json().value(QStringLiteral("state")).toString()
                == QStringLiteral("published"));
            BOOST_TEST(
                (listedIds(server, officer, QStringLiteral("?state=published")) == QSet<qint64> { id }));
            BOOST_TEST((listedIds(server, officer, QStringLiteral("?kind=news&q=sang%20MAI"))
                == QSet<qint64> { id }));
            BOOST_TEST(listedIds(server, officer, QStringLiteral("?kind=lesson")).isEmpty());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_repeated_create_is_replayed_and_pages_follow_one_another)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QJsonObject body = news(QStringLiteral("Một lần"), ids({ w.t.cell1.id }));
            const auto first = server.call("POST", QStringLiteral("/api/v1/content"), w.secretary, body,
                idempotencyKey("content-create-1"));
            BOOST_TEST_REQUIRE(first.status == 201, describe(first));
            const auto again = server.call("POST", QStringLiteral("/api/v1/content"), w.secretary, body,
                idempotencyKey("content-create-1"));
            BOOST_TEST(again.status == 201);
            BOOST_TEST(again.body == first.body);
            BOOST_TEST(countRows(db->db(), QStringLiteral("content_item")) == 1);

            for (int i = 0; i < 4; ++i)
                create(server, w.officer, news(QStringLiteral("Tin %1").arg(i), ids({ w.t.school.id })));
            QList<qint64> seen;
            QString after;
            do {
                const auto page = server.call("GET",
                    QStringLiteral("/api/v1/content?limit=2")
                        + (after.isEmpty() ? QString() : QStringLiteral("&after=") + after),
                    w.officer);
                BOOST_TEST_REQUIRE(page.status == 200, describe(page));
                for (const auto& item : page.json().value(QStringLiteral("items")).toArray())
                    seen.append(idOf(item.toObject()));
                after = page.json().value(QStringLiteral("next")).toString();
            } while (!after.isEmpty());
            BOOST_TEST(seen.size() == 5);
            BOOST_TEST(std::is_sorted(seen.rbegin(), seen.rend()));
        }
    }
}

// A draft deleted while someone publishes it: the delete finds the item changed and leaves it published (the
// race is made to happen every time by holding the item's row lock; SQLite serialises whole writes).
BOOST_AUTO_TEST_CASE(a_delete_racing_a_publish_leaves_the_published_item)
{
    for (const auto& db : allTestDatabases()) {
        if (db->config().dialect != Dialect::Postgres)
            continue;
        RunningServer server(*db);
        const World w = world(*db, server);
        const QJsonObject draft
            = create(server, w.officer, news(QStringLiteral("Tin"), ids({ w.t.school.id })));
        const qint64 id = idOf(draft);
        HttpAnswer answer;
        runWhileRowLockHeld(
            db->db(), QStringLiteral("SELECT id FROM content_item WHERE id = %1 FOR UPDATE").arg(id),
            [&] { answer = server.call("DELETE", contentUrl(id), w.officer, {}, ifMatch(1)); },
            [&] {
                BOOST_TEST_REQUIRE(
                    ContentRepository(db->db()).publish(id, testContext().now, 1, testContext()).ok());
            });
        BOOST_TEST(answer.status == 412, describe(answer));
        const auto after = server.call("GET", contentUrl(id), w.officer);
        BOOST_TEST_REQUIRE(after.status == 200);
        BOOST_TEST(after.json().value(QStringLiteral("state")).toString() == QStringLiteral("published"));
        BOOST_TEST((after.json().value(QStringLiteral("audience")).toArray() == ids({ w.t.school.id })));
    }
}

BOOST_AUTO_TEST_SUITE_END()
