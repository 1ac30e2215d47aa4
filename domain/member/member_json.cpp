// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member_json.h"

#include "core/json_reader.h"

#include <QCoreApplication>

namespace sotay {
namespace {

QJsonValue dateValue(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}
QJsonValue idValue(std::optional<qint64> id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

Error invalid(QList<FieldError> fields)
{
    const QString summary = QCoreApplication::translate(
        "MemberJson", "Dữ liệu đảng viên chưa hợp lệ ở %n trường.", nullptr, int(fields.size()));
    return Error::invalid(summary, std::move(fields));
}

} // namespace

QJsonObject toJson(const Member& m, bool withSensitive)
{
    QJsonObject json {
        { QStringLiteral("id"), m.id },
        { QStringLiteral("orgUnitId"), m.orgUnitId },
        { QStringLiteral("temporaryOrgUnitId"), idValue(m.temporaryOrgUnitId) },
        { QStringLiteral("familyName"), m.familyName },
        { QStringLiteral("middleName"), m.middleName },
        { QStringLiteral("givenName"), m.givenName },
        { QStringLiteral("fullName"), m.fullName() },
        { QStringLiteral("gender"), toCode(m.gender) },
        { QStringLiteral("birthDate"), dateValue(m.birthDate) },
        { QStringLiteral("birthPlace"), m.birthPlace },
        { QStringLiteral("hometown"), m.hometown },
        { QStringLiteral("cardNumber"), m.cardNumber },
        { QStringLiteral("profileNumber"), m.profileNumber },
        { QStringLiteral("admittedOn"), dateValue(m.admittedOn) },
        { QStringLiteral("officialOn"), dateValue(m.officialOn) },
        { QStringLiteral("status"), toCode(m.status) },
        { QStringLiteral("exempt"), m.exempt },
        { QStringLiteral("exemptSince"), dateValue(m.exemptSince) },
        { QStringLiteral("leftOn"), dateValue(m.leftOn) },
        { QStringLiteral("leftReason"), m.leftReason ? QJsonValue(toCode(*m.leftReason)) : QJsonValue() },
        { QStringLiteral("generalEducation"), m.generalEducation },
        { QStringLiteral("professionalQualification"), m.professionalQualification },
        { QStringLiteral("politicalTheory"), toCode(m.politicalTheory) },
        { QStringLiteral("foreignLanguage"), m.foreignLanguage },
        { QStringLiteral("itSkill"), m.itSkill },
        { QStringLiteral("version"), m.version },
    };
    if (withSensitive) {
        json.insert(QStringLiteral("ethnicity"), m.ethnicity);
        json.insert(QStringLiteral("religion"), m.religion);
        json.insert(QStringLiteral("citizenId"), m.citizenId);
    }
    return json;
}

void writeJson(JsonWriter& out, const Member& m, bool withSensitive)
{
    // Keys in QJsonObject's order (sorted), so that both ways of writing give the same bytes.
    out.beginObject();
    out.key("admittedOn").date(m.admittedOn);
    out.key("birthDate").date(m.birthDate);
    out.key("birthPlace").string(m.birthPlace);
    out.key("cardNumber").string(m.cardNumber);
    if (withSensitive)
        out.key("citizenId").string(m.citizenId);
    if (withSensitive)
        out.key("ethnicity").string(m.ethnicity);
    out.key("exempt").boolean(m.exempt);
    out.key("exemptSince").date(m.exemptSince);
    out.key("familyName").string(m.familyName);
    out.key("foreignLanguage").string(m.foreignLanguage);
    out.key("fullName").string(m.fullName());
    out.key("gender").string(toCode(m.gender));
    out.key("generalEducation").string(m.generalEducation);
    out.key("givenName").string(m.givenName);
    out.key("hometown").string(m.hometown);
    out.key("id").integer(m.id);
    out.key("itSkill").string(m.itSkill);
    out.key("leftOn").date(m.leftOn);
    if (m.leftReason)
        out.key("leftReason").string(toCode(*m.leftReason));
    else
        out.key("leftReason").null();
    out.key("middleName").string(m.middleName);
    out.key("officialOn").date(m.officialOn);
    out.key("orgUnitId").integer(m.orgUnitId);
    out.key("politicalTheory").string(toCode(m.politicalTheory));
    out.key("professionalQualification").string(m.professionalQualification);
    out.key("profileNumber").string(m.profileNumber);
    if (withSensitive)
        out.key("religion").string(m.religion);
    out.key("status").string(toCode(m.status));
    out.key("temporaryOrgUnitId").optionalId(m.temporaryOrgUnitId);
    out.key("version").integer(m.version);
    out.endObject();
}

QJsonObject toJson(const MemberEvent& e)
{
    return {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("memberId"), e.memberId },
        { QStringLiteral("type"), toCode(e.type) },
        { QStringLiteral("occurredOn"), dateValue(e.occurredOn) },
        { QStringLiteral("decisionNumber"), e.decisionNumber },
        { QStringLiteral("permanent"), e.permanent },
        { QStringLiteral("fromOrgUnitId"), idValue(e.fromOrgUnitId) },
        { QStringLiteral("toOrgUnitId"), idValue(e.toOrgUnitId) },
        { QStringLiteral("note"), e.note },
    };
}

Result<Member> memberFromJson(const QJsonObject& json, Member m, bool create)
{
    JsonReader in(json);
    in.ignore({ "id", "version", "fullName" });
    if (create)
        in.required({ "orgUnitId", "familyName", "givenName", "gender", "birthDate", "admittedOn" });
    in.id("orgUnitId", m.orgUnitId);
    in.optionalId("temporaryOrgUnitId", m.temporaryOrgUnitId, true); // 0: outside the province
    in.text("familyName", m.familyName, 60);
    in.text("middleName", m.middleName, 60);
    in.text("givenName", m.givenName, 60);
    in.code("gender", m.gender, genderFromCode);
    in.date("birthDate", m.birthDate);
    in.text("birthPlace", m.birthPlace);
    in.text("hometown", m.hometown);
    in.text("ethnicity", m.ethnicity, 60);
    in.text("religion", m.religion, 60);
    in.text("citizenId", m.citizenId, 12);
    in.text("cardNumber", m.cardNumber, 9);
    in.text("profileNumber", m.profileNumber, 12);
    in.date("admittedOn", m.admittedOn);
    in.date("officialOn", m.officialOn);
    in.code("status", m.status, memberStatusFromCode);
    in.boolean("exempt", m.exempt);
    in.date("exemptSince", m.exemptSince);
    in.date("leftOn", m.leftOn);
    in.optionalCode("leftReason", m.leftReason, leaveReasonFromCode);
    in.text("generalEducation", m.generalEducation, 20);
    in.text("professionalQualification", m.professionalQualification);
    in.code("politicalTheory", m.politicalTheory, politicalTheoryFromCode);
    in.text("foreignLanguage", m.foreignLanguage, 100);
    in.text("itSkill", m.itSkill, 100);
    if (auto errors = in.finish(); !errors.isEmpty())
        return invalid(std::move(errors));
    return m;
}

Result<MemberEvent> memberEventFromJson(const QJsonObject& json)
{
    MemberEvent e;
    JsonReader in(json);
    in.ignore({ "id", "memberId", "fromOrgUnitId" });
    in.required({ "type", "occurredOn" });
    in.code("type", e.type, memberEventTypeFromCode);
    in.date("occurredOn", e.occurredOn);
    in.text("decisionNumber", e.decisionNumber, 60);
    in.boolean("permanent", e.permanent);
    in.optionalId("toOrgUnitId", e.toOrgUnitId);
    in.text("note", e.note, 1000);
    if (auto errors = in.finish(); !errors.isEmpty())
        return invalid(std::move(errors));
    return e;
}

} // namespace sotay
