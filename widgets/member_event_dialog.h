// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "member/member.h"
#include "member/member_event.h"
#include "org/org_unit.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sotay::widgets {

// Asks for what a change in a member's standing needs: the day, the decision number (where the rules want
// one), and for a transfer whether it is permanent and where to. The rules of the server are checked as the
// user types (validateEvent and the status machine), each message beside its field; OK stays off until
// the event fits the member.
class MemberEventDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberEventDialog)

public:
    // `cells` are the cells a transfer may go to; `today` bounds the date.
    MemberEventDialog(MemberEventType type, const Member& member, const QList<OrgUnit>& cells, QDate today,
        QWidget* parent = nullptr);

    // Shows the dialog and returns the event, or nothing when the user cancels.
    std::optional<MemberEvent> ask();
    MemberEvent memberEvent() const;

    QDateEdit* dateField() const { return m_date; }
    QLineEdit* decisionField() const { return m_decision; }
    QComboBox* permanenceField() const { return m_permanence; }
    QComboBox* targetField() const { return m_target; }
    QLineEdit* noteField() const { return m_note; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    // The message beside `field` (occurredOn, decisionNumber, toOrgUnitId or type); empty when none.
    QString errorText(const QString& field) const;

    // Tests: ask() hands the open dialog to `answer`, which fills it and returns whether to press OK.
    static void setTestAnswer(std::function<bool(MemberEventDialog&)> answer);

    // Whether `type` fits the member's state at all today (the menus offer only those).
    static bool fits(MemberEventType type, const Member& member, QDate today);

private:
    void check();
    bool targetChosen() const;

    MemberEventType m_type;
    Member m_member;
    QDate m_today;
    QDateEdit* m_date;
    QLineEdit* m_decision;
    QComboBox* m_permanence = nullptr;
    QComboBox* m_target = nullptr;
    QLineEdit* m_note;
    QLabel* m_typeError;
    QLabel* m_dateError;
    QLabel* m_decisionError;
    QLabel* m_targetError = nullptr;
    QDialogButtonBox* m_buttons;
};

} // namespace sotay::widgets
