// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org/org_unit.h"

#include <QJsonObject>

namespace sotay {

// The JSON form of a unit, as the API sends it and the audit log keeps it.
QJsonObject toJson(const OrgUnit& unit);

} // namespace sotay
