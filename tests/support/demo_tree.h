// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "member/member.h"
#include "org/org_unit.h"
#include "store/write_context.h"

#include <QSqlDatabase>

namespace sotay::test {

// The moment every store test runs at, and the decisions it uses: fixed, never the clock.
WriteContext testContext();
Decision decision(const char* number, QDate effectiveOn);

// A small real-shaped tree:
//   Đảng bộ tỉnh Đồng Nai
//   ├─ Đảng bộ phường Trấn Biên (upper) ─ Đảng bộ Trường THPT Ngô Quyền (base committee) ─ Chi bộ 1, Chi bộ 2
//   └─ Đảng bộ xã Phú Riềng (upper) ─ Chi bộ Công ty Cao su Phú Riềng (base cell)
struct SmallTree {
    OrgUnit province, tranBien, school, cell1, cell2, phuRieng, rubberCell;
};
SmallTree buildSmallTree(const QSqlDatabase& db);

// A valid official member of `unitId`, born 1980, admitted 2010, with the given name parts.
Member sampleMember(qint64 unitId, const QString& family, const QString& middle, const QString& given);

// A sample member admitted into `unitId`, without a card number (so that many can be added); throws when
// the record is refused.
Member addMemberWithoutCard(
    const QSqlDatabase& db, qint64 unitId, const char* family, const char* middle, const char* given);

// Rows in a table (to check that a refused write changed nothing).
qint64 countRows(const QSqlDatabase& db, const QString& table);

} // namespace sotay::test
