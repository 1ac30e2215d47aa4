// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/write_context.h"

#include <QDate>
#include <QSqlDatabase>

#include <functional>

namespace sotay {

struct DemoOptions {
    quint32 seed = 20250701;
    int members = 132000; // member records, including the few who left the rosters during the year
    QDate today;          // the day the data is as of; invalid: the context's today
    // Called now and then while the members are written, with how many of how many, and once at the end.
    std::function<void(int written, int total)> progress;
};

struct DemoSummary {
    int units = 0;             // every org_unit row
    int baseOrganisations = 0; // đảng bộ cơ sở and chi bộ cơ sở
    int cells = 0;             // chi bộ trực thuộc (kind cell)
    int members = 0;           // member rows
    int events = 0;            // member_event rows
};

// Seeds an EMPTY database with the demo province: Đảng bộ tỉnh Đồng Nai, its 95 commune and ward committees
// and four bloc committees, about 1,500 grassroots organisations and 5,500 cells, and `members` member
// records with a year of events before `today`. The same seed and options give the same data, row for row.
// Refused (Error::conflict) when the database already has an organisation tree. One transaction.
Result<DemoSummary> seedDemoProvince(
    const QSqlDatabase& db, const DemoOptions& options, const WriteContext& context);

} // namespace sotay
