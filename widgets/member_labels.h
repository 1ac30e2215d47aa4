// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "member/member.h"
#include "member/member_event.h"

#include <QString>

namespace sotay::widgets {

// What the console calls each code of a member record, in the user's language.
QString eventTypeLabel(MemberEventType type);
QString leaveReasonLabel(LeaveReason reason);
QString politicalTheoryLabel(PoliticalTheoryLevel level);
QString memberStatusLabel(MemberStatus status);
QString genderLabel(Gender gender);
// The label of a member field as the API names it ("givenName" → "Tên"); the name itself when unknown.
QString memberFieldLabel(const QString& field);

} // namespace sotay::widgets
