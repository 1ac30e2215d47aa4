// SPDX-License-Identifier: GPL-3.0-or-later
// The demo province's lived year: its batches write, act for act, the rows the repositories write one act at
// a time (compared table by table on two databases given the same script), and on a seeded province every
// aggregate equals what the raw acts recompute to, on SQLite and PostgreSQL, with the shape the demo
// promises.
#include "demo_province.h"
#include "lived_year.h"
#include "meeting_batch.h"
#include "participation_batch.h"
#include "store/content_repository.h"
#include "store/handbook_accounts.h"
#include "store/meeting_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlRecord>
#include <QTimeZone>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace sotay;
using namespace sotay::test;

namespace {

// Every row of a query, each as text, in the query's order.
QStringList rowsOf(const QSqlDatabase& db, const QString& statement)
{
    auto query = sql::exec(db, statement);
    BOOST_TEST_REQUIRE(query.ok(), statement.toStdString());
    QStringList rows;
    while (query->next()) {
        QStringList values;
        for (int i = 0; i < query->record().count(); ++i)
            values.append(query->value(i).isNull() ? QStringLiteral("NULL") : query->value(i).toString());
        rows.append(values.join(u'|'));
    }
    return rows;
}

qint64 scalar(const QSqlDatabase& db, const QString& statement)
{
    auto query = sql::exec(db, statement);
    BOOST_TEST_REQUIRE(query.ok(), statement.toStdString());
    BOOST_TEST_REQUIRE(query->next());
    return query->value(0).toLongLong();
}

// What both ways must have written the same, table by table: every column that does not depend on the order
// rows were inserted in (no surrogate ids of acts, feed sequence numbers or audit row ids).
const std::map<std::string, QString> kCompared {
    { "content_study",
        QStringLiteral("SELECT member_id, content_id, opened_at, opened_month, opened_cell_id, studied_at, "
                       "studied_month, studied_cell_id FROM content_study ORDER BY member_id, content_id") },
    { "quiz_attempt",
        QStringLiteral(
            "SELECT member_id, content_id, cell_id, month, attempted_at, answers, correct, total, passed, "
            "first_pass FROM quiz_attempt ORDER BY member_id, content_id, attempted_at") },
    { "participation_active",
        QStringLiteral("SELECT cell_id, month, member_id FROM participation_active ORDER BY 1, 2, 3") },
    { "participation_month",
        QStringLiteral("SELECT cell_id, month, items_opened, lessons_studied, quiz_attempts, quiz_passes, "
                       "members_active, accounts_activated, meetings_held, regular_held, regular_on_time, "
                       "attendance_present, attendance_excused, attendance_absent, attendance_exempt FROM "
                       "participation_month ORDER BY cell_id, month") },
    { "app_user",
        QStringLiteral(
            "SELECT id, username, password_hash, role, scope_org_id, member_id, password_changed_at, "
            "created_at, created_by, disabled_at, must_change_password, version FROM app_user ORDER BY "
            "id") },
    { "cell_meeting",
        QStringLiteral(
            "SELECT id, cell_id, kind, starts_at, month, place, online_link, topic, topic_content_id, "
            "scheduled_at, scheduled_by, late_reason, closed_at, minutes, version FROM cell_meeting "
            "ORDER BY id") },
    { "meeting_attendance",
        QStringLiteral("SELECT meeting_id, member_id, state FROM meeting_attendance ORDER BY 1, 2") },
    { "change_feed",
        QStringLiteral(
            "SELECT entity, entity_id, operation, path, old_path, changed_at FROM change_feed WHERE entity "
            "IN ('user', 'meeting') ORDER BY entity, entity_id, changed_at, operation") },
    { "audit_log",
        QStringLiteral(
            "SELECT at, actor, action, entity, entity_id, before_json, after_json FROM audit_log WHERE "
            "action LIKE 'user.%' OR action LIKE 'meeting.%' OR action = 'member.handbook_activated' "
            "ORDER BY entity, entity_id, at, action") },
};

QString answersJson(const QList<QuizAnswer>& answers)
{
    QJsonArray array;
    for (const QuizAnswer& answer : answers) {
        QJsonArray chosen;
        for (const int option : answer.chosen)
            chosen.append(option);
        array.append(QJsonObject {
            { QStringLiteral("question"), answer.question }, { QStringLiteral("chosen"), chosen } });
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// The same small world on each database: the small tree, members with card numbers, two lessons.
struct World {
    SmallTree tree;
    QList<qint64> members; // in cell1 and cell2, alternately
    QList<qint64> lessons;
    Quiz quiz;
};

World buildWorld(const QSqlDatabase& db)
{
    World world;
    world.tree = buildSmallTree(db);
    auto author = UserRepository(db).create(
        { QStringLiteral("tuyengiao.tinh"), QStringLiteral("$argon2id$khong-dung"), Role::Officer,
            world.tree.province.id, {} },
        testContext());
    BOOST_TEST_REQUIRE(author.ok());
    const char* given[]
        = { "An", "Bình", "Chi", "Dũng", "Hà", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quang", "Sơn" };
    for (int i = 0; i < 12; ++i) {
        const qint64 id = addMemberWithoutCard(
            db, i % 2 ? world.tree.cell1.id : world.tree.cell2.id, "Trần", "Thị", given[i])
                              .id;
        BOOST_TEST_REQUIRE(sql::exec(db, QStringLiteral("UPDATE member SET card_number = ? WHERE id = ?"),
            { QStringLiteral("01.%1").arg(700000 + i), id })
                               .ok());
        world.members.append(id);
    }
    // One member exempt from party activity: always marked exempt at meetings.
    BOOST_TEST_REQUIRE(
        sql::exec(db, QStringLiteral("UPDATE member SET exempt = ?, exempt_since = ? WHERE id = ?"),
            { true, QStringLiteral("2025-01-01"), world.members.back() })
            .ok());
    world.quiz
        = Quiz { { { QStringLiteral("Câu một?"), { QStringLiteral("Đúng"), QStringLiteral("Sai") }, { 0 } },
                     { QStringLiteral("Câu hai?"),
                         { QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C") }, { 1, 2 } } },
              100 };
    for (int i = 0; i < 2; ++i) {
        ContentItem item;
        item.kind = ContentKind::Lesson;
        item.title = QStringLiteral("Chuyên đề %1").arg(i + 1);
        item.body = QStringLiteral("Nội dung chuyên đề.");
        item.quiz = world.quiz;
        item.authorUserId = author->id;
        item.authorOrgId = world.tree.province.id;
        item.audience = { world.tree.province.id };
        auto created = ContentRepository(db).create(item, testContext());
        BOOST_TEST_REQUIRE(created.ok());
        world.lessons.append(created->id);
    }
    return world;
}

enum class Step { Activate, Open, Study, Attempt, Schedule, Close };

struct ScriptedAct {
    Step step = Step::Open;
    int member = 0;
    int lesson = 0;
    QList<QuizAnswer> answers;
    int meeting = 0; // Schedule, Close: the scripted meeting
    WriteContext context;
};

struct ScriptedMeeting {
    int cell = 0; // 0: cell1, 1: cell2
    MeetingKind kind = MeetingKind::Regular;
    QDateTime startsAt;
    QList<AttendanceState> states; // per member of the cell in id order, the exempt one left out
};

qint64 cellOf(const World& world, int cell)
{
    return cell == 0 ? world.tree.cell1.id : world.tree.cell2.id;
}

// Members of a scripted meeting's cell in id order, with whether they are exempt.
QList<std::pair<qint64, bool>> rosterOf(const World& world, int cell)
{
    QList<std::pair<qint64, bool>> roster;
    for (qsizetype i = 0; i < world.members.size(); ++i)
        if ((i % 2 ? 0 : 1) == cell)
            roster.append({ world.members[i], i == world.members.size() - 1 });
    return roster;
}

// A script of random acts and meetings over three months, in time order, the same on every run.
std::pair<QList<ScriptedAct>, QList<ScriptedMeeting>> script(const World& world)
{
    QRandomGenerator random(20261208);
    QList<ScriptedAct> acts;
    QList<ScriptedMeeting> meetings;
    const QDateTime start = testContext().now.addDays(-80);
    QDateTime now = start;
    for (int i = 0; i < 600; ++i) {
        now = now.addSecs(static_cast<int>(random.bounded(600, 20000)));
        ScriptedAct act;
        act.member = static_cast<int>(random.bounded(static_cast<int>(world.members.size())));
        act.lesson = static_cast<int>(random.bounded(2));
        const quint32 kind = random.bounded(12U);
        act.step = kind == 0 ? Step::Activate
            : kind < 5       ? Step::Open
            : kind < 8       ? Step::Study
                             : Step::Attempt;
        if (act.step == Step::Attempt)
            act.answers = { { 1, { static_cast<int>(random.bounded(2)) } },
                { 2, random.bounded(2) ? QList<int> { 1, 2 } : QList<int> { 1 } } };
        act.context = WriteContext::at(QStringLiteral("member.%1").arg(act.member), now);
        acts.append(act);
        if (i % 40 == 20) {
            // A meeting scheduled now for a few days later, held and closed then.
            ScriptedMeeting meeting;
            meeting.cell = static_cast<int>(random.bounded(2));
            meeting.kind = random.bounded(4) ? MeetingKind::Regular : MeetingKind::Thematic;
            meeting.startsAt = now.addDays(static_cast<int>(random.bounded(1, 20)));
            for (int m = 0; m < 6; ++m)
                meeting.states.append(static_cast<AttendanceState>(random.bounded(3)));
            meetings.append(meeting);
            ScriptedAct schedule;
            schedule.step = Step::Schedule;
            schedule.meeting = static_cast<int>(meetings.size()) - 1;
            schedule.context = WriteContext::at(QStringLiteral("bithu"), now);
            acts.append(schedule);
            ScriptedAct close = schedule;
            close.step = Step::Close;
            close.context = WriteContext::at(QStringLiteral("bithu"), meeting.startsAt.addSecs(7200));
            acts.append(close);
        }
    }
    std::stable_sort(acts.begin(), acts.end(),
        [](const ScriptedAct& a, const ScriptedAct& b) { return a.context.now < b.context.now; });
    return { acts, meetings };
}

QList<AttendanceMark> marksOf(const World& world, const ScriptedMeeting& meeting)
{
    QList<AttendanceMark> marks;
    const auto roster = rosterOf(world, meeting.cell);
    for (qsizetype i = 0; i < roster.size(); ++i)
        if (!roster[i].second)
            marks.append({ roster[i].first, meeting.states[i] });
    return marks;
}

QString minutesOf(const ScriptedMeeting& meeting)
{
    return QStringLiteral("Biên bản buổi sinh hoạt ngày %1.")
        .arg(meeting.startsAt.date().toString(Qt::ISODate));
}

NewMeeting newMeeting(const World& world, const ScriptedMeeting& meeting)
{
    NewMeeting input;
    input.cellId = cellOf(world, meeting.cell);
    input.kind = meeting.kind;
    input.startsAt = meeting.startsAt;
    input.place = QStringLiteral("Phòng họp chi bộ");
    input.topic = QStringLiteral("Sinh hoạt chi bộ");
    return input;
}

// The script through the repositories, one act at a time, as the server's routes call them.
void actOneByOne(const QSqlDatabase& db, const World& world, const QList<ScriptedAct>& acts,
    const QList<ScriptedMeeting>& meetings)
{
    ParticipationRepository participation(db);
    MeetingRepository meetingRepository(db);
    HandbookAccounts accounts(db);
    QList<qint64> meetingIds(meetings.size(), 0);
    for (const ScriptedAct& act : acts) {
        const qint64 member = world.members.value(act.member);
        const qint64 cell = act.member % 2 ? world.tree.cell1.id : world.tree.cell2.id;
        const qint64 lesson = world.lessons.value(act.lesson);
        switch (act.step) {
        case Step::Activate: {
            auto holder = accounts.holder(member);
            if (!holder)
                break; // has an account already
            BOOST_TEST_REQUIRE(accounts
                                   .storeCodes({ { member, QStringLiteral("ma"), QStringLiteral("muoi") } },
                                       act.context.now.addDays(30), act.context)
                                   .ok());
            auto user = accounts.activate(member, QStringLiteral("ma"), usernameKey(holder->number),
                QStringLiteral("$argon2id$demo"), act.context);
            BOOST_TEST_REQUIRE(user.ok(), (user.ok() ? "" : user.error().message.toStdString()));
            break;
        }
        case Step::Open:
            BOOST_TEST_REQUIRE(participation.recordOpened(member, cell, lesson, act.context).ok());
            break;
        case Step::Study:
            BOOST_TEST_REQUIRE(participation.recordStudied(member, cell, lesson, act.context).ok());
            break;
        case Step::Attempt:
            BOOST_TEST_REQUIRE(participation
                                   .recordAttempt(member, cell, lesson, answersJson(act.answers),
                                       gradeQuiz(world.quiz, act.answers), act.context)
                                   .ok());
            break;
        case Step::Schedule: {
            auto scheduled
                = meetingRepository.schedule(newMeeting(world, meetings[act.meeting]), act.context);
            BOOST_TEST_REQUIRE(
                scheduled.ok(), (scheduled.ok() ? "" : scheduled.error().message.toStdString()));
            meetingIds[act.meeting] = scheduled->id;
            break;
        }
        case Step::Close: {
            const ScriptedMeeting& meeting = meetings[act.meeting];
            auto marked = meetingRepository.recordAttendance(
                meetingIds[act.meeting], marksOf(world, meeting), 1, QString(), act.context);
            BOOST_TEST_REQUIRE(marked.ok(), (marked.ok() ? "" : marked.error().message.toStdString()));
            auto closed
                = meetingRepository.close(meetingIds[act.meeting], minutesOf(meeting), 2, act.context);
            BOOST_TEST_REQUIRE(closed.ok(), (closed.ok() ? "" : closed.error().message.toStdString()));
            break;
        }
        }
    }
}

// The same script through the demo's batches, a transaction per day.
void actInBatches(const QSqlDatabase& db, const World& world, const QList<ScriptedAct>& acts,
    const QList<ScriptedMeeting>& meetings)
{
    demo::ParticipationBatch participation(db);
    demo::MeetingBatch meetingBatch(db);
    demo::ChangeBatch changes(db);
    BOOST_TEST_REQUIRE(participation.load().ok());
    BOOST_TEST_REQUIRE(meetingBatch.load().ok());
    QList<qint64> meetingIds(meetings.size(), 0);
    const auto writeBatch = [&] {
        sql::Transaction transaction(db);
        BOOST_TEST_REQUIRE(transaction.begin().ok());
        BOOST_TEST_REQUIRE(participation.write(changes).ok());
        BOOST_TEST_REQUIRE(meetingBatch.write(changes).ok());
        BOOST_TEST_REQUIRE(changes.write().ok());
        BOOST_TEST_REQUIRE(transaction.commit().ok());
    };
    QDate day = acts.front().context.today();
    for (const ScriptedAct& act : acts) {
        if (act.context.today() != day) {
            writeBatch();
            day = act.context.today();
        }
        const qint64 member = world.members.value(act.member);
        const qint64 cell = act.member % 2 ? world.tree.cell1.id : world.tree.cell2.id;
        const qint64 lesson = world.lessons.value(act.lesson);
        switch (act.step) {
        case Step::Activate: {
            if (participation.hasAccount(member))
                break;
            auto homePath = sql::exec(db,
                QStringLiteral("SELECT o.id, o.path, m.card_number FROM member m JOIN org_unit o ON o.id = "
                               "m.org_unit_id WHERE m.id = ?"),
                { member });
            BOOST_TEST_REQUIRE(homePath.ok());
            BOOST_TEST_REQUIRE(homePath->next());
            auto user = participation.activate(member, homePath->value(0).toLongLong(),
                homePath->value(1).toString(), cell, homePath->value(2).toString(),
                QStringLiteral("$argon2id$demo"), act.context);
            BOOST_TEST_REQUIRE(user.ok());
            break;
        }
        case Step::Open:
            participation.open(member, cell, lesson, act.context);
            break;
        case Step::Study:
            participation.study(member, cell, lesson, act.context);
            break;
        case Step::Attempt:
            participation.attempt(member, cell, lesson, world.quiz, act.answers, act.context);
            break;
        case Step::Schedule: {
            const ScriptedMeeting& meeting = meetings[act.meeting];
            const OrgUnit& unit = meeting.cell == 0 ? world.tree.cell1 : world.tree.cell2;
            auto scheduled = meetingBatch.schedule(newMeeting(world, meeting), unit.path, act.context);
            BOOST_TEST_REQUIRE(
                scheduled.ok(), (scheduled.ok() ? "" : scheduled.error().message.toStdString()));
            meetingIds[act.meeting] = scheduled->id;
            break;
        }
        case Step::Close: {
            const ScriptedMeeting& meeting = meetings[act.meeting];
            QHash<qint64, bool> roster;
            for (const auto& [id, exempt] : rosterOf(world, meeting.cell))
                roster.insert(id, exempt);
            auto closed = meetingBatch.close(
                meetingIds[act.meeting], marksOf(world, meeting), roster, minutesOf(meeting), act.context);
            BOOST_TEST_REQUIRE(closed.ok(), (closed.ok() ? "" : closed.error().message.toStdString()));
            break;
        }
        }
    }
    writeBatch();
}

// Seeding as of 20 March 2026: the province was founded on 1 July 2025, so its year has nine months.
const WriteContext kSeededAt = WriteContext::at(
    QStringLiteral("test"), QDateTime(QDate(2026, 3, 20), QTime(9, 0), QTimeZone(7 * 3600)));

// The demo province of `members` members and its lived year, `progress` told of each batch.
Result<LivedYearSummary> seedYear(
    const QSqlDatabase& db, int members, std::function<void(int day, int days)> progress = {})
{
    DemoOptions province;
    province.members = members;
    province.today = kSeededAt.today();
    if (auto seeded = seedDemoProvince(db, province, kSeededAt); !seeded)
        return seeded.error();
    LivedYearOptions options;
    options.passwordHash = QStringLiteral("$argon2id$demo");
    options.progress = std::move(progress);
    return seedLivedYear(db, options, kSeededAt);
}

} // namespace

BOOST_AUTO_TEST_SUITE(lived_year_tests)

BOOST_AUTO_TEST_CASE(the_batches_write_what_the_repositories_write_one_act_at_a_time)
{
    for (const auto& reference : allTestDatabases()) {
        BOOST_TEST_CONTEXT(reference->label().toStdString())
        {
            // The same world on a second database of the same kind.
            const auto batched = reference->config().dialect == Dialect::Sqlite
                ? TestDatabase::sqlite()
                : TestDatabase::postgres(testPostgresUrl());
            const World world = buildWorld(reference->db());
            const World same = buildWorld(batched->db());
            BOOST_TEST_REQUIRE(world.members == same.members);
            BOOST_TEST_REQUIRE(world.lessons == same.lessons);
            const auto [acts, meetings] = script(world);

            actOneByOne(reference->db(), world, acts, meetings);
            actInBatches(batched->db(), world, acts, meetings);

            BOOST_TEST(
                scalar(reference->db(), QStringLiteral("SELECT COUNT(*) FROM quiz_attempt WHERE first_pass"))
                > 0);
            BOOST_TEST(
                scalar(reference->db(), QStringLiteral("SELECT COUNT(*) FROM app_user WHERE role = 'member'"))
                > 3);
            BOOST_TEST(scalar(reference->db(),
                           QStringLiteral("SELECT COUNT(*) FROM cell_meeting WHERE closed_at IS NOT NULL"))
                > 5);
            for (const auto& [table, statement] : kCompared) {
                BOOST_TEST_CONTEXT(table)
                {
                    const QStringList expected = rowsOf(reference->db(), statement);
                    const QStringList actual = rowsOf(batched->db(), statement);
                    BOOST_TEST(!expected.isEmpty());
                    BOOST_TEST(actual == expected);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_seeded_year_s_aggregates_equal_the_raw_acts_recomputed)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            int lastDay = 0;
            auto year = seedYear(db->db(), 3000, [&lastDay](int day, int days) {
                BOOST_TEST(day > lastDay);
                BOOST_TEST(day <= lastDay + 7); // a week at most per batch
                BOOST_TEST(day <= days);
                lastDay = day;
            });
            BOOST_TEST_REQUIRE(year.ok(), (year.ok() ? "" : year.error().message.toStdString()));
            BOOST_TEST(year->days == lastDay);
            BOOST_TEST(year->days == QDate(2025, 7, 1).daysTo(QDate(2026, 3, 20)) + 1);

            // What the year holds, read back from the tables, not from the summary alone.
            const QSqlDatabase& d = db->db();
            BOOST_TEST(year->accounts
                == scalar(d, QStringLiteral("SELECT COUNT(*) FROM app_user WHERE role = 'member'")));
            BOOST_TEST(year->opened == scalar(d, QStringLiteral("SELECT COUNT(*) FROM content_study")));
            BOOST_TEST(year->attempts == scalar(d, QStringLiteral("SELECT COUNT(*) FROM quiz_attempt")));
            BOOST_TEST(year->marks == scalar(d, QStringLiteral("SELECT COUNT(*) FROM meeting_attendance")));
            BOOST_TEST(year->accounts > 1200);
            BOOST_TEST(year->accounts < 2900);
            BOOST_TEST(year->studied > 0);
            BOOST_TEST(year->meetingsHeld > 0);
            // Content published only by its day, and never after the moment of seeding.
            BOOST_TEST(
                scalar(d, QStringLiteral("SELECT COUNT(*) FROM content_item WHERE state = 'published'"))
                == year->items);
            BOOST_TEST(
                scalar(d,
                    QStringLiteral("SELECT COUNT(*) FROM content_study s JOIN content_item c ON c.id = "
                                   "s.content_id WHERE s.opened_at < c.publish_at"))
                == 0);
            // Some cells are never on time; most are.
            const qint64 regular
                = scalar(d, QStringLiteral("SELECT SUM(regular_held) FROM participation_month"));
            const qint64 onTime
                = scalar(d, QStringLiteral("SELECT SUM(regular_on_time) FROM participation_month"));
            BOOST_TEST(onTime > regular / 2);
            BOOST_TEST(onTime < regular);
            // Every aggregate went to the change feed.
            BOOST_TEST(
                scalar(d, QStringLiteral("SELECT COUNT(*) FROM participation_month WHERE pending_feed"))
                == 0);

            auto stored = sql::exec(d,
                QStringLiteral("SELECT ") + participationColumns()
                    + QStringLiteral(" FROM participation_month p"));
            BOOST_TEST_REQUIRE(stored.ok());
            std::map<std::pair<qint64, QString>, ParticipationFigures> actual;
            while (stored->next()) {
                ParticipationFigures f = readParticipation(*stored);
                f.id = 0;
                actual[{ f.cellId, f.month }] = f;
            }
            auto recomputed = recomputeParticipation(d);
            BOOST_TEST_REQUIRE(recomputed.ok());
            BOOST_TEST(actual.size() == static_cast<std::size_t>(recomputed->size()));
            int compared = 0;
            for (ParticipationFigures expected : *recomputed) {
                expected.id = 0;
                const auto found = actual.find({ expected.cellId, expected.month });
                BOOST_TEST_REQUIRE((found != actual.end()));
                BOOST_TEST((found->second == expected),
                    expected.cellId << " " << expected.month.toStdString() << " differs");
                ++compared;
            }
            BOOST_TEST(compared > 1000);
        }
    }
}

BOOST_AUTO_TEST_CASE(some_communes_are_clearly_behind_and_older_members_less_active)
{
    const auto db = TestDatabase::sqlite();
    BOOST_TEST_REQUIRE(seedYear(db->db(), 6000).ok());

    // The share of members with an account, per commune or bloc committee (the second unit on the path).
    auto perUpper = sql::exec(db->db(),
        QStringLiteral(
            "SELECT substr(o.path, 1, instr(substr(o.path, 4), '/') + 3) AS upper, COUNT(*), "
            "SUM(CASE WHEN u.id IS NULL THEN 0 ELSE 1 END) FROM member m JOIN org_unit o ON o.id = "
            "m.org_unit_id LEFT JOIN app_user u ON u.member_id = m.id WHERE m.left_on IS NULL GROUP BY "
            "upper HAVING COUNT(*) >= 30"));
    BOOST_TEST_REQUIRE(perUpper.ok());
    QList<double> shares;
    while (perUpper->next())
        shares.append(perUpper->value(2).toDouble() / perUpper->value(1).toDouble());
    std::sort(shares.begin(), shares.end());
    BOOST_TEST_REQUIRE(shares.size() > 20);
    const double median = shares.at(shares.size() / 2);
    BOOST_TEST(shares.front() < median * 0.65); // a commune clearly behind
    BOOST_TEST(median > 0.5);

    // Members aged 70 or more read less than those under 60.
    auto byAge = sql::exec(db->db(),
        QStringLiteral(
            "SELECT CASE WHEN m.birth_date <= '1956-03-20' THEN 1 ELSE 0 END AS older, COUNT(DISTINCT "
            "m.id), COUNT(s.member_id) FROM member m LEFT JOIN content_study s ON s.member_id = m.id WHERE "
            "m.birth_date <= '1956-03-20' OR m.birth_date > '1966-03-20' GROUP BY older ORDER BY older"));
    BOOST_TEST_REQUIRE(byAge.ok());
    QList<double> readsPerMember;
    while (byAge->next())
        readsPerMember.append(byAge->value(2).toDouble() / byAge->value(1).toDouble());
    BOOST_TEST_REQUIRE(readsPerMember.size() == 2);
    BOOST_TEST(readsPerMember.at(1) < readsPerMember.at(0) * 0.7);
}

BOOST_AUTO_TEST_SUITE_END()
