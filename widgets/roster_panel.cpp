// SPDX-License-Identifier: GPL-3.0-or-later
#include "roster_panel.h"

#include "combo_texts.h"
#include "flow_layout.h"
#include "member_labels.h"
#include "message_box.h"
#include "roster_model.h"
#include "store/database.h"
#include "store/sql.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QSqlDatabase>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>
#include <set>

namespace sotay::widgets {
namespace {

const QString kHeaderKey = QStringLiteral("roster/header");
const QString kHeaderColumnsKey
    = QStringLiteral("roster/headerColumns"); // how many columns it was saved with

// A filter's choices by value; their texts come from retranslate().
QComboBox* choices(QWidget* parent, const QList<int>& values)
{
    auto* box = new QComboBox(parent);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents); // the texts change with the language
    for (const int value : values)
        box->addItem(QString(), value);
    return box;
}

void nameChoices(QComboBox* box, const QString& accessibleName, const QStringList& texts)
{
    box->setAccessibleName(accessibleName);
    setComboTexts(box, texts);
}

} // namespace

RosterPanel::RosterPanel(RosterModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_status(choices(this, { -1, 1, 0 }))
    , m_gender(choices(this, { -1, 0, 1 }))
    , m_exempt(choices(this, { -1, 0, 1 }))
    , m_age(choices(this, { -1, 0, 1, 2, 3, 4 }))
    , m_category(choices(this, { 0 }))
    , m_subtree(new QCheckBox(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_search->setClearButtonEnabled(true);
    m_subtree->setChecked(true);

    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // Fixed row heights keep scrolling through 200,000 rows smooth.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(RosterModel::NameColumn, 220);
    header->resizeSection(RosterModel::UnitColumn, 260);
    header->setStretchLastSection(true);
    // The columns beyond the default nine wait in the column chooser, and so does any column added since the
    // user's arrangement was saved (a state from before they existed restores them shown).
    const QSettings settings;
    const bool restored = header->restoreState(settings.value(kHeaderKey).toByteArray());
    const int known = restored
        ? settings.value(kHeaderColumnsKey, int(RosterModel::DefaultColumnCount)).toInt()
        : int(RosterModel::DefaultColumnCount);
    for (int column = std::max(known, 1); column < RosterModel::ColumnCount; ++column)
        header->setSectionHidden(column, true);
    for (int column = 0; column < RosterModel::ColumnCount; ++column)
        if (RosterModel::isSensitive(column) && !m_model->sensitiveShown())
            header->setSectionHidden(column, true);
    readWhatIsShown();

    m_copy = new QAction(m_view);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    // The search on a row of its own; the filters after it, wrapping onto more rows on a narrow window.
    auto* filters = new FlowLayout;
    for (QWidget* box : { static_cast<QWidget*>(m_status), static_cast<QWidget*>(m_gender),
             static_cast<QWidget*>(m_exempt), static_cast<QWidget*>(m_age), static_cast<QWidget*>(m_category),
             static_cast<QWidget*>(m_subtree) })
        filters->addWidget(box);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, this, &RosterPanel::applyFilter);
    m_search->installEventFilter(this); // Down and Enter reach the results
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit memberActivated(index.data(RosterModel::MemberIdRole).toLongLong());
    });
    for (QComboBox* box : { m_status, m_gender, m_exempt, m_age, m_category })
        connect(box, &QComboBox::currentIndexChanged, this, &RosterPanel::applyFilter);
    connect(m_subtree, &QCheckBox::toggled, this, &RosterPanel::reload);
    connect(m_copy, &QAction::triggered, this, &RosterPanel::copySelection);
    connect(header, &QHeaderView::customContextMenuRequested, this, &RosterPanel::chooseColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RosterPanel::updateCount);
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, &RosterPanel::fitHeaders);
    retranslate();
    fitHeaders();
}

void RosterPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool RosterPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const int code = key->key();
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier)
            if (code == Qt::Key_Down || code == Qt::Key_Return || code == Qt::Key_Enter) {
                searchKeyPressed(code);
                return true;
            }
    }
    return QWidget::eventFilter(watched, event);
}

