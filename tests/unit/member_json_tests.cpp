// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member_json.h"
#include "support/qt_printing.h"

#include <QJsonDocument>

#include <boost/test/unit_test.hpp>

using namespace sotay;

namespace {

Member awkwardMember()
{
    Member m;
    m.id = 42;
    m.orgUnitId = 7;
    m.temporaryOrgUnitId = 0;
    m.familyName = QStringLiteral("Nguyễn");
    m.middleName = QStringLiteral("Thị \"Út\"");
    m.givenName = QStringLiteral("Đào\\Hoa");
    m.gender = Gender::Female;
    m.birthDate = QDate(1950, 2, 28);
    m.birthPlace = QStringLiteral("Xã Tân Hòa\nHuyện Định Quán\t\u0001");
    m.hometown = QStringLiteral("Làng 𠀧 (chữ Nôm)"); // outside the BMP: four bytes in UTF-8
    m.ethnicity = QStringLiteral("S'tiêng");
    m.religion = QStringLiteral("Công giáo");
    m.citizenId = QStringLiteral("075150001234");
    m.cardNumber = QStringLiteral("01.000123");
    m.admittedOn = QDate(1975, 5, 1);
    m.officialOn = QDate(1976, 5, 1);
    m.status = MemberStatus::Official;
    m.exempt = true;
    m.exemptSince = QDate(2020, 1, 1);
    m.leftOn = QDate(2026, 1, 2);
    m.leftReason = LeaveReason::Deceased;
    m.politicalTheory = PoliticalTheoryLevel::Advanced;
    m.version = 9;
    return m;
}

QByteArray written(const Member& m, bool sensitive)
{
    JsonWriter out;
    writeJson(out, m, sensitive);
    return out.bytes();
}

} // namespace

BOOST_AUTO_TEST_SUITE(member_json_tests)

BOOST_AUTO_TEST_CASE(the_fast_writer_gives_the_same_bytes_as_qjsondocument)
{
    for (const bool sensitive : { true, false }) {
        const Member m = awkwardMember();
        BOOST_TEST(written(m, sensitive).toStdString()
            == QJsonDocument(toJson(m, sensitive)).toJson(QJsonDocument::Compact).toStdString());
        Member plain;
        plain.id = 1;
        BOOST_TEST(written(plain, sensitive).toStdString()
            == QJsonDocument(toJson(plain, sensitive)).toJson(QJsonDocument::Compact).toStdString());
    }
    BOOST_TEST(!written(awkwardMember(), false).contains("citizenId"));
}

BOOST_AUTO_TEST_CASE(a_member_round_trips_through_json)
{
    Member m = awkwardMember();
    m.birthPlace = QStringLiteral("Xã Tân Hòa, Đồng Nai"); // control characters are refused on the way in
    auto read = memberFromJson(toJson(m), Member {}, true);
    BOOST_TEST_REQUIRE(read.ok(),
        (read.ok() ? QString()
                   : read.error().fields.value(0).field + u' ' + read.error().fields.value(0).message)
            .toStdString());
    Member expected = m;
    expected.id = 0; // id and version are read-only in a body
    expected.version = 0;
    BOOST_TEST((*read == expected));
}

BOOST_AUTO_TEST_CASE(bad_bodies_name_every_field)
{
    const QJsonObject body { { QStringLiteral("orgUnitId"), QStringLiteral("7") },
        { QStringLiteral("familyName"), 12 }, { QStringLiteral("givenName"), QStringLiteral("An") },
        { QStringLiteral("gender"), QStringLiteral("nam") },
        { QStringLiteral("birthDate"), QStringLiteral("1990-02-30") },
        { QStringLiteral("admittedOn"), QStringLiteral("2010-01-01") }, { QStringLiteral("shoeSize"), 42 } };
    auto read = memberFromJson(body, Member {}, true);
    BOOST_TEST_REQUIRE(!read.ok());
    QStringList fields;
    for (const auto& f : read.error().fields)
        fields.append(f.field);
    fields.sort();
    BOOST_TEST(fields
        == (QStringList { QStringLiteral("birthDate"), QStringLiteral("familyName"), QStringLiteral("gender"),
            QStringLiteral("orgUnitId"), QStringLiteral("shoeSize") }));
    auto missing = memberFromJson(QJsonObject {}, Member {}, true);
    BOOST_TEST(missing.error().fields.size() == 6);
}

BOOST_AUTO_TEST_SUITE_END()
