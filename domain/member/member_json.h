// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/json_writer.h"
#include "core/result.h"
#include "member/member.h"
#include "member/member_event.h"

#include <QJsonObject>

namespace sotay {

// The JSON form of a member, as the API sends it and the audit log keeps it. Ethnicity, religion and the
// citizen id are sensitive: they are written only when `withSensitive` is true.
QJsonObject toJson(const Member& member, bool withSensitive = true);
QJsonObject toJson(const MemberEvent& event);
// The same text as QJsonDocument(toJson(member, withSensitive)).toJson(Compact), written much faster.
void writeJson(JsonWriter& out, const Member& member, bool withSensitive = true);

// Reads a member from a request body onto `base` (a blank member for a create, the current record for a
// PATCH). Every field error is reported; unknown fields are errors. Read-only fields (id, version,
// fullName) are ignored.
Result<Member> memberFromJson(const QJsonObject& json, Member base, bool create);
Result<MemberEvent> memberEventFromJson(const QJsonObject& json);

} // namespace sotay
