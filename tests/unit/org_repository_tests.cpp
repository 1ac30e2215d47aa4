// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

QStringList fieldsOf(const Error& error)
{
    QStringList fields;
    for (const auto& f : error.fields)
        fields.append(f.field);
    return fields;
}

const OrgUnit* findIn(const QList<OrgUnit>& units, qint64 id)
{
    for (const auto& u : units)
        if (u.id == id)
            return &u;
    return nullptr;
}

// What a refused write must leave untouched.
struct Snapshot {
    qint64 units, periods, operations, members, feed;
    static Snapshot of(const QSqlDatabase& db)
    {
        return { countRows(db, QStringLiteral("org_unit")), countRows(db, QStringLiteral("org_unit_period")),
            countRows(db, QStringLiteral("org_operation")), countRows(db, QStringLiteral("member")),
            countRows(db, QStringLiteral("change_feed")) };
    }
    friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

Member addMember(
    const QSqlDatabase& db, qint64 unitId, const char* family, const char* middle, const char* given)
{
    MemberRepository members(db);
    const Member m = sampleMember(
        unitId, QString::fromUtf8(family), QString::fromUtf8(middle), QString::fromUtf8(given));
    MemberEvent admission { 0, 0, MemberEventType::Admission, m.admittedOn, QStringLiteral("45-QĐ/ĐU"), true,
        {}, {}, {} };
    auto created = members.create(m, admission, testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? std::string() : created.error().message.toStdString()));
    return *created;
}

} // namespace

BOOST_AUTO_TEST_SUITE(org_repository_tests)

BOOST_AUTO_TEST_CASE(creates_a_tree_with_paths_history_and_feed)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            BOOST_TEST(t.province.path == QStringLiteral("/%1/").arg(t.province.id));
            BOOST_TEST(t.cell1.path
                == QStringLiteral("/%1/%2/%3/%4/")
                       .arg(t.province.id)
                       .arg(t.tranBien.id)
                       .arg(t.school.id)
                       .arg(t.cell1.id));
            BOOST_TEST(t.cell1.validFrom == QDate(2025, 7, 1));
            BOOST_TEST(t.cell1.active());

            auto root = repo.root();
            BOOST_TEST_REQUIRE(root.ok());
            BOOST_TEST_REQUIRE(root->has_value());
            BOOST_TEST(root->value().id == t.province.id);

            auto children = repo.children(t.province.id);
            BOOST_TEST_REQUIRE(children.ok());
            BOOST_TEST_REQUIRE(children->size() == 2);
            // by folded name: "dang bo phuong tran bien" < "dang bo xa phu rieng"
            BOOST_TEST(children->at(0).id == t.tranBien.id);
            BOOST_TEST(children->at(1).id == t.phuRieng.id);

            BOOST_TEST(countRows(test->db(), QStringLiteral("org_unit_period")) == 7);
            BOOST_TEST(countRows(test->db(), QStringLiteral("org_operation")) == 7);
            BOOST_TEST(countRows(test->db(), QStringLiteral("change_feed")) == 7);
            auto seqs = sql::exec(test->db(), QStringLiteral("SELECT seq FROM change_feed ORDER BY seq"));
            BOOST_TEST_REQUIRE(seqs.ok());
            qint64 expected = 1;
            while (seqs->next())
                BOOST_TEST(seqs->value(0).toLongLong() == expected++);
        }
    }
}

