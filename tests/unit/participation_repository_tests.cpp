// SPDX-License-Identifier: GPL-3.0-or-later
// The participation aggregates in the store: after thousands of random acts (openings, studies, quiz
// attempts, activations) by members moving between cells and months, every aggregate equals what the raw
// acts recompute to, on both databases; and the change feed learns of changed aggregates from the flush.
#include "content/quiz_grading.h"
#include "store/content_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <QRandomGenerator>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace sotay;
using namespace sotay::test;

namespace sotay {

// Found by argument-dependent lookup from Boost.Test's printing.
std::ostream& operator<<(std::ostream& out, const ParticipationFigures& f)
{
    return out << f.cellId << " " << f.month.toStdString() << ": opened " << f.itemsOpened << ", studied "
               << f.lessonsStudied << ", attempts " << f.quizAttempts << ", passes " << f.quizPasses
               << ", active " << f.membersActive << ", activated " << f.accountsActivated;
}

} // namespace sotay

namespace {

// The aggregates keyed by cell and month, without their ids (a recomputation has none).
std::map<std::pair<qint64, QString>, ParticipationFigures> keyed(QList<ParticipationFigures> all)
{
    std::map<std::pair<qint64, QString>, ParticipationFigures> byKey;
    for (ParticipationFigures& f : all) {
        f.id = 0;
        byKey[{ f.cellId, f.month }] = f;
    }
    return byKey;
}

QList<qint64> lessonsFor(const QSqlDatabase& db, qint64 author, qint64 unit, int count)
{
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        ContentItem item;
        item.kind = ContentKind::Lesson;
        item.title = QStringLiteral("Bài học %1").arg(i + 1);
        item.body = QStringLiteral("Nội dung bài học.");
        item.quiz = Quiz {
            { { QStringLiteral("Câu hỏi?"), { QStringLiteral("Đúng"), QStringLiteral("Sai") }, { 0 } },
                { QStringLiteral("Câu hai?"), { QStringLiteral("A"), QStringLiteral("B") }, { 1 } } },
            50
        };
        item.authorUserId = author;
        item.authorOrgId = unit;
        item.audience = { unit };
        auto created = ContentRepository(db).create(item, testContext());
        BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? "" : created.error().message.toStdString()));
        ids.append(created->id);
    }
    return ids;
}

} // namespace

BOOST_AUTO_TEST_SUITE(participation_repository_tests)

