// SPDX-License-Identifier: GPL-3.0-or-later
#include "member/member.h"

#include <QStringList>

#include <array>

namespace sotay {

namespace {

// The inverse of toCode: the value whose code is `code`, matched exactly.
template <typename E, std::size_t N>
std::optional<E> fromCode(const std::array<E, N>& values, const QString& code)
{
    for (E value : values)
        if (toCode(value) == code)
            return value;
    return std::nullopt;
}

constexpr std::array allGenders { Gender::Male, Gender::Female };
constexpr std::array allStatuses { MemberStatus::Probationary, MemberStatus::Official };
constexpr std::array allLeaveReasons { LeaveReason::Deceased, LeaveReason::Expelled, LeaveReason::StruckOff,
    LeaveReason::Withdrew, LeaveReason::TransferredOut };
constexpr std::array allTheoryLevels { PoliticalTheoryLevel::None, PoliticalTheoryLevel::Elementary,
    PoliticalTheoryLevel::Intermediate, PoliticalTheoryLevel::Advanced, PoliticalTheoryLevel::Bachelor };

} // namespace

QString Member::fullName() const
{
    QStringList parts;
    for (const QString* part : { &familyName, &middleName, &givenName }) {
        const QString simplified = part->simplified();
        if (!simplified.isEmpty())
            parts.append(simplified);
    }
    return parts.join(QLatin1Char(' '));
}

QString toCode(Gender value)
{
    switch (value) {
    case Gender::Male:
        return QStringLiteral("male");
    case Gender::Female:
        return QStringLiteral("female");
    }
    return {};
}

QString toCode(MemberStatus value)
{
    switch (value) {
    case MemberStatus::Probationary:
        return QStringLiteral("probationary");
    case MemberStatus::Official:
        return QStringLiteral("official");
    }
    return {};
}

QString toCode(LeaveReason value)
{
    switch (value) {
    case LeaveReason::Deceased:
        return QStringLiteral("deceased");
    case LeaveReason::Expelled:
        return QStringLiteral("expelled");
    case LeaveReason::StruckOff:
        return QStringLiteral("struck_off");
    case LeaveReason::Withdrew:
        return QStringLiteral("withdrew");
    case LeaveReason::TransferredOut:
        return QStringLiteral("transferred_out");
    }
    return {};
}

QString toCode(PoliticalTheoryLevel value)
{
    switch (value) {
    case PoliticalTheoryLevel::None:
        return QStringLiteral("none");
    case PoliticalTheoryLevel::Elementary:
        return QStringLiteral("elementary");
    case PoliticalTheoryLevel::Intermediate:
        return QStringLiteral("intermediate");
    case PoliticalTheoryLevel::Advanced:
        return QStringLiteral("advanced");
    case PoliticalTheoryLevel::Bachelor:
        return QStringLiteral("bachelor");
    }
    return {};
}

std::optional<Gender> genderFromCode(const QString& code)
{
    return fromCode(allGenders, code);
}

std::optional<MemberStatus> memberStatusFromCode(const QString& code)
{
    return fromCode(allStatuses, code);
}

std::optional<LeaveReason> leaveReasonFromCode(const QString& code)
{
    return fromCode(allLeaveReasons, code);
}

std::optional<PoliticalTheoryLevel> politicalTheoryFromCode(const QString& code)
{
    return fromCode(allTheoryLevels, code);
}

} // namespace sotay