BOOST_AUTO_TEST_CASE(refused_creations_name_the_fields_and_change_nothing)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            const auto before = Snapshot::of(test->db());

            auto wrongKind = repo.create({ t.province.id, OrgKind::Cell, std::nullopt, QStringLiteral("X1"),
                                             QStringLiteral("Chi bộ lạc chỗ") },
                decision("99-QĐ/TU", QDate(2025, 8, 1)), testContext());
            BOOST_TEST_REQUIRE(!wrongKind.ok());
            BOOST_TEST(fieldsOf(wrongKind.error()) == QStringList { QStringLiteral("kind") });

            auto cellUnderCell = repo.create({ t.cell1.id, OrgKind::BaseCommittee, std::nullopt,
                                                 QStringLiteral("X2"), QStringLiteral("Đảng bộ con") },
                decision("99-QĐ/TU", QDate(2025, 8, 1)), testContext());
            BOOST_TEST_REQUIRE(!cellUnderCell.ok());
            BOOST_TEST(fieldsOf(cellUnderCell.error()) == QStringList { QStringLiteral("kind") });

            auto manyFaults
                = repo.create({ t.school.id, OrgKind::Cell, std::nullopt, QString(), QStringLiteral(" ") },
                    decision("", QDate(2027, 1, 1)), testContext());
            BOOST_TEST_REQUIRE(!manyFaults.ok());
            BOOST_TEST(fieldsOf(manyFaults.error())
                == (QStringList { QStringLiteral("decisionNumber"), QStringLiteral("effectiveOn"),
                    QStringLiteral("name"), QStringLiteral("code") }));

            auto duplicateCode = repo.create({ t.school.id, OrgKind::Cell, std::nullopt,
                                                 QStringLiteral("26068.01.1"), QStringLiteral("Chi bộ 3") },
                decision("16-QĐ/ĐU", QDate(2025, 8, 1)), testContext());
            BOOST_TEST_REQUIRE(!duplicateCode.ok());
            BOOST_TEST(fieldsOf(duplicateCode.error()) == QStringList { QStringLiteral("code") });
            BOOST_TEST(duplicateCode.error().message.contains(QStringLiteral("Chi bộ 1")));

            auto beforeParent = repo.create({ t.school.id, OrgKind::Cell, std::nullopt,
                                                QStringLiteral("26068.01.3"), QStringLiteral("Chi bộ 3") },
                decision("16-QĐ/ĐU", QDate(2025, 6, 1)), testContext());
            BOOST_TEST_REQUIRE(!beforeParent.ok());
            BOOST_TEST(fieldsOf(beforeParent.error()) == QStringList { QStringLiteral("effectiveOn") });

            auto secondRoot
                = repo.create({ std::nullopt, OrgKind::Province, std::nullopt, QStringLiteral("70"),
                                  QStringLiteral("Đảng bộ tỉnh Bình Phước") },
                    decision("1-QĐ/TW", QDate(2025, 8, 1)), testContext());
            BOOST_TEST_REQUIRE(!secondRoot.ok());
            BOOST_TEST(fieldsOf(secondRoot.error()) == QStringList { QStringLiteral("parentId") });

            BOOST_TEST((Snapshot::of(test->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(rename_is_dated_and_the_old_name_stays_in_history)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            auto renamed = repo.rename(t.cell2.id, QStringLiteral("Chi bộ Giáo viên  Tổ Toán"),
                decision("20-QĐ/ĐU", QDate(2026, 1, 15)), testContext());
            BOOST_TEST_REQUIRE(renamed.ok());
            BOOST_TEST(renamed->name == QStringLiteral("Chi bộ Giáo viên Tổ Toán"));
            BOOST_TEST(renamed->version == t.cell2.version + 1);

            auto before = repo.treeAsOf(QDate(2026, 1, 14));
            auto after = repo.treeAsOf(QDate(2026, 1, 15));
            BOOST_TEST_REQUIRE((before.ok() && after.ok()));
            BOOST_TEST(findIn(*before, t.cell2.id)->name == QStringLiteral("Chi bộ 2"));
            BOOST_TEST(findIn(*after, t.cell2.id)->name == QStringLiteral("Chi bộ Giáo viên Tổ Toán"));
            auto longAgo = repo.treeAsOf(QDate(2025, 6, 30));
            BOOST_TEST_REQUIRE(longAgo.ok());
            BOOST_TEST(longAgo->isEmpty());

            auto backdated = repo.rename(t.cell2.id, QStringLiteral("Chi bộ Tổ Văn"),
                decision("21-QĐ/ĐU", QDate(2026, 1, 1)), testContext());
            BOOST_TEST_REQUIRE(!backdated.ok());
            BOOST_TEST(fieldsOf(backdated.error()) == QStringList { QStringLiteral("effectiveOn") });
        }
    }
}

