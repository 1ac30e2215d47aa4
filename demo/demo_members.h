// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "demo_data.h"
#include "demo_random.h"
#include "demo_tree.h"
#include "member/member.h"
#include "member/member_event.h"

#include <QDate>
#include <QList>
#include <QSet>

namespace sotay::demo {

// One member record as MemberRepository::create() stores it, and its events, oldest first: those the
// record implies (admission, recognition as official, exemption) and those of the last twelve months.
struct GeneratedMember {
    Member member;
    QList<MemberEvent> events;
};

// How many of `rows` member records are of members who left the rosters in the last twelve months.
int leaverCount(int rows);

// The members of a planned province, one at a time, so that 132,000 records never sit in memory at once.
// The rosters are those planProvince() sized; a member who left stays on the unit he or she left.
class MemberGenerator final {
public:
    // `founded`: the day the units were set up; moves between them happen after it.
    MemberGenerator(const ProvincePlan& plan, const NameGenerator& names, int rows, QDate today,
        QDate founded, quint32 seed);

    int count() const { return static_cast<int>(m_slots.size()); }
    // Record number `id` = 1, 2, ... in turn. An error is a bug of the generator: a record that
    // validateMember() refuses.
    Result<GeneratedMember> next();

private:
    enum class Fate : quint8 {
        Settled,
        Probationary,       // admitted in the last twelve months
        MovedIn,            // moved permanently from another cell during the year
        Away,               // took part temporarily somewhere else during the year
        ArrivedFromOutside, // moved in from another province during the year
        Deceased,
        TransferredOut,
        StruckOff,
        Withdrew,
        Expelled,
    };
    struct Slot {
        int unit;
        Fate fate;
    };

    void buildSlots(int rows);
    void admit(Member& m, bool newMember, int age);
    void identify(Member& m, bool formerBinhPhuoc);
    void addHistory(GeneratedMember& g, Fate fate, const PlannedUnit& unit, int age);
    void addLeaving(GeneratedMember& g, Fate fate, const PlannedUnit& unit, int age);
    MemberEvent event(qint64 memberId, MemberEventType type, QDate on) const;
    QString decisionNumber(QDate on, const PlannedUnit& unit);
    QDate recentDay(QDate notBefore);
    qint64 otherCell(int unit);

    const ProvincePlan& m_plan;
    const NameGenerator& m_names;
    Rng m_rng;
    QDate m_today;
    QDate m_founded;
    QDate m_admissionWindow; // the first day a probationer can have been admitted
    QDate m_eventWindow;     // the first day of this year's transfers and departures
    QDate m_latestOfficialAdmission;
    QList<Slot> m_slots;
    QList<int> m_holding;             // units with a roster
    QList<int> m_upperOf;             // per unit: the index of its upper committee
    QList<QList<int>> m_cellsOfUpper; // per unit index of an upper committee: its units with a roster
    QStringList m_places;
    QSet<qint64> m_citizenIds;
    QSet<qint64> m_cardNumbers;
    QSet<qint64> m_profileNumbers;
    int m_position = 0;
};

} // namespace sotay::demo
