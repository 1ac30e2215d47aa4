// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_tree_panel.h"

#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "text/vietnamese_text.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace sotay::widgets {

OrgTreeFilter::OrgTreeFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void OrgTreeFilter::setSearchText(const QString& text)
{
    const QString folded = text::fold(text);
    if (folded == m_folded)
        return;
    m_folded = folded;
    invalidateFilter();
}

bool OrgTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_folded.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, OrgTreeModel::NameColumn, sourceParent);
    return index.data(OrgTreeModel::SearchKeyRole).toString().contains(m_folded);
}

OrgTreePanel::OrgTreePanel(OrgTreeModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new OrgTreeFilter(this))
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    m_filter->setSourceModel(model);
    m_search->setPlaceholderText(tr("Tìm tổ chức theo tên hoặc mã (gõ không dấu cũng được)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Tìm tổ chức đảng"));
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Cây tổ chức đảng"));
    // Drop a unit on its new parent to move it; the move dialog then asks for the decision.
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view);
    connect(m_search, &QLineEdit::textChanged, this, &OrgTreePanel::search);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OrgTreePanel::takeCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_view->expandToDepth(0); });
    connect(m_model, &OrgTreeModel::moveRequested, this, &OrgTreePanel::confirmMove);

    // The operations, from the context menu or the keyboard; they go to the outbox, not straight to the tree.
    const auto addOperation
        = [this](const QString& text, const QKeySequence& shortcut, void (OrgTreePanel::*slot)()) {
              auto* action = new QAction(text, m_view);
              action->setShortcut(shortcut);
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              connect(action, &QAction::triggered, this, slot);
              m_view->addAction(action);
          };
    addOperation(
        tr("Thêm tổ chức trực thuộc..."), QKeySequence(Qt::Key_Insert), &OrgTreePanel::createUnderCurrent);
    addOperation(tr("Đổi tên..."), QKeySequence(Qt::Key_F2), &OrgTreePanel::renameCurrent);
    addOperation(tr("Chuyển sang nơi trực thuộc khác..."), QKeySequence(Qt::CTRL | Qt::Key_M),
        &OrgTreePanel::moveCurrent);
    addOperation(tr("Hợp nhất vào tổ chức khác..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
        &OrgTreePanel::mergeCurrent);
    addOperation(tr("Giải thể..."), QKeySequence(Qt::SHIFT | Qt::Key_Delete), &OrgTreePanel::dissolveCurrent);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

qint64 OrgTreePanel::currentUnitId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(OrgTreeModel::UnitIdRole).toLongLong() : 0;
}

void OrgTreePanel::createUnderCurrent()
{
    askOperation(OrgOperationDialog::Kind::Create, currentUnitId());
}

void OrgTreePanel::renameCurrent()
{
    askOperation(OrgOperationDialog::Kind::Rename, currentUnitId());
}

void OrgTreePanel::moveCurrent()
{
    askOperation(OrgOperationDialog::Kind::Move, currentUnitId());
}

void OrgTreePanel::mergeCurrent()
{
    askOperation(OrgOperationDialog::Kind::Merge, currentUnitId());
}

void OrgTreePanel::dissolveCurrent()
{
    askOperation(OrgOperationDialog::Kind::Dissolve, currentUnitId());
}

void OrgTreePanel::confirmMove(qint64 unitId, qint64 newParentId)
{
    if (m_model->canMoveUnder(unitId, newParentId))
        askOperation(OrgOperationDialog::Kind::Move, unitId, newParentId);
}

void OrgTreePanel::askOperation(OrgOperationDialog::Kind kind, qint64 unitId, qint64 targetId)
{
    const auto unit = m_model->unit(unitId);
    if (!unit)
        return;
    // What the rules allow, so that the list offers no choice the server would refuse for its shape: a new
    // parent that can hold this kind, or a unit of the same kind to merge into, never inside this unit.
    QList<OrgUnit> choices;
    if (kind == OrgOperationDialog::Kind::Move || kind == OrgOperationDialog::Kind::Merge)
        for (const OrgUnit& other : m_model->units()) {
            if (m_model->within(other.id, unit->id))
                continue;
            const bool fits = kind == OrgOperationDialog::Kind::Move
                ? m_model->canMoveUnder(unit->id, other.id)
                : other.kind == unit->kind;
            if (fits)
                choices.append(other);
        }
    OrgOperationDialog dialog(kind, *unit, choices, this);
    if (targetId != 0 && dialog.targetField())
        dialog.targetField()->setCurrentIndex(dialog.targetField()->findData(targetId));
    if (const auto operation = dialog.ask())
        emit operationRequested(*operation);
}

bool OrgTreePanel::selectUnit(qint64 unitId)
{
    const QModelIndex shown = m_filter->mapFromSource(m_model->indexOfUnit(unitId));
    if (!shown.isValid())
        return false;
    m_view->scrollTo(shown);
    m_view->selectionModel()->setCurrentIndex(
        shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void OrgTreePanel::search(const QString& text)
{
    m_filter->setSearchText(text);
    // A search shows where its matches stand; an empty one goes back to the first level.
    if (text::fold(text).isEmpty()) {
        m_view->collapseAll();
        m_view->expandToDepth(0);
    } else {
        m_view->expandAll();
    }
}

void OrgTreePanel::takeCurrent(const QModelIndex& current)
{
    if (current.isValid())
        emit unitChosen(current.data(OrgTreeModel::UnitIdRole).toLongLong());
}

} // namespace sotay::widgets