BOOST_AUTO_TEST_CASE(move_carries_the_subtree_and_history_keeps_the_old_place)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            const Member binh = addMember(test->db(), t.cell1.id, "Trần", "Văn", "Bình");

            auto moved = repo.move(
                t.school.id, t.phuRieng.id, decision("30-QĐ/TU", QDate(2026, 3, 1)), testContext());
            BOOST_TEST_REQUIRE(moved.ok(), (moved.ok() ? "" : moved.error().message.toStdString()));
            BOOST_TEST((moved->parentId == t.phuRieng.id));
            BOOST_TEST(moved->path == QString(t.phuRieng.path + QString::number(t.school.id) + u'/'));
            auto cell1 = repo.find(t.cell1.id);
            BOOST_TEST(cell1->path == QString(moved->path + QString::number(t.cell1.id) + u'/'));

            auto countTranBien = repo.memberCount(t.tranBien.id);
            auto countPhuRieng = repo.memberCount(t.phuRieng.id);
            BOOST_TEST(*countTranBien == 0);
            BOOST_TEST(*countPhuRieng == 1);

            auto before = repo.treeAsOf(QDate(2026, 2, 28), t.tranBien.path);
            BOOST_TEST_REQUIRE(before.ok());
            BOOST_TEST(before->size() == 4); // Trấn Biên, the school, its two cells
            BOOST_TEST(findIn(*before, t.cell1.id)->path == t.cell1.path);
            auto after = repo.treeAsOf(QDate(2026, 3, 1), t.tranBien.path);
            BOOST_TEST(after->size() == 1);

            // the feed says where each moved unit, and each member on their rosters, was and where it is now
            auto feed = sql::exec(test->db(),
                QStringLiteral(
                    "SELECT entity, entity_id, path, old_path FROM change_feed WHERE old_path IS NOT NULL "
                    "ORDER BY seq"));
            BOOST_TEST_REQUIRE(feed.ok());
            QStringList movedRows;
            while (feed->next()) {
                movedRows.append(
                    QStringLiteral("%1 %2").arg(feed->value(0).toString()).arg(feed->value(1).toLongLong()));
                BOOST_TEST(feed->value(3).toString().startsWith(t.tranBien.path));
                BOOST_TEST(feed->value(2).toString().startsWith(t.phuRieng.path));
            }
            movedRows.sort();
            QStringList expected { QStringLiteral("org_unit %1").arg(t.school.id),
                QStringLiteral("org_unit %1").arg(t.cell1.id), QStringLiteral("org_unit %1").arg(t.cell2.id),
                QStringLiteral("member %1").arg(binh.id) };
            expected.sort();
            BOOST_TEST(movedRows == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(impossible_moves_are_refused)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            const auto before = Snapshot::of(test->db());
            const auto d = decision("31-QĐ/TU", QDate(2026, 3, 1));

            auto intoItself = repo.move(t.tranBien.id, t.school.id, d, testContext());
            BOOST_TEST_REQUIRE(!intoItself.ok());
            BOOST_TEST(fieldsOf(intoItself.error()) == QStringList { QStringLiteral("parentId") });
            BOOST_TEST(intoItself.error().fields[0].message.contains(QStringLiteral("vào chính nó")));

            auto cellUnderUpper = repo.move(t.cell1.id, t.phuRieng.id, d, testContext());
            BOOST_TEST_REQUIRE(!cellUnderUpper.ok());
            BOOST_TEST(fieldsOf(cellUnderUpper.error()) == QStringList { QStringLiteral("parentId") });

            auto root = repo.move(t.province.id, t.tranBien.id, d, testContext());
            BOOST_TEST(!root.ok());
            auto missing = repo.move(t.cell1.id, 999999, d, testContext());
            BOOST_TEST_REQUIRE(!missing.ok());
            BOOST_TEST(fieldsOf(missing.error()) == QStringList { QStringLiteral("parentId") });
            auto future = repo.move(
                t.cell1.id, t.school.id, decision("32-QĐ/TU", QDate(2026, 11, 26)), testContext());
            BOOST_TEST(!future.ok());

            BOOST_TEST((Snapshot::of(test->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(merge_hands_over_children_and_members_and_ends_the_source)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            MemberRepository members(test->db());
            const Member a = addMember(test->db(), t.cell1.id, "Nguyễn", "Thị", "Ánh");
            const Member b = addMember(test->db(), t.cell1.id, "Lê", "Văn", "Hải");
            addMember(test->db(), t.cell2.id, "Phạm", "Minh", "Đức");

            // two cells become one: members follow
            auto merged
                = repo.merge(t.cell1.id, t.cell2.id, decision("40-QĐ/ĐU", QDate(2026, 4, 1)), testContext());
            BOOST_TEST_REQUIRE(merged.ok(), (merged.ok() ? "" : merged.error().message.toStdString()));
            auto source = repo.find(t.cell1.id);
            BOOST_TEST(!source->active());
            BOOST_TEST(source->validTo == QDate(2026, 4, 1));
            BOOST_TEST((source->endReason == OrgEndReason::Merged));
            BOOST_TEST((source->successorId == t.cell2.id));
            BOOST_TEST((members.find(a.id)->orgUnitId == t.cell2.id));
            BOOST_TEST(members.find(b.id)->version == b.version + 1);
            auto left = sql::exec(test->db(),
                QStringLiteral("SELECT COUNT(*) FROM member WHERE org_unit_id = ? AND left_reason IS NULL"),
                { t.cell1.id });
            BOOST_TEST_REQUIRE((left.ok() && left->next()));
            BOOST_TEST(left->value(0).toLongLong() == 0);
            BOOST_TEST(*repo.memberCount(t.cell2.id) == 3);

            // the tree before the merge still shows both cells
            auto before = repo.treeAsOf(QDate(2026, 3, 31), t.school.path);
            BOOST_TEST(before->size() == 3);
            auto after = repo.treeAsOf(QDate(2026, 4, 1), t.school.path);
            BOOST_TEST(after->size() == 2);

            // a committee merged into another: its children follow
            auto committees = repo.merge(
                t.tranBien.id, t.phuRieng.id, decision("41-QĐ/TU", QDate(2026, 5, 1)), testContext());
            BOOST_TEST_REQUIRE(
                committees.ok(), (committees.ok() ? "" : committees.error().message.toStdString()));
            auto school = repo.find(t.school.id);
            BOOST_TEST((school->parentId == t.phuRieng.id));
            BOOST_TEST(school->path.startsWith(t.phuRieng.path));
            BOOST_TEST(repo.children(t.tranBien.id)->isEmpty());
            BOOST_TEST(*repo.memberCount(t.phuRieng.id) == 3);
        }
    }
}

BOOST_AUTO_TEST_CASE(impossible_merges_are_refused)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            addMember(test->db(), t.cell1.id, "Võ", "Thị", "Sáu");
            const auto before = Snapshot::of(test->db());
            const auto d = decision("42-QĐ/TU", QDate(2026, 4, 1));

            BOOST_TEST(!repo.merge(t.cell1.id, t.cell1.id, d, testContext()).ok());
            BOOST_TEST(
                !repo.merge(t.tranBien.id, t.school.id, d, testContext()).ok()); // into its own subtree
            auto intoCommittee
                = repo.merge(t.cell1.id, t.school.id, d, testContext()); // a committee has no roster
            BOOST_TEST_REQUIRE(!intoCommittee.ok());
            BOOST_TEST(fieldsOf(intoCommittee.error()) == QStringList { QStringLiteral("targetId") });
            auto schoolIntoCell
                = repo.merge(t.school.id, t.rubberCell.id, d, testContext()); // cells cannot hold cells
            BOOST_TEST(!schoolIntoCell.ok());
            BOOST_TEST((Snapshot::of(test->db()) == before));
        }
    }
}

