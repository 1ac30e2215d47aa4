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

class OrgTreeModel;

// A change to the tree as the outbox sends it: the request and the version it was made against.
struct OrgOperation {
    QString method;
    QString path;
    QJsonObject body;
    std::optional<qint64> ifMatch;
};

// Asks what a tree operation needs: for a new unit its kind, code and name, for a rename the new name, for
// a dissolution a confirmation; and for every one the decision number and the day it takes effect. What the
// replica knows is checked before sending with the domain's own checks (org/org_rules.h), so a refusal reads
// as the server's would: each message beside its field (or under the fields when it concerns the whole
// operation), and OK stays off until nothing is wrong.
class OrgOperationDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgOperationDialog)

public:
    enum class Kind { Create, Rename, Move, Merge, Dissolve };

    // `unit` is the unit acted on: the parent of the new unit for Create. `choices` are the units a Move may
    // go under or a Merge may go into. `tree` (if any) is today's tree, for what the checks need to know:
    // the unit's sub-units and members, what lies below it, and the newest change recorded.
    OrgOperationDialog(Kind kind, const OrgUnit& unit, const QList<OrgUnit>& choices = {},
        const OrgTreeModel* tree = nullptr, QWidget* parent = nullptr);

    // Shows the dialog and returns the operation, or nothing when the user cancels.
    std::optional<OrgOperation> ask();
    OrgOperation operation() const;

    Kind kind() const { return m_operation; }
    QLineEdit* nameField() const { return m_name; }
    QLineEdit* codeField() const { return m_code; }
    QComboBox* kindField() const { return m_kind; }
    QComboBox* targetField() const { return m_target; }
    QLineEdit* decisionField() const { return m_decision; }
    QDateEdit* effectiveField() const { return m_effective; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    // Every message shown (beside the fields and under them), one a line.
    QString problemText() const;

    // Tests: instead of waiting for a person, ask() hands the open dialog to `answer`, which fills it and
    // returns whether to press OK. Empty: ask() shows the dialog.
    static void setTestAnswer(std::function<bool(OrgOperationDialog&)> answer);

private:
    void check();
    std::optional<OrgUnit> chosenTarget() const;

    Kind m_operation;
    OrgUnit m_unit;
    const OrgTreeModel* m_tree;
    QList<OrgUnit> m_choices;
    QComboBox* m_kind = nullptr;
    QComboBox* m_target = nullptr; // Move: the new parent; Merge: the unit that takes this one in
    QLineEdit* m_code = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_decision;
    QDateEdit* m_effective;
    QLabel* m_kindError = nullptr;
    QLabel* m_codeError = nullptr;
    QLabel* m_nameError = nullptr;
    QLabel* m_targetError = nullptr;
    QLabel* m_decisionError;
    QLabel* m_effectiveError;
    QLabel* m_problem; // what concerns the whole operation
    QDialogButtonBox* m_buttons;
};

} // namespace sotay::widgets
