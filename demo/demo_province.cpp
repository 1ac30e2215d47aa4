// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_province.h"

#include "demo_catalogue.h"
#include "demo_data.h"
#include "demo_members.h"
#include "demo_tree.h"
#include "demo_writer.h"
#include "org/org_rules.h"
#include "store/org_repository.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <limits>

namespace sotay {
namespace {

using namespace demo;

constexpr int kMinMembers = 2000; // below this the 99 upper committees cannot all have real rosters
constexpr int kMaxMembers = 500000;
const QDate kReformDay(2025, 7, 1); // the two-level local government and its party committees

Error invalidOption(const QString& field, const QString& message)
{
    return Error::invalid(message, { { field, message } });
}

Status checkEmpty(const QSqlDatabase& db)
{
    auto query = sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM org_unit"));
    if (!query)
        return query.error();
    const qint64 units = query->next() ? query->value(0).toLongLong() : 0;
    if (units == 0)
        return success();
    const auto shown = static_cast<int>(std::min(units, qint64 { std::numeric_limits<int>::max() }));
    return Error::conflict(QCoreApplication::translate("DemoProvince",
        "Cơ sở dữ liệu đã có cây tổ chức đảng (%n tổ chức); chỉ tạo được tỉnh mẫu trên cơ sở dữ liệu trống.",
        nullptr, shown));
}

// Decision numbers: the Central Committee set up the province, the Provincial Committee its upper
// committees, and each upper committee the organisations under it.
class Decisions {
public:
    explicit Decisions(QDate effectiveOn)
        : m_effectiveOn(effectiveOn)
    {
    }
    Decision of(const PlannedUnit& unit, int upper)
    {
        switch (unit.kind) {
        case OrgKind::Province:
            return { QStringLiteral("268-QĐ/TW"), m_effectiveOn };
        case OrgKind::Upper:
            return { QStringLiteral("%1-QĐ/TU").arg(++m_provincial), m_effectiveOn };
        default:
            return { QStringLiteral("%1-QĐ/ĐU").arg(++m_byUpper[upper]), m_effectiveOn };
        }
    }

private:
    QDate m_effectiveOn;
    int m_provincial = 100;
    QMap<int, int> m_byUpper;
};

Result<DemoSummary> seed(
    const QSqlDatabase& db, const DemoOptions& options, const WriteContext& context, QDate today)
{
    auto communes = loadCommunes();
    if (!communes)
        return communes.error();
    auto names = NameGenerator::load();
    if (!names)
        return names.error();
    const int leavers = leaverCount(options.members);
    auto plan = planProvince(*communes, options.members - leavers, options.seed);
    if (!plan)
        return plan.error();

    QMap<QString, qint64> categoryIds;
    OrgRepository repository(db);
    for (const CategorySpec& spec : demoCategories()) {
        auto category = repository.ensureCategory(spec.code, spec.name);
        if (!category)
            return category.error();
        categoryIds.insert(spec.code, category->id);
    }

    DemoSummary summary;
    const QDate founded = std::min(kReformDay, today);
    MemberGenerator members(*plan, *names, options.members, today, founded, options.seed);
    DemoWriter writer(db, context);
    if (const Status reserved = writer.reserveChanges(plan->units.size() + members.count()); !reserved)
        return reserved.error();

    Decisions decisions(founded);
    QStringList paths;
    QList<int> upperOf;
    for (qsizetype i = 0; i < plan->units.size(); ++i) {
        const PlannedUnit& unit = plan->units.at(i);
        const bool hasParent = unit.parent >= 0;
        UnitRow row;
        row.id = i + 1;
        if (hasParent)
            row.parentId = unit.parent + 1;
        row.kind = unit.kind;
        if (!unit.category.isEmpty())
            row.categoryId = categoryIds.value(unit.category);
        row.code = unit.code;
        row.name = unit.name;
        row.path = childPath(hasParent ? paths.at(unit.parent) : QString(), row.id);
        upperOf.append(unit.kind == OrgKind::Upper ? static_cast<int>(i)
                : hasParent                        ? upperOf.at(unit.parent)
                                                   : -1);
        row.decision = decisions.of(unit, upperOf.back());
        paths.append(row.path);
        if (const Status added = writer.addUnit(row); !added)
            return added.error();
        if (unit.kind == OrgKind::BaseCommittee || unit.kind == OrgKind::BaseCell)
            ++summary.baseOrganisations;
        if (unit.kind == OrgKind::Cell)
            ++summary.cells;
    }
    summary.units = static_cast<int>(plan->units.size());

    constexpr int kProgressEvery = 10000;
    for (int i = 0; i < members.count(); ++i) {
        if (options.progress && i % kProgressEvery == 0)
            options.progress(i, members.count());
        auto generated = members.next();
        if (!generated)
            return generated.error();
        const auto unit = static_cast<qsizetype>(generated->member.orgUnitId - 1);
        if (const Status added = writer.addMember(*generated, paths.at(unit)); !added)
            return added.error();
    }
    if (const Status finished = writer.finish(); !finished)
        return finished.error();
    summary.members = members.count();
    if (options.progress)
        options.progress(members.count(), members.count());
    summary.events = static_cast<int>(writer.events());
    return summary;
}

} // namespace

Result<DemoSummary> seedDemoProvince(
    const QSqlDatabase& db, const DemoOptions& options, const WriteContext& context)
{
    const QDate today = options.today.isValid() ? options.today : context.today();
    if (options.members < kMinMembers || options.members > kMaxMembers)
        return invalidOption(QStringLiteral("members"),
            QCoreApplication::translate("DemoProvince", "Số đảng viên của tỉnh mẫu phải từ %1 đến %2.")
                .arg(kMinMembers)
                .arg(kMaxMembers));
    if (today > context.today())
        return invalidOption(QStringLiteral("today"),
            QCoreApplication::translate(
                "DemoProvince", "Ngày lập dữ liệu mẫu không được sau ngày hôm nay (%1).")
                .arg(context.today().toString(QStringLiteral("dd/MM/yyyy"))));

    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status empty = checkEmpty(db); !empty)
        return empty.error();
    auto summary = seed(db, options, context, today);
    if (!summary)
        return summary;
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return summary;
}

} // namespace sotay
