// SPDX-License-Identifier: GPL-3.0-or-later
// The members' API over HTTP: a member's summary and feed, opening an item, marking a lesson studied, taking
// its quiz graded by the server (the right answers never sent before an attempt); each act counted in the
// member's cell; and the participation figures of a unit's children or cells, month by month, on the tree as
// it stood, with the scope each role has.
#include "store/participation_repository.h"
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    Member lan, mai, hoa;
    QString admin, officer, secretary, farOfficer, lanToken, maiToken, hoaToken;
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
    w.lanToken = server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-lan-2026"));
    w.maiToken = server.activateMember(w.officer, w.mai.id, QStringLiteral("Mat-khau-mai-2026"));
    w.hoaToken = server.activateMember(w.admin, w.hoa.id, QStringLiteral("Mat-khau-hoa-2026"));
    return w;
}

QJsonObject publish(const RunningServer& server, const QString& token, QJsonObject body)
{
    const auto created = server.call("POST", QStringLiteral("/api/v1/content"), token, body);
    BOOST_TEST_REQUIRE(created.status == 201, describe(created));
    const auto published = server.call("POST",
        QStringLiteral("/api/v1/content/%1/publish")
            .arg(created.json().value(QStringLiteral("id")).toInteger()),
        token, {}, ifMatch(1));
    BOOST_TEST_REQUIRE(published.status == 200, describe(published));
    return published.json();
}

QJsonObject lesson(qint64 unit)
{
    const QJsonArray questions {
        QJsonObject { { QStringLiteral("text"), QStringLiteral("Đại hội XIV họp năm nào?") },
            { QStringLiteral("options"), QJsonArray { QStringLiteral("2025"), QStringLiteral("2026") } },
            { QStringLiteral("correct"), QJsonArray { 1 } } },
        QJsonObject { { QStringLiteral("text"), QStringLiteral("Chọn các nhiệm vụ trọng tâm") },
            { QStringLiteral("options"),
                QJsonArray { QStringLiteral("Chuyển đổi số"), QStringLiteral("Du lịch"),
                    QStringLiteral("Xây dựng Đảng") } },
            { QStringLiteral("correct"), QJsonArray { 0, 2 } } }
    };
    return { { QStringLiteral("kind"), QStringLiteral("lesson") },
        { QStringLiteral("title"), QStringLiteral("Học tập Nghị quyết Đại hội XIV") },
        { QStringLiteral("body"), QStringLiteral("Nội dung bài học.") },
        { QStringLiteral("quiz"),
            QJsonObject {
                { QStringLiteral("questions"), questions }, { QStringLiteral("passPercent"), 100 } } },
        { QStringLiteral("audience"), QJsonArray { unit } } };
}

QJsonObject news(const QString& title, qint64 unit)
{
    return { { QStringLiteral("kind"), QStringLiteral("news") }, { QStringLiteral("title"), title },
        { QStringLiteral("body"), QStringLiteral("Nội dung.") },
        { QStringLiteral("audience"), QJsonArray { unit } } };
}

qint64 idOf(const QJsonObject& item)
{
    return item.value(QStringLiteral("id")).toInteger();
}

HttpAnswer attempt(
    const RunningServer& server, const QString& token, qint64 lessonId, const QJsonArray& answers)
{
    return server.call("POST", QStringLiteral("/api/v1/me/quiz-attempts"), token,
        { { QStringLiteral("contentId"), lessonId }, { QStringLiteral("answers"), answers } });
}

QJsonArray answers(int first, QJsonArray second)
{
    return { QJsonObject {
                 { QStringLiteral("question"), 1 }, { QStringLiteral("chosen"), QJsonArray { first } } },
        QJsonObject { { QStringLiteral("question"), 2 }, { QStringLiteral("chosen"), second } } };
}

// News to the whole province, opened by Mai (cell 2): a first opening in the school's cell this month.
void maiOpensProvinceNews(const RunningServer& server, const World& w)
{
    const QJsonObject item = publish(server, w.admin, news(QStringLiteral("Toàn tỉnh"), w.t.province.id));
    BOOST_TEST_REQUIRE(
        server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(item)), w.maiToken).status == 200);
}

