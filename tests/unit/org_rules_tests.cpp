// SPDX-License-Identifier: GPL-3.0-or-later
#include "org/org_rules.h"
#include "support/qt_printing.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;

BOOST_AUTO_TEST_SUITE(org_rules_tests)

BOOST_AUTO_TEST_CASE(kinds_nest_as_the_party_statute_says)
{
    BOOST_TEST(canContain(OrgKind::Province, OrgKind::Upper));
    BOOST_TEST(canContain(OrgKind::Upper, OrgKind::BaseCommittee));
    BOOST_TEST(canContain(OrgKind::Upper, OrgKind::BaseCell));
    BOOST_TEST(canContain(OrgKind::BaseCommittee, OrgKind::SectionCommittee));
    BOOST_TEST(canContain(OrgKind::BaseCommittee, OrgKind::Cell));
    BOOST_TEST(canContain(OrgKind::SectionCommittee, OrgKind::Cell));
    BOOST_TEST(canContain(OrgKind::Cell, OrgKind::Group));
    BOOST_TEST(canContain(OrgKind::BaseCell, OrgKind::Group));
}

BOOST_AUTO_TEST_CASE(a_cell_holds_no_committee)
{
    for (const auto child : { OrgKind::Province, OrgKind::Upper, OrgKind::BaseCommittee,
             OrgKind::SectionCommittee, OrgKind::Cell, OrgKind::BaseCell }) {
        BOOST_TEST(!canContain(OrgKind::Cell, child));
        BOOST_TEST(!canContain(OrgKind::BaseCell, child));
        BOOST_TEST(!canContain(OrgKind::Group, child));
    }
    BOOST_TEST(!canContain(OrgKind::Province, OrgKind::Cell));
    BOOST_TEST(!canContain(OrgKind::SectionCommittee, OrgKind::SectionCommittee));
}

BOOST_AUTO_TEST_CASE(only_cells_hold_members)
{
    BOOST_TEST(canHoldMembers(OrgKind::Cell));
    BOOST_TEST(canHoldMembers(OrgKind::BaseCell));
    BOOST_TEST(!canHoldMembers(OrgKind::BaseCommittee));
    BOOST_TEST(!canHoldMembers(OrgKind::Group));
    BOOST_TEST(!canHoldMembers(OrgKind::Province));
}

BOOST_AUTO_TEST_CASE(subtree_range_covers_descendants_only)
{
    const QString path = QStringLiteral("/1/5/");
    const QString end = subtreeEnd(path);
    BOOST_TEST(end == QStringLiteral("/1/50"));
    for (const auto& inside :
        { QStringLiteral("/1/5/"), QStringLiteral("/1/5/23/"), QStringLiteral("/1/5/99/100/") })
        BOOST_TEST((inside >= path && inside < end), inside.toStdString());
    for (const auto& outside : { QStringLiteral("/1/50/"), QStringLiteral("/1/51/7/"),
             QStringLiteral("/1/4/"), QStringLiteral("/1/"), QStringLiteral("/1/6/") })
        BOOST_TEST(!(outside >= path && outside < end), outside.toStdString());
    BOOST_TEST(childPath(path, 42) == QStringLiteral("/1/5/42/"));
    BOOST_TEST(childPath(QString(), 1) == QStringLiteral("/1/"));
    BOOST_TEST(isInSubtree(QStringLiteral("/1/5/42/"), path));
    BOOST_TEST(!isInSubtree(QStringLiteral("/1/50/"), path));
}

BOOST_AUTO_TEST_CASE(unit_fields_report_every_fault_in_vietnamese)
{
    const auto errors
        = validateUnitFields(QStringLiteral("  "), QString(), OrgKind::BaseCommittee, OrgKind::Cell);
    QStringList fields;
    for (const auto& e : errors)
        fields.append(e.field);
    BOOST_TEST(
        fields == (QStringList { QStringLiteral("name"), QStringLiteral("code"), QStringLiteral("kind") }));
    BOOST_TEST(errors[0].message.contains(QStringLiteral("không được để trống")));
    BOOST_TEST(
        errors[2].message.contains(QStringLiteral("Đảng bộ cơ sở không thể trực thuộc chi bộ trực thuộc")));

    BOOST_TEST(validateUnitFields(
        QStringLiteral("Chi bộ 2"), QStringLiteral("C2"), OrgKind::Cell, OrgKind::BaseCommittee)
                   .isEmpty());
    BOOST_TEST(validateUnitFields(
        QStringLiteral("Đảng bộ tỉnh Đồng Nai"), QStringLiteral("DN"), OrgKind::Province, std::nullopt)
                   .isEmpty());
    BOOST_TEST(
        validateUnitFields(QStringLiteral("Chi bộ mồ côi"), QStringLiteral("X"), OrgKind::Cell, std::nullopt)
            .size()
        == 1);
}

BOOST_AUTO_TEST_CASE(decisions_need_a_number_and_a_date_not_in_the_future)
{
    const QDate today(2026, 11, 25);
    BOOST_TEST(validateDecision({ QStringLiteral("123-QĐ/TU"), today }, today).isEmpty());
    const auto future = validateDecision({ QStringLiteral("123-QĐ/TU"), today.addDays(1) }, today);
    BOOST_TEST_REQUIRE(future.size() == 1);
    BOOST_TEST(future[0].field == QStringLiteral("effectiveOn"));
    const auto empty = validateDecision({ QString(), QDate() }, today);
    BOOST_TEST(empty.size() == 2);
}

BOOST_AUTO_TEST_CASE(kind_codes_round_trip)
{
    for (const auto kind : { OrgKind::Province, OrgKind::Upper, OrgKind::BaseCommittee, OrgKind::BaseCell,
             OrgKind::SectionCommittee, OrgKind::Cell, OrgKind::Group })
        BOOST_TEST((orgKindFromCode(toCode(kind)) == kind));
    BOOST_TEST(toCode(OrgKind::BaseCommittee) == QStringLiteral("base_committee"));
    BOOST_TEST(!orgKindFromCode(QStringLiteral("district")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
