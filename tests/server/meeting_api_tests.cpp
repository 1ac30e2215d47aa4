// SPDX-License-Identifier: GPL-3.0-or-later
// Cell meetings over HTTP: a secretary schedules (never for a day already past), records attendance (exempt
// members marked exempt by themselves) and closes with the minutes; an officer records a meeting held but not
// entered (late, with a reason) and corrects a closed one (with a reason); each closing and correction counts
// in the cell's aggregate, which equals the recomputation; members see their meetings and confirm; the scope
// each role has.
#include "store/member_repository.h"
#include "store/participation_repository.h"
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
    Member lan, bao, mai;
    QString admin, officer, secretary, farOfficer, lanToken;
};

World world(const TestDatabase& db, const RunningServer& server)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.mai = addMember(db.db(), w.t.cell2.id, "Trần", "Ngọc", "Mai");
    // Bảo is exempt from party activity: always marked exempt, outside attendance figures' denominators.
    Member bao
        = sampleMember(w.t.cell1.id, QStringLiteral("Lê"), QStringLiteral("Văn"), QStringLiteral("Bảo"));
    bao.cardNumber = QStringLiteral("01.099001");
    bao.exempt = true;
    bao.exemptSince = QDate(2024, 1, 1);
    auto created = MemberRepository(db.db()).create(bao,
        { 0, 0, MemberEventType::Admission, bao.admittedOn, QStringLiteral("45-QĐ/ĐU"), true, {}, {}, {} },
        testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? "" : created.error().message.toStdString()));
    w.bao = *created;
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.farOfficer = server.addUser(
        w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    w.lanToken = server.activateMember(w.officer, w.lan.id, QStringLiteral("Mat-khau-lan-2026"));
    return w;
}

QJsonObject meeting(qint64 cell, const char* startsAt, const char* lateReason = nullptr)
{
    QJsonObject body { { QStringLiteral("cellId"), cell },
        { QStringLiteral("kind"), QStringLiteral("regular") },
        { QStringLiteral("startsAt"), QString::fromLatin1(startsAt) },
        { QStringLiteral("place"), QStringLiteral("Hội trường trường THPT Ngô Quyền") },
        { QStringLiteral("topic"), QStringLiteral("Học tập Nghị quyết Đại hội XIV") } };
    if (lateReason)
        body.insert(QStringLiteral("lateReason"), QString::fromUtf8(lateReason));
    return body;
}

QJsonObject marks(std::initializer_list<std::pair<qint64, const char*>> entries, const char* reason = nullptr)
{
    QJsonArray list;
    for (const auto& [member, state] : entries)
        list.append(QJsonObject { { QStringLiteral("memberId"), member },
            { QStringLiteral("state"), QString::fromLatin1(state) } });
    QJsonObject body { { QStringLiteral("entries"), list } };
    if (reason)
        body.insert(QStringLiteral("reason"), QString::fromUtf8(reason));
    return body;
}

QString meetingUrl(qint64 id, const char* suffix = "")
{
    return QStringLiteral("/api/v1/meetings/%1%2").arg(id).arg(QString::fromLatin1(suffix));
}

qint64 versionOf(const HttpAnswer& answer)
{
    return answer.json().value(QStringLiteral("version")).toInteger();
}

ParticipationFigures figuresOf(const TestDatabase& db, qint64 cell, const QString& month)
{
    auto all = ParticipationRepository(db.db()).month(month);
    BOOST_TEST_REQUIRE(all.ok());
    for (const ParticipationFigures& f : *all)
        if (f.cellId == cell)
            return f;
    return {};
}

