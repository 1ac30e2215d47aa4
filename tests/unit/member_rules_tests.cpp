// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member.h"
#include "member/member_event.h"
#include "member/member_rules.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace sotay;

namespace {

const QDate today(2026, 11, 25);

// An official member on the roster of unit 7, admitted 02/03/2010.
Member officialMember()
{
    Member m;
    m.id = 42;
    m.orgUnitId = 7;
    m.familyName = QStringLiteral("Trần");
    m.middleName = QStringLiteral("Văn");
    m.givenName = QStringLiteral("Hùng");
    m.birthDate = QDate(1985, 7, 1);
    m.cardNumber = QStringLiteral("01.000123");
    m.citizenId = QStringLiteral("075085000123");
    m.profileNumber = QStringLiteral("000123-ĐN");
    m.admittedOn = QDate(2010, 3, 2);
    m.officialOn = QDate(2011, 3, 2);
    m.status = MemberStatus::Official;
    return m;
}

// A probationer admitted exactly 12 months before `today`.
Member probationer()
{
    Member m = officialMember();
    m.admittedOn = QDate(2025, 11, 25);
    m.officialOn = QDate();
    m.status = MemberStatus::Probationary;
    return m;
}

Member leftMember(LeaveReason reason)
{
    Member m = officialMember();
    m.leftOn = QDate(2020, 6, 1);
    m.leftReason = reason;
    return m;
}

MemberEvent eventOn(MemberEventType type, QDate date)
{
    MemberEvent e;
    e.memberId = 42;
    e.type = type;
    e.occurredOn = date;
    e.decisionNumber = QStringLiteral("27-QĐ/TU");
    return e;
}

MemberEvent transfer(MemberEventType type, QDate date, bool permanent, std::optional<qint64> to)
{
    MemberEvent e = eventOn(type, date);
    e.permanent = permanent;
    e.toOrgUnitId = to;
    return e;
}

std::string label(MemberEventType type)
{
    return toCode(type).toStdString();
}

// The member after `e`; the test stops if the event is refused.
Member applied(const Member& m, const MemberEvent& e)
{
    const Result<Member> result = applyEvent(m, e);
    const std::string why = result.ok() ? std::string() : result.error().message.toStdString();
    BOOST_TEST_REQUIRE(result.ok(), label(e.type) << " refused: " << why);
    return result.value();
}

// Whether `e` is refused with exactly one field error on `field`, the message repeated in the error.
bool refusedOn(const Member& m, const MemberEvent& e, const char* field)
{
    const Result<Member> result = applyEvent(m, e);
    if (result.ok())
        return false;
    const Error& error = result.error();
    return error.code == ErrorCode::Invalid && error.fields.size() == 1
        && error.hasField(QLatin1String(field)) && !error.message.isEmpty()
        && error.fields.first().message == error.message;
}

QString refusal(const Member& m, const MemberEvent& e)
{
    const Result<Member> result = applyEvent(m, e);
    return result.ok() ? QString() : result.error().message;
}

constexpr MemberEventType leavingEvents[] = { MemberEventType::Deceased, MemberEventType::Expelled,
    MemberEventType::StruckOff, MemberEventType::Withdrew };
constexpr LeaveReason leavingReasons[]
    = { LeaveReason::Deceased, LeaveReason::Expelled, LeaveReason::StruckOff, LeaveReason::Withdrew };

} // namespace

BOOST_AUTO_TEST_SUITE(member_rules_tests)

BOOST_AUTO_TEST_CASE(admission_starts_a_new_record_as_probationer)
{
    Member fresh;
    fresh.orgUnitId = 7;
    fresh.familyName = QStringLiteral("Lê");
    fresh.givenName = QStringLiteral("Mai");
    fresh.birthDate = QDate(2000, 1, 1);
    fresh.status = MemberStatus::Official; // whatever the form said
    fresh.officialOn = QDate(2026, 1, 1);

    Member expected = fresh;
    expected.admittedOn = QDate(2026, 2, 3);
    expected.status = MemberStatus::Probationary;
    expected.officialOn = QDate();
    BOOST_TEST((applied(fresh, eventOn(MemberEventType::Admission, QDate(2026, 2, 3))) == expected));
}

