// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_tree.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <numeric>

namespace sotay::demo {
namespace {

constexpr int kMembersPerBaseOrg = 88; // 132,000 members in about 1,500 grassroots organisations
constexpr int kMembersPerCell = 20;    // members of a chi bộ trực thuộc, on average
constexpr int kMinRoster = 3;
constexpr int kMaxRoster = 60;
constexpr int kSectionsFrom = 8;        // cells a base committee needs before it may have sections
constexpr int kSectionsChance = 3500;   // per 10,000 of those
constexpr int kMaxBaseCellMembers = 45; // above this an upper with no base committee gets one

struct BlocShare {
    Bloc bloc;
    const char* code;
    int baseOrgs; // per 10,000 grassroots organisations
    int members;  // per 10,000 members
};

// The bloc committees' shares; the communes and wards share the rest. The police bloc's 2.6% gives it
// more than 3,200 members at the province's real size.
constexpr std::array kBlocs {
    BlocShare { Bloc::PartyAgencies, "75.01", 170, 180 },
    BlocShare { Bloc::PeoplesCommittee, "75.02", 730, 950 },
    BlocShare { Bloc::Military, "75.03", 150, 160 },
    BlocShare { Bloc::Police, "75.04", 200, 260 },
};

Error planError()
{
    return Error::invalid(QCoreApplication::translate(
        "DemoProvince", "Không dựng được cây tổ chức mẫu với số đảng viên này; hãy chọn số lớn hơn."));
}

QString childCode(const QString& parentCode, int index)
{
    return QStringLiteral("%1.%2").arg(parentCode).arg(index, 2, 10, QLatin1Char('0'));
}

// The expected roster of a chi bộ cơ sở of this profile, before all rosters are scaled to the members.
int baseCellWeight(Rng& rng, Profile profile)
{
    switch (profile) {
    case Profile::Residential:
        return uniform(rng, 12, 32);
    case Profile::Police:
    case Profile::Military:
        return uniform(rng, 8, 20);
    case Profile::Enterprise:
        return uniform(rng, 3, 12);
    case Profile::Education:
    case Profile::Health:
    case Profile::Office:
        break;
    }
    return uniform(rng, 5, 15);
}

// The expected roster of a chi bộ trực thuộc of this profile, likewise.
int cellWeight(Rng& rng, Profile profile)
{
    switch (profile) {
    case Profile::Residential:
        return uniform(rng, 12, 34);
    case Profile::Police:
    case Profile::Military:
        return uniform(rng, 10, 30);
    case Profile::Enterprise:
        return uniform(rng, 6, 22);
    case Profile::Education:
    case Profile::Health:
    case Profile::Office:
        break;
    }
    return uniform(rng, 6, 20);
}

// How many cells a base committee gets, relative to the others of its upper committee.
int committeeWeight(Rng& rng, Profile profile)
{
    int base = 100;
    switch (profile) {
    case Profile::Police:
        base = 150;
        break;
    case Profile::Health:
        base = 130;
        break;
    case Profile::Military:
        base = 120;
        break;
    case Profile::Residential:
        base = 110;
        break;
    default:
        break;
    }
    return base * uniform(rng, 60, 140);
}

// The most cells a base committee of this kind plausibly has: a school is not a hospital.
int cellCap(const BaseOrgSpec& spec)
{
    switch (spec.profile) {
    case Profile::Residential:
    case Profile::Police:
        return 15;
    case Profile::Military:
        return 12;
    case Profile::Education:
        return spec.cellStyle == CellStyle::University ? 8 : 5;
    case Profile::Health:
        return spec.cellStyle == CellStyle::Hospital ? 14 : 3;
    case Profile::Enterprise:
        return spec.cellStyle == CellStyle::Plantation ? 15 : 8;
    case Profile::Office:
        break;
    }
    return 8;
}

// `total` in proportion to the weights, none above its cap while any has room left.
QList<int> apportionCapped(int total, const QList<qint64>& weights, const QList<int>& caps)
{
    const auto n = weights.size();
    QList<int> shares(n, 0);
    while (total > 0) {
        QList<qint64> open(n, 0);
        bool any = false;
        for (qsizetype i = 0; i < n; ++i) {
            if (shares.at(i) < caps.at(i) && weights.at(i) > 0) {
                open[i] = weights.at(i);
                any = true;
            }
        }
        if (!any) { // every one is full: the rest goes over the caps
            const QList<int> extra = apportion(total, weights);
            for (qsizetype i = 0; i < n; ++i)
                shares[i] += extra.at(i);
            break;
        }
        const QList<int> extra = apportion(total, open);
        for (qsizetype i = 0; i < n; ++i) {
            const int taken = std::min(extra.at(i), caps.at(i) - shares.at(i));
            if (taken > 0) {
                shares[i] += taken;
                total -= taken;
            }
        }
    }
    return shares;
}

// Rosters of 3 to 60 that add up to `total`, in proportion to the weights.
std::optional<QList<int>> rosterSizes(int total, const QList<qint64>& weights)
{
    const auto n = static_cast<int>(weights.size());
    if (n == 0 || total < kMinRoster * n || total > kMaxRoster * n)
        return std::nullopt;
    QList<int> sizes
        = apportionCapped(total - kMinRoster * n, weights, QList<int>(n, kMaxRoster - kMinRoster));
    for (int& size : sizes)
        size += kMinRoster;
    return sizes;
}

class TreeBuilder {
public:
    TreeBuilder(Rng& rng, ProvincePlan& plan)
        : m_rng(rng)
        , m_plan(plan)
    {
    }