// Every aggregate equals the recomputation from the raw acts and meetings.
void checkRecomputed(const TestDatabase& db)
{
    auto recomputed = recomputeParticipation(db.db());
    BOOST_TEST_REQUIRE(recomputed.ok());
    for (ParticipationFigures expected : *recomputed) {
        ParticipationFigures actual = figuresOf(db, expected.cellId, expected.month);
        actual.id = 0;
        BOOST_TEST((actual == expected), expected.cellId << " " << expected.month.toStdString());
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(meeting_api_tests)

BOOST_AUTO_TEST_CASE(a_meeting_is_scheduled_held_recorded_closed_and_counted)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            World w = world(*db, server);

            // Never for a day already past; a late record is an officer's, with a reason.
            const RowCounts before = RowCounts::of(db->db());
            const auto past = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2026-11-20T14:00:00+07:00"));
            BOOST_TEST(past.status == 400);
            BOOST_TEST(errorFields(past) == QStringList { QStringLiteral("startsAt") });
            const auto secretaryLate = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2026-11-20T14:00:00+07:00", "Mất mạng, chưa nhập kịp"));
            BOOST_TEST(secretaryLate.status == 403);
            BOOST_TEST(errorFields(secretaryLate) == QStringList { QStringLiteral("lateReason") });
            const auto noTimeZone = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2026-12-10T14:00:00"));
            BOOST_TEST(noTimeZone.status == 400);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // November's regular meeting, held on the 20th and recorded late by the officer.
            const auto late = server.call("POST", QStringLiteral("/api/v1/meetings"), w.officer,
                meeting(w.t.cell1.id, "2026-11-20T14:00:00+07:00", "Chi bộ mất mạng, chưa nhập kịp"));
            BOOST_TEST_REQUIRE(late.status == 201, describe(late));
            BOOST_TEST(late.json().value(QStringLiteral("recordedLate")).toBool());
            BOOST_TEST(!late.json().value(QStringLiteral("scheduledOnTime")).toBool());
            BOOST_TEST(late.json().value(QStringLiteral("attendance")).toArray().size() == 2); // Lan and Bảo
            const qint64 november = late.json().value(QStringLiteral("id")).toInteger();

            // Attendance: Bảo is exempt and only exempt; a member of another cell is no one here.
            const auto wrong = server.call("PUT", meetingUrl(november, "/attendance"), w.secretary,
                marks({ { w.lan.id, "present" }, { w.bao.id, "present" }, { w.mai.id, "absent" } }),
                ifMatch(1));
            BOOST_TEST(wrong.status == 400);
            BOOST_TEST((errorFields(wrong)
                == QStringList { QStringLiteral("entries[1]"), QStringLiteral("entries[2]") }));
            const auto notYet = server.call("POST", meetingUrl(november, "/close"), w.secretary,
                { { QStringLiteral("minutes"), QStringLiteral("Biên bản.") } }, ifMatch(1));
            BOOST_TEST(notYet.status == 400); // Lan has no mark
            BOOST_TEST(errorFields(notYet) == QStringList { QStringLiteral("attendance") });
            const auto marked = server.call("PUT", meetingUrl(november, "/attendance"), w.secretary,
                marks({ { w.lan.id, "present" } }), ifMatch(1));
            BOOST_TEST_REQUIRE(marked.status == 200, describe(marked));
            const auto closed = server.call("POST", meetingUrl(november, "/close"), w.secretary,
                { { QStringLiteral("minutes"), QStringLiteral("Biên bản sinh hoạt chi bộ tháng 11.") } },
                ifMatch(versionOf(marked)));
            BOOST_TEST_REQUIRE(closed.status == 200, describe(closed));
            BOOST_TEST(closed.json().value(QStringLiteral("closed")).toBool());
            ParticipationFigures figures = figuresOf(*db, w.t.cell1.id, QStringLiteral("2026-11"));
            BOOST_TEST(figures.meetingsHeld == 1);
            BOOST_TEST(figures.regularHeld == 1);
            BOOST_TEST(figures.regularOnTime == 0);
            BOOST_TEST(figures.attendancePresent == 1);
            BOOST_TEST(figures.attendanceExempt == 1);
            BOOST_TEST(server
                           .call("POST", meetingUrl(november, "/close"), w.secretary,
                               { { QStringLiteral("minutes"), QStringLiteral("Lần hai.") } },
                               ifMatch(versionOf(closed)))
                           .status
                == 409);

            // After closing, only an officer corrects, with a reason; the figures follow.
            const auto bySecretary = server.call("PUT", meetingUrl(november, "/attendance"), w.secretary,
                marks({ { w.lan.id, "absent" } }, "Nhầm"), ifMatch(versionOf(closed)));
            BOOST_TEST(bySecretary.status == 403);
            const auto noReason = server.call("PUT", meetingUrl(november, "/attendance"), w.officer,
                marks({ { w.lan.id, "absent" } }), ifMatch(versionOf(closed)));
            BOOST_TEST(noReason.status == 400);
            BOOST_TEST(errorFields(noReason) == QStringList { QStringLiteral("reason") });
            const auto corrected = server.call("PUT", meetingUrl(november, "/attendance"), w.officer,
                marks({ { w.lan.id, "excused" } }, "Đồng chí Lan có đơn xin vắng"),
                ifMatch(versionOf(closed)));
            BOOST_TEST_REQUIRE(corrected.status == 200, describe(corrected));
            figures = figuresOf(*db, w.t.cell1.id, QStringLiteral("2026-11"));
            BOOST_TEST(figures.attendancePresent == 0);
            BOOST_TEST(figures.attendanceExcused == 1);
            checkRecomputed(*db);

            // January's, scheduled in November (by December 20th): on time. Lan sees it and confirms.
            const auto january = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2027-01-12T14:00:00+07:00"));
            BOOST_TEST_REQUIRE(january.status == 201, describe(january));
            BOOST_TEST(january.json().value(QStringLiteral("scheduledOnTime")).toBool());
            const qint64 janId = january.json().value(QStringLiteral("id")).toInteger();
            const auto mine = server.call("GET", QStringLiteral("/api/v1/me/meetings"), w.lanToken);
            BOOST_TEST_REQUIRE(mine.status == 200, describe(mine));
            BOOST_TEST(mine.json().value(QStringLiteral("upcoming")).toArray().size() == 1);
            BOOST_TEST(mine.json()
                           .value(QStringLiteral("past"))
                           .toArray()
                           .at(0)
                           .toObject()
                           .value(QStringLiteral("myState"))
                           .toString()
                == QStringLiteral("excused"));
            const auto confirmed = server.call(
                "POST", QStringLiteral("/api/v1/me/meetings/%1/confirm").arg(janId), w.lanToken, {});
            BOOST_TEST(confirmed.status == 200, describe(confirmed));
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/me/meetings/%1/confirm").arg(november),
                               w.lanToken, {})
                           .status
                == 409);

            // Held in January: counted on time in January.
            server.advanceClock(49 * 24 * 3600);
            const QString secretary
                = server.signIn(QStringLiteral("bithu.chibo1"), QStringLiteral("mat-khau-bithu.chibo1"));
            const auto janMarked = server.call("PUT", meetingUrl(janId, "/attendance"), secretary,
                marks({ { w.lan.id, "present" } }), ifMatch(1));
            BOOST_TEST_REQUIRE(janMarked.status == 200, describe(janMarked));
            const auto janClosed = server.call("POST", meetingUrl(janId, "/close"), secretary,
                { { QStringLiteral("minutes"), QStringLiteral("Biên bản tháng 1.") } },
                ifMatch(versionOf(janMarked)));
            BOOST_TEST_REQUIRE(janClosed.status == 200, describe(janClosed));
            figures = figuresOf(*db, w.t.cell1.id, QStringLiteral("2027-01"));
            BOOST_TEST(figures.regularOnTime == 1);
            BOOST_TEST(figures.attendancePresent == 1);
            checkRecomputed(*db);

            // The report: every cell of the school owes each month's regular meeting.
            const QString admin = server.signInAsAdmin();
            const auto report = server.call("GET",
                QStringLiteral("/api/v1/participation?org=%1&from=2026-11&to=2027-01&by=child")
                    .arg(w.t.tranBien.id),
                admin);
            BOOST_TEST_REQUIRE(report.status == 200, describe(report));
            const QJsonObject total = report.json()
                                          .value(QStringLiteral("totals"))
                                          .toObject()
                                          .value(QStringLiteral("total"))
                                          .toObject();
            BOOST_TEST(total.value(QStringLiteral("regularDue")).toInteger() == 6); // two cells, three months
            BOOST_TEST(total.value(QStringLiteral("regularHeld")).toInteger() == 2);
            BOOST_TEST(total.value(QStringLiteral("regularOnTime")).toInteger() == 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_meetings_of_its_scope_and_the_rest_looks_missing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto inCell1 = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2026-12-10T14:00:00+07:00"));
            BOOST_TEST_REQUIRE(inCell1.status == 201, describe(inCell1));
            const qint64 id = inCell1.json().value(QStringLiteral("id")).toInteger();
            const auto far = server.call("POST", QStringLiteral("/api/v1/meetings"), w.farOfficer,
                meeting(w.t.rubberCell.id, "2026-12-10T14:00:00+07:00"));
            BOOST_TEST_REQUIRE(far.status == 201, describe(far));
            const qint64 farId = far.json().value(QStringLiteral("id")).toInteger();
            const RowCounts before = RowCounts::of(db->db());

            const auto missing = server.call("GET", meetingUrl(999999), w.officer);
            BOOST_TEST(missing.status == 404);
            for (const auto& [token, meetingId] : std::vector<std::pair<QString, qint64>> {
                     { w.officer, farId }, { w.secretary, farId }, { w.farOfficer, id } }) {
                const auto read = server.call("GET", meetingUrl(meetingId), token);
                BOOST_TEST(read.status == 404);
                BOOST_TEST(read.body == missing.body);
                BOOST_TEST(
                    server.call("PUT", meetingUrl(meetingId, "/attendance"), token, marks({}), ifMatch(1))
                        .status
                    == 404);
                BOOST_TEST(server
                               .call("POST", meetingUrl(meetingId, "/close"), token,
                                   { { QStringLiteral("minutes"), QStringLiteral("x") } }, ifMatch(1))
                               .status
                    == 404);
            }
            // No marks before the meeting has begun; an online link is https.
            const auto early = server.call("PUT", meetingUrl(id, "/attendance"), w.secretary,
                marks({ { w.lan.id, "present" } }), ifMatch(1));
            BOOST_TEST(early.status == 409);
            QJsonObject plain = meeting(w.t.cell1.id, "2026-12-11T14:00:00+07:00");
            plain.insert(QStringLiteral("onlineLink"), QStringLiteral("http://hop.example.vn/chibo1"));
            const auto insecure = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary, plain);
            BOOST_TEST(insecure.status == 400);
            BOOST_TEST(errorFields(insecure) == QStringList { QStringLiteral("onlineLink") });
            // Scheduling for a cell outside the scope, or for a unit that is no cell.
            BOOST_TEST(server
                           .call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                               meeting(w.t.cell2.id, "2026-12-10T14:00:00+07:00"))
                           .status
                == 404);
            const auto notACell = server.call("POST", QStringLiteral("/api/v1/meetings"), w.officer,
                meeting(w.t.school.id, "2026-12-10T14:00:00+07:00"));
            BOOST_TEST(notACell.status == 400);
            BOOST_TEST(errorFields(notACell) == QStringList { QStringLiteral("cellId") });
            // Members use their own routes; a meeting of another cell is missing to them.
            BOOST_TEST(server.call("GET", meetingUrl(id), w.lanToken).status == 403);
            BOOST_TEST(
                server
                    .call("GET", QStringLiteral("/api/v1/meetings?org=%1&month=2026-12").arg(w.t.cell1.id),
                        w.lanToken)
                    .status
                == 403);
            BOOST_TEST(
                server
                    .call("POST", QStringLiteral("/api/v1/me/meetings/%1/confirm").arg(farId), w.lanToken, {})
                    .status
                == 404);
            BOOST_TEST(server.call("GET", meetingUrl(id), {}).status == 401);
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // The change feed brings a meeting to the replicas over its cell, and to no other.
            const auto meetingsIn = [&](const QString& token) {
                QList<qint64> seen;
                const auto changes
                    = server.call("GET", QStringLiteral("/api/v1/changes?since=0&limit=1000"), token);
                for (const auto& value : changes.json().value(QStringLiteral("items")).toArray())
                    if (value.toObject().value(QStringLiteral("entity")).toString() == u"meeting"
                        && value.toObject().value(QStringLiteral("change")).toString() == u"upsert")
                        seen.append(value.toObject().value(QStringLiteral("id")).toInteger());
                return seen;
            };
            BOOST_TEST(meetingsIn(w.officer) == QList<qint64> { id });
            BOOST_TEST(meetingsIn(w.farOfficer) == QList<qint64> { farId });
            // The lists: a commune's officer sees its cells' meetings of the month, the far one's not.
            const auto listed = server.call("GET",
                QStringLiteral("/api/v1/meetings?org=%1&month=2026-12").arg(w.t.tranBien.id), w.officer);
            BOOST_TEST_REQUIRE(listed.status == 200, describe(listed));
            BOOST_TEST(listed.json().value(QStringLiteral("items")).toArray().size() == 1);
            const auto farList = server.call("GET",
                QStringLiteral("/api/v1/meetings?org=%1&month=2026-12").arg(w.t.phuRieng.id), w.officer);
            BOOST_TEST(farList.status == 404);
            BOOST_TEST(
                server
                    .call("GET", QStringLiteral("/api/v1/meetings?org=%1&month=2026-13").arg(w.t.tranBien.id),
                        w.officer)
                    .status
                == 400);
        }
    }
}