BOOST_AUTO_TEST_CASE(split_assigns_every_child_and_member_exactly_once)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            MemberRepository members(test->db());
            const Member a = addMember(test->db(), t.cell1.id, "Đặng", "Thu", "Hà");
            const Member b = addMember(test->db(), t.cell1.id, "Hồ", "Ngọc", "Lan");
            const auto d = decision("50-QĐ/ĐU", QDate(2026, 6, 1));

            SplitPart first { { std::nullopt, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.1"),
                                  QStringLiteral("Chi bộ 1A") },
                {}, { a.id } };
            SplitPart second { { std::nullopt, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.1B"),
                                   QStringLiteral("Chi bộ 1B") },
                {}, {} };

            const auto before = Snapshot::of(test->db());
            auto incomplete = repo.split(t.cell1.id, { first, second }, d, testContext());
            BOOST_TEST_REQUIRE(!incomplete.ok());
            BOOST_TEST(fieldsOf(incomplete.error()) == QStringList { QStringLiteral("parts") });
            BOOST_TEST(incomplete.error().fields[0].message.contains(QStringLiteral("1 đảng viên")));
            BOOST_TEST((Snapshot::of(test->db()) == before));

            // cell1 sits under the school, so the parts are cells there too
            second.memberIds = { b.id };
            auto parts = repo.split(t.cell1.id, { first, second }, d, testContext());
            BOOST_TEST_REQUIRE(parts.ok(), (parts.ok() ? "" : parts.error().message.toStdString()));
            BOOST_TEST_REQUIRE(parts->size() == 2);
            BOOST_TEST(parts->at(0).code
                == QStringLiteral("26068.01.1")); // the code of the ended unit is free again
            BOOST_TEST((parts->at(0).parentId == t.school.id));
            BOOST_TEST((members.find(a.id)->orgUnitId == parts->at(0).id));
            BOOST_TEST((members.find(b.id)->orgUnitId == parts->at(1).id));
            BOOST_TEST((repo.find(t.cell1.id)->endReason == OrgEndReason::Split));
            auto history = repo.treeAsOf(QDate(2026, 5, 31), t.school.path);
            BOOST_TEST(findIn(*history, t.cell1.id) != nullptr);
            BOOST_TEST(findIn(*history, parts->at(0).id) == nullptr);

            // a committee split: children are handed out too
            SplitPart north { { std::nullopt, OrgKind::BaseCommittee, std::nullopt,
                                  QStringLiteral("26068.02"), QStringLiteral("Đảng bộ Khối A") },
                { parts->at(0).id }, {} };
            SplitPart south { { std::nullopt, OrgKind::BaseCommittee, std::nullopt,
                                  QStringLiteral("26068.03"), QStringLiteral("Đảng bộ Khối B") },
                { parts->at(1).id, t.cell2.id }, {} };
            auto committees = repo.split(
                t.school.id, { north, south }, decision("51-QĐ/ĐU", QDate(2026, 7, 1)), testContext());
            BOOST_TEST_REQUIRE(
                committees.ok(), (committees.ok() ? "" : committees.error().message.toStdString()));
            BOOST_TEST((repo.find(t.cell2.id)->parentId == committees->at(1).id));
            BOOST_TEST(repo.find(parts->at(0).id)->path.startsWith(committees->at(0).path));
        }
    }
}

