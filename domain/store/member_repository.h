// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"
#include "member/member_event.h"
#include "store/write_context.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace sotay {

// A page of a roster in Vietnamese name order; `next` continues after the last row.
struct MemberPage {
    QList<Member> members;
    QString next; // empty on the last page
};

// A member's place in a roster: its sort key (Vietnamese name order) and id.
struct RosterEntry {
    QString sortKey;
    qint64 id = 0;
    // As the order was read; not part of the cursor. What a text search looks in, as the roster query does:
    // the folded name (any part) and the card number (its start).
    qint64 version = 0;
    QString nameFolded;
    QString cardNumber;
};

// The opaque `after` cursor of a roster page, and back (nullopt for anything this code did not make).
QString rosterCursor(const RosterEntry& last);
std::optional<RosterEntry> parseRosterCursor(const QString& cursor);
// The error for a cursor parseRosterCursor refused, naming the field "after".
Error invalidCursor();

struct MemberQuery {
    qint64 orgUnitId = 0;
    bool subtree = false;
    QString text; // matched without diacritics against the full name, and as a prefix of the card number
    std::optional<MemberStatus> status;
    bool includeLeft = false;
    int limit = 50;
    QString after; // a cursor from MemberPage::next
};

// Members and their events. Status, unit, exemption and leaving change only through recordEvent();
// update() corrects the record itself. Every write is one transaction with its change-feed row.
class MemberRepository final {
public:
    explicit MemberRepository(const QSqlDatabase& db);

    Result<Member> find(qint64 id) const;
    Result<MemberPage> list(const MemberQuery& query) const;
    // Every member the query matches (limit and cursor aside), in roster order: for callers that keep the
    // order and read pages of it.
    Result<QList<RosterEntry>> rosterOrder(const MemberQuery& query) const;
    // These members in no particular order (absent ids are left out).
    Result<QList<Member>> findMany(const QList<qint64>& ids) const;
    Result<QList<MemberEvent>> events(qint64 memberId) const;

    // The rows a roster query selects (limit and cursor aside), as SQL to follow "SELECT <columns>" with
    // member `m` and its unit `u`: for callers that read a roster their own way (the console's roster).
    struct RosterSelection {
        QString from; // " FROM member m JOIN org_unit u ... WHERE ..."
        QVariantList values;
    };
    Result<RosterSelection> rosterSelection(const MemberQuery& query) const;

    // A new record, arriving by `arrival` (an admission, or a permanent transfer in from outside the
    // province).
    Result<Member> create(const Member& member, const MemberEvent& arrival, const WriteContext& context);
    // Corrects the record; `expectedVersion` must be the version the caller read, or the answer is a
    // conflict.
    Result<Member> update(const Member& member, qint64 expectedVersion, const WriteContext& context);
    Result<Member> recordEvent(qint64 memberId, const MemberEvent& event,
        std::optional<qint64> expectedVersion, const WriteContext& context);

    QSqlDatabase m_db;
};

} // namespace sotay
