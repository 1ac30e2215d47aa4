// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member_rules.h"

#include <QCoreApplication>

#include <algorithm>
#include <initializer_list>

namespace sotay {

namespace {

QString displayDate(QDate date)
{
    return date.toString(QStringLiteral("dd/MM/yyyy"));
}

Error refuse(const QString& field, const QString& message)
{
    return Error::invalid(message, { { field, message } });
}

Error refuseType(const QString& message)
{
    return refuse(QStringLiteral("type"), message);
}

Error refuseDate(const QString& message)
{
    return refuse(QStringLiteral("occurredOn"), message);
}

Error refuseDestination(const QString& message)
{
    return refuse(QStringLiteral("toOrgUnitId"), message);
}

bool isNewRecord(const Member& m)
{
    return m.id == 0;
}

std::optional<Error> requireOnRoster(const Member& m)
{
    if (m.onRoster())
        return std::nullopt;
    return refuseType(QCoreApplication::translate(
        "MemberRules", "Đảng viên này không còn trong danh sách đảng viên nên không thể ghi sự kiện này."));
}

// A member coming back onto the roster cannot come back before leaving it.
std::optional<Error> requireAfterLeaving(const Member& m, QDate date)
{
    if (!m.leftOn.isValid() || date >= m.leftOn)
        return std::nullopt;
    return refuseDate(QCoreApplication::translate(
        "MemberRules", "Ngày trở lại danh sách đảng viên không được trước ngày ra khỏi danh sách (%1).")
                          .arg(displayDate(m.leftOn)));
}

bool leftFor(const Member& m, std::initializer_list<LeaveReason> reasons)
{
    return m.leftReason.has_value()
        && std::find(reasons.begin(), reasons.end(), *m.leftReason) != reasons.end();
}

void backOnRoster(Member& m)
{
    m.leftOn = QDate();
    m.leftReason.reset();
}

void startProbation(Member& m, QDate date)
{
    m.admittedOn = date;
    m.status = MemberStatus::Probationary;
    m.officialOn = QDate();
    m.exempt = false;
    m.exemptSince = QDate();
    backOnRoster(m);
}

Result<Member> admit(Member m, QDate date)
{
    if (!isNewRecord(m))
        return refuseType(QCoreApplication::translate("MemberRules",
            "Đảng viên này đã có hồ sơ nên không thể kết nạp lần nữa; nếu đã ra khỏi Đảng thì ghi kết nạp "
            "lại."));
    startProbation(m, date);
    return m;
}

Result<Member> becomeOfficial(Member m, QDate date)
{
    if (auto error = requireOnRoster(m))
        return *error;
    if (m.status != MemberStatus::Probationary)
        return refuseType(
            QCoreApplication::translate("MemberRules", "Đảng viên này đã là đảng viên chính thức."));
    if (!m.admittedOn.isValid())
        return refuseType(QCoreApplication::translate(
            "MemberRules", "Đảng viên này chưa có ngày vào Đảng nên chưa thể công nhận chính thức."));
    const QDate earliest = earliestOfficialDate(m.admittedOn);
    if (date < earliest)
        return refuseDate(QCoreApplication::translate("MemberRules",
            "Ngày công nhận chính thức phải sau ngày vào Đảng ít nhất 12 tháng (sớm nhất là %1).")
                              .arg(displayDate(earliest)));
    m.status = MemberStatus::Official;
    m.officialOn = date;
    return m;
}

Result<Member> beginExemption(Member m, QDate date)
{
    if (auto error = requireOnRoster(m))
        return *error;
    if (m.exempt)
        return refuseType(QCoreApplication::translate(
            "MemberRules", "Đảng viên này đang được miễn công tác và sinh hoạt đảng."));
    m.exempt = true;
    m.exemptSince = date;
    return m;
}

Result<Member> endExemption(Member m, QDate date)
{
    if (auto error = requireOnRoster(m))
        return *error;
    if (!m.exempt)
        return refuseType(QCoreApplication::translate("MemberRules",
            "Đảng viên này không được miễn công tác và sinh hoạt đảng nên không thể ghi thôi miễn."));
    if (m.exemptSince.isValid() && date < m.exemptSince)
        return refuseDate(QCoreApplication::translate(
            "MemberRules", "Ngày thôi miễn không được trước ngày bắt đầu miễn (%1).")
                              .arg(displayDate(m.exemptSince)));
    m.exempt = false;
    m.exemptSince = QDate();
    return m;
}

Result<Member> leave(Member m, QDate date, LeaveReason reason)
{
    if (auto error = requireOnRoster(m))
        return *error;
    m.leftOn = date;
    m.leftReason = reason;
    m.exempt = false;
    m.exemptSince = QDate();
    m.temporaryOrgUnitId.reset();
    return m;
}

Result<Member> transferOut(Member m, const MemberEvent& e)
{
    if (auto error = requireOnRoster(m))
        return *error;
    const qint64 destination = e.toOrgUnitId.value_or(0); // 0: outside the province
    if (destination < 0)
        return refuseDestination(
            QCoreApplication::translate("MemberRules", "Tổ chức đảng nơi chuyển đến không hợp lệ."));
    if (destination > 0 && destination == m.orgUnitId)
        return refuseDestination(QCoreApplication::translate(
            "MemberRules", "Tổ chức đảng nơi chuyển đến phải khác tổ chức đảng đang quản lý đảng viên."));

    if (!e.permanent) {
        if (m.temporaryOrgUnitId.has_value())
            return refuseType(QCoreApplication::translate("MemberRules",
                "Đảng viên này đang sinh hoạt tạm thời ở nơi khác; hãy ghi chuyển về trước khi chuyển "
                "sinh hoạt tạm thời lần nữa."));
        m.temporaryOrgUnitId = destination;
        return m;
    }
    m.temporaryOrgUnitId.reset();
    if (destination > 0) {
        m.orgUnitId = destination;
    } else {
        m.leftOn = e.occurredOn;
        m.leftReason = LeaveReason::TransferredOut;
    }
    return m;
}

Result<Member> transferIn(Member m, const MemberEvent& e)
{
    if (!e.permanent) {
        if (auto error = requireOnRoster(m))
            return *error;
        if (!m.temporaryOrgUnitId.has_value())
            return refuseType(QCoreApplication::translate("MemberRules",
                "Đảng viên này không đang sinh hoạt tạm thời ở nơi khác nên không thể ghi chuyển về."));
        m.temporaryOrgUnitId.reset();
        return m;
    }

    if (!isNewRecord(m)) {
        if (!leftFor(m, { LeaveReason::TransferredOut }))
            return refuseType(QCoreApplication::translate("MemberRules",
                "Chỉ ghi chuyển đến cho đảng viên mới từ ngoài tỉnh hoặc đảng viên đã chuyển sinh hoạt ra "
                "ngoài tỉnh nay trở về."));
        if (auto error = requireAfterLeaving(m, e.occurredOn))
            return *error;
    }
    if (e.toOrgUnitId.has_value()) {
        if (*e.toOrgUnitId <= 0)
            return refuseDestination(
                QCoreApplication::translate("MemberRules", "Tổ chức đảng nơi chuyển đến không hợp lệ."));
        m.orgUnitId = *e.toOrgUnitId;
    }
    backOnRoster(m);
    m.temporaryOrgUnitId.reset();
    return m;
}

Result<Member> restore(Member m, QDate date)
{
    if (!leftFor(m, { LeaveReason::Expelled, LeaveReason::StruckOff }))
        return refuseType(QCoreApplication::translate(
            "MemberRules", "Chỉ phục hồi đảng tịch cho người đã bị khai trừ hoặc bị xóa tên."));
    if (auto error = requireAfterLeaving(m, date))
        return *error;
    backOnRoster(m);
    return m;
}

Result<Member> readmit(Member m, QDate date)
{
    if (!leftFor(m, { LeaveReason::Expelled, LeaveReason::StruckOff, LeaveReason::Withdrew }))
        return refuseType(QCoreApplication::translate(
            "MemberRules", "Chỉ kết nạp lại người đã bị khai trừ, bị xóa tên hoặc đã xin ra khỏi Đảng."));
    if (auto error = requireAfterLeaving(m, date))
        return *error;
    startProbation(m, date);
    m.temporaryOrgUnitId.reset();
    return m;
}

bool exemptOn(const Member& m, QDate date)
{
    return m.exempt && (!m.exemptSince.isValid() || m.exemptSince <= date);
}

} // namespace

QDate earliestAdmissionDate(QDate birthDate)
{
    return birthDate.addYears(18);
}

QDate earliestOfficialDate(QDate admittedOn)
{
    return admittedOn.addMonths(12);
}

QDate earliestEvaluationDate(QDate admittedOn)
{
    return admittedOn.addMonths(6);
}

bool eventMayPrecedeAdmission(const Member& m, const MemberEvent& e)
{
    switch (e.type) {
    case MemberEventType::Admission:
    case MemberEventType::Readmission:
        return true;
    case MemberEventType::TransferIn:
        return e.permanent && isNewRecord(m);
    default:
        return false;
    }
}

Result<Member> applyEvent(const Member& m, const MemberEvent& e)
{
    const QDate date = e.occurredOn;
    if (!date.isValid())
        return refuseDate(
            QCoreApplication::translate("MemberRules", "Ngày của sự kiện không được để trống."));
    if (m.admittedOn.isValid() && date < m.admittedOn && !eventMayPrecedeAdmission(m, e))
        return refuseDate(QCoreApplication::translate(
            "MemberRules", "Ngày của sự kiện không được trước ngày vào Đảng (%1).")
                              .arg(displayDate(m.admittedOn)));

    switch (e.type) {
    case MemberEventType::Admission:
        return admit(m, date);
    case MemberEventType::BecameOfficial:
        return becomeOfficial(m, date);
    case MemberEventType::Exemption:
        return beginExemption(m, date);
    case MemberEventType::ExemptionEnded:
        return endExemption(m, date);
    case MemberEventType::TransferIn:
        return transferIn(m, e);
    case MemberEventType::TransferOut:
        return transferOut(m, e);
    case MemberEventType::Restoration:
        return restore(m, date);
    case MemberEventType::Readmission:
        return readmit(m, date);
    case MemberEventType::Deceased:
        return leave(m, date, LeaveReason::Deceased);
    case MemberEventType::Expelled:
        return leave(m, date, LeaveReason::Expelled);
    case MemberEventType::StruckOff:
        return leave(m, date, LeaveReason::StruckOff);
    case MemberEventType::Withdrew:
        return leave(m, date, LeaveReason::Withdrew);
    }
    return refuseType(QCoreApplication::translate("MemberRules", "Loại sự kiện không hợp lệ."));
}

bool onRosterOn(const Member& m, QDate date)
{
    return m.admittedOn.isValid() && m.admittedOn <= date && !(m.leftOn.isValid() && m.leftOn <= date);
}

bool countsInUsage(const Member& m, QDate date)
{
    return onRosterOn(m, date) && !exemptOn(m, date);
}

bool countsInAttendance(const Member& m, QDate date)
{
    return countsInUsage(m, date);
}

bool countsInEvaluation(const Member& m, QDate evaluatedOn)
{
    const bool shortProbation
        = m.status == MemberStatus::Probationary && earliestEvaluationDate(m.admittedOn) > evaluatedOn;
    return countsInUsage(m, evaluatedOn) && !shortProbation;
}

} // namespace sotay
