// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace sotay {

// A dated change in a member's standing. Every change of status goes through one of these.
enum class MemberEventType {
    Admission,      // kết nạp: the member record starts, probationary
    BecameOfficial, // công nhận chính thức
    Exemption,      // miễn công tác và sinh hoạt đảng
    ExemptionEnded, // thôi miễn (returns to ordinary duties)
    TransferIn, // chuyển đến (permanent: onto this roster; temporary: ends a temporary stay elsewhere)
    TransferOut, // chuyển đi (permanent: to another unit or out of the province; temporary: a stay elsewhere)
    Restoration, // phục hồi đảng tịch
    Readmission, // kết nạp lại
    Deceased,    // từ trần
    Expelled,    // khai trừ
    StruckOff,   // xóa tên
    Withdrew,    // xin ra khỏi Đảng
};

struct MemberEvent {
    qint64 id = 0;
    qint64 memberId = 0;
    MemberEventType type = MemberEventType::Admission;
    QDate occurredOn;
    QString decisionNumber; // số quyết định, may be empty for events that need none
    bool permanent = true;  // transfers only: chính thức (true) or tạm thời (false)
    std::optional<qint64> fromOrgUnitId;
    std::optional<qint64> toOrgUnitId; // transfers: the receiving unit; none = outside the province
    QString note;

    friend bool operator==(const MemberEvent&, const MemberEvent&) = default;
};

QString toCode(MemberEventType value);
std::optional<MemberEventType> memberEventTypeFromCode(const QString& code);

} // namespace sotay
