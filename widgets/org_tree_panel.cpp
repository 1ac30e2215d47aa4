// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_tree_panel.h"

#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "store/write_context.h"
#include "text/vietnamese_text.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
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
    , m_asOfBox(new QCheckBox(this))
    , m_asOfDate(new QDateEdit(WriteContext::todayInVietnam(), this))
    , m_asOfNote(new QLabel(this))
    , m_view(new QTreeView(this))
{
    m_filter->setSourceModel(model);
    m_search->setClearButtonEnabled(true);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
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
    auto* asOfRow = new QHBoxLayout;
    asOfRow->addWidget(m_asOfBox);
    asOfRow->addWidget(m_asOfDate, 1);
    layout->addLayout(asOfRow);
    layout->addWidget(m_asOfNote);
    layout->addWidget(m_view);
    m_asOfDate->setCalendarPopup(true);
    m_asOfDate->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_asOfDate->setMaximumDate(WriteContext::todayInVietnam());
    m_asOfDate->setEnabled(false);
    m_asOfNote->setWordWrap(true);
    m_asOfNote->setStyleSheet(QStringLiteral("background: #e0f2fe; padding: 4px"));
    m_asOfNote->hide();
    connect(m_asOfBox, &QCheckBox::toggled, this, [this](bool on) {
        m_asOfDate->setEnabled(on);
        emit asOfChanged();
    });
    connect(m_asOfDate, &QDateEdit::dateChanged, this, [this] {
        if (m_asOfBox->isChecked())
            emit asOfChanged();
    });
    connect(m_search, &QLineEdit::textChanged, this, &OrgTreePanel::search);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OrgTreePanel::takeCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandToDepth(0);
        showMode();
    });
    connect(m_model, &OrgTreeModel::moveRequested, this, &OrgTreePanel::confirmMove);

    // The operations, from the context menu or the keyboard; they go to the outbox, not straight to the tree.
    const auto addOperation = [this](const QKeySequence& shortcut, void (OrgTreePanel::*slot)()) {
        auto* action = new QAction(m_view);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
        m_operations.append(action);
    };
    addOperation(QKeySequence(Qt::Key_Insert), &OrgTreePanel::createUnderCurrent);
    addOperation(QKeySequence(Qt::Key_F2), &OrgTreePanel::renameCurrent);
    addOperation(QKeySequence(Qt::CTRL | Qt::Key_M), &OrgTreePanel::moveCurrent);
    addOperation(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), &OrgTreePanel::mergeCurrent);
    addOperation(QKeySequence(Qt::SHIFT | Qt::Key_Delete), &OrgTreePanel::dissolveCurrent);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    retranslate();
}

void OrgTreePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OrgTreePanel::retranslate()
{
    m_search->setPlaceholderText(tr("Tìm tổ chức theo tên hoặc mã (gõ không dấu cũng được)"));
    m_search->setAccessibleName(tr("Tìm tổ chức đảng"));
    m_view->setAccessibleName(tr("Cây tổ chức đảng"));
    m_asOfBox->setText(tr("Cây tại &ngày:"));
    m_asOfBox->setToolTip(
        tr("Xem cây tổ chức như đã có vào một ngày trước đây (trước các lần chia tách, hợp nhất, "
           "đổi tên)."));
    m_asOfDate->setAccessibleName(tr("Ngày của cây tổ chức"));
    // In the order addOperation() made them.
    const QStringList texts { tr("Thêm tổ chức trực thuộc..."), tr("Đổi tên..."),
        tr("Chuyển sang nơi trực thuộc khác..."), tr("Hợp nhất vào tổ chức khác..."), tr("Giải thể...") };
    for (int i = 0; i < texts.size() && i < m_operations.size(); ++i)
        m_operations[i]->setText(texts[i]);
    showMode();
}

std::optional<QDate> OrgTreePanel::asOf() const
{
    if (!m_asOfBox->isChecked())
        return std::nullopt;
    return m_asOfDate->date();
}

void OrgTreePanel::showMode()
{
    const auto shownDay = m_model->asOf();
    for (QAction* action : std::as_const(m_operations))
        action->setEnabled(!shownDay);
    m_asOfNote->setText(shownDay
            ? tr("Cây tổ chức ngày %1: chỉ để xem, không có số đảng viên. Danh sách đảng viên "
                 "bên phải là danh sách hiện tại.")
                  .arg(shownDay->toString(QStringLiteral("dd/MM/yyyy")))
            : QString());
    m_asOfNote->setVisible(shownDay.has_value());
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
    if (const auto operation = runOperationDialog(kind, unitId, targetId, {}))
        emit operationRequested(*operation);
}

std::optional<OrgOperation> OrgTreePanel::askAgain(
    OrgOperationDialog::Kind kind, qint64 unitId, const std::function<void(OrgOperationDialog&)>& fill)
{
    return runOperationDialog(kind, unitId, 0, fill);
}

std::optional<OrgOperation> OrgTreePanel::runOperationDialog(OrgOperationDialog::Kind kind, qint64 unitId,
    qint64 targetId, const std::function<void(OrgOperationDialog&)>& fill)
{
    if (m_model->asOf())
        return std::nullopt; // a past tree is not changed
    const auto unit = m_model->unit(unitId);
    if (!unit)
        return std::nullopt;
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
    if (fill)
        fill(dialog);
    return dialog.ask();
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
