// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org/org_unit.h"

#include <QDialog>
#include <QJsonObject>

#include <functional>
#include <optional>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sotay::widgets {

// A change to the tree as the outbox sends it: the request and the version it was made against.
struct OrgOperation {
    QString method;
    QString path;
    QJsonObject body;
    std::optional<qint64> ifMatch;
};

// Asks what a tree operation needs: for a new unit its kind, code and name, for a rename the new name, for
// a dissolution a confirmation; and for every one the decision number and the day it takes effect. OK stays
// off until every field is filled, and each missing field says so beside it.
class OrgOperationDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgOperationDialog)

public:
    enum class Kind { Create, Rename, Move, Merge, Dissolve };

    // `unit` is the unit acted on: the parent of the new unit for Create. `choices` are the units a Move may
    // go under or a Merge may go into, already narrowed to those the rules allow.
    OrgOperationDialog(
        Kind kind, const OrgUnit& unit, const QList<OrgUnit>& choices = {}, QWidget* parent = nullptr);

    // Shows the dialog and returns the operation, or nothing when the user cancels.
    std::optional<OrgOperation> ask();
    OrgOperation operation() const;

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* codeField() const { return m_code; }
    QComboBox* kindField() const { return m_kind; }
    QComboBox* targetField() const { return m_target; }
    QLineEdit* decisionField() const { return m_decision; }
    QDateEdit* effectiveField() const { return m_effective; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    QString problemText() const;

    // Tests: instead of waiting for a person, ask() hands the open dialog to `answer`, which fills it and
    // returns whether to press OK. Empty: ask() shows the dialog.
    static void setTestAnswer(std::function<bool(OrgOperationDialog&)> answer);

private:
    void check();

    Kind m_operation;
    OrgUnit m_unit;
    QComboBox* m_kind = nullptr;
    QComboBox* m_target = nullptr; // Move: the new parent; Merge: the unit that takes this one in
    QLineEdit* m_code = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_decision;
    QDateEdit* m_effective;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace sotay::widgets
