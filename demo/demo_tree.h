// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "demo_catalogue.h"
#include "demo_data.h"
#include "org/org_unit.h"

#include <QList>
#include <QString>

namespace sotay::demo {

struct PlannedUnit {
    int parent = -1; // index in ProvincePlan::units; -1 for the root
    OrgKind kind = OrgKind::Cell;
    QString category; // org_category code of a grassroots organisation, else empty
    QString code;
    QString name;
    int roster = 0; // members on the roster today, for the units that hold members
    Profile profile = Profile::Office;
    bool formerBinhPhuoc = false;
    QString place; // the commune's name for the units under a commune, else empty
};

// The organisation tree of the demo province, before it is written.
struct ProvincePlan {
    QList<PlannedUnit> units; // parents before children; a unit's id is its index + 1
};

// The province with `rosterMembers` members on its rosters: the root, the 95 communes and wards and the
// four bloc committees, and grassroots organisations and cells in proportion to the members (about 88
// members per grassroots organisation and 20 per chi bộ trực thuộc), every roster 3 to 60 members.
Result<ProvincePlan> planProvince(const QList<Commune>& communes, int rosterMembers, quint32 seed);

// `total` split in proportion to integer weights, remainders to the largest fractions (then the first).
QList<int> apportion(int total, const QList<qint64>& weights);

} // namespace sotay::demo