BOOST_AUTO_TEST_CASE(every_aggregate_equals_the_raw_acts_recomputed_after_thousands_of_random_acts)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            auto author = UserRepository(db->db()).create(
                { QStringLiteral("quantri.1"), QStringLiteral("$argon2id$khong-dung"), Role::Admin, {}, {} },
                testContext());
            BOOST_TEST_REQUIRE(author.ok());
            const QList<qint64> lessons = lessonsFor(db->db(), author->id, t.province.id, 6);
            QList<qint64> members;
            const char* given[] = { "An", "Bình", "Chi", "Dũng", "Hà", "Khoa", "Lan", "Minh", "Nga", "Phúc" };
            for (int i = 0; i < 40; ++i)
                members.append(addMemberWithoutCard(
                    db->db(), i % 2 ? t.cell1.id : t.cell2.id, "Nguyễn", "Văn", given[i % 10])
                                   .id);
            const QList<qint64> cells { t.cell1.id, t.cell2.id, t.rubberCell.id };
            const Quiz quiz = *ContentRepository(db->db()).find(lessons.front())->quiz;

            ParticipationRepository participation(db->db());
            QRandomGenerator random(20261207);
            const int acts = db->config().dialect == Dialect::Sqlite ? 3000 : 1500;
            for (int i = 0; i < acts; ++i) {
                // Across three months, each member in one of three cells (a temporary stay moves them).
                WriteContext context = testContext();
                context.now = context.now.addDays(static_cast<int>(random.bounded(90)) - 60);
                const qint64 member = members[random.bounded(static_cast<int>(members.size()))];
                const qint64 cell = cells[random.bounded(3)];
                const qint64 lesson = lessons[random.bounded(static_cast<int>(lessons.size()))];
                switch (random.bounded(4)) {
                case 0:
                    BOOST_TEST_REQUIRE(participation.recordOpened(member, cell, lesson, context).ok());
                    break;
                case 1:
                    BOOST_TEST_REQUIRE(participation.recordStudied(member, cell, lesson, context).ok());
                    break;
                case 2: {
                    const QList<QuizAnswer> answers { { 1, { static_cast<int>(random.bounded(2)) } },
                        { 2, { static_cast<int>(random.bounded(2)) } } };
                    BOOST_TEST_REQUIRE(participation
                                           .recordAttempt(member, cell, lesson, QStringLiteral("[]"),
                                               gradeQuiz(quiz, answers), context)
                                           .ok());
                    break;
                }
                default: {
                    // An activation as HandbookAccounts records it: the act and its audit row.
                    BOOST_TEST_REQUIRE(participation.recordActivation(cell, context).ok());
                    BOOST_TEST_REQUIRE(sql::exec(db->db(),
                        QStringLiteral(
                            "INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) "
                            "VALUES (?, 'test', 'member.handbook_activated', 'member', ?, ?)"),
                        { sql::timestamp(context.now), member,
                            QStringLiteral("{\"cellId\":%1,\"month\":\"%2\"}")
                                .arg(cell)
                                .arg(participationMonth(context)) })
                                           .ok());
                    break;
                }
                }
            }

            QList<ParticipationFigures> stored;
            for (const QString& month : { QStringLiteral("2026-09"), QStringLiteral("2026-10"),
                     QStringLiteral("2026-11"), QStringLiteral("2026-12") }) {
                auto rows = participation.month(month);
                BOOST_TEST_REQUIRE(rows.ok());
                stored += *rows;
            }
            auto recomputed = recomputeParticipation(db->db());
            BOOST_TEST_REQUIRE(recomputed.ok());
            const auto expected = keyed(*recomputed);
            const auto actual = keyed(stored);
            BOOST_TEST(expected.size() >= 9U); // three cells, three months at least
            BOOST_TEST(actual.size() == expected.size());
            for (const auto& [key, figures] : expected) {
                BOOST_TEST_CONTEXT(figures)
                {
                    BOOST_TEST_REQUIRE(actual.count(key) == 1U);
                    BOOST_TEST((actual.at(key) == figures), actual.at(key));
                }
            }
            qint64 passes = 0;
            for (const auto& [key, figures] : expected)
                passes += figures.quizPasses;
            BOOST_TEST(passes > 0);
            BOOST_TEST(passes <= members.size() * lessons.size()); // one pass per member and lesson at most
        }
    }
}

BOOST_AUTO_TEST_CASE(changed_aggregates_reach_the_feed_in_batches_not_with_each_act)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            const Member lan = addMemberWithoutCard(db->db(), t.cell1.id, "Nguyễn", "Thị", "Lan");
            auto author = UserRepository(db->db()).create(
                { QStringLiteral("quantri.1"), QStringLiteral("$argon2id$khong-dung"), Role::Admin, {}, {} },
                testContext());
            BOOST_TEST_REQUIRE(author.ok());
            const QList<qint64> lessons = lessonsFor(db->db(), author->id, t.province.id, 3);
            const qint64 feed = countRows(db->db(), QStringLiteral("change_feed"));
            ParticipationRepository participation(db->db());
            for (const qint64 lesson : lessons)
                BOOST_TEST_REQUIRE(
                    participation.recordOpened(lan.id, t.cell1.id, lesson, testContext()).ok());
            BOOST_TEST(
                countRows(db->db(), QStringLiteral("change_feed")) == feed); // the acts wrote no feed row
            auto flushed = participation.flushPending(testContext());
            BOOST_TEST_REQUIRE(flushed.ok());
            BOOST_TEST(*flushed == 1); // one cell, one month
            BOOST_TEST(countRows(db->db(), QStringLiteral("change_feed")) == feed + 1);
            auto again = participation.flushPending(testContext());
            BOOST_TEST_REQUIRE(again.ok());
            BOOST_TEST(*again == 0);
            auto row = sql::exec(
                db->db(), QStringLiteral("SELECT entity, path FROM change_feed ORDER BY seq DESC LIMIT 1"));
            BOOST_TEST_REQUIRE((row.ok() && row->next()));
            BOOST_TEST(row->value(0).toString() == QStringLiteral("participation"));
            BOOST_TEST(row->value(1).toString() == t.cell1.path);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
