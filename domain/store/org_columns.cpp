// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/org_columns.h"

#include "store/sql.h"

#include <QVariant>

namespace sotay {

const QString kOrgUnitColumns = QStringLiteral("id, parent_id, kind, category_id, code, name, path, "
                                               "valid_from, valid_to, end_reason, successor_id, version");

OrgUnit readOrgUnit(const QSqlQuery& row)
{
    OrgUnit unit;
    unit.id = row.value(0).toLongLong();
    unit.parentId = sql::toOptionalId(row.value(1));
    unit.kind = orgKindFromCode(row.value(2).toString()).value_or(OrgKind::Cell);
    unit.categoryId = sql::toOptionalId(row.value(3));
    unit.code = row.value(4).toString();
    unit.name = row.value(5).toString();
    unit.path = row.value(6).toString();
    unit.validFrom = sql::toDate(row.value(7));
    unit.validTo = sql::toDate(row.value(8));
    if (!row.value(9).isNull())
        unit.endReason = orgEndReasonFromCode(row.value(9).toString());
    unit.successorId = sql::toOptionalId(row.value(10));
    unit.version = row.value(11).toLongLong();
    return unit;
}

} // namespace sotay
