// SPDX-License-Identifier: GPL-3.0-or-later
#include "participation_report.h"

#include "handler_support.h"
#include "org/org_rules.h"
#include "store/sql.h"

#include <QHash>

namespace sotay::server {
namespace {

bool isCell(const UnitPeriod& period)
{
    return period.kind == OrgKind::Cell || period.kind == OrgKind::BaseCell;
}

// The unit's period that was open last within [monthStart, asOf]: for a unit that ended during the month.
const UnitPeriod* lastPeriodIn(const QList<UnitPeriod>& periods, qint64 unitId, QDate monthStart, QDate asOf)
{
    const UnitPeriod* last = nullptr;
    for (const UnitPeriod& period : periods)
        if (period.unitId == unitId && period.from <= asOf && (!period.to.isValid() || period.to > monthStart)
            && (!last || period.from > last->from))
            last = &period;
    return last;
}

// The id of the unit right below `ancestorPath` on `path` ("/1/5/23/" below "/1/" is 5); 0 for the ancestor
// itself.
qint64 unitBelow(const QString& path, const QString& ancestorPath)
{
    const QStringView rest = QStringView(path).mid(ancestorPath.size());
    return rest.left(rest.indexOf(u'/')).toLongLong();
}

} // namespace

QList<UnitPeriod> periodsBetween(const QSqlDatabase& db, QDate from, QDate to)
{
    auto query = orThrow(sql::exec(db,
        QStringLiteral(
            "SELECT unit_id, parent_id, kind, code, name, path, valid_from, valid_to FROM org_unit_period "
            "WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"),
        { sql::date(to), sql::date(from) }));
    QList<UnitPeriod> periods;
    while (query.next())
        periods.append({ query.value(0).toLongLong(), sql::toOptionalId(query.value(1)),
            orgKindFromCode(query.value(2).toString()).value_or(OrgKind::Cell), query.value(3).toString(),
            query.value(4).toString(), query.value(5).toString(), sql::toDate(query.value(6)),
            sql::toDate(query.value(7)) });
    return periods;
}

std::optional<MonthReport> monthReport(const QSqlDatabase& db, const QList<UnitPeriod>& periods, qint64 orgId,
    QDate month, QDate asOf, ParticipationGrouping grouping)
{
    const bool byCell = grouping == ParticipationGrouping::ByCell;
    // The tree at the month's end: the unit's place then, its children, its cells.
    QHash<qint64, const UnitPeriod*> at;
    for (const UnitPeriod& period : periods)
        if (period.validOn(asOf))
            at.insert(period.unitId, &period);
    const UnitPeriod* org = at.value(orgId);
    if (!org)
        return std::nullopt;

    // The rows of the month: the unit's children then, or its cells then, by unit id.
    MonthReport report;
    QHash<qint64, qsizetype> rowAt;
    const auto addRow = [&](const UnitPeriod& unit, bool standing) -> ReportRow& {
        rowAt.insert(unit.unitId, report.rows.size());
        report.rows.append({ unit.unitId, unit.code, unit.name, standing, {} });
        return report.rows.back();
    };
    for (const UnitPeriod* period : at)
        if (byCell ? isInSubtree(period->path, org->path) && isCell(*period) : period->parentId == orgId)
            addRow(*period, true);
    // The row a cell inside the unit counts in: its child unit, or itself by cell; null for the unit's own.
    const auto rowOf = [&](const UnitPeriod& cell) -> ReportRow* {
        const auto found = rowAt.constFind(byCell ? cell.unitId : unitBelow(cell.path, org->path));
        return found == rowAt.constEnd() ? nullptr : &report.rows[*found];
    };
    const auto count = [&](ReportRow* row, const ParticipationFigures& figures) {
        if (row)
            row->figures += figures;
        report.total += figures; // the unit's own cells (a base cell) count in the total too
    };

    // Every cell of the unit at the month's end owes the month's regular meeting.
    ParticipationFigures due;
    due.regularDue = 1;
    for (const UnitPeriod* cell : at)
        if (isCell(*cell) && isInSubtree(cell->path, org->path))
            count(rowOf(*cell), due);

    const ParticipationSums sums = orThrow(ParticipationRepository(db).sumsOfMonth(
        month.toString(QStringLiteral("yyyy-MM")), asOf, org->path, grouping));
    for (auto it = sums.byGroup.begin(); it != sums.byGroup.end(); ++it) {
        const auto found = rowAt.constFind(it.key());
        ReportRow* row = found == rowAt.constEnd() ? nullptr : &report.rows[*found];
        const UnitPeriod* cell = byCell && !row ? at.value(it.key()) : nullptr;
        count(cell ? &addRow(*cell, true) : row, *it);
    }
    // A cell merged, split or dissolved during the month counts where it stood on its last day; by cell, it
    // is a row of its own for that month.
    for (const ParticipationFigures& figures : sums.ofEndedCells) {
        const UnitPeriod* cell = lastPeriodIn(periods, figures.cellId, month, asOf);
        if (!cell || !isInSubtree(cell->path, org->path))
            continue;
        ReportRow* row = rowOf(*cell);
        if (!row && byCell)
            row = &addRow(*cell, false);
        count(row, figures);
    }
    return report;
}

std::optional<std::optional<MonthReport>> MonthReportCache::find(const Key& key, qint64 generation) const
{
    const auto found = m_reports.find(key);
    if (!found || found->generation != generation)
        return std::nullopt;
    return found->report;
}

void MonthReportCache::keep(const Key& key, qint64 generation, const std::optional<MonthReport>& report)
{
    m_reports.keep(key, { generation, report });
}

size_t qHash(const MonthReportCache::Key& key, size_t seed)
{
    return qHashMulti(seed, key.orgId, static_cast<int>(key.grouping), key.month);
}

} // namespace sotay::server
