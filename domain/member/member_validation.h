// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"
#include "member/member_event.h"

#include <QDate>
#include <QList>

namespace sotay {

// Every failing field of `m` (not only the first), named as the Member struct names it, each with one
// Vietnamese sentence. `today` is the caller's date, so that "not in the future" is testable.
QList<FieldError> validateMember(const Member& m, QDate today);

// Every failing field of event `e` (`occurredOn`, `decisionNumber`) for member `m`. Whether the event
// fits the member's state is applyEvent's job (member_rules.h).
QList<FieldError> validateEvent(const Member& m, const MemberEvent& e, QDate today);

// Identifier formats; each is text and stays text (leading zeros kept, never a number).
bool isValidCitizenId(const QString& text);  // CCCD: exactly 12 ASCII digits
bool isValidCardNumber(const QString& text); // số thẻ: NN.NNNNNN
bool isValidProfileNumber(const QString& text); // số lý lịch: NNNNNN-XX, X an upper-case (Vietnamese) letter

// Events that must carry a decision number: expulsion, striking off, restoration, readmission and
// recognition as an official member.
bool eventRequiresDecisionNumber(MemberEventType type);

} // namespace sotay
