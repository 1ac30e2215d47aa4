// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member.h"
#include "member/member_event.h"
#include "member/member_validation.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace sotay;

namespace {

const QDate today(2026, 11, 25);

// An official member with every identifier filled in; validateMember finds nothing wrong with it.
Member validMember()
{
    Member m;
    m.id = 42;
    m.orgUnitId = 7;
    m.familyName = QStringLiteral("Nguyễn");
    m.middleName = QStringLiteral("Thị");
    m.givenName = QStringLiteral("Hoa");
    m.gender = Gender::Female;
    m.birthDate = QDate(1990, 3, 15);
    m.citizenId = QStringLiteral("075190001234");
    m.cardNumber = QStringLiteral("01.000123");
    m.profileNumber = QStringLiteral("012345-ĐN");
    m.admittedOn = QDate(2015, 5, 19);
    m.officialOn = QDate(2016, 5, 19);
    m.status = MemberStatus::Official;
    return m;
}

MemberEvent eventOn(MemberEventType type, QDate date, const QString& decision = QStringLiteral("27-QĐ/TU"))
{
    MemberEvent e;
    e.memberId = 42;
    e.type = type;
    e.occurredOn = date;
    e.decisionNumber = decision;
    return e;
}

std::set<std::string> fieldsOf(const QList<FieldError>& errors)
{
    std::set<std::string> fields;
    for (const FieldError& error : errors)
        fields.insert(error.field.toStdString());
    return fields;
}

bool hasError(const QList<FieldError>& errors, const char* field)
{
    return fieldsOf(errors).count(field) > 0;
}

QString messageFor(const QList<FieldError>& errors, const char* field)
{
    for (const FieldError& error : errors)
        if (error.field == QLatin1String(field))
            return error.message;
    return {};
}

bool fieldFails(const Member& m, const char* field)
{
    return hasError(validateMember(m, today), field);
}

const std::set<std::string> noFields;

constexpr MemberEventType allEventTypes[]
    = { MemberEventType::Admission, MemberEventType::BecameOfficial, MemberEventType::Exemption,
          MemberEventType::ExemptionEnded, MemberEventType::TransferIn, MemberEventType::TransferOut,
          MemberEventType::Restoration, MemberEventType::Readmission, MemberEventType::Deceased,
          MemberEventType::Expelled, MemberEventType::StruckOff, MemberEventType::Withdrew };

} // namespace

BOOST_AUTO_TEST_SUITE(member_validation_tests)

BOOST_AUTO_TEST_CASE(valid_members_have_no_errors)
{
    BOOST_TEST(fieldsOf(validateMember(validMember(), today)) == noFields);

    Member probationer = validMember();
    probationer.status = MemberStatus::Probationary;
    probationer.officialOn = QDate();
    probationer.citizenId.clear();
    probationer.cardNumber.clear();
    probationer.profileNumber.clear();
    BOOST_TEST(fieldsOf(validateMember(probationer, today)) == noFields);

    Member exempt = validMember();
    exempt.exempt = true;
    exempt.exemptSince = QDate(2024, 1, 1);
    BOOST_TEST(fieldsOf(validateMember(exempt, today)) == noFields);

    Member left = validMember();
    left.leftOn = QDate(2025, 6, 1);
    left.leftReason = LeaveReason::Deceased;
    BOOST_TEST(fieldsOf(validateMember(left, today)) == noFields);
}