    int add(PlannedUnit unit)
    {
        m_plan.units.append(std::move(unit));
        return static_cast<int>(m_plan.units.size()) - 1;
    }

    // The grassroots organisations of one upper committee, their sections and cells, and the rosters.
    Status fill(int upper, QList<BaseOrgSpec> specs, int members)
    {
        const PlannedUnit top = m_plan.units.at(upper); // a copy: add() may move the list
        QList<int> expected; // the roster weight of each chi bộ cơ sở, 0 for a đảng bộ cơ sở
        for (const auto& spec : specs)
            expected.append(spec.committee ? 0 : baseCellWeight(m_rng, spec.profile));

        // Enough base committees, with room enough, for the cells the members need.
        int cells = 0;
        for (;;) {
            cells = cellsNeeded(specs, expected, members);
            if (cells <= capacity(specs))
                break;
            const qsizetype next = convertible(specs, expected);
            if (next < 0)
                break;
            specs[next].committee = true;
            expected[next] = 0;
        }
        if (cells < 0)
            return planError();

        QList<qint64> committeeWeights;
        QList<int> caps;
        int committees = 0;
        for (const auto& spec : specs) {
            committeeWeights.append(spec.committee ? committeeWeight(m_rng, spec.profile) : 0);
            caps.append(spec.committee ? cellCap(spec) : 0);
            committees += spec.committee ? 1 : 0;
        }
        const int perCommittee = cells >= 2 * committees ? 2 : 1;
        for (int& cap : caps)
            cap = std::max(0, cap - perCommittee);
        const QList<int> cellCounts
            = apportionCapped(cells - perCommittee * committees, committeeWeights, caps);

        QList<int> holding;
        QList<qint64> weights;
        for (qsizetype i = 0; i < specs.size(); ++i) {
            const BaseOrgSpec& spec = specs.at(i);
            PlannedUnit unit = inherit(top, upper);
            unit.kind = spec.committee ? OrgKind::BaseCommittee : OrgKind::BaseCell;
            unit.category = spec.category;
            unit.code = childCode(top.code, static_cast<int>(i) + 1);
            unit.name = spec.name();
            unit.profile = spec.profile;
            const int base = add(unit);
            if (!spec.committee) {
                holding.append(base);
                weights.append(expected.at(i));
                continue;
            }
            addCells(base, spec.cellStyle, cellCounts.at(i) + perCommittee, holding, weights);
        }

        const auto sizes = rosterSizes(members, weights);
        if (!sizes)
            return planError();
        for (qsizetype i = 0; i < holding.size(); ++i)
            m_plan.units[holding.at(i)].roster = sizes->at(i);
        return success();
    }

private:
    // The cells of all base committees together: about one per 20 members beyond the chi bộ cơ sở, at
    // least two per committee, enough that no roster passes 60, few enough that each has 3. Above
    // capacity() when there is no committee and the chi bộ cơ sở alone would be too large; -1 when the
    // members cannot fill the rosters.
    static int cellsNeeded(const QList<BaseOrgSpec>& specs, const QList<int>& expected, int members)
    {
        int committees = 0;
        for (const auto& spec : specs)
            committees += spec.committee ? 1 : 0;
        const auto baseCells = static_cast<int>(specs.size()) - committees;
        if (committees == 0)
            return members > kMaxBaseCellMembers * baseCells ? 1 : 0;
        const int baseCellMembers = std::accumulate(expected.cbegin(), expected.cend(), 0);
        const int wanted = (members - baseCellMembers + kMembersPerCell / 2) / kMembersPerCell;
        const int needed = (members - kMaxRoster * baseCells + kMaxRoster - 1) / kMaxRoster;
        const int room = members / kMinRoster - baseCells; // every roster needs 3 members
        const int cells = std::min(std::max({ 2 * committees, wanted, needed }), room);
        return cells < committees ? -1 : cells;
    }

