// SPDX-License-Identifier: GPL-3.0-or-later
// Content in the store: an audience follows its units through merges and splits (the successors are
// recorded), refused writes change nothing, and the list's scope rule holds on both databases.
#include "store/content_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <QSet>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

qint64 officerOf(const QSqlDatabase& db, qint64 scope)
{
    auto created
        = UserRepository(db).create({ QStringLiteral("canbo.%1").arg(scope),
                                        QStringLiteral("$argon2id$khong-dung"), Role::Officer, scope, {} },
            testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? std::string() : created.error().message.toStdString()));
    return created->id;
}

ContentItem newsFor(qint64 author, qint64 authorUnit, QList<qint64> audience)
{
    ContentItem item;
    item.kind = ContentKind::News;
    item.title = QStringLiteral("Thông báo lịch học tập");
    item.body = QStringLiteral("Các chi bộ tổ chức học tập trong tháng.");
    item.authorUserId = author;
    item.authorOrgId = authorUnit;
    item.audience = std::move(audience);
    return item;
}

QList<qint64> successorsOf(const QSqlDatabase& db, qint64 unitId)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT successor_id FROM org_unit_successor WHERE unit_id = ? ORDER BY successor_id"),
        { unitId });
    BOOST_TEST_REQUIRE(query.ok());
    QList<qint64> ids;
    while (query->next())
        ids.append(query->value(0).toLongLong());
    return ids;
}

QSet<qint64> asSet(const QList<qint64>& ids)
{
    return QSet<qint64>(ids.begin(), ids.end());
}

} // namespace

BOOST_AUTO_TEST_SUITE(content_repository_tests)

BOOST_AUTO_TEST_CASE(an_audience_follows_its_units_through_a_merge_and_a_split)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            const qint64 officer = officerOf(test->db(), t.tranBien.id);
            ContentRepository content(test->db());
            OrgRepository orgs(test->db());
            auto created = content.create(newsFor(officer, t.tranBien.id, { t.cell2.id }), testContext());
            BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? "" : created.error().message.toStdString()));
            auto published = content.publish(created->id, testContext().now, created->version, testContext());
            BOOST_TEST_REQUIRE(
                published.ok(), (published.ok() ? "" : published.error().message.toStdString()));
            const qint64 feedBefore = countRows(test->db(), QStringLiteral("change_feed"));

            // Cell 2 merges into cell 1: the item goes to cell 1, with a new version and feed rows for it.
            auto merged
                = orgs.merge(t.cell2.id, t.cell1.id, decision("40-QĐ/ĐU", QDate(2026, 4, 1)), testContext());
            BOOST_TEST_REQUIRE(merged.ok(), (merged.ok() ? "" : merged.error().message.toStdString()));
            BOOST_TEST(successorsOf(test->db(), t.cell2.id) == QList<qint64> { t.cell1.id });
            auto afterMerge = content.find(created->id);
            BOOST_TEST_REQUIRE(afterMerge.ok());
            BOOST_TEST(afterMerge->audience == QList<qint64> { t.cell1.id });
            BOOST_TEST(afterMerge->audiencePaths == QStringList { t.cell1.path });
            BOOST_TEST(afterMerge->version == published->version + 1);
            BOOST_TEST(countRows(test->db(), QStringLiteral("change_feed")) > feedBefore);

            // Cell 1 splits in two: the item goes to both parts, each recorded as a successor.
            SplitPart first { { std::nullopt, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.1A"),
                                  QStringLiteral("Chi bộ 1A") },
                {}, {} };
            SplitPart second { { std::nullopt, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.1B"),
                                   QStringLiteral("Chi bộ 1B") },
                {}, {} };
            auto parts = orgs.split(
                t.cell1.id, { first, second }, decision("50-QĐ/ĐU", QDate(2026, 6, 1)), testContext());
            BOOST_TEST_REQUIRE(parts.ok(), (parts.ok() ? "" : parts.error().message.toStdString()));
            const QList<qint64> partIds { parts->at(0).id, parts->at(1).id };
            BOOST_TEST((asSet(successorsOf(test->db(), t.cell1.id)) == asSet(partIds)));
            auto afterSplit = content.find(created->id);
            BOOST_TEST_REQUIRE(afterSplit.ok());
            BOOST_TEST((asSet(afterSplit->audience) == asSet(partIds)));
            BOOST_TEST(afterSplit->audiencePaths.size() == 2);

            // The audit log says why the audience changed.
            auto audit = sql::exec(test->db(),
                QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'content' AND action = "
                               "'content.audience_followed'"));
            BOOST_TEST_REQUIRE((audit.ok() && audit->next()));
            BOOST_TEST(audit->value(0).toLongLong() == 2);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_ended_audience_unit_and_a_bad_item_change_nothing)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            const qint64 officer = officerOf(test->db(), t.tranBien.id);
            OrgRepository orgs(test->db());
            BOOST_TEST_REQUIRE(
                orgs.merge(t.cell2.id, t.cell1.id, decision("40-QĐ/ĐU", QDate(2026, 4, 1)), testContext())
                    .ok());
            const qint64 feed = countRows(test->db(), QStringLiteral("change_feed"));
            const qint64 audit = countRows(test->db(), QStringLiteral("audit_log"));
            ContentRepository content(test->db());

            auto ended = content.create(newsFor(officer, t.tranBien.id, { t.cell2.id }), testContext());
            BOOST_TEST_REQUIRE(!ended.ok());
            BOOST_TEST(ended.error().hasField(QStringLiteral("audience")));
            ContentItem stamped = newsFor(officer, t.tranBien.id, { t.cell1.id });
            stamped.body = QStringLiteral("Đoạn đầu.\n\n  TUYỆT MẬT  \n\nĐoạn sau.");
            auto refused = content.create(stamped, testContext());
            BOOST_TEST_REQUIRE(!refused.ok());
            BOOST_TEST(refused.error().hasField(QStringLiteral("body")));
            BOOST_TEST(countRows(test->db(), QStringLiteral("content_item")) == 0);
            BOOST_TEST(countRows(test->db(), QStringLiteral("content_audience")) == 0);
            BOOST_TEST(countRows(test->db(), QStringLiteral("change_feed")) == feed);
            BOOST_TEST(countRows(test->db(), QStringLiteral("audit_log")) == audit);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
