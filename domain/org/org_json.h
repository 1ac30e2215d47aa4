// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"

#include <QJsonObject>

namespace sotay {

// The JSON form of a unit, as the API sends it and the audit log keeps it.
QJsonObject toJson(const OrgUnit& unit);
// A unit as the server sent it (the console's replica reads it back); unknown fields are errors.
Result<OrgUnit> orgUnitFromJson(const QJsonObject& json);

} // namespace sotay