BOOST_AUTO_TEST_CASE(admission_is_refused_for_an_existing_record)
{
    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::Admission, today), "type"));
    BOOST_TEST(refusal(leftMember(LeaveReason::Expelled), eventOn(MemberEventType::Admission, today))
                   .contains(QStringLiteral("kết nạp lại")));
}

BOOST_AUTO_TEST_CASE(became_official_after_exactly_12_months)
{
    Member expected = probationer();
    expected.status = MemberStatus::Official;
    expected.officialOn = QDate(2026, 11, 25);
    const Member after
        = applied(probationer(), eventOn(MemberEventType::BecameOfficial, QDate(2026, 11, 25)));
    BOOST_TEST((after == expected));
    BOOST_TEST(after.cardNumber.toStdString() == "01.000123"); // identifiers stay text
}

BOOST_AUTO_TEST_CASE(became_official_is_refused_one_day_short_of_12_months)
{
    const MemberEvent early = eventOn(MemberEventType::BecameOfficial, QDate(2026, 11, 24));
    BOOST_TEST(refusedOn(probationer(), early, "occurredOn"));
    const QString message = refusal(probationer(), early);
    BOOST_TEST(message.contains(QStringLiteral("ít nhất 12 tháng")), message.toStdString());
    BOOST_TEST(message.contains(QStringLiteral("25/11/2026")), message.toStdString());
}

BOOST_AUTO_TEST_CASE(became_official_is_refused_for_official_or_departed_members)
{
    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::BecameOfficial, today), "type"));
    Member departed = probationer();
    departed.leftOn = QDate(2026, 3, 1);
    departed.leftReason = LeaveReason::Withdrew;
    BOOST_TEST(refusedOn(departed, eventOn(MemberEventType::BecameOfficial, today), "type"));
    BOOST_TEST(refusal(departed, eventOn(MemberEventType::BecameOfficial, today))
                   .contains(QStringLiteral("không còn trong danh sách")));
}

BOOST_AUTO_TEST_CASE(exemption_marks_the_member_exempt_from_the_date)
{
    Member expected = officialMember();
    expected.exempt = true;
    expected.exemptSince = QDate(2026, 1, 5);
    BOOST_TEST(
        (applied(officialMember(), eventOn(MemberEventType::Exemption, QDate(2026, 1, 5))) == expected));

    BOOST_TEST(refusedOn(expected, eventOn(MemberEventType::Exemption, today), "type")); // already exempt
    BOOST_TEST(
        refusedOn(leftMember(LeaveReason::Deceased), eventOn(MemberEventType::Exemption, today), "type"));
}

BOOST_AUTO_TEST_CASE(exemption_ended_returns_the_member_to_duties)
{
    Member exempt = officialMember();
    exempt.exempt = true;
    exempt.exemptSince = QDate(2026, 1, 5);
    BOOST_TEST(
        (applied(exempt, eventOn(MemberEventType::ExemptionEnded, QDate(2026, 1, 5))) == officialMember()));

    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::ExemptionEnded, today), "type"));
    BOOST_TEST(refusedOn(exempt, eventOn(MemberEventType::ExemptionEnded, QDate(2026, 1, 4)), "occurredOn"));
}

BOOST_AUTO_TEST_CASE(permanent_transfer_out_to_another_unit_moves_the_roster)
{
    Member away = officialMember();
    away.temporaryOrgUnitId = 0; // on a temporary stay outside the province
    Member expected = officialMember();
    expected.orgUnitId = 9;
    BOOST_TEST((applied(away, transfer(MemberEventType::TransferOut, today, true, 9)) == expected));

    BOOST_TEST(
        refusedOn(officialMember(), transfer(MemberEventType::TransferOut, today, true, 7), "toOrgUnitId"));
    BOOST_TEST(
        refusedOn(officialMember(), transfer(MemberEventType::TransferOut, today, true, -1), "toOrgUnitId"));
    BOOST_TEST(refusedOn(
        leftMember(LeaveReason::Expelled), transfer(MemberEventType::TransferOut, today, true, 9), "type"));
}