void RosterPanel::searchKeyPressed(int key)
{
    if (m_model->rowCount() == 0) {
        // Never silent: say why nothing opens, where the user is looking.
        QToolTip::showText(m_search->mapToGlobal(QPoint(0, m_search->height())),
            tr("Không có đảng viên nào khớp với nội dung tìm và các bộ lọc đang chọn."), m_search);
        return;
    }
    QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isSelected(current)) {
        const QHeaderView* header = m_view->horizontalHeader();
        int column = 0; // the first column shown
        for (int visual = header->count() - 1; visual >= 0; --visual)
            if (!header->isSectionHidden(header->logicalIndex(visual)))
                column = header->logicalIndex(visual);
        current = m_model->index(0, column);
        m_view->selectionModel()->setCurrentIndex(
            current, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    m_view->scrollTo(current);
    if (key == Qt::Key_Down)
        m_view->setFocus(Qt::TabFocusReason);
    else
        emit memberActivated(current.data(RosterModel::MemberIdRole).toLongLong());
}

void RosterPanel::retranslate()
{
    m_search->setPlaceholderText(tr("Tìm theo họ tên hoặc số thẻ đảng (gõ không dấu cũng được)"));
    m_search->setAccessibleName(tr("Tìm đảng viên"));
    m_search->setMinimumWidth(
        std::min(360, m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40));
    nameChoices(m_status, tr("Lọc theo loại đảng viên"),
        { tr("Chính thức và dự bị"), memberStatusLabel(MemberStatus::Official),
            memberStatusLabel(MemberStatus::Probationary) });
    nameChoices(m_gender, tr("Lọc theo giới tính"),
        { tr("Nam và nữ"), genderLabel(Gender::Male), genderLabel(Gender::Female) });
    nameChoices(m_exempt, tr("Lọc theo miễn sinh hoạt"),
        { tr("Kể cả miễn sinh hoạt"), tr("Không miễn sinh hoạt"), tr("Chỉ miễn sinh hoạt") });
    nameChoices(m_age, tr("Lọc theo độ tuổi"),
        { tr("Mọi độ tuổi"), tr("Dưới 31 tuổi"), tr("31 đến 40 tuổi"), tr("41 đến 50 tuổi"),
            tr("51 đến 60 tuổi"), tr("Trên 60 tuổi") });
    nameChoices(m_category, tr("Lọc theo loại hình cơ sở"), { tr("Mọi loại hình cơ sở") });
    m_subtree->setText(tr("Cả các tổ chức trực thuộc"));
    m_view->setAccessibleName(tr("Danh sách đảng viên"));
    m_copy->setText(tr("Chép các dòng đã chọn"));
    updateCount();
    // The cells' texts (gender, status…) and numbers are read again in the new language.
    m_view->viewport()->update();
}

RosterPanel::~RosterPanel()
{
    QSettings settings;
    settings.setValue(kHeaderKey, m_view->horizontalHeader()->saveState());
    settings.setValue(kHeaderColumnsKey, int(RosterModel::ColumnCount));
}

void RosterPanel::showUnit(const QSqlDatabase& db, qint64 unitId, const QString& unitName)
{
    m_connection = db.connectionName();
    ++m_generation;
    m_title->setText(unitName);
    fillCategories(db);
    load(db, unitId);
}

void RosterPanel::fillCategories(const QSqlDatabase& db)
{
    auto query = sql::exec(db, QStringLiteral("SELECT id, name FROM org_category ORDER BY name"));
    if (!query)
        return; // the filter keeps its choices; the roster itself says what went wrong
    QList<std::pair<qint64, QString>> categories;
    while (query->next())
        categories.append({ query->value(0).toLongLong(), query->value(1).toString() });
    if (m_category->count() == categories.size() + 1) {
        bool same = true;
        for (int i = 0; i < categories.size() && same; ++i)
            same = m_category->itemData(i + 1).toLongLong() == categories[i].first
                && m_category->itemText(i + 1) == categories[i].second;
        if (same)
            return;
    }
    const qint64 chosen = m_category->currentData().toLongLong();
    const QSignalBlocker quiet(m_category);
    while (m_category->count() > 1)
        m_category->removeItem(1);
    for (const auto& [id, name] : categories)
        m_category->addItem(name, id);
    m_category->setCurrentIndex(std::max(0, m_category->findData(chosen)));
    applyFilter();
}

void RosterPanel::refresh(const QString& unitName)
{
    if (m_connection.isEmpty())
        return;
    m_title->setText(unitName);
    fillCategories(QSqlDatabase::database(m_connection, false)); // a sync may have brought new ones
    const QString file = QSqlDatabase::database(m_connection, false).databaseName();
    const qint64 unitId = m_model->unitId();
    const bool subtree = m_subtree->isChecked();
    const RosterModel::Reading reading = m_model->reading();
    const quint64 generation = ++m_generation;
    ++m_refreshing;
    using Read = std::shared_ptr<Result<RosterModel::Snapshot>>;
    auto* watcher = new QFutureWatcher<Read>(this);
    connect(watcher, &QFutureWatcher<Read>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_refreshing;
        const Read read = watcher->result();
        if (generation != m_generation)
            return; // the user chose another unit meanwhile
        if (!*read)
            MessageBox::warning(this, tr("Không đọc được danh sách đảng viên"), read->error().message);
        else
            m_model->take(std::move(**read));
        emit refreshed();
    });
    watcher->setFuture(QtConcurrent::run([file, unitId, subtree, reading, cipher = m_cipher]() -> Read {
        static std::atomic<int> readers { 0 };
        const QString connection = QStringLiteral("sotay-roster-read-%1").arg(++readers);
        Read read;
        {
            auto db = openDatabase(DatabaseConfig::sqlite(file), connection);
            read = std::make_shared<Result<RosterModel::Snapshot>>(db
                    ? RosterModel::read(
                        *db, unitId, subtree, QDate::currentDate(), reading, cipher ? &*cipher : nullptr)
                    : Result<RosterModel::Snapshot>(db.error()));
        }
        closeDatabase(connection);
        return read;
    }));
}