BOOST_AUTO_TEST_CASE(every_failing_field_is_reported)
{
    Member m = validMember();
    m.familyName = QStringLiteral("   ");
    m.givenName.clear();
    m.birthDate = QDate();
    m.admittedOn = today.addDays(1);
    m.officialOn = QDate();       // still Official
    m.exempt = true;              // without exemptSince
    m.leftOn = QDate(2025, 6, 1); // without a reason, and before the (future) admission
    m.orgUnitId = 0;
    m.citizenId = QStringLiteral("07519000123");
    m.cardNumber = QStringLiteral("1.000123");
    m.profileNumber = QStringLiteral("012345-dn");

    const QList<FieldError> errors = validateMember(m, today);
    const std::set<std::string> expected { "familyName", "givenName", "birthDate", "admittedOn", "officialOn",
        "exemptSince", "leftOn", "leftReason", "orgUnitId", "citizenId", "cardNumber", "profileNumber" };
    BOOST_TEST(fieldsOf(errors) == expected);
    BOOST_TEST(errors.size() == qsizetype(expected.size())); // one sentence per field
    for (const FieldError& error : errors) {
        BOOST_TEST(!error.message.isEmpty());
        BOOST_TEST(error.message.endsWith(u'.'), error.message.toStdString());
    }
}

BOOST_AUTO_TEST_CASE(messages_are_vietnamese_sentences)
{
    Member m = validMember();
    m.familyName.clear();
    m.orgUnitId = 0;
    m.cardNumber = QStringLiteral("01-000123");
    const QList<FieldError> errors = validateMember(m, today);
    BOOST_TEST(messageFor(errors, "familyName").contains(QStringLiteral("Họ của đảng viên")));
    BOOST_TEST(messageFor(errors, "orgUnitId").contains(QStringLiteral("tổ chức đảng")));
    BOOST_TEST(
        messageFor(errors, "cardNumber").contains(QStringLiteral("Số thẻ đảng viên phải có dạng NN.NNNNNN")));
}

BOOST_AUTO_TEST_CASE(family_and_given_names_are_required)
{
    Member m = validMember();
    m.familyName = QStringLiteral(" \t");
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "familyName" });

    m = validMember();
    m.givenName.clear();
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "givenName" });

    m = validMember();
    m.middleName.clear(); // optional
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
}

BOOST_AUTO_TEST_CASE(birth_date_is_required_and_between_1900_and_today)
{
    Member m = validMember();
    m.birthDate = QDate();
    BOOST_TEST(fieldFails(m, "birthDate"));

    m.birthDate = today.addDays(1);
    BOOST_TEST(fieldFails(m, "birthDate"));
    BOOST_TEST(messageFor(validateMember(m, today), "birthDate").contains(QStringLiteral("25/11/2026")));
    m.birthDate = today; // not in the future (the age rule fails instead)
    BOOST_TEST(!fieldFails(m, "birthDate"));

    m.birthDate = QDate(1900, 1, 1);
    BOOST_TEST(!fieldFails(m, "birthDate"));
    m.birthDate = QDate(1899, 12, 31);
    BOOST_TEST(fieldFails(m, "birthDate"));
    BOOST_TEST(messageFor(validateMember(m, today), "birthDate").contains(QStringLiteral("01/01/1900")));
}

BOOST_AUTO_TEST_CASE(admitted_on_is_required_and_not_in_the_future)
{
    Member m = validMember();
    m.status = MemberStatus::Probationary;
    m.officialOn = QDate();
    m.admittedOn = QDate();
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "admittedOn" });
    BOOST_TEST(messageFor(validateMember(m, today), "admittedOn").contains(QStringLiteral("Ngày vào Đảng")));

    m.admittedOn = today;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.admittedOn = today.addDays(1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "admittedOn" });
}

BOOST_AUTO_TEST_CASE(admission_age_is_at_least_18_years)
{
    Member m = validMember();
    m.birthDate = QDate(1997, 5, 19);
    m.admittedOn = QDate(2015, 5, 19); // the 18th birthday
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);

    m.birthDate = QDate(1997, 5, 20); // one day short
    const QList<FieldError> errors = validateMember(m, today);
    BOOST_TEST(fieldsOf(errors) == std::set<std::string> { "admittedOn" });
    const QString message = messageFor(errors, "admittedOn");
    BOOST_TEST(message.contains(QStringLiteral("đủ 18 tuổi")), message.toStdString());
    BOOST_TEST(message.contains(QStringLiteral("20/05/2015")), message.toStdString());
}