BOOST_AUTO_TEST_CASE(permanent_transfer_out_of_the_province_leaves_the_roster)
{
    Member expected = officialMember();
    expected.leftOn = today;
    expected.leftReason = LeaveReason::TransferredOut;
    const Member after
        = applied(officialMember(), transfer(MemberEventType::TransferOut, today, true, std::nullopt));
    BOOST_TEST((after == expected));
    BOOST_TEST(!after.onRoster());
}

BOOST_AUTO_TEST_CASE(temporary_transfer_out_starts_a_stay_elsewhere)
{
    Member expected = officialMember();
    expected.temporaryOrgUnitId = 12;
    const Member inProvince
        = applied(officialMember(), transfer(MemberEventType::TransferOut, today, false, 12));
    BOOST_TEST((inProvince == expected));

    expected.temporaryOrgUnitId = 0; // outside the province
    BOOST_TEST((applied(officialMember(), transfer(MemberEventType::TransferOut, today, false, std::nullopt))
        == expected));

    BOOST_TEST(refusedOn(inProvince, transfer(MemberEventType::TransferOut, today, false, 15), "type"));
    BOOST_TEST(
        refusedOn(officialMember(), transfer(MemberEventType::TransferOut, today, false, 7), "toOrgUnitId"));
}

BOOST_AUTO_TEST_CASE(permanent_transfer_in_of_a_new_record_puts_it_on_the_roster)
{
    Member arriving = officialMember(); // admitted in another province
    arriving.id = 0;
    arriving.orgUnitId = 0;
    Member expected = arriving;
    expected.orgUnitId = 5;
    const Member after
        = applied(arriving, transfer(MemberEventType::TransferIn, QDate(2026, 10, 1), true, 5));
    BOOST_TEST((after == expected));
    BOOST_TEST(after.onRoster());
}

BOOST_AUTO_TEST_CASE(permanent_transfer_in_brings_back_a_member_who_moved_away)
{
    const Member movedAway = leftMember(LeaveReason::TransferredOut);
    Member expected = officialMember();
    expected.orgUnitId = 8;
    BOOST_TEST(
        (applied(movedAway, transfer(MemberEventType::TransferIn, QDate(2022, 1, 1), true, 8)) == expected));
    BOOST_TEST(
        (applied(movedAway, transfer(MemberEventType::TransferIn, QDate(2022, 1, 1), true, std::nullopt))
            == officialMember())); // back to the unit it left

    BOOST_TEST(refusedOn(
        movedAway, transfer(MemberEventType::TransferIn, QDate(2020, 5, 31), true, 8), "occurredOn"));
    BOOST_TEST(refusedOn(movedAway, transfer(MemberEventType::TransferIn, today, true, 0), "toOrgUnitId"));
}

BOOST_AUTO_TEST_CASE(permanent_transfer_in_is_refused_for_members_on_the_roster_or_removed)
{
    BOOST_TEST(refusedOn(officialMember(), transfer(MemberEventType::TransferIn, today, true, 8), "type"));
    for (LeaveReason reason : leavingReasons)
        BOOST_TEST(
            refusedOn(leftMember(reason), transfer(MemberEventType::TransferIn, today, true, 8), "type"),
            toCode(reason).toStdString());
}

BOOST_AUTO_TEST_CASE(temporary_transfer_in_ends_the_stay)
{
    Member away = officialMember();
    away.temporaryOrgUnitId = 12;
    BOOST_TEST((applied(away, transfer(MemberEventType::TransferIn, today, false, 7)) == officialMember()));
    away.temporaryOrgUnitId = 0;
    BOOST_TEST((applied(away, transfer(MemberEventType::TransferIn, today, false, std::nullopt))
        == officialMember()));

    BOOST_TEST(refusedOn(officialMember(), transfer(MemberEventType::TransferIn, today, false, 7), "type"));
}

