// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member_event.h"

#include <array>

namespace sotay {

namespace {

constexpr std::array allEventTypes { MemberEventType::Admission, MemberEventType::BecameOfficial,
    MemberEventType::Exemption, MemberEventType::ExemptionEnded, MemberEventType::TransferIn,
    MemberEventType::TransferOut, MemberEventType::Restoration, MemberEventType::Readmission,
    MemberEventType::Deceased, MemberEventType::Expelled, MemberEventType::StruckOff,
    MemberEventType::Withdrew };

} // namespace

QString toCode(MemberEventType value)
{
    switch (value) {
    case MemberEventType::Admission:
        return QStringLiteral("admission");
    case MemberEventType::BecameOfficial:
        return QStringLiteral("became_official");
    case MemberEventType::Exemption:
        return QStringLiteral("exemption");
    case MemberEventType::ExemptionEnded:
        return QStringLiteral("exemption_ended");
    case MemberEventType::TransferIn:
        return QStringLiteral("transfer_in");
    case MemberEventType::TransferOut:
        return QStringLiteral("transfer_out");
    case MemberEventType::Restoration:
        return QStringLiteral("restoration");
    case MemberEventType::Readmission:
        return QStringLiteral("readmission");
    case MemberEventType::Deceased:
        return QStringLiteral("deceased");
    case MemberEventType::Expelled:
        return QStringLiteral("expelled");
    case MemberEventType::StruckOff:
        return QStringLiteral("struck_off");
    case MemberEventType::Withdrew:
        return QStringLiteral("withdrew");
    }
    return {};
}

std::optional<MemberEventType> memberEventTypeFromCode(const QString& code)
{
    for (MemberEventType value : allEventTypes)
        if (toCode(value) == code)
            return value;
    return std::nullopt;
}

} // namespace sotay
