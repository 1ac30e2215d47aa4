// SPDX-License-Identifier: GPL-3.0-or-later
#include "meeting/cell_meeting.h"

#include "core/code_table.h"

#include <QTimeZone>

namespace sotay {
namespace {

constexpr std::array kKindCodes {
    std::pair { MeetingKind::Regular, "regular" },
    std::pair { MeetingKind::Thematic, "thematic" },
    std::pair { MeetingKind::Extraordinary, "extraordinary" },
};

constexpr std::array kStateCodes {
    std::pair { AttendanceState::Present, "present" },
    std::pair { AttendanceState::Excused, "excused" },
    std::pair { AttendanceState::Absent, "absent" },
    std::pair { AttendanceState::Exempt, "exempt" },
};

} // namespace

QDate regularMeetingDeadline(const QString& month)
{
    const QDate first = QDate::fromString(month + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
    const QDate before = first.addMonths(-1);
    return QDate(before.year(), before.month(), 20);
}

bool CellMeeting::scheduledOnTime() const
{
    if (kind != MeetingKind::Regular || recordedLate())
        return false;
    return scheduledAt.toTimeZone(QTimeZone(7 * 3600)).date() <= regularMeetingDeadline(month);
}

QString toCode(MeetingKind kind)
{
    return codeOf(kKindCodes, kind);
}
std::optional<MeetingKind> meetingKindFromCode(const QString& code)
{
    return valueOf(kKindCodes, code);
}
QString toCode(AttendanceState state)
{
    return codeOf(kStateCodes, state);
}
std::optional<AttendanceState> attendanceStateFromCode(const QString& code)
{
    return valueOf(kStateCodes, code);
}

} // namespace sotay
