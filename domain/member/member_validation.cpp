// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member_validation.h"

#include "member/member_rules.h"

#include <QCoreApplication>

#include <algorithm>

namespace sotay {

namespace {

QString displayDate(QDate date)
{
    return date.toString(QStringLiteral("dd/MM/yyyy"));
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allAsciiDigits(QStringView text)
{
    return std::all_of(text.begin(), text.end(), isAsciiDigit);
}

bool isUpperCaseLatinLetter(QChar c)
{
    return c.isUpper() && c.script() == QChar::Script_Latin;
}

class Errors {
public:
    void add(const char* field, const QString& message)
    {
        m_list.append({ QString::fromLatin1(field), message });
    }
    QList<FieldError> take() { return std::move(m_list); }

private:
    QList<FieldError> m_list;
};

void checkNames(const Member& m, Errors& errors)
{
    if (m.familyName.trimmed().isEmpty())
        errors.add("familyName",
            QCoreApplication::translate("MemberValidation", "Họ của đảng viên không được để trống."));
    if (m.givenName.trimmed().isEmpty())
        errors.add("givenName",
            QCoreApplication::translate("MemberValidation", "Tên của đảng viên không được để trống."));
}

void checkBirthDate(const Member& m, QDate today, Errors& errors)
{
    static const QDate earliestBirthDate(1900, 1, 1);
    if (!m.birthDate.isValid())
        errors.add(
            "birthDate", QCoreApplication::translate("MemberValidation", "Ngày sinh không được để trống."));
    else if (m.birthDate > today)
        errors.add("birthDate",
            QCoreApplication::translate("MemberValidation", "Ngày sinh không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
    else if (m.birthDate < earliestBirthDate)
        errors.add("birthDate",
            QCoreApplication::translate("MemberValidation", "Ngày sinh không được trước ngày %1.")
                .arg(displayDate(earliestBirthDate)));
}

void checkAdmission(const Member& m, QDate today, Errors& errors)
{
    if (!m.admittedOn.isValid()) {
        errors.add("admittedOn",
            QCoreApplication::translate("MemberValidation", "Ngày vào Đảng không được để trống."));
        return;
    }
    if (m.admittedOn > today) {
        errors.add("admittedOn",
            QCoreApplication::translate("MemberValidation", "Ngày vào Đảng không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
        return;
    }
    if (m.birthDate.isValid() && m.admittedOn < earliestAdmissionDate(m.birthDate))
        errors.add("admittedOn",
            QCoreApplication::translate(
                "MemberValidation", "Đảng viên phải đủ 18 tuổi khi vào Đảng (ngày vào Đảng sớm nhất là %1).")
                .arg(displayDate(earliestAdmissionDate(m.birthDate))));
}

void checkOfficialOn(const Member& m, QDate today, Errors& errors)
{
    const bool official = m.status == MemberStatus::Official;
    if (!m.officialOn.isValid()) {
        if (official)
            errors.add("officialOn",
                QCoreApplication::translate(
                    "MemberValidation", "Đảng viên chính thức phải có ngày chính thức."));
        return;
    }
    if (!official)
        errors.add("officialOn",
            QCoreApplication::translate(
                "MemberValidation", "Đảng viên dự bị chưa có ngày chính thức, nên ô này phải để trống."));
    else if (m.officialOn > today)
        errors.add("officialOn",
            QCoreApplication::translate(
                "MemberValidation", "Ngày chính thức không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
    else if (m.admittedOn.isValid() && m.officialOn < earliestOfficialDate(m.admittedOn))
        errors.add("officialOn",
            QCoreApplication::translate("MemberValidation",
                "Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (sớm nhất là %1).")
                .arg(displayDate(earliestOfficialDate(m.admittedOn))));
}

void checkExemption(const Member& m, QDate today, Errors& errors)
{
    if (!m.exemptSince.isValid()) {
        if (m.exempt)
            errors.add("exemptSince",
                QCoreApplication::translate("MemberValidation",
                    "Đảng viên được miễn công tác và sinh hoạt đảng phải có ngày bắt đầu miễn."));
        return;
    }
    if (m.exemptSince > today)
        errors.add("exemptSince",
            QCoreApplication::translate("MemberValidation",
                "Ngày bắt đầu miễn công tác và sinh hoạt đảng không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
    else if (m.admittedOn.isValid() && m.exemptSince < m.admittedOn)
        errors.add("exemptSince",
            QCoreApplication::translate("MemberValidation",
                "Ngày bắt đầu miễn công tác và sinh hoạt đảng không được trước ngày vào Đảng (%1).")
                .arg(displayDate(m.admittedOn)));
}

void checkLeaving(const Member& m, QDate today, Errors& errors)
{
    if (m.leftReason.has_value() && !m.leftOn.isValid())
        errors.add("leftOn",
            QCoreApplication::translate("MemberValidation",
                "Đã ghi lý do ra khỏi danh sách đảng viên thì phải ghi cả ngày ra khỏi danh sách."));
    if (m.leftOn.isValid() && !m.leftReason.has_value())
        errors.add("leftReason",
            QCoreApplication::translate(
                "MemberValidation", "Đã ghi ngày ra khỏi danh sách đảng viên thì phải ghi cả lý do."));
    if (!m.leftOn.isValid())
        return;
    if (m.leftOn > today)
        errors.add("leftOn",
            QCoreApplication::translate(
                "MemberValidation", "Ngày ra khỏi danh sách đảng viên không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
    else if (m.admittedOn.isValid() && m.leftOn < m.admittedOn)
        errors.add("leftOn",
            QCoreApplication::translate(
                "MemberValidation", "Ngày ra khỏi danh sách đảng viên không được trước ngày vào Đảng (%1).")
                .arg(displayDate(m.admittedOn)));
}

void checkIdentifiers(const Member& m, Errors& errors)
{
    if (m.orgUnitId <= 0)
        errors.add("orgUnitId",
            QCoreApplication::translate("MemberValidation", "Phải chọn tổ chức đảng quản lý đảng viên."));
    if (!m.citizenId.isEmpty() && !isValidCitizenId(m.citizenId))
        errors.add("citizenId",
            QCoreApplication::translate("MemberValidation", "Số căn cước công dân phải gồm đúng 12 chữ số."));
    if (!m.cardNumber.isEmpty() && !isValidCardNumber(m.cardNumber))
        errors.add("cardNumber",
            QCoreApplication::translate("MemberValidation",
                "Số thẻ đảng viên phải có dạng NN.NNNNNN (2 chữ số, dấu chấm, 6 chữ số), ví dụ 01.000123."));
    if (!m.profileNumber.isEmpty() && !isValidProfileNumber(m.profileNumber))
        errors.add("profileNumber",
            QCoreApplication::translate("MemberValidation",
                "Số lý lịch phải có dạng NNNNNN-XX (6 chữ số, dấu gạch ngang, 2 chữ cái in hoa), ví dụ "
                "012345-ĐN."));
}

} // namespace

bool isValidCitizenId(const QString& text)
{
    return text.size() == 12 && allAsciiDigits(text);
}

bool isValidCardNumber(const QString& text)
{
    return text.size() == 9 && allAsciiDigits(QStringView(text).first(2)) && text.at(2) == u'.'
        && allAsciiDigits(QStringView(text).sliced(3));
}

bool isValidProfileNumber(const QString& text)
{
    // Stored text is NFC; a letter typed as base + combining mark counts as the one letter it composes.
    const QString nfc = text.normalized(QString::NormalizationForm_C);
    return nfc.size() == 9 && allAsciiDigits(QStringView(nfc).first(6)) && nfc.at(6) == u'-'
        && isUpperCaseLatinLetter(nfc.at(7)) && isUpperCaseLatinLetter(nfc.at(8));
}

bool eventRequiresDecisionNumber(MemberEventType type)
{
    switch (type) {
    case MemberEventType::BecameOfficial:
    case MemberEventType::Restoration:
    case MemberEventType::Readmission:
    case MemberEventType::Expelled:
    case MemberEventType::StruckOff:
        return true;
    default:
        return false;
    }
}

QList<FieldError> validateMember(const Member& m, QDate today)
{
    Errors errors;
    checkNames(m, errors);
    checkBirthDate(m, today, errors);
    checkAdmission(m, today, errors);
    checkOfficialOn(m, today, errors);
    checkExemption(m, today, errors);
    checkLeaving(m, today, errors);
    checkIdentifiers(m, errors);
    return errors.take();
}

QList<FieldError> validateEvent(const Member& m, const MemberEvent& e, QDate today)
{
    Errors errors;
    if (!e.occurredOn.isValid())
        errors.add("occurredOn",
            QCoreApplication::translate("MemberValidation", "Ngày của sự kiện không được để trống."));
    else if (e.occurredOn > today)
        errors.add("occurredOn",
            QCoreApplication::translate(
                "MemberValidation", "Ngày của sự kiện không được sau ngày hôm nay (%1).")
                .arg(displayDate(today)));
    else if (m.admittedOn.isValid() && e.occurredOn < m.admittedOn && !eventMayPrecedeAdmission(m, e))
        errors.add("occurredOn",
            QCoreApplication::translate(
                "MemberValidation", "Ngày của sự kiện không được trước ngày vào Đảng (%1).")
                .arg(displayDate(m.admittedOn)));

    if (eventRequiresDecisionNumber(e.type) && e.decisionNumber.trimmed().isEmpty())
        errors.add("decisionNumber",
            QCoreApplication::translate("MemberValidation", "Sự kiện này phải ghi số quyết định."));
    return errors.take();
}

} // namespace sotay