// A month's figures of one row (unit) of GET /api/v1/participation, or of the totals.
QJsonObject figuresOf(const QJsonObject& answer, qint64 unit, const QString& month)
{
    const auto pick = [&](const QJsonObject& row) {
        for (const auto& value : row.value(QStringLiteral("months")).toArray())
            if (value.toObject().value(QStringLiteral("month")).toString() == month)
                return value.toObject();
        return QJsonObject {};
    };
    if (unit == 0)
        return pick(answer.value(QStringLiteral("totals")).toObject());
    for (const auto& row : answer.value(QStringLiteral("rows")).toArray())
        if (row.toObject().value(QStringLiteral("unitId")).toInteger() == unit)
            return pick(row.toObject());
    return {};
}

} // namespace

BOOST_AUTO_TEST_SUITE(me_api_tests)

BOOST_AUTO_TEST_CASE(a_member_reads_the_feed_studies_and_takes_a_quiz_graded_by_the_server)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const QJsonObject study = publish(server, w.officer, lesson(w.t.school.id));
            const QJsonObject province
                = publish(server, w.admin, news(QStringLiteral("Toàn tỉnh"), w.t.province.id));
            const QJsonObject far
                = publish(server, w.farOfficer, news(QStringLiteral("Phú Riềng"), w.t.phuRieng.id));
            const auto draft = server.call("POST", QStringLiteral("/api/v1/content"), w.officer,
                news(QStringLiteral("Nháp"), w.t.school.id));
            BOOST_TEST_REQUIRE(draft.status == 201);

            const auto me = server.call("GET", QStringLiteral("/api/v1/me"), w.lanToken);
            BOOST_TEST_REQUIRE(me.status == 200, describe(me));
            BOOST_TEST(
                me.json().value(QStringLiteral("fullName")).toString() == QStringLiteral("Nguyễn Thị Lan"));
            BOOST_TEST(me.json().value(QStringLiteral("cellId")).toInteger() == w.t.cell1.id);

            // The feed: what reaches cell 1, the latest first, without right answers or bodies.
            const auto feed = server.call("GET", QStringLiteral("/api/v1/me/feed"), w.lanToken);
            BOOST_TEST_REQUIRE(feed.status == 200, describe(feed));
            QList<qint64> ids;
            for (const auto& item : feed.json().value(QStringLiteral("items")).toArray())
                ids.append(idOf(item.toObject()));
            BOOST_TEST((ids == QList<qint64> { idOf(province), idOf(study) }));
            BOOST_TEST(!feed.body.contains("\"correct\""));
            BOOST_TEST(!feed.body.contains("authorName"));
            const auto lessons
                = server.call("GET", QStringLiteral("/api/v1/me/feed?kind=lesson"), w.lanToken);
            BOOST_TEST(lessons.json().value(QStringLiteral("items")).toArray().size() == 1);

            // Opening: the item, its quiz without answers; an item that does not reach her is missing.
            const QString studyUrl = QStringLiteral("/api/v1/me/feed/%1").arg(idOf(study));
            const auto opened = server.call("GET", studyUrl, w.lanToken);
            BOOST_TEST_REQUIRE(opened.status == 200, describe(opened));
            BOOST_TEST(opened.json().value(QStringLiteral("opened")).toBool());
            BOOST_TEST(!opened.json().value(QStringLiteral("studied")).toBool());
            BOOST_TEST(opened.json()
                           .value(QStringLiteral("quiz"))
                           .toObject()
                           .value(QStringLiteral("questions"))
                           .toArray()
                           .size()
                == 2);
            BOOST_TEST(!opened.body.contains("\"correct\""));
            BOOST_TEST(server.call("GET", studyUrl, w.lanToken).status == 200); // opened twice, counted once
            const auto missing = server.call("GET", QStringLiteral("/api/v1/me/feed/999999"), w.lanToken);
            BOOST_TEST(missing.status == 404);
            for (const qint64 hidden : { idOf(far), draft.json().value(QStringLiteral("id")).toInteger() }) {
                const auto answer
                    = server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(hidden), w.lanToken);
                BOOST_TEST(answer.status == 404);
                BOOST_TEST(answer.body == missing.body);
            }

            // Studied: an explicit act, once; only lessons.
            const auto studied = server.call("POST", QStringLiteral("/api/v1/me/studies"), w.lanToken,
                { { QStringLiteral("contentId"), idOf(study) } });
            BOOST_TEST(studied.status == 201, describe(studied));
            const auto again = server.call("POST", QStringLiteral("/api/v1/me/studies"), w.lanToken,
                { { QStringLiteral("contentId"), idOf(study) } });
            BOOST_TEST(again.status == 200);
            BOOST_TEST(!again.json().value(QStringLiteral("counted")).toBool());
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/me/studies"), w.lanToken,
                               { { QStringLiteral("contentId"), idOf(province) } })
                           .status
                == 400);

            // The quiz: graded here, the right answers shown after an attempt, one pass counted.
            const auto wrong = attempt(server, w.lanToken, idOf(study), answers(0, { 0 }));
            BOOST_TEST_REQUIRE(wrong.status == 201, describe(wrong));
            BOOST_TEST(!wrong.json().value(QStringLiteral("passed")).toBool());
            BOOST_TEST(wrong.json().value(QStringLiteral("correct")).toInt() == 0);
            BOOST_TEST((wrong.json()
                            .value(QStringLiteral("questions"))
                            .toArray()
                            .at(1)
                            .toObject()
                            .value(QStringLiteral("correct"))
                            .toArray()
                == QJsonArray { 0, 2 }));
            const auto right = attempt(server, w.lanToken, idOf(study), answers(1, { 2, 0 }));
            BOOST_TEST(right.json().value(QStringLiteral("passed")).toBool());
            BOOST_TEST(right.json().value(QStringLiteral("firstPass")).toBool());
            BOOST_TEST(right.json().value(QStringLiteral("scorePercent")).toInt() == 100);
            const auto later = attempt(server, w.lanToken, idOf(study), answers(1, { 0, 2 }));
            BOOST_TEST(later.json().value(QStringLiteral("passed")).toBool());
            BOOST_TEST(!later.json().value(QStringLiteral("firstPass")).toBool());
            const auto list = server.call(
                "GET", QStringLiteral("/api/v1/me/quiz-attempts?contentId=%1").arg(idOf(study)), w.lanToken);
            BOOST_TEST(list.json().value(QStringLiteral("items")).toArray().size() == 3);

            // Bad answers name the field and change nothing.
            const RowCounts before = RowCounts::of(db->db());
            const qint64 attempts = countRows(db->db(), QStringLiteral("quiz_attempt"));
            const auto noSuchQuestion = attempt(server, w.lanToken, idOf(study),
                { QJsonObject {
                    { QStringLiteral("question"), 7 }, { QStringLiteral("chosen"), QJsonArray { 0 } } } });
            BOOST_TEST(noSuchQuestion.status == 400);
            BOOST_TEST(errorFields(noSuchQuestion) == QStringList { QStringLiteral("answers[0]") });
            const auto noSuchOption = attempt(server, w.lanToken, idOf(study),
                { QJsonObject {
                    { QStringLiteral("question"), 1 }, { QStringLiteral("chosen"), QJsonArray { 5 } } } });
            BOOST_TEST(noSuchOption.status == 400);
            const auto notArray = server.call("POST", QStringLiteral("/api/v1/me/quiz-attempts"), w.lanToken,
                { { QStringLiteral("contentId"), idOf(study) },
                    { QStringLiteral("answers"), QStringLiteral("1") } });
            BOOST_TEST(notArray.status == 400);
            BOOST_TEST(errorFields(notArray) == QStringList { QStringLiteral("answers") });
            BOOST_TEST(attempt(server, w.lanToken, idOf(far), answers(1, { 0 })).status == 404);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(countRows(db->db(), QStringLiteral("quiz_attempt")) == attempts);

            // Counted in cell 1 for this month: one opening per item, one study, three attempts, one pass,
            // one member active; two activations in cell 1's month? only Lan's.
            auto figures = ParticipationRepository(db->db()).month(QStringLiteral("2026-11"));
            BOOST_TEST_REQUIRE(figures.ok());
            const auto cell1 = std::find_if(figures->begin(), figures->end(),
                [&](const ParticipationFigures& f) { return f.cellId == w.t.cell1.id; });
            BOOST_TEST_REQUIRE((cell1 != figures->end()));
            BOOST_TEST(cell1->itemsOpened == 1);
            BOOST_TEST(cell1->lessonsStudied == 1);
            BOOST_TEST(cell1->quizAttempts == 3);
            BOOST_TEST(cell1->quizPasses == 1);
            BOOST_TEST(cell1->membersActive == 1);
            BOOST_TEST(cell1->accountsActivated == 1);

            // Staff without a member record have no handbook; the staff's routes are not the members'.
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/me"), w.officer).status == 403);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/me/feed"), {}).status == 401);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/content"), w.lanToken).status == 403);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_figures_of_a_unit_sum_its_cells_as_the_tree_stood_each_month)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);
            const QJsonObject study = publish(server, w.admin, lesson(w.t.province.id));
            const auto open = [&](const QString& token) {
                BOOST_TEST(
                    server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(study)), token).status
                    == 200);
            };
            open(w.lanToken);
            open(w.maiToken);
            open(w.hoaToken);

            const auto report
                = [&](const QString& token, qint64 org, const char* by, const char* to = "2026-11") {
                      return server.call("GET",
                          QStringLiteral("/api/v1/participation?org=%1&from=2026-11&to=%2&by=%3")
                              .arg(org)
                              .arg(QString::fromLatin1(to), QString::fromLatin1(by)),
                          token);
                  };
            const auto children = report(w.admin, w.t.province.id, "child");
            BOOST_TEST_REQUIRE(children.status == 200, describe(children));
            BOOST_TEST(figuresOf(children.json(), w.t.tranBien.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 2);
            BOOST_TEST(figuresOf(children.json(), w.t.phuRieng.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            BOOST_TEST(figuresOf(children.json(), 0, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 3);
            BOOST_TEST(figuresOf(children.json(), 0, QStringLiteral("2026-11"))
                           .value(QStringLiteral("accountsActivated"))
                           .toInteger()
                == 3);
            const auto cells = report(w.officer, w.t.tranBien.id, "cell");
            BOOST_TEST_REQUIRE(cells.status == 200, describe(cells));
            BOOST_TEST(cells.json().value(QStringLiteral("rows")).toArray().size() == 2);
            BOOST_TEST(figuresOf(cells.json(), w.t.cell2.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("membersActive"))
                           .toInteger()
                == 1);

            // The school (cells 1 and 2) moves to Phú Riềng in December: November still counts it in Trấn
            // Biên, December in Phú Riềng.
            server.advanceClock(8 * 24 * 3600);
            w.admin = server.signInAsAdmin();
            const auto moved = server.call("POST", orgUrl(w.t.school.id, "/move"), w.admin,
                withDecision({ { QStringLiteral("parentId"), w.t.phuRieng.id },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-12-02") } }));
            BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            const QString mai = server.signIn(w.mai.cardNumber, QStringLiteral("Mat-khau-mai-2026"));
            const QJsonObject december
                = publish(server, w.admin, news(QStringLiteral("Tháng 12"), w.t.province.id));
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(december)), mai).status
                == 200);
            const auto twoMonths = report(w.admin, w.t.province.id, "child", "2026-12");
            BOOST_TEST_REQUIRE(twoMonths.status == 200, describe(twoMonths));
            BOOST_TEST(figuresOf(twoMonths.json(), w.t.tranBien.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 2);
            BOOST_TEST(figuresOf(twoMonths.json(), w.t.phuRieng.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            BOOST_TEST(figuresOf(twoMonths.json(), w.t.phuRieng.id, QStringLiteral("2026-12"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            BOOST_TEST(figuresOf(twoMonths.json(), w.t.tranBien.id, QStringLiteral("2026-12"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(participation_is_read_in_scope_only_and_bad_parameters_name_the_field)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto report = [&](const QString& token, const QString& query) {
                return server.call("GET", QStringLiteral("/api/v1/participation?") + query, token);
            };
            const QString months = QStringLiteral("&from=2026-01&to=2026-12&by=child");
            const auto absent = report(w.officer, QStringLiteral("org=999999") + months);
            BOOST_TEST(absent.status == 404);
            for (const auto& [token, unit] : std::vector<std::pair<QString, qint64>> {
                     { w.officer, w.t.phuRieng.id }, { w.officer, w.t.province.id },
                     { w.farOfficer, w.t.school.id }, { w.secretary, w.t.school.id } }) {
                const auto answer = report(token, QStringLiteral("org=%1").arg(unit) + months);
                BOOST_TEST(answer.status == 404);
                BOOST_TEST(answer.body == absent.body);
            }
            BOOST_TEST(
                report(w.secretary, QStringLiteral("org=%1").arg(w.t.cell1.id) + months).status == 200);
            BOOST_TEST(report(w.lanToken, QStringLiteral("org=%1").arg(w.t.cell1.id) + months).status == 403);
            BOOST_TEST(report({}, QStringLiteral("org=%1").arg(w.t.cell1.id) + months).status == 401);
            const QString org = QStringLiteral("org=%1").arg(w.t.school.id);
            for (const auto& [query, field] : std::vector<std::pair<QString, QString>> {
                     { org + QStringLiteral("&from=2026-13&to=2026-12&by=child"), QStringLiteral("from") },
                     { org + QStringLiteral("&from=2026-05&to=2026-01&by=child"), QStringLiteral("to") },
                     { org + QStringLiteral("&from=2020-01&to=2026-01&by=child"), QStringLiteral("to") },
                     { org + QStringLiteral("&from=2026-01&to=2026-02&by=member"), QStringLiteral("by") },
                     { org + QStringLiteral("&from=2026-01&to=2026-02&by=child&x=1"),
                         QStringLiteral("x") } }) {
                const auto answer = report(w.officer, query);
                BOOST_TEST(answer.status == 400, query.toStdString());
                BOOST_TEST(errorFields(answer) == QStringList { field }, query.toStdString());
            }
        }
    }
}

// The server's own batch writes changed aggregates to the feed: an officer over the cell sees the cell's
// aggregate there soon after a member's act, without anyone flushing by hand.
BOOST_AUTO_TEST_CASE(the_servers_batch_brings_changed_aggregates_to_the_feed)
{
    const auto db = TestDatabase::sqlite();
    RunningServer server(
        *db, 4, [](server::ServerConfig& config) { config.participationFeedMilliseconds = 100; });
    const World w = world(*db, server);
    const QJsonObject item = publish(server, w.admin, news(QStringLiteral("Toàn tỉnh"), w.t.province.id));
    BOOST_TEST_REQUIRE(
        server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(item)), w.lanToken).status == 200);
    // Cell 1's aggregate with Lan's opening (the activations of world() made others before it).
    const auto cell1In = [&](const QString& token) {
        QJsonObject aggregate;
        const auto changes = server.call("GET", QStringLiteral("/api/v1/changes?since=0&limit=1000"), token);
        for (const auto& value : changes.json().value(QStringLiteral("items")).toArray()) {
            const QJsonObject data = value.toObject().value(QStringLiteral("data")).toObject();
            if (value.toObject().value(QStringLiteral("entity")).toString() == u"participation"
                && data.value(QStringLiteral("cellId")).toInteger() == w.t.cell1.id)
                aggregate = data;
        }
        return aggregate;
    };
    QDeadlineTimer deadline(30000);
    while (cell1In(w.officer).value(QStringLiteral("itemsOpened")).toInteger() != 1 && !deadline.hasExpired())
        QThread::msleep(50);
    BOOST_TEST(cell1In(w.officer).value(QStringLiteral("itemsOpened")).toInteger() == 1);
    // The far commune's officer never sees cell 1's figures.
    BOOST_TEST(cell1In(w.farOfficer).isEmpty());
}

// A cell merged away during the month still counts in that month, where it stood at its end.
BOOST_AUTO_TEST_CASE(a_cell_ended_during_the_month_still_counts_in_it)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            maiOpensProvinceNews(server, w);
            const auto merged = server.call("POST", orgUrl(w.t.cell2.id, "/merge"), w.admin,
                withDecision({ { QStringLiteral("targetId"), w.t.cell1.id },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-25") } }));
            BOOST_TEST_REQUIRE(merged.status == 200, describe(merged));
            const auto report = server.call("GET",
                QStringLiteral("/api/v1/participation?org=%1&from=2026-10&to=2026-12&by=child")
                    .arg(w.t.tranBien.id),
                w.admin);
            BOOST_TEST_REQUIRE(report.status == 200, describe(report));
            BOOST_TEST(figuresOf(report.json(), w.t.school.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            BOOST_TEST(figuresOf(report.json(), 0, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            const auto byCell = server.call("GET",
                QStringLiteral("/api/v1/participation?org=%1&from=2026-11&to=2026-11&by=cell")
                    .arg(w.t.tranBien.id),
                w.admin);
            BOOST_TEST_REQUIRE(byCell.status == 200, describe(byCell));
            BOOST_TEST(figuresOf(byCell.json(), w.t.cell2.id, QStringLiteral("2026-11"))
                           .value(QStringLiteral("itemsOpened"))
                           .toInteger()
                == 1);
            // Every row names every month of the range, zeros included.
            for (const auto& row : report.json().value(QStringLiteral("rows")).toArray())
                BOOST_TEST(row.toObject().value(QStringLiteral("months")).toArray().size() == 3);
        }
    }
}

// A cell's feed page is kept between requests, shared by the cell's members with each one's own reading
// marks, and read again after any change to what it shows, by whatever writer, and once a scheduled item's
// time comes.
BOOST_AUTO_TEST_CASE(a_kept_feed_page_follows_every_change_and_each_members_reading)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const Member nga = addMember(db->db(), w.t.cell1.id, "Võ", "Thị", "Nga");
            const QString ngaToken
                = server.activateMember(w.officer, nga.id, QStringLiteral("Mat-khau-nga-2026"));
            const QJsonObject first
                = publish(server, w.officer, news(QStringLiteral("Tin một"), w.t.school.id));
            // The titles of a feed page, and the item's "opened" mark, as `token` reads them.
            const auto feed = [&](const QString& token) {
                const auto page = server.call("GET", QStringLiteral("/api/v1/me/feed"), token);
                BOOST_TEST_REQUIRE(page.status == 200, describe(page));
                QStringList titles;
                QList<bool> opened;
                for (const auto& item : page.json().value(QStringLiteral("items")).toArray()) {
                    titles.append(item.toObject().value(QStringLiteral("title")).toString());
                    opened.append(item.toObject().value(QStringLiteral("opened")).toBool());
                }
                return std::pair { titles, opened };
            };
            BOOST_TEST(feed(w.lanToken).first == QStringList { QStringLiteral("Tin một") });
            // Lan opens it: her mark only, on the page the cell shares.
            BOOST_TEST_REQUIRE(
                server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(first)), w.lanToken).status
                == 200);
            BOOST_TEST(feed(w.lanToken).second == QList<bool> { true });
            BOOST_TEST(feed(ngaToken).second == QList<bool> { false });
            // A publication through the API, and a change made straight in the database.
            publish(server, w.admin, news(QStringLiteral("Tin hai"), w.t.province.id));
            BOOST_TEST((feed(ngaToken).first
                == QStringList { QStringLiteral("Tin hai"), QStringLiteral("Tin một") }));
            QSqlQuery retitle(db->db());
            BOOST_TEST_REQUIRE(
                retitle.exec(QStringLiteral("UPDATE content_item SET title = 'Tin một (sửa)' WHERE id = %1")
                                 .arg(idOf(first))));
            BOOST_TEST((feed(w.lanToken).first
                == QStringList { QStringLiteral("Tin hai"), QStringLiteral("Tin một (sửa)") }));
            // An item scheduled for a quarter of an hour later joins the kept page when its time comes.
            const auto draft = server.call("POST", QStringLiteral("/api/v1/content"), w.officer,
                news(QStringLiteral("Sáng mai"), w.t.cell1.id));
            BOOST_TEST_REQUIRE(draft.status == 201, describe(draft));
            const auto scheduled = server.call("POST",
                QStringLiteral("/api/v1/content/%1/publish").arg(idOf(draft.json())), w.officer,
                { { QStringLiteral("publishAt"), QStringLiteral("2026-11-25T10:15:00+07:00") } }, ifMatch(1));
            BOOST_TEST_REQUIRE(scheduled.status == 200, describe(scheduled));
            BOOST_TEST(feed(w.lanToken).first.size() == 2);
            server.advanceClock(20 * 60);
            BOOST_TEST(feed(w.lanToken).first.value(0) == QStringLiteral("Sáng mai"));
            // The item Lan opened, archived: it no longer opens, kept or not.
            const QString firstUrl = QStringLiteral("/api/v1/me/feed/%1").arg(idOf(first));
            BOOST_TEST(server.call("GET", firstUrl, w.lanToken).status == 200);
            const auto archived = server.call("POST",
                QStringLiteral("/api/v1/content/%1/archive").arg(idOf(first)),
                server.signIn(QStringLiteral("canbo.tranbien"), QStringLiteral("mat-khau-canbo.tranbien")),
                {}, ifMatch(first.value(QStringLiteral("version")).toInteger()));
            BOOST_TEST_REQUIRE(archived.status == 200, describe(archived));
            BOOST_TEST(server.call("GET", firstUrl, w.lanToken).status == 404);
        }
    }
}

// A past month's report is kept between requests only while its generation holds: any change to the month's
// aggregates or to the tree, by whatever writer, is in the next report.
BOOST_AUTO_TEST_CASE(a_kept_month_is_read_again_once_its_aggregates_or_the_tree_change)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            maiOpensProvinceNews(server, w);
            // The school's row for November: its name and its openings.
            const auto school = [&]() -> std::pair<QString, qint64> {
                const auto report = server.call("GET",
                    QStringLiteral("/api/v1/participation?org=%1&from=2026-10&to=2026-11&by=child")
                        .arg(w.t.tranBien.id),
                    server.signInAsAdmin()); // a new session: the clock moves on by days
                BOOST_TEST_REQUIRE(report.status == 200, describe(report));
                QString name;
                for (const auto& row : report.json().value(QStringLiteral("rows")).toArray())
                    if (row.toObject().value(QStringLiteral("unitId")).toInteger() == w.t.school.id)
                        name = row.toObject().value(QStringLiteral("name")).toString();
                return { name,
                    figuresOf(report.json(), w.t.school.id, QStringLiteral("2026-11"))
                        .value(QStringLiteral("itemsOpened"))
                        .toInteger() };
            };
            const auto run = [&](const QString& statement) {
                QSqlQuery query(db->db());
                BOOST_TEST_REQUIRE(query.exec(statement), query.lastError().text().toStdString());
            };
            const QString originalName = school().first;
            // November has been over for a day: from now on its report is kept.
            server.advanceClock(8 * 86400);
            BOOST_TEST(school().second == 1);
            // A change the generation does not count is not seen: the month was kept.
            run(QStringLiteral("UPDATE participation_month SET items_opened = items_opened + 5 WHERE month = "
                               "'2026-11' AND cell_id = %1")
                    .arg(w.t.cell2.id));
            run(QStringLiteral(
                "UPDATE participation_generation SET generation = generation - 1 WHERE month = '2026-11'"));
            BOOST_TEST(school().second == 1);
            // Counted changes are seen: an aggregate's, as a tool would make it...
            run(QStringLiteral("UPDATE participation_month SET items_opened = items_opened + 1 WHERE month = "
                               "'2026-11' AND cell_id = %1")
                    .arg(w.t.cell2.id));
            BOOST_TEST(school().second == 7);
            // ... and the tree's, here the school's name in its period.
            run(QStringLiteral("UPDATE org_unit_period SET name = 'Trường đổi tên' WHERE unit_id = %1")
                    .arg(w.t.school.id));
            BOOST_TEST(school().first.toStdString() == "Trường đổi tên");
            BOOST_TEST(originalName != QStringLiteral("Trường đổi tên"));
        }
    }
}

// A member downloads the files of an item that reaches them, through their own route; others are missing.
BOOST_AUTO_TEST_CASE(a_member_downloads_the_files_of_items_that_reach_them)
{
    const auto db = TestDatabase::sqlite();
    RunningServer server(*db);
    const World w = world(*db, server);
    const auto attach = [&](const QString& token, const QJsonObject& item) {
        const auto added = server.rawCall("POST",
            QStringLiteral("/api/v1/content/%1/attachments?name=anh.png&confirmNoClassified=true")
                .arg(idOf(item)),
            token,
            QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                                "0000000d49444154789c6360000002000005000100e2b3a35f0000000049454e44ae426082"),
            ifMatch(item.value(QStringLiteral("version")).toInteger()));
        BOOST_TEST_REQUIRE(added.status == 201, describe(added));
        return added.json()
            .value(QStringLiteral("attachments"))
            .toArray()
            .last()
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
    };
    QJsonObject mine = server
                           .call("POST", QStringLiteral("/api/v1/content"), w.admin,
                               news(QStringLiteral("Có ảnh"), w.t.province.id))
                           .json();
    const qint64 file = attach(w.admin, mine);
    const auto published = server.call(
        "POST", QStringLiteral("/api/v1/content/%1/publish").arg(idOf(mine)), w.admin, {}, ifMatch(2));
    BOOST_TEST_REQUIRE(published.status == 200, describe(published));
    const QJsonObject far = server
                                .call("POST", QStringLiteral("/api/v1/content"), w.farOfficer,
                                    news(QStringLiteral("Phú Riềng"), w.t.phuRieng.id))
                                .json();
    const qint64 farFile = attach(w.farOfficer, far);

    const auto got
        = server.rawCall("GET", QStringLiteral("/api/v1/me/attachments/%1").arg(file), w.lanToken, {});
    BOOST_TEST_REQUIRE(got.status == 200, describe(got));
    BOOST_TEST(got.headers.at("Content-Type") == "image/png");
    const auto again = server.rawCall("GET", QStringLiteral("/api/v1/me/attachments/%1").arg(file),
        w.lanToken, {}, { { "If-None-Match", got.headers.at("ETag") } });
    BOOST_TEST(again.status == 304);
    const auto missing
        = server.rawCall("GET", QStringLiteral("/api/v1/me/attachments/999999"), w.lanToken, {});
    BOOST_TEST(missing.status == 404);
    const auto hidden
        = server.rawCall("GET", QStringLiteral("/api/v1/me/attachments/%1").arg(farFile), w.lanToken, {});
    BOOST_TEST(hidden.status == 404);
    BOOST_TEST(hidden.body == missing.body);
    BOOST_TEST(
        server.rawCall("GET", QStringLiteral("/api/v1/attachments/%1").arg(file), w.lanToken, {}).status
        == 403);
    // The member's view of the item names the file without its uploader.
    const auto item = server.call("GET", QStringLiteral("/api/v1/me/feed/%1").arg(idOf(mine)), w.lanToken);
    BOOST_TEST(item.json().value(QStringLiteral("attachments")).toArray().size() == 1);
    BOOST_TEST(!item.body.contains("uploadedBy"));
}

BOOST_AUTO_TEST_SUITE_END()