BOOST_AUTO_TEST_CASE(restoration_brings_back_expelled_or_struck_off_members_with_their_dates)
{
    for (LeaveReason reason : { LeaveReason::Expelled, LeaveReason::StruckOff })
        BOOST_TEST(
            (applied(leftMember(reason), eventOn(MemberEventType::Restoration, today)) == officialMember()),
            toCode(reason).toStdString());

    for (LeaveReason reason : { LeaveReason::Withdrew, LeaveReason::Deceased, LeaveReason::TransferredOut })
        BOOST_TEST(refusedOn(leftMember(reason), eventOn(MemberEventType::Restoration, today), "type"),
            toCode(reason).toStdString());
    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::Restoration, today), "type"));
    BOOST_TEST(refusedOn(leftMember(LeaveReason::Expelled),
        eventOn(MemberEventType::Restoration, QDate(2020, 5, 31)), "occurredOn"));
    BOOST_TEST(refusal(leftMember(LeaveReason::Deceased), eventOn(MemberEventType::Restoration, today))
                   .contains(QStringLiteral("phục hồi đảng tịch")));
}

BOOST_AUTO_TEST_CASE(readmission_starts_a_new_probation)
{
    Member expected = officialMember();
    expected.admittedOn = QDate(2024, 9, 2);
    expected.officialOn = QDate();
    expected.status = MemberStatus::Probationary;
    for (LeaveReason reason : { LeaveReason::Expelled, LeaveReason::StruckOff, LeaveReason::Withdrew })
        BOOST_TEST((applied(leftMember(reason), eventOn(MemberEventType::Readmission, QDate(2024, 9, 2)))
                       == expected),
            toCode(reason).toStdString());

    for (LeaveReason reason : { LeaveReason::Deceased, LeaveReason::TransferredOut })
        BOOST_TEST(refusedOn(leftMember(reason), eventOn(MemberEventType::Readmission, today), "type"),
            toCode(reason).toStdString());
    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::Readmission, today), "type"));
    BOOST_TEST(refusedOn(leftMember(LeaveReason::Withdrew),
        eventOn(MemberEventType::Readmission, QDate(2020, 5, 31)), "occurredOn"));
}

BOOST_AUTO_TEST_CASE(leaving_events_take_the_member_off_the_roster)
{
    Member exemptAway = officialMember();
    exemptAway.exempt = true;
    exemptAway.exemptSince = QDate(2024, 1, 1);
    exemptAway.temporaryOrgUnitId = 12;
    for (std::size_t i = 0; i < std::size(leavingEvents); ++i) {
        Member expected = officialMember();
        expected.leftOn = today;
        expected.leftReason = leavingReasons[i];
        const Member after = applied(exemptAway, eventOn(leavingEvents[i], today));
        BOOST_TEST((after == expected), label(leavingEvents[i]));
        BOOST_TEST(!after.onRoster(), label(leavingEvents[i]));

        BOOST_TEST(refusedOn(after, eventOn(leavingEvents[i], today), "type"), label(leavingEvents[i]));
    }
}

BOOST_AUTO_TEST_CASE(events_dated_before_admission_are_refused)
{
    const QDate dayBefore = officialMember().admittedOn.addDays(-1);
    Member awayExempt = officialMember(); // a state in which every ordinary event would fit
    awayExempt.exempt = true;
    awayExempt.exemptSince = awayExempt.admittedOn;
    awayExempt.temporaryOrgUnitId = 12;
    for (MemberEventType type : { MemberEventType::BecameOfficial, MemberEventType::Exemption,
             MemberEventType::ExemptionEnded, MemberEventType::TransferOut, MemberEventType::Deceased,
             MemberEventType::Expelled, MemberEventType::StruckOff, MemberEventType::Withdrew })
        BOOST_TEST(refusedOn(awayExempt, eventOn(type, dayBefore), "occurredOn"), label(type));
    BOOST_TEST(
        refusedOn(awayExempt, transfer(MemberEventType::TransferIn, dayBefore, false, 7), "occurredOn"));
    for (LeaveReason reason : { LeaveReason::TransferredOut, LeaveReason::Expelled }) {
        Member undatedLeaving = leftMember(reason); // a legacy record without its leaving date
        undatedLeaving.leftOn = QDate();
        const MemberEventType back
            = reason == LeaveReason::Expelled ? MemberEventType::Restoration : MemberEventType::TransferIn;
        BOOST_TEST(refusedOn(undatedLeaving, eventOn(back, dayBefore), "occurredOn"), label(back));
    }
    BOOST_TEST(refusal(officialMember(), eventOn(MemberEventType::Deceased, dayBefore))
                   .contains(QStringLiteral("trước ngày vào Đảng (02/03/2010)")));
}