BOOST_AUTO_TEST_CASE(official_on_is_required_only_for_official_members)
{
    Member m = validMember();
    m.officialOn = QDate();
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "officialOn" });
    BOOST_TEST(messageFor(validateMember(m, today), "officialOn").contains(QStringLiteral("chính thức")));

    m = validMember();
    m.status = MemberStatus::Probationary; // keeps its officialOn
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "officialOn" });
    BOOST_TEST(messageFor(validateMember(m, today), "officialOn").contains(QStringLiteral("dự bị")));
}

BOOST_AUTO_TEST_CASE(official_on_is_at_least_12_months_after_admission)
{
    Member m = validMember();
    m.admittedOn = QDate(2024, 11, 25);
    m.officialOn = QDate(2025, 11, 25); // exactly 12 months
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);

    m.officialOn = QDate(2025, 11, 24); // one day short
    const QList<FieldError> errors = validateMember(m, today);
    BOOST_TEST(fieldsOf(errors) == std::set<std::string> { "officialOn" });
    BOOST_TEST(messageFor(errors, "officialOn")
            == QStringLiteral(
                "Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (sớm nhất là 25/11/2025)."),
        messageFor(errors, "officialOn").toStdString());
}

BOOST_AUTO_TEST_CASE(official_on_is_not_in_the_future)
{
    Member m = validMember();
    m.admittedOn = QDate(2025, 1, 10);
    m.officialOn = today;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.officialOn = today.addDays(1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "officialOn" });
    BOOST_TEST(
        messageFor(validateMember(m, today), "officialOn").contains(QStringLiteral("sau ngày hôm nay")));
}

BOOST_AUTO_TEST_CASE(exemption_needs_a_start_date_within_party_life)
{
    Member m = validMember();
    m.exempt = true;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "exemptSince" });
    BOOST_TEST(messageFor(validateMember(m, today), "exemptSince").contains(QStringLiteral("miễn công tác")));

    m.exemptSince = m.admittedOn;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.exemptSince = m.admittedOn.addDays(-1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "exemptSince" });
    BOOST_TEST(messageFor(validateMember(m, today), "exemptSince").contains(QStringLiteral("19/05/2015")));

    m.exemptSince = today;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.exemptSince = today.addDays(1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "exemptSince" });
}

BOOST_AUTO_TEST_CASE(left_on_and_left_reason_go_together)
{
    Member m = validMember();
    m.leftReason = LeaveReason::Expelled;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "leftOn" });

    m = validMember();
    m.leftOn = QDate(2025, 6, 1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "leftReason" });
    BOOST_TEST(messageFor(validateMember(m, today), "leftReason").contains(QStringLiteral("lý do")));

    m.leftReason = LeaveReason::Withdrew;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
}

BOOST_AUTO_TEST_CASE(left_on_is_between_admission_and_today)
{
    Member m = validMember();
    m.leftReason = LeaveReason::StruckOff;
    m.leftOn = today;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.leftOn = today.addDays(1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "leftOn" });

    m.leftOn = m.admittedOn;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    m.leftOn = m.admittedOn.addDays(-1);
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "leftOn" });
    BOOST_TEST(
        messageFor(validateMember(m, today), "leftOn").contains(QStringLiteral("trước ngày vào Đảng")));
}

BOOST_AUTO_TEST_CASE(org_unit_is_required)
{
    Member m = validMember();
    m.orgUnitId = 0;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "orgUnitId" });
    m.orgUnitId = -3;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == std::set<std::string> { "orgUnitId" });
    m.orgUnitId = 1;
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
}

