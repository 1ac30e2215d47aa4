// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"
#include "member/member_event.h"

#include <QDate>

namespace sotay {

// The dates the Party's rules derive from other dates. Month and year steps use QDate's arithmetic,
// which clamps to the end of a shorter month (31/08 + 6 months = 28/02 or 29/02); PostgreSQL's
// `+ interval` does the same, SQLite's date(..., '+6 months') does not.
QDate earliestAdmissionDate(QDate birthDate);   // the 18th birthday
QDate earliestOfficialDate(QDate admittedOn);   // 12 months of probation
QDate earliestEvaluationDate(QDate admittedOn); // a probationer is evaluated after 6 months

// Whether event `e` may be dated before the member's admittedOn: an admission, a readmission and the
// permanent transfer-in that creates a new record (m.id == 0) for a member admitted elsewhere.
bool eventMayPrecedeAdmission(const Member& m, const MemberEvent& e);

// The status machine: the member after event `e`, or Error::invalid with one FieldError (field `type`,
// `occurredOn` or `toOrgUnitId`) when the event does not fit the member's state. A record with id 0
// is new. Field-level checks of the result are validateMember's job, not this function's.
Result<Member> applyEvent(const Member& m, const MemberEvent& e);

// Denominators, each as of a date, on the record's current dates. Mirrored in SQL: keep in step.

// On the roster: admittedOn <= date and (leftOn is null or leftOn > date).
bool onRosterOn(const Member& m, QDate date);
// In usage figures: on the roster and not exempt (exempt and (exemptSince is null or exemptSince <= date)).
bool countsInUsage(const Member& m, QDate date);
// In attendance figures: the same members as countsInUsage (exempt members are out).
bool countsInAttendance(const Member& m, QDate date);
// In evaluation: countsInUsage, less probationers with admittedOn + 6 months > evaluatedOn.
bool countsInEvaluation(const Member& m, QDate evaluatedOn);

} // namespace sotay
