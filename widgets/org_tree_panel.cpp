// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_tree_panel.h"

#include "day_edit.h"
#include "message_box.h"
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
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace sotay::widgets {
namespace {

// The tree's view, able to open many units at once: one layout for all of them, where QTreeView::expand()
// lays the view out again for each (a search for "chi bộ" opens hundreds).
class OrgTreeView final : public QTreeView {
    Q_DISABLE_COPY_MOVE(OrgTreeView)

public:
    using QTreeView::QTreeView;

    void expandOnly(const QList<QModelIndex>& sourceIndexes, const QSortFilterProxyModel& filter)
    {
        collapseAll();
        scheduleDelayedItemsLayout(); // expand() then only notes each unit
        for (const QModelIndex& index : sourceIndexes)
            expand(filter.mapFromSource(index));
    }
};

} // namespace

OrgTreeFilter::OrgTreeFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // What is shown already includes the units above each match: no recursive walk per row.
    setRecursiveFilteringEnabled(false);
}

void OrgTreeFilter::setSourceModel(QAbstractItemModel* model)
{
    if (m_tree)
        disconnect(m_tree, nullptr, this, nullptr);
    m_tree = qobject_cast<OrgTreeModel*>(model);
    Q_ASSERT(m_tree || !model);
    m_stale = true;
    if (m_tree)
        connect(m_tree, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_stale = true; });
    QSortFilterProxyModel::setSourceModel(model);
}

void OrgTreeFilter::setSearchText(const QString& text)
{
    const QString folded = text::fold(text);
    if (folded == m_folded)
        return;
    m_folded = folded;
    m_stale = true;
    invalidateFilter();
}

const OrgTreeModel::SearchResult& OrgTreeFilter::result() const
{
    if (m_stale && m_tree) {
        m_result = m_tree->search(m_folded);
        m_stale = false;
    }
    return m_result;
}

QList<QModelIndex> OrgTreeFilter::pathsToMatches() const
{
    QList<QModelIndex> paths;
    if (m_folded.isEmpty() || !m_tree)
        return paths;
    for (const int position : result().aboveMatches)
        paths.append(m_tree->indexAtPosition(position));
    return paths;
}

bool OrgTreeFilter::matches(const QModelIndex& sourceIndex) const
{
    return !m_folded.isEmpty() && sourceIndex.data(OrgTreeModel::SearchKeyRole).toString().contains(m_folded);
}

bool OrgTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_folded.isEmpty() || !m_tree)
        return true;
    const QModelIndex index = m_tree->index(sourceRow, OrgTreeModel::NameColumn, sourceParent);
    const auto position = static_cast<std::size_t>(index.internalId());
    const auto& shown = result().shown;
    return position < shown.size() && shown[position] != 0;
}

OrgTreePanel::OrgTreePanel(OrgTreeModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new OrgTreeFilter(this))
    , m_search(new QLineEdit(this))
    , m_asOfBox(new QCheckBox(this))
    , m_asOfDate(new DayEdit(WriteContext::todayInVietnam(), this))
    , m_asOfNote(new QLabel(this))
    , m_view(new OrgTreeView(this))
{
    m_filter->setSourceModel(model);
    m_search->setClearButtonEnabled(true);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    // The part of a name that tells units apart shows first; a name too long for the dock keeps both ends.
    m_view->setTextElideMode(Qt::ElideMiddle);
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
    m_asOfDate->setEnabled(false);
    // A typed day is taken once it is complete (Enter or leaving the field), not at each keystroke: the
    // tree is read again for it, and a day half typed is no day to read.
    m_asOfDate->setKeyboardTracking(false);
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
    m_search->installEventFilter(this);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OrgTreePanel::takeCurrent);
    connect(m_view, &QAbstractItemView::activated, this, &OrgTreePanel::takeCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        showSearch();
        showMode();
    });
    // Search, then the day, then the tree.
    setTabOrder(m_search, m_asOfBox);
    setTabOrder(m_asOfBox, m_asOfDate);
    setTabOrder(m_asOfDate, m_view);
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
    // A day to come shows the tree as it stands (no limit on the field: see DayEdit).
    return std::min(m_asOfDate->date(), WriteContext::todayInVietnam());
}