BOOST_AUTO_TEST_CASE(citizen_id_is_optional_or_exactly_12_ascii_digits)
{
    Member m = validMember();
    for (const QString& good :
        { QString(), QStringLiteral("075190001234"), QStringLiteral("000000000001") }) {
        m.citizenId = good;
        BOOST_TEST(!fieldFails(m, "citizenId"), good.toStdString());
        BOOST_TEST(isValidCitizenId(good) == !good.isEmpty(), good.toStdString());
    }
    for (const QString& bad : { QStringLiteral("07519000123"), QStringLiteral("0751900012345"),
             QStringLiteral("07519000123A"), QStringLiteral("ABCDEFGHIJKL"), QStringLiteral("075190-01234"),
             QStringLiteral("075190001234 "), QStringLiteral("０７５１９０００１２３４") }) {
        m.citizenId = bad;
        BOOST_TEST(fieldFails(m, "citizenId"), bad.toStdString());
        BOOST_TEST(!isValidCitizenId(bad), bad.toStdString());
    }
    m.citizenId = QStringLiteral("12345");
    BOOST_TEST(messageFor(validateMember(m, today), "citizenId").contains(QStringLiteral("12 chữ số")));
}

BOOST_AUTO_TEST_CASE(card_number_is_optional_or_two_digits_dot_six_digits)
{
    Member m = validMember();
    m.cardNumber = QStringLiteral("01.000123"); // leading zeros are part of the number
    BOOST_TEST(fieldsOf(validateMember(m, today)) == noFields);
    BOOST_TEST(m.cardNumber.toStdString() == "01.000123"); // kept as text, unchanged
    m.cardNumber.clear();
    BOOST_TEST(!fieldFails(m, "cardNumber"));

    for (const QString& bad : { QStringLiteral("1.000123"), QStringLiteral("01-000123"),
             QStringLiteral("0100012a"), QStringLiteral("01000123"), QStringLiteral("01.00012"),
             QStringLiteral("01.0001234"), QStringLiteral("01.00012a"), QStringLiteral(" 01.000123"),
             QStringLiteral("01.000123\n"), QStringLiteral("٠١.٠٠٠١٢٣") }) {
        m.cardNumber = bad;
        BOOST_TEST(fieldFails(m, "cardNumber"), bad.toStdString());
        BOOST_TEST(!isValidCardNumber(bad), bad.toStdString());
    }
}

BOOST_AUTO_TEST_CASE(profile_number_is_optional_or_six_digits_hyphen_two_capitals)
{
    Member m = validMember();
    for (const QString& good :
        { QStringLiteral("012345-ĐN"), QStringLiteral("000001-AB"), QStringLiteral("123456-ƠƯ"),
            QStringLiteral("123456-O\u0302N") }) { // Ô typed as O + combining circumflex
        m.profileNumber = good;
        BOOST_TEST(!fieldFails(m, "profileNumber"), good.toStdString());
        BOOST_TEST(isValidProfileNumber(good), good.toStdString());
    }
    for (const QString& bad :
        { QStringLiteral("012345-đn"), QStringLiteral("012345-Ab"), QStringLiteral("12345-AB"),
            QStringLiteral("0123456-AB"), QStringLiteral("012345AB"), QStringLiteral("012345-A"),
            QStringLiteral("012345-ABC"), QStringLiteral("012345-A1"), QStringLiteral("012345_AB"),
            QStringLiteral("01234A-AB"), QStringLiteral("012345-ΑΒ") }) { // the last one is Greek
        m.profileNumber = bad;
        BOOST_TEST(fieldFails(m, "profileNumber"), bad.toStdString());
        BOOST_TEST(!isValidProfileNumber(bad), bad.toStdString());
    }
    m.profileNumber = QStringLiteral("12345");
    BOOST_TEST(messageFor(validateMember(m, today), "profileNumber").contains(QStringLiteral("Số lý lịch")));
}

