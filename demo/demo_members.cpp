// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_members.h"

#include "demo_profile.h"
#include "member/member_rules.h"
#include "member/member_validation.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace sotay::demo {
namespace {

// Per 10,000 members on the roster: the shares of this year's newcomers and movers.
constexpr int kProbationary = 500;
constexpr int kMovedIn = 250;
constexpr int kAway = 80;
constexpr int kArrivedFromOutside = 40;
constexpr int kAwayReturned = 5000;   // per 10,000 of those away: back before today
constexpr int kAwayInProvince = 7000; // per 10,000 of those away: in another cell of the province
constexpr int kSameUpper = 6000;      // per 10,000 moves: within the same upper committee
constexpr int kLocalBirth = 4000;     // per 10,000 of those from elsewhere: born in Đồng Nai all the same
constexpr int kExemptBeforeDeath = 3000; // per 10,000 deceased members over 70

// Per 10,000 member records: those who left the rosters during the year (at least one of each).
constexpr std::array<int, 5> kLeaving { 60, 30, 10, 5, 2 }; // deceased, out of the province, struck off,
                                                            // withdrew, expelled

int quota(int rows, int perTenThousand)
{
    return std::max(1, static_cast<int>((qint64 { rows } * perTenThousand + 5000) / 10000));
}

QString digits(qint64 value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

// A number in 0..999,999 not yet used under `prefix`.
qint64 freshSerial(Rng& rng, QSet<qint64>& used, qint64 prefix)
{
    for (;;) {
        const qint64 serial = uniform(rng, 0, 999999);
        if (!used.contains(prefix * 1000000 + serial)) {
            used.insert(prefix * 1000000 + serial);
            return serial;
        }
    }
}

} // namespace

int leaverCount(int rows)
{
    int total = 0;
    for (const int share : kLeaving)
        total += quota(rows, share);
    return total;
}

MemberGenerator::MemberGenerator(
    const ProvincePlan& plan, const NameGenerator& names, int rows, QDate today, QDate founded, quint32 seed)
    : m_plan(plan)
    , m_names(names)
    , m_rng(seed ^ 0x9E3779B9U) // a stream of its own: the tree's draws do not shift the members'
    , m_today(today)
    , m_founded(founded)
    , m_admissionWindow(today.addMonths(-12).addDays(1))
    , m_eventWindow(std::max(m_admissionWindow, founded))
    , m_latestOfficialAdmission(today.addMonths(-12))
{
    while (earliestOfficialDate(m_latestOfficialAdmission) > today)
        m_latestOfficialAdmission = m_latestOfficialAdmission.addDays(-1);

    const auto units = plan.units.size();
    m_upperOf.resize(units);
    m_cellsOfUpper.resize(units);
    for (qsizetype i = 0; i < units; ++i) {
        const PlannedUnit& unit = plan.units.at(i);
        m_upperOf[i] = unit.kind == OrgKind::Upper ? static_cast<int>(i)
            : unit.parent >= 0                     ? m_upperOf.at(unit.parent)
                                                   : -1;
        if (unit.kind == OrgKind::Upper && !unit.place.isEmpty())
            m_places.append(unit.place);
        if (unit.roster > 0) {
            m_holding.append(static_cast<int>(i));
            m_cellsOfUpper[m_upperOf.at(i)].append(static_cast<int>(i));
        }
    }
    buildSlots(rows);
}

void MemberGenerator::buildSlots(int rows)
{
    int onRoster = 0;
    Weighted<int> byRoster;
    for (const int unit : std::as_const(m_holding)) {
        onRoster += m_plan.units.at(unit).roster;
        byRoster.add(unit, m_plan.units.at(unit).roster);
    }

    QList<Fate> fates(onRoster, Fate::Settled);
    qsizetype next = 0;
    for (const auto& [fate, share] :
        { std::pair { Fate::Probationary, kProbationary }, std::pair { Fate::MovedIn, kMovedIn },
            std::pair { Fate::Away, kAway }, std::pair { Fate::ArrivedFromOutside, kArrivedFromOutside } })
        for (int k = quota(onRoster, share); k > 0 && next < fates.size(); --k)
            fates[next++] = fate;
    shuffle(m_rng, fates);

    QList<QList<Fate>> leavers(m_plan.units.size());
    const std::array leaving { Fate::Deceased, Fate::TransferredOut, Fate::StruckOff, Fate::Withdrew,
        Fate::Expelled };
    for (std::size_t r = 0; r < leaving.size(); ++r)
        for (int k = quota(rows, kLeaving.at(r)); k > 0; --k)
            leavers[byRoster.pick(m_rng)].append(leaving.at(r));

    next = 0;
    m_slots.reserve(rows);
    for (const int unit : std::as_const(m_holding)) {
        for (int k = 0; k < m_plan.units.at(unit).roster; ++k)
            m_slots.append({ unit, fates.at(next++) });
        for (const Fate fate : std::as_const(leavers.at(unit)))
            m_slots.append({ unit, fate });
    }
}

Result<GeneratedMember> MemberGenerator::next()
{
    const Slot slot = m_slots.at(m_position++);
    const PlannedUnit& unit = m_plan.units.at(slot.unit);
    const bool newMember = slot.fate == Fate::Probationary;

    GeneratedMember g;
    Member& m = g.member;
    m.id = m_position;
    m.orgUnitId = slot.unit + 1;
    m.gender = pickGender(m_rng, unit.profile);
    const AgeGroup group = newMember  ? AgeGroup::NewMember
        : slot.fate == Fate::Deceased ? AgeGroup::Deceased
                                      : AgeGroup::OfProfile;
    const int age = pickMemberAge(m_rng, unit.profile, group);
    m.birthDate = m_today.addYears(-age).addDays(-uniform(m_rng, 0, 364));
    const text::PersonName name = m_names.pick(m_rng, m.gender, m.birthDate.year());
    m.familyName = name.familyName;
    m.middleName = name.middleName;
    m.givenName = name.givenName;
    m.ethnicity = pickEthnicity(m_rng, unit.formerBinhPhuoc);
    m.religion = pickReligion(m_rng, m.ethnicity);
    m.hometown = pickHometown(m_rng, m.ethnicity);
    if (m.hometown == u"Đồng Nai" || chance(m_rng, kLocalBirth)) {
        const QString place = unit.place.isEmpty()
            ? m_places.at(uniform(m_rng, 0, static_cast<int>(m_places.size()) - 1))
            : unit.place;
        m.birthPlace = place + QStringLiteral(", Đồng Nai");
    } else {
        m.birthPlace = m.hometown;
    }
    admit(m, newMember, age);
    identify(m, unit.formerBinhPhuoc);
    fillEducation(m_rng, m, unit.profile, age, newMember);
    addHistory(g, slot.fate, unit, age);

    if (const QList<FieldError> errors = validateMember(m, m_today); !errors.isEmpty())
        return Error::invalid(QCoreApplication::translate(
            "DemoProvince", "Hồ sơ đảng viên mẫu số %1 không hợp lệ (%2): đây là lỗi của bộ tạo dữ liệu mẫu.")
                                  .arg(m.id)
                                  .arg(errors.first().message));
    return g;
}

void MemberGenerator::admit(Member& m, bool newMember, int age)
{
    const QDate earliest = earliestAdmissionDate(m.birthDate);
    if (newMember) {
        m.admittedOn = dayBetween(m_rng, std::max(earliest, m_admissionWindow), m_today);
        m.status = MemberStatus::Probationary;
        return;
    }
    // Members of the profiles' ages (20 and over) can all have been admitted a year ago or more. An age at
    // admission above the member's age is drawn again, or the recent years would collect the overflow.
    int ageAtAdmission = pickAdmissionAge(m_rng);
    for (int attempt = 0; ageAtAdmission >= age && attempt < 8; ++attempt)
        ageAtAdmission = pickAdmissionAge(m_rng);
    if (ageAtAdmission >= age)
        ageAtAdmission = uniform(m_rng, 18, std::max(18, age - 1));
    const QDate drawn = m.birthDate.addYears(ageAtAdmission).addDays(uniform(m_rng, 0, 364));
    m.admittedOn = std::clamp(drawn, earliest, std::max(earliest, m_latestOfficialAdmission));
    m.status = MemberStatus::Official;
    // Most are recognised on the day the probation ends; some a few weeks or months later.
    const int delay = chance(m_rng, 7000) ? uniform(m_rng, 0, 30) : uniform(m_rng, 31, 120);
    m.officialOn = std::min(earliestOfficialDate(m.admittedOn).addDays(delay), m_today);
}

void MemberGenerator::identify(Member& m, bool formerBinhPhuoc)
{
    // CCCD: province of registration, century and gender, year of birth, serial. Fictitious numbers.
    const int year = m.birthDate.year();
    const int centuryAndGender = (year >= 2000 ? 2 : 0) + (m.gender == Gender::Female ? 1 : 0);
    const qint64 head = (formerBinhPhuoc ? 70 : 75) * 1000 + centuryAndGender * 100 + year % 100;
    m.citizenId = digits(head, 6) + digits(freshSerial(m_rng, m_citizenIds, head), 6);
    // A card is issued once a member is official.
    const int cardPrefix = formerBinhPhuoc ? 70 : 75;
    if (m.status == MemberStatus::Official)
        m.cardNumber = QStringLiteral("%1.%2")
                           .arg(cardPrefix)
                           .arg(digits(freshSerial(m_rng, m_cardNumbers, cardPrefix), 6));
    m.profileNumber = digits(freshSerial(m_rng, m_profileNumbers, formerBinhPhuoc ? 1 : 0), 6)
        + (formerBinhPhuoc ? QStringLiteral("-BP") : QStringLiteral("-ĐN"));
}

MemberEvent MemberGenerator::event(qint64 memberId, MemberEventType type, QDate on) const
{
    return { 0, memberId, type, on, {}, true, std::nullopt, std::nullopt, {} };
}

QString MemberGenerator::decisionNumber(QDate on, const PlannedUnit& unit)
{
    // Before the 2025 reform a commune's members were admitted by the district committee (huyện ủy).
    const bool district = on < m_founded && !unit.place.isEmpty();
    return QStringLiteral("%1-QĐ/%2")
        .arg(uniform(m_rng, 1, 999))
        .arg(district ? QStringLiteral("HU") : QStringLiteral("ĐU"));
}

QDate MemberGenerator::recentDay(QDate notBefore)
{
    return dayBetween(m_rng, std::min(std::max(m_eventWindow, notBefore), m_today), m_today);
}

qint64 MemberGenerator::otherCell(int unit)
{
    const QList<int>& near = m_cellsOfUpper.at(m_upperOf.at(unit));
    const QList<int>& pool = near.size() > 1 && chance(m_rng, kSameUpper) ? near : m_holding;
    for (;;) {
        const int other = pool.at(uniform(m_rng, 0, static_cast<int>(pool.size()) - 1));
        if (other != unit)
            return other + 1;
    }
}

void MemberGenerator::addHistory(GeneratedMember& g, Fate fate, const PlannedUnit& unit, int age)
{
    Member& m = g.member;
    QList<MemberEvent>& events = g.events;
    const qint64 id = m.id;
    const qint64 cell = m.orgUnitId;

    if (fate == Fate::ArrivedFromOutside) {
        // The record starts with the transfer in; the admission happened in another province.
        MemberEvent arrival = event(id, MemberEventType::TransferIn, recentDay(m.officialOn.addDays(1)));
        arrival.toOrgUnitId = cell;
        arrival.note = QStringLiteral("Chuyển đến từ ") + pickOrigin(m_rng);
        events.append(arrival);
        return;
    }

    const qint64 admittedIn = fate == Fate::MovedIn ? otherCell(static_cast<int>(cell - 1)) : cell;
    MemberEvent admission = event(id, MemberEventType::Admission, m.admittedOn);
    admission.decisionNumber = decisionNumber(m.admittedOn, unit);
    admission.toOrgUnitId = admittedIn;
    events.append(admission);
    if (m.status == MemberStatus::Official) {
        MemberEvent official = event(id, MemberEventType::BecameOfficial, m.officialOn);
        official.decisionNumber = decisionNumber(m.officialOn, unit);
        events.append(official);
    }

    switch (fate) {
    case Fate::MovedIn: {
        MemberEvent move = event(id, MemberEventType::TransferOut, recentDay(m.admittedOn.addDays(1)));
        move.fromOrgUnitId = admittedIn;
        move.toOrgUnitId = cell;
        events.append(move);
        break;
    }
    case Fate::Away: {
        static const QStringList reasons { QStringLiteral("Đi học tập trung"), QStringLiteral("Đi công tác"),
            QStringLiteral("Đi làm ăn xa"), QStringLiteral("Điều trị bệnh dài ngày") };
        const qint64 host = chance(m_rng, kAwayInProvince) ? otherCell(static_cast<int>(cell - 1)) : 0;
        MemberEvent out = event(id, MemberEventType::TransferOut, recentDay(m.admittedOn.addDays(1)));
        out.permanent = false;
        out.fromOrgUnitId = cell;
        if (host > 0)
            out.toOrgUnitId = host;
        out.note = reasons.at(uniform(m_rng, 0, static_cast<int>(reasons.size()) - 1));
        events.append(out);
        if (out.occurredOn < m_today && chance(m_rng, kAwayReturned)) {
            MemberEvent back = event(
                id, MemberEventType::TransferIn, dayBetween(m_rng, out.occurredOn.addDays(1), m_today));
            back.permanent = false;
            if (host > 0)
                back.fromOrgUnitId = host;
            back.toOrgUnitId = cell;
            events.append(back);
        } else {
            m.temporaryOrgUnitId = host;
        }
        break;
    }
    case Fate::Settled:
        if (chance(m_rng, exemptionChance(age))) {
            const QDate from = std::max(m.officialOn, m.birthDate.addYears(60));
            m.exempt = true;
            m.exemptSince = dayBetween(m_rng, std::min(from, m_today), m_today);
            events.append(event(id, MemberEventType::Exemption, m.exemptSince));
        }
        break;
    case Fate::Probationary:
    case Fate::ArrivedFromOutside:
        break;
    default:
        addLeaving(g, fate, unit, age);
        break;
    }
    std::stable_sort(events.begin(), events.end(),
        [](const MemberEvent& a, const MemberEvent& b) { return a.occurredOn < b.occurredOn; });
}

void MemberGenerator::addLeaving(GeneratedMember& g, Fate fate, const PlannedUnit& unit, int age)
{
    Member& m = g.member;
    const QDate on = recentDay(m.officialOn.addDays(1));
    if (fate == Fate::Deceased && age >= 70 && chance(m_rng, kExemptBeforeDeath)) {
        const QDate from = std::min(std::max(m.officialOn, m.birthDate.addYears(60)), on);
        g.events.append(event(m.id, MemberEventType::Exemption, dayBetween(m_rng, from, on)));
    }
    MemberEvent leaving = event(m.id, MemberEventType::Deceased, on);
    switch (fate) {
    case Fate::Deceased:
        m.leftReason = LeaveReason::Deceased;
        break;
    case Fate::TransferredOut:
        leaving.type = MemberEventType::TransferOut;
        leaving.fromOrgUnitId = m.orgUnitId;
        leaving.note = QStringLiteral("Chuyển sinh hoạt đến ") + pickOrigin(m_rng);
        m.leftReason = LeaveReason::TransferredOut;
        break;
    case Fate::StruckOff:
        leaving.type = MemberEventType::StruckOff;
        leaving.decisionNumber = decisionNumber(on, unit);
        m.leftReason = LeaveReason::StruckOff;
        break;
    case Fate::Withdrew:
        leaving.type = MemberEventType::Withdrew;
        leaving.decisionNumber = decisionNumber(on, unit);
        m.leftReason = LeaveReason::Withdrew;
        break;
    default:
        leaving.type = MemberEventType::Expelled;
        leaving.decisionNumber = decisionNumber(on, unit);
        m.leftReason = LeaveReason::Expelled;
        break;
    }
    m.leftOn = on;
    g.events.append(leaving);
}

} // namespace sotay::demo