BOOST_AUTO_TEST_CASE(new_starts_may_precede_the_recorded_admission)
{
    const QDate dayBefore = officialMember().admittedOn.addDays(-1);
    Member fresh = officialMember();
    fresh.id = 0;
    BOOST_TEST(applyEvent(fresh, eventOn(MemberEventType::Admission, dayBefore)).ok());
    BOOST_TEST(applyEvent(fresh, transfer(MemberEventType::TransferIn, dayBefore, true, 5)).ok());

    Member undatedExpulsion = leftMember(LeaveReason::Expelled);
    undatedExpulsion.leftOn = QDate();
    const Member readmitted = applied(undatedExpulsion, eventOn(MemberEventType::Readmission, dayBefore));
    BOOST_TEST((readmitted.admittedOn == dayBefore));
}

BOOST_AUTO_TEST_CASE(an_event_without_a_date_is_refused)
{
    BOOST_TEST(refusedOn(officialMember(), eventOn(MemberEventType::Deceased, QDate()), "occurredOn"));
    BOOST_TEST(refusal(officialMember(), eventOn(MemberEventType::Deceased, QDate()))
                   .contains(QStringLiteral("không được để trống")));
}

BOOST_AUTO_TEST_CASE(on_roster_from_admission_until_the_day_before_leaving)
{
    Member m = officialMember();
    BOOST_TEST(!onRosterOn(m, QDate(2010, 3, 1)));
    BOOST_TEST(onRosterOn(m, QDate(2010, 3, 2)));
    m.leftOn = QDate(2025, 6, 1);
    m.leftReason = LeaveReason::Deceased;
    BOOST_TEST(onRosterOn(m, QDate(2025, 5, 31)));
    BOOST_TEST(!onRosterOn(m, QDate(2025, 6, 1)));
    BOOST_TEST(!countsInUsage(m, today));
    BOOST_TEST(!countsInAttendance(m, today));
    BOOST_TEST(!countsInEvaluation(m, today));
}

BOOST_AUTO_TEST_CASE(exempt_members_are_out_of_usage_and_attendance)
{
    Member m = officialMember();
    BOOST_TEST(countsInUsage(m, today));
    BOOST_TEST(countsInAttendance(m, today));

    m.exempt = true;
    m.exemptSince = QDate(2026, 3, 1);
    BOOST_TEST(countsInUsage(m, QDate(2026, 2, 28)));
    BOOST_TEST(countsInAttendance(m, QDate(2026, 2, 28)));
    BOOST_TEST(!countsInUsage(m, QDate(2026, 3, 1)));
    BOOST_TEST(!countsInAttendance(m, QDate(2026, 3, 1)));
    BOOST_TEST(!countsInEvaluation(m, today));
    BOOST_TEST(onRosterOn(m, today)); // still a member

    m.exemptSince = QDate(); // exempt since an unknown date
    BOOST_TEST(!countsInUsage(m, today));
}

BOOST_AUTO_TEST_CASE(probationers_under_6_months_are_out_of_evaluation)
{
    Member m = probationer();
    m.admittedOn = QDate(2026, 5, 25);
    BOOST_TEST(!countsInEvaluation(m, QDate(2026, 11, 24))); // 5 months 30 days
    BOOST_TEST(countsInEvaluation(m, QDate(2026, 11, 25)));  // exactly 6 months
    BOOST_TEST(countsInUsage(m, QDate(2026, 11, 24)));       // but in usage from the first day
    BOOST_TEST(countsInEvaluation(officialMember(), today));
}

BOOST_AUTO_TEST_SUITE_END()