BOOST_AUTO_TEST_CASE(event_date_is_required_and_not_in_the_future)
{
    const Member m = validMember();
    BOOST_TEST(fieldsOf(validateEvent(m, eventOn(MemberEventType::Exemption, QDate()), today))
        == std::set<std::string> { "occurredOn" });
    BOOST_TEST(fieldsOf(validateEvent(m, eventOn(MemberEventType::Exemption, today), today)) == noFields);
    const QList<FieldError> errors
        = validateEvent(m, eventOn(MemberEventType::Exemption, today.addDays(1)), today);
    BOOST_TEST(fieldsOf(errors) == std::set<std::string> { "occurredOn" });
    BOOST_TEST(messageFor(errors, "occurredOn").contains(QStringLiteral("sau ngày hôm nay (25/11/2026)")));
}

BOOST_AUTO_TEST_CASE(event_is_not_dated_before_admission_except_for_a_new_start)
{
    const Member m = validMember(); // id 42, admitted 19/05/2015
    const QDate dayBefore = m.admittedOn.addDays(-1);
    for (MemberEventType type : allEventTypes) {
        const bool mayPrecede = type == MemberEventType::Admission || type == MemberEventType::Readmission;
        const QList<FieldError> errors = validateEvent(m, eventOn(type, dayBefore), today);
        BOOST_TEST(hasError(errors, "occurredOn") == !mayPrecede, toCode(type).toStdString());
        BOOST_TEST(fieldsOf(validateEvent(m, eventOn(type, m.admittedOn), today)) == noFields,
            toCode(type).toStdString());
    }
    BOOST_TEST(
        messageFor(validateEvent(m, eventOn(MemberEventType::Exemption, dayBefore), today), "occurredOn")
            .contains(QStringLiteral("trước ngày vào Đảng (19/05/2015)")));

    // A member admitted elsewhere arrives as a new record: the transfer-in follows the old admission.
    Member arriving = validMember();
    arriving.id = 0;
    MemberEvent transferIn = eventOn(MemberEventType::TransferIn, dayBefore);
    BOOST_TEST(fieldsOf(validateEvent(arriving, transferIn, today)) == noFields);
    BOOST_TEST(fieldsOf(validateEvent(m, transferIn, today)) == std::set<std::string> { "occurredOn" });
    transferIn.permanent = false; // ending a temporary stay is no new start
    BOOST_TEST(
        fieldsOf(validateEvent(arriving, transferIn, today)) == std::set<std::string> { "occurredOn" });
}

BOOST_AUTO_TEST_CASE(decided_events_need_a_decision_number)
{
    const Member m = validMember();
    for (MemberEventType type : allEventTypes) {
        const bool needsDecision = type == MemberEventType::Expelled || type == MemberEventType::StruckOff
            || type == MemberEventType::Restoration || type == MemberEventType::Readmission
            || type == MemberEventType::BecameOfficial;
        BOOST_TEST(eventRequiresDecisionNumber(type) == needsDecision, toCode(type).toStdString());
        for (const QString& missing : { QString(), QStringLiteral("  ") }) {
            const QList<FieldError> errors = validateEvent(m, eventOn(type, today, missing), today);
            BOOST_TEST(
                fieldsOf(errors) == (needsDecision ? std::set<std::string> { "decisionNumber" } : noFields),
                toCode(type).toStdString());
        }
        BOOST_TEST(
            fieldsOf(validateEvent(m, eventOn(type, today), today)) == noFields, toCode(type).toStdString());
    }
    BOOST_TEST(
        messageFor(validateEvent(m, eventOn(MemberEventType::Expelled, today, {}), today), "decisionNumber")
            .contains(QStringLiteral("số quyết định")));
}

BOOST_AUTO_TEST_CASE(event_reports_every_failing_field)
{
    const Member m = validMember();
    const QList<FieldError> errors
        = validateEvent(m, eventOn(MemberEventType::StruckOff, today.addDays(3), QString()), today);
    BOOST_TEST(fieldsOf(errors) == (std::set<std::string> { "occurredOn", "decisionNumber" }));
}