void OrgTreePanel::showMode()
{
    const auto shownDay = m_model->asOf();
    const QDate firstDay = m_model->firstRecordedDay();
    const QString format = QStringLiteral("dd/MM/yyyy");
    // No day before the replica's recorded history can be chosen; the note says from when it runs.
    if (firstDay.isValid() && m_asOfDate->minimumDate() != firstDay) {
        const QSignalBlocker quiet(m_asOfDate);
        const QDate before = m_asOfDate->date();
        m_asOfDate->setMinimumDate(firstDay);
        if (m_asOfDate->date() != before && m_asOfBox->isChecked())
            QMetaObject::invokeMethod(this, &OrgTreePanel::asOfChanged, Qt::QueuedConnection);
    }
    const QString history = firstDay.isValid()
        ? tr("Cây tổ chức chỉ có dữ liệu từ ngày %1.").arg(firstDay.toString(format))
        : tr("Máy này chưa có lịch sử của cây tổ chức: hãy đồng bộ trước.");
    m_asOfDate->setToolTip(history);
    QString note;
    if (shownDay)
        note = tr("Cây tổ chức ngày %1: chỉ để xem, không có số đảng viên. Danh sách đảng viên "
                  "bên phải là danh sách hiện tại.")
                   .arg(shownDay->toString(format))
            + u' ' + history;
    m_asOfNote->setText(note);
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

void OrgTreePanel::tellWhyNot(const QString& reason)
{
    MessageBox::information(this, tr("Thay đổi cây tổ chức"), reason);
}

void OrgTreePanel::askOperation(OrgOperationDialog::Kind kind, qint64 unitId, qint64 targetId)
{
    if (!canOperateOn(unitId))
        return;
    if (const auto operation = runOperationDialog(kind, unitId, targetId, {}))
        emit operationRequested(*operation);
}

std::optional<OrgOperation> OrgTreePanel::askAgain(
    OrgOperationDialog::Kind kind, qint64 unitId, const std::function<void(OrgOperationDialog&)>& fill)
{
    if (!canOperateOn(unitId))
        return std::nullopt;
    return runOperationDialog(kind, unitId, 0, fill);
}

bool OrgTreePanel::canOperateOn(qint64 unitId)
{
    if (const auto shownDay = m_model->asOf()) {
        // A past tree is not changed.
        tellWhyNot(tr("Cây tổ chức đang hiện ngày %1, chỉ để xem. Bỏ chọn \"Cây tại ngày\" để thay đổi cây "
                      "tổ chức hiện tại.")
                       .arg(shownDay->toString(QStringLiteral("dd/MM/yyyy"))));
        return false;
    }
    if (!m_model->unit(unitId)) {
        tellWhyNot(tr("Chưa chọn tổ chức nào. Hãy chọn một tổ chức trên cây (có thể tìm theo tên hoặc mã) "
                      "rồi làm lại."));
        return false;
    }
    return true;
}

std::optional<OrgOperation> OrgTreePanel::runOperationDialog(OrgOperationDialog::Kind kind, qint64 unitId,
    qint64 targetId, const std::function<void(OrgOperationDialog&)>& fill)
{
    const auto unit = m_model->unit(unitId);
    if (m_model->asOf() || !unit)
        return std::nullopt; // canOperateOn() has said why
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
    OrgOperationDialog dialog(kind, *unit, choices, m_model, this);
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
    showSearch();
}

void OrgTreePanel::showSearch()
{
    // A search opens the way to its matches and leaves their own subtrees closed; no search shows the
    // first level.
    if (m_filter->searchText().isEmpty()) {
        m_view->collapseAll();
        m_view->expandToDepth(0);
        return;
    }
    static_cast<OrgTreeView*>(m_view)->expandOnly(m_filter->pathsToMatches(), *m_filter);
}

bool OrgTreePanel::enterResults()
{
    // The first match in the order shown (else the first unit shown).
    QModelIndex first;
    QList<QModelIndex> pending { QModelIndex() };
    if (m_filter->searchText().isEmpty())
        pending.clear();
    while (!pending.isEmpty() && !first.isValid()) {
        const QModelIndex parent = pending.takeFirst();
        for (int row = m_filter->rowCount(parent) - 1; row >= 0; --row)
            pending.prepend(m_filter->index(row, OrgTreeModel::NameColumn, parent));
        if (parent.isValid() && m_filter->matches(m_filter->mapToSource(parent)))
            first = parent;
    }
    if (!first.isValid())
        first = m_filter->index(0, OrgTreeModel::NameColumn);
    if (!first.isValid())
        return false;
    m_view->setFocus(Qt::TabFocusReason);
    if (m_view->currentIndex() != first) {
        m_view->scrollTo(first);
        m_view->selectionModel()->setCurrentIndex(
            first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else {
        takeCurrent(first);
    }
    return true;
}

bool OrgTreePanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) && enterResults())
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

int OrgTreePanel::preferredWidth() const
{
    // The widest name down to the province's direct units (the communes, wards and blocs), and nine in ten
    // of the grassroots organisations below them; the cells further down are elided in the middle, with
    // their whole names in the tooltip.
    const QFontMetrics metrics(m_view->font());
    const int indentation = m_view->indentation();
    int widest = 0;
    QList<int> grassroots;
    QList<std::pair<QModelIndex, int>> pending { { QModelIndex(), -1 } };
    while (!pending.isEmpty()) {
        const auto [parent, depth] = pending.takeLast();
        if (parent.isValid()) {
            const int width = indentation * (depth + 1) + metrics.horizontalAdvance(parent.data().toString());
            if (depth <= 1)
                widest = std::max(widest, width);
            else
                grassroots.append(width);
        }
        if (depth < 2)
            for (int row = 0; row < m_model->rowCount(parent); ++row)
                pending.append({ m_model->index(row, OrgTreeModel::NameColumn, parent), depth + 1 });
    }
    if (!grassroots.isEmpty()) {
        std::sort(grassroots.begin(), grassroots.end());
        widest = std::max(widest, grassroots.at(grassroots.size() * 9 / 10));
    }
    if (widest == 0) // nothing read yet: a name as long as a commune's
        widest = indentation * 2 + metrics.horizontalAdvance(QStringLiteral("phường Long Khánh Bình Phước"));
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    const int gap = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) * 2 + 8;
    const int members = metrics.horizontalAdvance(QLocale().toString(qint64 { 9999999 })) + 2 * gap;
    const int chrome = 2 * m_view->frameWidth() + m_view->verticalScrollBar()->sizeHint().width()
        + layout()->contentsMargins().left() + layout()->contentsMargins().right();
    int width = widest + icon + gap + members + chrome;
    if (const QScreen* shown = screen())
        width = std::min(width, shown->availableGeometry().width() * 2 / 5);
    return std::max(width, minimumSizeHint().width());
}

void OrgTreePanel::takeCurrent(const QModelIndex& current)
{
    if (current.isValid())
        emit unitChosen(current.data(OrgTreeModel::UnitIdRole).toLongLong());
}

} // namespace sotay::widgets