    static int capacity(const QList<BaseOrgSpec>& specs)
    {
        int cells = 0;
        for (const auto& spec : specs)
            cells += spec.committee ? cellCap(spec) : 0;
        return cells;
    }

    // The chi bộ cơ sở that best becomes a đảng bộ cơ sở: the largest residential one, else the largest.
    static qsizetype convertible(const QList<BaseOrgSpec>& specs, const QList<int>& expected)
    {
        qsizetype best = -1;
        int bestScore = -1;
        for (qsizetype i = 0; i < specs.size(); ++i) {
            if (specs.at(i).committee)
                continue;
            const int score = (specs.at(i).profile == Profile::Residential ? 1000 : 0) + expected.at(i);
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    PlannedUnit inherit(const PlannedUnit& parent, int parentIndex) const
    {
        PlannedUnit unit;
        unit.parent = parentIndex;
        unit.profile = parent.profile;
        unit.formerBinhPhuoc = parent.formerBinhPhuoc;
        unit.place = parent.place;
        return unit;
    }

    // The cells of a base committee, under two to four sections in some of the larger ones.
    void addCells(int base, CellStyle style, int count, QList<int>& holding, QList<qint64>& weights)
    {
        int sections = 0;
        if (count >= kSectionsFrom && chance(m_rng, kSectionsChance))
            sections = std::clamp(count / 5, 2, 4);
        const PlannedUnit committee = m_plan.units.at(base);
        int cellIndex = 0;
        const auto addCell = [&](int parent, int indexInParent) {
            PlannedUnit cell = inherit(m_plan.units.at(parent), parent);
            cell.kind = OrgKind::Cell;
            cell.code = childCode(m_plan.units.at(parent).code, indexInParent);
            cell.name = QStringLiteral("Chi bộ ") + cellBody(style, ++cellIndex);
            holding.append(add(cell));
            weights.append(cellWeight(m_rng, cell.profile));
        };
        if (sections == 0) {
            for (int i = 1; i <= count; ++i)
                addCell(base, i);
            return;
        }
        for (int s = 1; s <= sections; ++s) {
            PlannedUnit section = inherit(committee, base);
            section.kind = OrgKind::SectionCommittee;
            section.code = childCode(committee.code, s);
            section.name = QStringLiteral("Đảng bộ bộ phận ") + sectionBody(style, s);
            const int index = add(section);
            const int inSection = count / sections + (s <= count % sections ? 1 : 0);
            for (int i = 1; i <= inSection; ++i)
                addCell(index, i);
        }
    }

    Rng& m_rng;
    ProvincePlan& m_plan;
};

} // namespace

QList<int> apportion(int total, const QList<qint64>& weights)
{
    const auto n = weights.size();
    QList<int> shares(n, 0);
    const qint64 sum = std::accumulate(weights.cbegin(), weights.cend(), qint64 { 0 });
    if (n == 0 || sum <= 0 || total <= 0)
        return shares;
    QList<qint64> remainders(n, 0);
    int given = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const qint64 exact = qint64 { total } * weights.at(i);
        shares[i] = static_cast<int>(exact / sum);
        remainders[i] = exact % sum;
        given += shares[i];
    }
    QList<qsizetype> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&remainders](qsizetype a, qsizetype b) { return remainders.at(a) > remainders.at(b); });
    for (qsizetype k = 0; given < total; ++k, ++given)
        ++shares[order.at(k % n)];
    return shares;
}