BOOST_AUTO_TEST_CASE(dissolve_needs_an_empty_unit)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            MemberRepository members(test->db());
            const Member m = addMember(test->db(), t.cell1.id, "Bùi", "Quang", "Huy");
            const auto d = decision("60-QĐ/ĐU", QDate(2026, 8, 1));

            auto withMember = repo.dissolve(t.cell1.id, d, testContext());
            BOOST_TEST_REQUIRE(!withMember.ok());
            BOOST_TEST((withMember.error().code == ErrorCode::Conflict));
            BOOST_TEST(withMember.error().message.contains(QStringLiteral("1 đảng viên")));
            auto withChildren = repo.dissolve(t.school.id, d, testContext());
            BOOST_TEST(!withChildren.ok());

            MemberEvent transfer { 0, 0, MemberEventType::TransferOut, QDate(2026, 7, 1),
                QStringLiteral("70-QĐ/ĐU"), true, {}, t.cell2.id, {} };
            BOOST_TEST_REQUIRE(members.recordEvent(m.id, transfer, std::nullopt, testContext()).ok());
            auto dissolved = repo.dissolve(t.cell1.id, d, testContext());
            BOOST_TEST_REQUIRE(dissolved.ok());
            BOOST_TEST((dissolved->endReason == OrgEndReason::Dissolved));
            BOOST_TEST(repo.children(t.school.id)->size() == 1);
            BOOST_TEST(!repo.rename(t.cell1.id, QStringLiteral("Chi bộ ma"),
                                decision("61", QDate(2026, 9, 1)), testContext())
                            .ok());
        }
    }
}

BOOST_AUTO_TEST_CASE(search_matches_without_diacritics)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            OrgRepository repo(test->db());
            auto found = repo.search(QStringLiteral("phu rieng"));
            BOOST_TEST_REQUIRE(found.ok());
            BOOST_TEST(found->size() == 2);
            auto upper = repo.search(QStringLiteral("TRẤN BIÊN"));
            BOOST_TEST(upper->size() == 1);
            auto byCode = repo.search(QStringLiteral("26068.01"));
            BOOST_TEST(byCode->size() == 3);
            auto scoped = repo.search(QStringLiteral("chi bo"), t.tranBien.path);
            BOOST_TEST(scoped->size() == 2);
            auto literalPercent = repo.search(QStringLiteral("%"));
            BOOST_TEST(literalPercent->isEmpty());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
