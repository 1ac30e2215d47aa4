// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/member_columns.h"

#include "store/sql.h"
#include "text/vietnamese_text.h"

namespace sotay {

const QStringList kMemberDataColumns {
    QStringLiteral("org_unit_id"),
    QStringLiteral("temporary_org_unit_id"),
    QStringLiteral("family_name"),
    QStringLiteral("middle_name"),
    QStringLiteral("given_name"),
    QStringLiteral("name_folded"),
    QStringLiteral("sort_key"),
    QStringLiteral("gender"),
    QStringLiteral("birth_date"),
    QStringLiteral("birth_place"),
    QStringLiteral("hometown"),
    QStringLiteral("ethnicity"),
    QStringLiteral("religion"),
    QStringLiteral("citizen_id"),
    QStringLiteral("card_number"),
    QStringLiteral("profile_number"),
    QStringLiteral("admitted_on"),
    QStringLiteral("official_on"),
    QStringLiteral("status"),
    QStringLiteral("exempt"),
    QStringLiteral("exempt_since"),
    QStringLiteral("left_on"),
    QStringLiteral("left_reason"),
    QStringLiteral("general_education"),
    QStringLiteral("professional_qualification"),
    QStringLiteral("political_theory"),
    QStringLiteral("foreign_language"),
    QStringLiteral("it_skill"),
};

QString memberSelectColumns(const QString& alias)
{
    QStringList columns { alias + QStringLiteral("id") };
    for (const auto& column : kMemberDataColumns)
        columns.append(alias + column);
    columns.append(alias + QStringLiteral("version"));
    return columns.join(QStringLiteral(", "));
}

QVariantList bindMember(const Member& m)
{
    return {
        m.orgUnitId,
        sql::optionalId(m.temporaryOrgUnitId),
        m.familyName,
        sql::text(m.middleName),
        m.givenName,
        text::fold(m.fullName()),
        text::nameSortKey(m.givenName, m.middleName, m.familyName),
        toCode(m.gender),
        sql::date(m.birthDate),
        sql::text(m.birthPlace),
        sql::text(m.hometown),
        sql::text(m.ethnicity),
        sql::text(m.religion),
        sql::text(m.citizenId),
        sql::text(m.cardNumber),
        sql::text(m.profileNumber),
        sql::date(m.admittedOn),
        sql::date(m.officialOn),
        toCode(m.status),
        m.exempt,
        sql::date(m.exemptSince),
        sql::date(m.leftOn),
        m.leftReason ? QVariant(toCode(*m.leftReason)) : QVariant(QMetaType::fromType<QString>()),
        sql::text(m.generalEducation),
        sql::text(m.professionalQualification),
        toCode(m.politicalTheory),
        sql::text(m.foreignLanguage),
        sql::text(m.itSkill),
    };
}

Member readMember(const QSqlQuery& q)
{
    int i = 0;
    auto next = [&q, &i] { return q.value(i++); };
    Member m;
    m.id = next().toLongLong();
    m.orgUnitId = next().toLongLong();
    m.temporaryOrgUnitId = sql::toOptionalId(next());
    m.familyName = next().toString();
    m.middleName = next().toString();
    m.givenName = next().toString();
    next(); // name_folded
    next(); // sort_key
    m.gender = genderFromCode(next().toString()).value_or(Gender::Male);
    m.birthDate = sql::toDate(next());
    m.birthPlace = next().toString();
    m.hometown = next().toString();
    m.ethnicity = next().toString();
    m.religion = next().toString();
    m.citizenId = next().toString();
    m.cardNumber = next().toString();
    m.profileNumber = next().toString();
    m.admittedOn = sql::toDate(next());
    m.officialOn = sql::toDate(next());
    m.status = memberStatusFromCode(next().toString()).value_or(MemberStatus::Probationary);
    m.exempt = next().toBool();
    m.exemptSince = sql::toDate(next());
    m.leftOn = sql::toDate(next());
    const QVariant leftReason = next();
    if (!leftReason.isNull())
        m.leftReason = leaveReasonFromCode(leftReason.toString());
    m.generalEducation = next().toString();
    m.professionalQualification = next().toString();
    m.politicalTheory = politicalTheoryFromCode(next().toString()).value_or(PoliticalTheoryLevel::None);
    m.foreignLanguage = next().toString();
    m.itSkill = next().toString();
    m.version = next().toLongLong();
    return m;
}

Member cleanedMember(Member m)
{
    for (QString* field : { &m.familyName, &m.middleName, &m.givenName, &m.birthPlace, &m.hometown,
             &m.ethnicity, &m.religion, &m.citizenId, &m.cardNumber, &m.profileNumber, &m.generalEducation,
             &m.professionalQualification, &m.foreignLanguage, &m.itSkill })
        *field = text::cleanText(*field);
    return m;
}

} // namespace sotay
