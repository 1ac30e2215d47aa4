// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org/org_unit.h"

#include <QSqlQuery>
#include <QString>

namespace sotay {

// How an OrgUnit maps onto the org_unit table; shared by the repository and the server's first download.
extern const QString kOrgUnitColumns; // id, parent_id, kind, …, version: the order readOrgUnit() reads
OrgUnit readOrgUnit(const QSqlQuery& row);

} // namespace sotay