BOOST_AUTO_TEST_CASE(full_name_joins_the_non_empty_parts)
{
    Member m = validMember();
    BOOST_TEST(m.fullName().toStdString() == "Nguyễn Thị Hoa");
    m.middleName.clear();
    BOOST_TEST(m.fullName().toStdString() == "Nguyễn Hoa");
    m.middleName = QStringLiteral("  Thị   Ngọc ");
    BOOST_TEST(m.fullName().toStdString() == "Nguyễn Thị Ngọc Hoa");
    m.familyName.clear();
    BOOST_TEST(m.fullName().toStdString() == "Thị Ngọc Hoa");
}

BOOST_AUTO_TEST_CASE(codes_round_trip)
{
    BOOST_TEST(toCode(Gender::Male).toStdString() == "male");
    BOOST_TEST(toCode(Gender::Female).toStdString() == "female");
    BOOST_TEST(toCode(MemberStatus::Probationary).toStdString() == "probationary");
    BOOST_TEST(toCode(MemberStatus::Official).toStdString() == "official");
    BOOST_TEST(toCode(LeaveReason::Deceased).toStdString() == "deceased");
    BOOST_TEST(toCode(LeaveReason::Expelled).toStdString() == "expelled");
    BOOST_TEST(toCode(LeaveReason::StruckOff).toStdString() == "struck_off");
    BOOST_TEST(toCode(LeaveReason::Withdrew).toStdString() == "withdrew");
    BOOST_TEST(toCode(LeaveReason::TransferredOut).toStdString() == "transferred_out");
    BOOST_TEST(toCode(PoliticalTheoryLevel::None).toStdString() == "none");
    BOOST_TEST(toCode(PoliticalTheoryLevel::Elementary).toStdString() == "elementary");
    BOOST_TEST(toCode(PoliticalTheoryLevel::Intermediate).toStdString() == "intermediate");
    BOOST_TEST(toCode(PoliticalTheoryLevel::Advanced).toStdString() == "advanced");
    BOOST_TEST(toCode(PoliticalTheoryLevel::Bachelor).toStdString() == "bachelor");

    for (Gender v : { Gender::Male, Gender::Female })
        BOOST_TEST((genderFromCode(toCode(v)) == v));
    for (MemberStatus v : { MemberStatus::Probationary, MemberStatus::Official })
        BOOST_TEST((memberStatusFromCode(toCode(v)) == v));
    for (LeaveReason v : { LeaveReason::Deceased, LeaveReason::Expelled, LeaveReason::StruckOff,
             LeaveReason::Withdrew, LeaveReason::TransferredOut })
        BOOST_TEST((leaveReasonFromCode(toCode(v)) == v));
    for (PoliticalTheoryLevel v :
        { PoliticalTheoryLevel::None, PoliticalTheoryLevel::Elementary, PoliticalTheoryLevel::Intermediate,
            PoliticalTheoryLevel::Advanced, PoliticalTheoryLevel::Bachelor })
        BOOST_TEST((politicalTheoryFromCode(toCode(v)) == v));

    const char* eventCodes[]
        = { "admission", "became_official", "exemption", "exemption_ended", "transfer_in", "transfer_out",
              "restoration", "readmission", "deceased", "expelled", "struck_off", "withdrew" };
    for (std::size_t i = 0; i < std::size(allEventTypes); ++i) {
        BOOST_TEST(toCode(allEventTypes[i]).toStdString() == eventCodes[i]);
        BOOST_TEST((memberEventTypeFromCode(QString::fromLatin1(eventCodes[i])) == allEventTypes[i]));
    }

    BOOST_TEST(!genderFromCode(QStringLiteral("Male")).has_value()); // codes are exact
    BOOST_TEST(!memberStatusFromCode(QString()).has_value());
    BOOST_TEST(!leaveReasonFromCode(QStringLiteral("struck off")).has_value());
    BOOST_TEST(!politicalTheoryFromCode(QStringLiteral("cao cấp")).has_value());
    BOOST_TEST(!memberEventTypeFromCode(QStringLiteral("transfer")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
