// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/demo_tree.h"

#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

namespace sotay::test {

WriteContext testContext()
{
    return WriteContext::at(QStringLiteral("test"), QDateTime(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC));
}

Decision decision(const char* number, QDate effectiveOn)
{
    return { QString::fromUtf8(number), effectiveOn };
}

SmallTree buildSmallTree(const QSqlDatabase& db)
{
    OrgRepository repo(db);
    const auto ctx = testContext();
    const QDate founded(2025, 7, 1);
    auto must = [](Result<OrgUnit> r) {
        if (!r)
            throw std::runtime_error(r.error().message.toStdString());
        return *r;
    };
    SmallTree t;
    t.province = must(repo.create({ std::nullopt, OrgKind::Province, std::nullopt, QStringLiteral("75"),
                                      QStringLiteral("Đảng bộ tỉnh Đồng Nai") },
        decision("1-QĐ/TW", founded), ctx));
    t.tranBien = must(repo.create({ t.province.id, OrgKind::Upper, std::nullopt, QStringLiteral("26068"),
                                      QStringLiteral("Đảng bộ phường Trấn Biên") },
        decision("10-QĐ/TU", founded), ctx));
    t.school
        = must(repo.create({ t.tranBien.id, OrgKind::BaseCommittee, std::nullopt, QStringLiteral("26068.01"),
                               QStringLiteral("Đảng bộ Trường THPT Ngô Quyền") },
            decision("11-QĐ/ĐU", founded), ctx));
    t.cell1 = must(repo.create({ t.school.id, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.1"),
                                   QStringLiteral("Chi bộ 1") },
        decision("12-QĐ/ĐU", founded), ctx));
    t.cell2 = must(repo.create({ t.school.id, OrgKind::Cell, std::nullopt, QStringLiteral("26068.01.2"),
                                   QStringLiteral("Chi bộ 2") },
        decision("13-QĐ/ĐU", founded), ctx));
    t.phuRieng = must(repo.create({ t.province.id, OrgKind::Upper, std::nullopt, QStringLiteral("25252"),
                                      QStringLiteral("Đảng bộ xã Phú Riềng") },
        decision("14-QĐ/TU", founded), ctx));
    t.rubberCell
        = must(repo.create({ t.phuRieng.id, OrgKind::BaseCell, std::nullopt, QStringLiteral("25252.01"),
                               QStringLiteral("Chi bộ Công ty Cao su Phú Riềng") },
            decision("15-QĐ/ĐU", founded), ctx));
    return t;
}

Member sampleMember(qint64 unitId, const QString& family, const QString& middle, const QString& given)
{
    Member m;
    m.orgUnitId = unitId;
    m.familyName = family;
    m.middleName = middle;
    m.givenName = given;
    m.gender = Gender::Female;
    m.birthDate = QDate(1980, 3, 15);
    m.birthPlace = QStringLiteral("Biên Hòa, Đồng Nai");
    m.hometown = QStringLiteral("Quảng Nam");
    m.ethnicity = QStringLiteral("Kinh");
    m.religion = QStringLiteral("Không");
    m.citizenId = QStringLiteral("075180001234");
    m.cardNumber = QStringLiteral("01.000123");
    m.profileNumber = QStringLiteral("012345-ĐN");
    m.admittedOn = QDate(2010, 5, 19);
    m.officialOn = QDate(2011, 5, 19);
    m.status = MemberStatus::Official;
    m.generalEducation = QStringLiteral("12/12");
    m.professionalQualification = QStringLiteral("Cử nhân Sư phạm Toán");
    m.politicalTheory = PoliticalTheoryLevel::Intermediate;
    m.foreignLanguage = QStringLiteral("Tiếng Anh B1");
    m.itSkill = QStringLiteral("Ứng dụng CNTT cơ bản");
    return m;
}

Member addMemberWithoutCard(
    const QSqlDatabase& db, qint64 unitId, const char* family, const char* middle, const char* given)
{
    Member m = sampleMember(
        unitId, QString::fromUtf8(family), QString::fromUtf8(middle), QString::fromUtf8(given));
    m.cardNumber.clear();
    auto created = MemberRepository(db).create(m,
        { 0, 0, MemberEventType::Admission, m.admittedOn, QStringLiteral("1-QĐ/ĐU"), true, {}, {}, {} },
        testContext());
    if (!created)
        throw std::runtime_error(created.error().message.toStdString());
    return *created;
}

qint64 countRows(const QSqlDatabase& db, const QString& table)
{
    auto query = sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM ") + table);
    if (!query || !query->next())
        throw std::runtime_error("count failed");
    return query->value(0).toLongLong();
}

} // namespace sotay::test
