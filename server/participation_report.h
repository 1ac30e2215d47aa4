// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kept_map.h"
#include "org/org_unit.h"
#include "store/participation_repository.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace sotay::server {

// A period of a unit in the dated tree.
struct UnitPeriod {
    qint64 unitId = 0;
    std::optional<qint64> parentId;
    OrgKind kind = OrgKind::Cell;
    QString code;
    QString name;
    QString path;
    QDate from;
    QDate to; // exclusive; invalid while open
    bool validOn(QDate day) const { return from <= day && (!to.isValid() || to > day); }
};

// Every period of the tree open at some day of [from, to].
QList<UnitPeriod> periodsBetween(const QSqlDatabase& db, QDate from, QDate to);

// One row of a unit's month: a child unit (or a cell) and its figures, the regular meetings due included.
struct ReportRow {
    qint64 unitId = 0;
    QString code;
    QString name;
    bool standing = true; // false: a cell ended during the month, a row of its own by cell
    ParticipationFigures figures;
};

// A unit's participation in one month, on the tree as it stood at `asOf` (the month's last day, or today).
struct MonthReport {
    QList<ReportRow> rows;
    ParticipationFigures total;
};

// The month's report of `orgId` by child unit or by cell; nullopt when the unit did not stand on `asOf`.
// `periods` must hold every period open during the month.
std::optional<MonthReport> monthReport(const QSqlDatabase& db, const QList<UnitPeriod>& periods, qint64 orgId,
    QDate month, QDate asOf, ParticipationGrouping grouping);

// The reports of past months kept between requests, each under the month's generation it was read with
// (store/participation_generations.h): used only while the generation holds.
class MonthReportCache final {
public:
    struct Key {
        qint64 orgId = 0;
        ParticipationGrouping grouping = ParticipationGrouping::ByChild;
        QString month;
        friend bool operator==(const Key&, const Key&) = default;
    };

    // Found: the month's report (nullopt inside when the unit did not stand then).
    std::optional<std::optional<MonthReport>> find(const Key& key, qint64 generation) const;
    void keep(const Key& key, qint64 generation, const std::optional<MonthReport>& report);

private:
    struct Entry {
        qint64 generation = 0;
        std::optional<MonthReport> report;
    };
    // A year of a few hundred units' reports; a whole province by cell is about a megabyte a month.
    KeptMap<Key, Entry> m_reports { 2'000 };
};

size_t qHash(const MonthReportCache::Key& key, size_t seed = 0);

} // namespace sotay::server