Result<ProvincePlan> planProvince(const QList<Commune>& communes, int rosterMembers, quint32 seed)
{
    Rng rng(seed);
    ProvincePlan plan;
    TreeBuilder builder(rng, plan);

    PlannedUnit root;
    root.kind = OrgKind::Province;
    root.code = QStringLiteral("75");
    root.name = QStringLiteral("Đảng bộ tỉnh Đồng Nai");
    builder.add(root);

    const auto uppers = static_cast<int>(communes.size()) + static_cast<int>(kBlocs.size());
    const int baseOrgs = std::max((rosterMembers + kMembersPerBaseOrg / 2) / kMembersPerBaseOrg, uppers);

    // Shares first between the blocs and the communes as a whole, then among the communes by their size.
    QList<qint64> blocBase;
    QList<qint64> blocMembers;
    for (const auto& bloc : kBlocs) {
        blocBase.append(bloc.baseOrgs);
        blocMembers.append(bloc.members);
    }
    blocBase.append(10000 - std::accumulate(blocBase.cbegin(), blocBase.cend(), qint64 { 0 }));
    blocMembers.append(10000 - std::accumulate(blocMembers.cbegin(), blocMembers.cend(), qint64 { 0 }));
    const QList<int> baseSplit = apportion(baseOrgs - uppers, blocBase);
    const QList<int> memberSplit = apportion(rosterMembers, blocMembers);

    QList<qint64> communeWeights;
    for (const auto& commune : communes)
        communeWeights.append(qint64 { commune.ward ? 130 : 100 } * uniform(rng, 70, 130));
    const QList<int> communeBase = apportion(baseSplit.back(), communeWeights);
    const QList<int> communeMembers = apportion(memberSplit.back(), communeWeights);

    QList<int> upperIndex;
    for (const auto& commune : communes) {
        PlannedUnit unit;
        unit.parent = 0;
        unit.kind = OrgKind::Upper;
        unit.code = commune.code;
        unit.name = QStringLiteral("Đảng bộ ") + commune.withType();
        unit.formerBinhPhuoc = commune.formerBinhPhuoc;
        unit.place = commune.name;
        upperIndex.append(builder.add(unit));
    }
    for (const auto& bloc : kBlocs) {
        PlannedUnit unit;
        unit.parent = 0;
        unit.kind = OrgKind::Upper;
        unit.code = QString::fromLatin1(bloc.code);
        unit.name = blocName(bloc.bloc);
        upperIndex.append(builder.add(unit));
    }

    UsedNames used;
    for (qsizetype i = 0; i < communes.size(); ++i) {
        auto specs = communeBaseOrgs(rng, communes.at(i), communeBase.at(i) + 1, used);
        if (const Status filled = builder.fill(upperIndex.at(i), specs, communeMembers.at(i)); !filled)
            return filled.error();
    }
    for (std::size_t b = 0; b < kBlocs.size(); ++b) {
        const auto i = static_cast<qsizetype>(b);
        auto specs = blocBaseOrgs(rng, kBlocs.at(b).bloc, baseSplit.at(i) + 1, communes, used);
        if (const Status filled = builder.fill(upperIndex.at(communes.size() + i), specs, memberSplit.at(i));
            !filled)
            return filled.error();
    }
    return plan;
}

} // namespace sotay::demo