// The roster counts of a month: members on the roster and not exempt (where they take part), and those with
// an active handbook account, taken by the server's batch; a member who leaves drops out at the next count.
BOOST_AUTO_TEST_CASE(the_roster_counts_leave_exempt_members_out_and_follow_the_roster)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const WriteContext now = WriteContext::at(QStringLiteral("test"), server.now());
            BOOST_TEST_REQUIRE(snapshotRoster(db->db(), now).ok());
            ParticipationFigures cell1 = figuresOf(*db, w.t.cell1.id, QStringLiteral("2026-11"));
            BOOST_TEST(cell1.membersCounted == 1); // Lan; Bảo is exempt
            BOOST_TEST(cell1.accountsActive == 1);
            BOOST_TEST(figuresOf(*db, w.t.cell2.id, QStringLiteral("2026-11")).membersCounted == 1);
            BOOST_TEST(figuresOf(*db, w.t.cell2.id, QStringLiteral("2026-11")).accountsActive == 0);

            const auto left = server.call("POST", memberUrl(w.lan.id, "/events"), w.officer,
                { { QStringLiteral("type"), QStringLiteral("struck_off") },
                    { QStringLiteral("occurredOn"), QStringLiteral("2026-11-24") },
                    { QStringLiteral("decisionNumber"), QStringLiteral("12-QĐ/ĐU") } });
            BOOST_TEST_REQUIRE(left.status == 201, describe(left));
            BOOST_TEST_REQUIRE(snapshotRoster(db->db(), now).ok());
            cell1 = figuresOf(*db, w.t.cell1.id, QStringLiteral("2026-11"));
            BOOST_TEST(cell1.accountsActive == 0);
            checkRecomputed(*db);
            // The report carries them, summed over the cells; over several months, the last month's.
            const auto twoMonths = server.call("GET",
                QStringLiteral("/api/v1/participation?org=%1&from=2026-10&to=2026-11&by=child")
                    .arg(w.t.tranBien.id),
                w.admin);
            BOOST_TEST_REQUIRE(twoMonths.status == 200, describe(twoMonths));
            const QJsonObject rangeTotal = twoMonths.json()
                                               .value(QStringLiteral("totals"))
                                               .toObject()
                                               .value(QStringLiteral("total"))
                                               .toObject();
            BOOST_TEST(
                rangeTotal.value(QStringLiteral("membersCounted")).toInteger() == 1); // Mai, in November

            const auto report = server.call("GET",
                QStringLiteral("/api/v1/participation?org=%1&from=2026-11&to=2026-11&by=child")
                    .arg(w.t.tranBien.id),
                w.admin);
            BOOST_TEST_REQUIRE(report.status == 200, describe(report));
            BOOST_TEST(report.json()
                           .value(QStringLiteral("totals"))
                           .toObject()
                           .value(QStringLiteral("total"))
                           .toObject()
                           .value(QStringLiteral("accountsActive"))
                           .toInteger()
                == 0);
        }
    }
}