void RosterPanel::setCipher(const FieldCipher& cipher)
{
    m_cipher = cipher;
    m_model->setCipher(cipher);
}

void RosterPanel::reload()
{
    ++m_generation;
    if (!m_connection.isEmpty())
        load(QSqlDatabase::database(m_connection, false), m_model->unitId());
}

void RosterPanel::load(const QSqlDatabase& db, qint64 unitId)
{
    if (const Status loaded = m_model->load(db, unitId, m_subtree->isChecked()); !loaded)
        MessageBox::warning(this, tr("Không đọc được danh sách đảng viên"), loaded.error().message);
}

void RosterPanel::applyFilter()
{
    RosterModel::Filter filter;
    filter.text = m_search->text();
    if (const int status = m_status->currentData().toInt(); status >= 0)
        filter.status = status == 1 ? MemberStatus::Official : MemberStatus::Probationary;
    if (const int gender = m_gender->currentData().toInt(); gender >= 0)
        filter.gender = gender == 1 ? Gender::Female : Gender::Male;
    if (const int exempt = m_exempt->currentData().toInt(); exempt >= 0)
        filter.exempt = exempt == 1;
    if (const qint64 category = m_category->currentData().toLongLong(); category > 0)
        filter.categoryId = category;
    static const int bands[][2] = { { -1, 30 }, { 31, 40 }, { 41, 50 }, { 51, 60 }, { 61, -1 } };
    if (const int band = m_age->currentData().toInt(); band >= 0) {
        filter.minimumAge = bands[band][0];
        filter.maximumAge = bands[band][1];
    }
    m_model->setFilter(filter);
}

void RosterPanel::updateCount()
{
    const QLocale locale;
    m_count->setText(tr("Đang hiện %1 trong %2 đảng viên")
                         .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->loadedCount())));
}

void RosterPanel::copySelection() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty())
        return;
    QList<int> columns;
    const QHeaderView* header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    QApplication::clipboard()->setText(m_model->asTabSeparated(rows, columns));
}

void RosterPanel::chooseColumnsFromMenu()
{
    chooseColumns(QPoint(0, m_view->horizontalHeader()->height()));
}

void RosterPanel::chooseColumns(const QPoint& at)
{
    const std::unique_ptr<QMenu> menu = columnMenu();
    menu->exec(m_view->horizontalHeader()->mapToGlobal(at));
}

std::unique_ptr<QMenu> RosterPanel::columnMenu()
{
    QHeaderView* header = m_view->horizontalHeader();
    auto menu = std::make_unique<QMenu>(this);
    menu->setObjectName(QStringLiteral("rosterColumnMenu"));
    for (int column = 0; column < RosterModel::ColumnCount; ++column) {
        if (RosterModel::isSensitive(column) && !m_model->sensitiveShown())
            continue; // never offered to a role that may not see it
        if (column == RosterModel::DefaultColumnCount)
            menu->addSeparator(); // the columns shown by default, then the others
        QAction* action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setData(column);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The name always shows: a row without it means nothing.
        action->setEnabled(column != RosterModel::NameColumn);
        connect(action, &QAction::toggled, header, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            if (shown)
                fitHeaders();
            readWhatIsShown();
        });
    }
    return menu;
}

void RosterPanel::setSensitiveShown(bool shown)
{
    m_model->setSensitiveShown(shown);
    if (!shown)
        for (int column = 0; column < RosterModel::ColumnCount; ++column)
            if (RosterModel::isSensitive(column))
                m_view->horizontalHeader()->setSectionHidden(column, true);
    readWhatIsShown();
}

void RosterPanel::readWhatIsShown()
{
    const QHeaderView* header = m_view->horizontalHeader();
    bool details = false;
    for (int column = RosterModel::DefaultColumnCount; column < RosterModel::ColumnCount && !details;
         ++column)
        details = !header->isSectionHidden(column);
    m_model->setDetailsShown(details);
    // A column now shown needs what the rows held were read without: read them again in the background,
    // the rows staying on screen meanwhile.
    const RosterModel::Reading needed = m_model->reading();
    const RosterModel::Reading loaded = m_model->loadedReading();
    if (m_model->unitId() != 0
        && ((needed.details && !loaded.details) || (needed.sensitive && !loaded.sensitive)))
        refresh(m_title->text());
}

void RosterPanel::fitHeaders()
{
    QHeaderView* header = m_view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        if (!header->isSectionHidden(column))
            header->resizeSection(
                column, std::max(header->sectionSize(column), header->sectionSizeHint(column)));
}

} // namespace sotay::widgets
