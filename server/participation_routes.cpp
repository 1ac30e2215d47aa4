// SPDX-License-Identifier: GPL-3.0-or-later
#include "participation_routes.h"

#include "org/org_rules.h"
#include "store/participation_repository.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>

namespace sotay::server {
namespace {

constexpr int kMonthsMax = 36;

struct Period {
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

QDate monthStart(const ApiRequest& request, const char* name)
{
    const QString text = request.query.queryItemValue(QString::fromLatin1(name));
    const QDate month = QDate::fromString(text + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
    if (text.size() != 7 || !month.isValid()) {
        const QString message
            = QCoreApplication::translate("ApiError", "Cần một tháng dạng NNNN-TT, ví dụ 2026-03.");
        throw ApiError::badRequest(message, { { QString::fromLatin1(name), message } });
    }
    return month;
}

// Every period of the tree open at some day of [from, to].
QList<Period> periodsBetween(const QSqlDatabase& db, QDate from, QDate to)
{
    auto query = orThrow(sql::exec(db,
        QStringLiteral(
            "SELECT unit_id, parent_id, kind, code, name, path, valid_from, valid_to FROM org_unit_period "
            "WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"),
        { sql::date(to), sql::date(from) }));
    QList<Period> periods;
    while (query.next())
        periods.append({ query.value(0).toLongLong(), sql::toOptionalId(query.value(1)),
            orgKindFromCode(query.value(2).toString()).value_or(OrgKind::Cell), query.value(3).toString(),
            query.value(4).toString(), query.value(5).toString(), sql::toDate(query.value(6)),
            sql::toDate(query.value(7)) });
    return periods;
}

// The figures of a row and month: the stored counters, and the regular meetings due (one per cell).
QJsonObject figuresJson(const ParticipationFigures& f)
{
    QJsonObject json = participationJson(f);
    for (const char* key : { "id", "cellId", "month" })
        json.remove(QLatin1StringView(key));
    json.insert(QStringLiteral("regularDue"), f.regularDue);
    return json;
}

// The unit's period that was open last within [monthStart, asOf]: for a unit that ended during the month.
const Period* lastPeriodIn(const QList<Period>& periods, qint64 unitId, QDate monthStart, QDate asOf)
{
    const Period* last = nullptr;
    for (const Period& period : periods)
        if (period.unitId == unitId && period.from <= asOf && (!period.to.isValid() || period.to > monthStart)
            && (!last || period.from > last->from))
            last = &period;
    return last;
}

struct Row {
    qint64 unitId = 0;
    QString code;
    QString name;
    QMap<QString, ParticipationFigures> months;
    ParticipationFigures total;
};

} // namespace

void addParticipationRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/participation"),
        [&services](const ApiRequest& request) {
            requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
            allowQuery(request, { "org", "from", "to", "by" });
            bool ok = false;
            const qint64 orgId = request.query.queryItemValue(QStringLiteral("org")).toLongLong(&ok);
            if (!ok || orgId < 1) {
                const QString message = QCoreApplication::translate("ApiError", "Cần mã số tổ chức đảng.");
                throw ApiError::badRequest(message, { { QStringLiteral("org"), message } });
            }
            const QDate from = monthStart(request, "from");
            const QDate to = monthStart(request, "to");
            const QString by = request.query.queryItemValue(QStringLiteral("by"));
            if (by != u"child" && by != u"cell") {
                const QString message
                    = QCoreApplication::translate("ApiError", "Tham số by phải là child hoặc cell.");
                throw ApiError::badRequest(message, { { QStringLiteral("by"), message } });
            }
            if (to < from || from.addMonths(kMonthsMax) <= to) {
                const QString message = QCoreApplication::translate(
                    "ApiError", "Khoảng tháng phải từ from đến to, không quá %1 tháng.")
                                            .arg(kMonthsMax);
                throw ApiError::badRequest(message, { { QStringLiteral("to"), message } });
            }
            visibleUnit(request, orgId);

            const QDate today = writeContext(request, services).today();
            const QDate lastDay = std::min(to.addMonths(1).addDays(-1), today);
            const QList<Period> periods
                = from <= lastDay ? periodsBetween(request.db, from, lastDay) : QList<Period> {};
            const ParticipationRepository participation(request.db);
            QMap<qint64, Row> rows; // by unit id
            ParticipationFigures grandTotal;
            QMap<QString, ParticipationFigures> monthTotals;
            for (QDate month = from; month <= to; month = month.addMonths(1)) {
                const QString key = month.toString(QStringLiteral("yyyy-MM"));
                monthTotals[key];
                const QDate asOf = std::min(month.addMonths(1).addDays(-1), today);
                if (asOf < month)
                    continue; // a month still to come
                // The tree at the month's end: the unit's place then, its children, its cells.
                QHash<qint64, const Period*> at;
                for (const Period& period : periods)
                    if (period.validOn(asOf))
                        at.insert(period.unitId, &period);
                const Period* org = at.value(orgId);
                if (!org)
                    continue; // the unit did not exist then
                QList<const Period*> groups;
                for (const Period* period : at)
                    if (by == u"child"
                            ? period->parentId == orgId
                            : (isInSubtree(period->path, org->path)
                                && (period->kind == OrgKind::Cell || period->kind == OrgKind::BaseCell)))
                        groups.append(period);
                for (const Period* group : groups) {
                    Row& row = rows[group->unitId];
                    row.unitId = group->unitId;
                    row.code = group->code;
                    row.name = group->name;
                    row.months[key];
                }
                // Every cell of the unit at the month's end owes the month's regular meeting.
                for (const Period* cell : at)
                    if ((cell->kind == OrgKind::Cell || cell->kind == OrgKind::BaseCell)
                        && isInSubtree(cell->path, org->path)) {
                        const auto group = std::find_if(groups.begin(), groups.end(),
                            [&](const Period* g) { return isInSubtree(cell->path, g->path); });
                        if (group != groups.end()) {
                            rows[(*group)->unitId].months[key].regularDue += 1;
                            rows[(*group)->unitId].total.regularDue += 1;
                        }
                        monthTotals[key].regularDue += 1;
                        grandTotal.regularDue += 1;
                    }
                for (const ParticipationFigures& figures : orThrow(participation.month(key))) {
                    // A cell merged, split or dissolved during the month counts where it stood at its end.
                    const Period* cell = at.value(figures.cellId);
                    if (!cell)
                        cell = lastPeriodIn(periods, figures.cellId, month, asOf);
                    if (!cell || !isInSubtree(cell->path, org->path))
                        continue;
                    const auto group = std::find_if(groups.begin(), groups.end(),
                        [&](const Period* g) { return isInSubtree(cell->path, g->path); });
                    // By cell, a cell ended during the month is a row of its own for that month.
                    const Period* rowUnit = group != groups.end() ? *group : (by == u"cell" ? cell : nullptr);
                    if (rowUnit) {
                        Row& row = rows[rowUnit->unitId];
                        row.unitId = rowUnit->unitId;
                        if (row.name.isEmpty()) {
                            row.code = rowUnit->code;
                            row.name = rowUnit->name;
                        }
                        row.months[key] += figures;
                        row.total += figures;
                    }
                    monthTotals[key] += figures; // the unit's own cells (a base cell) count in the totals too
                    grandTotal += figures;
                }
            }

            // Every row names every month, zeros where it had nothing (a month to come, before it existed).
            // The roster counts are stocks: over a range they are the last month's, not a sum of months.
            const auto lastStocks
                = [](ParticipationFigures& total, const QMap<QString, ParticipationFigures>& months) {
                      if (months.isEmpty())
                          return;
                      total.membersCounted = months.last().membersCounted;
                      total.accountsActive = months.last().accountsActive;
                  };
            for (Row& row : rows) {
                for (auto it = monthTotals.begin(); it != monthTotals.end(); ++it)
                    row.months[it.key()];
                lastStocks(row.total, row.months);
            }
            lastStocks(grandTotal, monthTotals);
            const auto monthsJson = [](const QMap<QString, ParticipationFigures>& months) {
                QJsonArray list;
                for (auto it = months.begin(); it != months.end(); ++it) {
                    QJsonObject month = figuresJson(*it);
                    month.insert(QStringLiteral("month"), it.key());
                    list.append(month);
                }
                return list;
            };
            QJsonArray items;
            for (const Row& row : rows)
                items.append(QJsonObject { { QStringLiteral("unitId"), row.unitId },
                    { QStringLiteral("code"), row.code }, { QStringLiteral("name"), row.name },
                    { QStringLiteral("months"), monthsJson(row.months) },
                    { QStringLiteral("total"), figuresJson(row.total) } });
            return ApiResponse::json({ { QStringLiteral("org"), orgId },
                { QStringLiteral("from"), from.toString(QStringLiteral("yyyy-MM")) },
                { QStringLiteral("to"), to.toString(QStringLiteral("yyyy-MM")) },
                { QStringLiteral("by"), by }, { QStringLiteral("rows"), items },
                { QStringLiteral("totals"),
                    QJsonObject { { QStringLiteral("months"), monthsJson(monthTotals) },
                        { QStringLiteral("total"), figuresJson(grandTotal) } } } });
        });
}

} // namespace sotay::server
