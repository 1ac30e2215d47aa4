// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org_operation_dialog.h"
#include "org_tree_model.h"

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

// Keeps the units whose code or name contains the folded search text, with the units above them (to see
// where they stand) and every unit below them (so that a commune found by name still leads to its cells).
// What is shown is worked out once per search over the whole tree (OrgTreeModel::search), not per row.
class OrgTreeFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgTreeFilter)

public:
    explicit OrgTreeFilter(QObject* parent = nullptr);
    // The source must be an OrgTreeModel.
    void setSourceModel(QAbstractItemModel* model) override;
    void setSearchText(const QString& text);
    QString searchText() const { return m_folded; }
    // The units above a match (in the source model), parents first: the view expands these and no more.
    QList<QModelIndex> pathsToMatches() const;
    // Whether the unit at `sourceIndex` matches the search itself (not only lies above or below a match).
    bool matches(const QModelIndex& sourceIndex) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const OrgTreeModel::SearchResult& result() const;

    OrgTreeModel* m_tree = nullptr;
    QString m_folded;
    mutable OrgTreeModel::SearchResult m_result;
    mutable bool m_stale = true; // the search or the tree changed since m_result was worked out
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
    // The width that shows the names the users work with most (the province's units down to the grassroots
    // organisations), measured in the tree's font; at most two fifths of the screen.
    int preferredWidth() const;

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
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void search(const QString& text);
    // Expands the way to each match (a search), or the first level (no search).
    void showSearch();
    // From the search box into the results: the first match becomes current; `choose` also says so.
    bool enterResults();
    void tellWhyNot(const QString& reason);
    void takeCurrent(const QModelIndex& current);
    qint64 currentUnitId() const;
    void askOperation(OrgOperationDialog::Kind kind, qint64 unitId, qint64 targetId = 0);
    // False, after telling the user why, when the tree shows a past day or no such unit is chosen.
    bool canOperateOn(qint64 unitId);
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
