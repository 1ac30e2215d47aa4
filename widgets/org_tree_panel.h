// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org_operation_dialog.h"

#include <QDate>
#include <QSortFilterProxyModel>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTreeView;

namespace sotay::widgets {

class OrgTreeModel;

// Keeps the units whose code or name contains the folded search text, with the units above them.
class OrgTreeFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgTreeFilter)

public:
    explicit OrgTreeFilter(QObject* parent = nullptr);
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_folded;
};

// The organisation tree with its search box: the console's left-hand dock.
class OrgTreePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgTreePanel)

public:
    explicit OrgTreePanel(OrgTreeModel* model, QWidget* parent = nullptr);

    QLineEdit* searchBox() const { return m_search; }
    QTreeView* view() const { return m_view; }
    OrgTreeFilter* filter() const { return m_filter; }
    QCheckBox* asOfBox() const { return m_asOfBox; }
    QDateEdit* asOfDate() const { return m_asOfDate; }
    // The day whose tree is shown; none for today's tree (the one the operations change).
    std::optional<QDate> asOf() const;
    // Reflects the model after a load (operations off for a past tree).
    void showMode();
    // Selects a unit (and shows it); false when it is not in the tree or hidden by the search.
    bool selectUnit(qint64 unitId);

    // The tree operations on the current unit: each asks its dialog, then signals what to send.
    void createUnderCurrent();
    void renameCurrent();
    void moveCurrent();
    void mergeCurrent();
    void dissolveCurrent();
    // A unit dropped on another: the move dialog opens with the new parent chosen, for the decision and the
    // date, and the user's confirmation.
    void confirmMove(qint64 unitId, qint64 newParentId);
    // The dialog of operation `kind` on unit `unitId` of today's tree, as the operations above open it, then
    // prepared by `fill` (an operation the server refused, to correct): what the user asked, not signalled.
    // Nothing when cancelled, or when the tree shows a past day or lacks the unit.
    std::optional<OrgOperation> askAgain(
        OrgOperationDialog::Kind kind, qint64 unitId, const std::function<void(OrgOperationDialog&)>& fill);

signals:
    void unitChosen(qint64 unitId);
    // The user chose another day (or today's tree again): the tree is to be read again.
    void asOfChanged();
    void operationRequested(const sotay::widgets::OrgOperation& operation);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void search(const QString& text);
    void takeCurrent(const QModelIndex& current);
    qint64 currentUnitId() const;
    void askOperation(OrgOperationDialog::Kind kind, qint64 unitId, qint64 targetId = 0);
    std::optional<OrgOperation> runOperationDialog(OrgOperationDialog::Kind kind, qint64 unitId,
        qint64 targetId, const std::function<void(OrgOperationDialog&)>& fill);

    OrgTreeModel* m_model;
    OrgTreeFilter* m_filter;
    QLineEdit* m_search;
    QCheckBox* m_asOfBox;
    QDateEdit* m_asOfDate;
    QLabel* m_asOfNote;
    QTreeView* m_view;
    QList<QAction*> m_operations;
};

} // namespace sotay::widgets
