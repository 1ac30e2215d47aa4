// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace sotay {

enum class Gender { Male, Female };

// đảng viên dự bị / chính thức
enum class MemberStatus { Probationary, Official };

// Why a member is no longer on the province's roster.
enum class LeaveReason {
    Deceased,       // từ trần
    Expelled,       // khai trừ
    StruckOff,      // xóa tên
    Withdrew,       // xin ra khỏi Đảng
    TransferredOut, // chuyển sinh hoạt chính thức ra ngoài tỉnh
};

// trình độ lý luận chính trị
enum class PoliticalTheoryLevel { None, Elementary, Intermediate, Advanced, Bachelor };

// đảng viên
struct Member {
    qint64 id = 0;
    qint64 orgUnitId = 0; // the unit whose roster holds the member
    std::optional<qint64>
        temporaryOrgUnitId; // where a temporarily transferred member takes part (0 = outside the province)

    // identity
    QString familyName; // họ
    QString middleName; // tên đệm (may be empty or several words)
    QString givenName;  // tên
    Gender gender = Gender::Male;
    QDate birthDate;
    QString birthPlace; // nơi sinh
    QString hometown;   // quê quán
    QString ethnicity;  // dân tộc, e.g. "Kinh"
    QString religion;   // tôn giáo, e.g. "Không"

    // identifiers, always text
    QString citizenId;     // CCCD, 12 digits
    QString cardNumber;    // số thẻ đảng viên, NN.NNNNNN
    QString profileNumber; // số lý lịch, NNNNNN-XX

    // party history
    QDate admittedOn; // ngày vào Đảng
    QDate officialOn; // ngày chính thức; null while probationary
    MemberStatus status = MemberStatus::Probationary;
    bool exempt = false; // miễn công tác và sinh hoạt đảng
    QDate exemptSince;
    QDate leftOn; // null while on the roster
    std::optional<LeaveReason> leftReason;

    // education
    QString generalEducation;          // giáo dục phổ thông, e.g. "12/12"
    QString professionalQualification; // chuyên môn, nghiệp vụ
    PoliticalTheoryLevel politicalTheory = PoliticalTheoryLevel::None;
    QString foreignLanguage; // ngoại ngữ
    QString itSkill;         // tin học

    qint64 version = 0; // row version for optimistic concurrency

    bool onRoster() const { return !leftReason.has_value(); }
    QString fullName() const;

    friend bool operator==(const Member&, const Member&) = default;
};

// Code names, as stored and as sent over JSON.
QString toCode(Gender value);
QString toCode(MemberStatus value);
QString toCode(LeaveReason value);
QString toCode(PoliticalTheoryLevel value);
std::optional<Gender> genderFromCode(const QString& code);
std::optional<MemberStatus> memberStatusFromCode(const QString& code);
std::optional<LeaveReason> leaveReasonFromCode(const QString& code);
std::optional<PoliticalTheoryLevel> politicalTheoryFromCode(const QString& code);

} // namespace sotay