// A meeting still to be held moves (time, place), with its version; a held one, or a day past, does not.
BOOST_AUTO_TEST_CASE(a_meeting_still_to_be_held_moves_and_a_held_one_does_not)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            RunningServer server(*db);
            const World w = world(*db, server);
            const auto scheduled = server.call("POST", QStringLiteral("/api/v1/meetings"), w.secretary,
                meeting(w.t.cell1.id, "2026-12-10T14:00:00+07:00"));
            BOOST_TEST_REQUIRE(scheduled.status == 201, describe(scheduled));
            const qint64 id = scheduled.json().value(QStringLiteral("id")).toInteger();
            const QJsonObject later { { QStringLiteral("startsAt"),
                                          QStringLiteral("2027-01-05T08:00:00+07:00") },
                { QStringLiteral("place"), QStringLiteral("Phòng họp Đảng ủy") } };
            const auto moved = server.call("PATCH", meetingUrl(id), w.secretary, later, ifMatch(1));
            BOOST_TEST_REQUIRE(moved.status == 200, describe(moved));
            BOOST_TEST(moved.json().value(QStringLiteral("month")).toString() == QStringLiteral("2027-01"));
            BOOST_TEST(moved.json().value(QStringLiteral("place")).toString()
                == QStringLiteral("Phòng họp Đảng ủy"));
            BOOST_TEST(server.call("PATCH", meetingUrl(id), w.secretary, later, ifMatch(1)).status == 412);
            const auto past = server.call("PATCH", meetingUrl(id), w.secretary,
                { { QStringLiteral("startsAt"), QStringLiteral("2026-11-01T08:00:00+07:00") } }, ifMatch(2));
            BOOST_TEST(past.status == 400);
            BOOST_TEST(errorFields(past) == QStringList { QStringLiteral("startsAt") });
            BOOST_TEST(server.call("PATCH", meetingUrl(id), w.farOfficer, later, ifMatch(2)).status == 404);
            const auto late = server.call("POST", QStringLiteral("/api/v1/meetings"), w.officer,
                meeting(w.t.cell1.id, "2026-11-20T14:00:00+07:00", "Chưa nhập kịp"));
            BOOST_TEST_REQUIRE(late.status == 201, describe(late));
            const auto held
                = server.call("PATCH", meetingUrl(late.json().value(QStringLiteral("id")).toInteger()),
                    w.officer, later, ifMatch(1));
            BOOST_TEST(held.status == 409);
            BOOST_TEST(errorFields(held) == QStringList { QStringLiteral("state") });
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
