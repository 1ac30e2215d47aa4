// SPDX-License-Identifier: GPL-3.0-or-later
#include "participation_routes.h"

#include "participation_report.h"
#include "store/participation_generations.h"
#include "store/participation_repository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>

namespace sotay::server {
namespace {

constexpr int kMonthsMax = 36;

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

// The figures of a row and month: the stored counters, and the regular meetings due (one per cell).
QJsonObject figuresJson(const ParticipationFigures& f)
{
    QJsonObject json = participationJson(f);
    for (const char* key : { "id", "cellId", "month" })
        json.remove(QLatin1StringView(key));
    json.insert(QStringLiteral("regularDue"), f.regularDue);
    return json;
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
            const bool byCell = by == u"cell";
            if (by != u"child" && !byCell) {
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

            const WriteContext context = writeContext(request, services);
            const QDate today = context.today();
            const QDate lastDay = std::min(to.addMonths(1).addDays(-1), today);
            const ParticipationGrouping grouping
                = byCell ? ParticipationGrouping::ByCell : ParticipationGrouping::ByChild;
            const QHash<QString, qint64> keepable = services.monthReports
                ? orThrow(keepableParticipationMonths(request.db, from.toString(QStringLiteral("yyyy-MM")),
                    to.toString(QStringLiteral("yyyy-MM")), context.now))
                : QHash<QString, qint64> {};
            std::optional<QList<UnitPeriod>> periods; // read for the first month not kept
            QMap<qint64, Row> rows;                   // by unit id
            ParticipationFigures grandTotal;
            QMap<QString, ParticipationFigures> monthTotals;
            for (QDate month = from; month <= to; month = month.addMonths(1)) {
                const QString key = month.toString(QStringLiteral("yyyy-MM"));
                monthTotals[key];
                const QDate asOf = std::min(month.addMonths(1).addDays(-1), today);
                if (asOf < month)
                    continue; // a month still to come
                const auto generation = keepable.constFind(key);
                const MonthReportCache::Key cacheKey { orgId, grouping, key };
                std::optional<std::optional<MonthReport>> kept;
                if (generation != keepable.constEnd())
                    kept = services.monthReports->find(cacheKey, *generation);
                if (!kept) {
                    if (!periods) // from this month on: the months before it were kept
                        periods = periodsBetween(request.db, month, lastDay);
                    kept = monthReport(request.db, *periods, orgId, month, asOf, grouping);
                    if (generation != keepable.constEnd())
                        services.monthReports->keep(cacheKey, *generation, *kept);
                }
                const std::optional<MonthReport>& report = *kept;
                if (!report)
                    continue; // the unit did not exist then
                for (const ReportRow& part : report->rows) {
                    Row& row = rows[part.unitId];
                    row.unitId = part.unitId;
                    if (part.standing || row.name.isEmpty()) {
                        row.code = part.code; // the name it had last
                        row.name = part.name;
                    }
                    row.months[key] += part.figures;
                    row.total += part.figures;
                }
                monthTotals[key] += report->total;
                grandTotal += report->total;
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
