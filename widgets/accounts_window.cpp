// SPDX-License-Identifier: GPL-3.0-or-later
#include "accounts_window.h"

#include "accounts_model.h"
#include "combo_texts.h"
#include "flow_layout.h"
#include "user_guide_window.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {

AccountsWindow::AccountsWindow(Options options, QWidget* parent)
    : QDialog(parent)
    , m_options(std::move(options))
    , m_model(new AccountsModel(this))
    , m_searchLabel(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_roleLabel(new QLabel(this))
    , m_role(new QComboBox(this))
    , m_stateLabel(new QLabel(this))
    , m_state(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_more(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_disable(new QPushButton(this))
    , m_reset(new QPushButton(this))
    , m_signOut(new QPushButton(this))
    , m_unlock(new QPushButton(this))
    , m_changeRole(new QPushButton(this))
    , m_create(new QPushButton(this))
    , m_close(new QPushButton(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("accountsWindow"));
    setWindowFlag(Qt::Window); // a window of its own beside the main window, not a modal box
    setWindowFlag(Qt::WindowContextHelpButtonHint, false);
    buildLayout();
    fillFilters();
    retranslate();
    resize(QSize(1000, 600));

    connect(&m_pages, &QFutureWatcher<Result<AccountPage>>::finished, this, &AccountsWindow::takePage);
    connect(&m_actions, &QFutureWatcher<Outcome>::finished, this, &AccountsWindow::takeOutcome);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(400);
    connect(m_searchDelay, &QTimer::timeout, this, &AccountsWindow::reload);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_searchDelay->start(); });
    connect(m_role, &QComboBox::currentIndexChanged, this, &AccountsWindow::reload);
    connect(m_state, &QComboBox::currentIndexChanged, this, &AccountsWindow::reload);
    connect(m_more, &QPushButton::clicked, this, &AccountsWindow::loadMore);
    connect(m_cancel, &QPushButton::clicked, this, &AccountsWindow::cancelLoad);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value > 0 && value == m_view->verticalScrollBar()->maximum())
            loadMore(); // the end of the list reached: the next page
    });
    connect(m_disable, &QPushButton::clicked, this, &AccountsWindow::toggleDisabled);
    connect(m_reset, &QPushButton::clicked, this, &AccountsWindow::resetPassword);
    connect(m_signOut, &QPushButton::clicked, this, &AccountsWindow::endSessions);
    connect(m_unlock, &QPushButton::clicked, this, &AccountsWindow::unlockSignIns);
    connect(m_changeRole, &QPushButton::clicked, this, &AccountsWindow::changeRole);
    connect(m_create, &QPushButton::clicked, this, &AccountsWindow::createAccount);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_disable->setText(
                m_model->account(current.row()).disabled ? tr("Mở &khoá tài khoản") : tr("&Khoá tài khoản"));
    });

    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    auto* again = new QAction(this);
    again->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    connect(again, &QAction::triggered, this, &AccountsWindow::reload);
    auto* create = new QAction(this);
    create->setShortcut(QKeySequence::New);
    connect(create, &QAction::triggered, this, &AccountsWindow::createAccount);
    auto* help = new QAction(this);
    help->setShortcut(QKeySequence::HelpContents);
    connect(help, &QAction::triggered, this,
        [this] { UserGuideWindow::open(this, QString::fromLatin1(UserGuideWindow::kAccountsPage)); });
    addActions({ find, again, create, help });
    reload();
}

AccountsWindow::~AccountsWindow() = default;

void AccountsWindow::buildLayout()
{
    m_search->setObjectName(QStringLiteral("accountSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(300);
    m_search->installEventFilter(this);
    m_searchLabel->setBuddy(m_search);
    m_roleLabel->setBuddy(m_role);
    m_stateLabel->setBuddy(m_state);
    m_role->setObjectName(QStringLiteral("roleFilter"));
    m_state->setObjectName(QStringLiteral("stateFilter"));
    auto* filters = new FlowLayout;
    for (const auto& [label, field] : { std::pair<QLabel*, QWidget*> { m_searchLabel, m_search },
             std::pair<QLabel*, QWidget*> { m_roleLabel, m_role },
             std::pair<QLabel*, QWidget*> { m_stateLabel, m_state } }) {
        auto* pair = new QWidget(this);
        auto* row = new QHBoxLayout(pair);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(label);
        row->addWidget(field, 1);
        filters->addWidget(pair);
    }

    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("accounts"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setColumnWidth(AccountsModel::UsernameColumn, 180);
    m_view->setColumnWidth(AccountsModel::RoleColumn, 140);
    m_view->setColumnWidth(AccountsModel::ScopeColumn, 240);
    m_view->setColumnWidth(AccountsModel::MemberColumn, 200);

    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("accountsStatus"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->hide();
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);
    statusRow->addWidget(m_more);

    auto* actions = new FlowLayout;
    for (QPushButton* button : { m_disable, m_reset, m_signOut, m_unlock, m_changeRole, m_create }) {
        button->setAutoDefault(false);
        actions->addWidget(button);
    }
    auto* closeRow = new QHBoxLayout;
    closeRow->addStretch();
    closeRow->addWidget(m_close);
    m_close->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);
    layout->addLayout(actions);
    layout->addLayout(closeRow);

    setTabOrder(m_search, m_role);
    setTabOrder(m_role, m_state);
    setTabOrder(m_state, m_view);
    setTabOrder(m_view, m_more);
    setTabOrder(m_more, m_cancel);
    setTabOrder(m_cancel, m_disable);
    setTabOrder(m_disable, m_reset);
    setTabOrder(m_reset, m_signOut);
    setTabOrder(m_signOut, m_unlock);
    setTabOrder(m_unlock, m_changeRole);
    setTabOrder(m_changeRole, m_create);
    setTabOrder(m_create, m_close);
}

void AccountsWindow::fillFilters()
{
    m_role->addItem(QString(), QString());
    // An officer never manages administrators: the choice is not offered.
    for (const char* role : { "admin", "officer", "secretary", "member" })
        if (m_options.ownRole == u"admin" || qstrcmp(role, "admin") != 0)
            m_role->addItem(QString(), QString::fromLatin1(role));
    m_state->addItem(QString(), QString());
    m_state->addItem(QString(), QStringLiteral("active"));
    m_state->addItem(QString(), QStringLiteral("disabled"));
}

void AccountsWindow::retranslate()
{
    setWindowTitle(tr("Tài khoản — Sổ tay đảng viên điện tử"));
    m_searchLabel->setText(tr("Tìm:"));
    m_search->setPlaceholderText(tr("Tên đăng nhập, tên đảng viên"));
    m_roleLabel->setText(tr("Q&uyền:"));
    m_stateLabel->setText(tr("T&rạng thái:"));
    QStringList roles;
    for (int i = 0; i < m_role->count(); ++i) {
        const QString code = m_role->itemData(i).toString();
        roles.append(code.isEmpty() ? tr("Mọi quyền") : AccountsModel::roleLabel(code));
    }
    setComboTexts(m_role, roles);
    setComboTexts(m_state, { tr("Mọi trạng thái"), tr("Đang dùng"), tr("Đã khoá") });
    m_more->setText(tr("Tải thê&m"));
    m_cancel->setText(tr("Huỷ"));
    const QModelIndex current = m_view->currentIndex();
    m_disable->setText(current.isValid() && m_model->account(current.row()).disabled
            ? tr("Mở &khoá tài khoản")
            : tr("&Khoá tài khoản"));
    m_reset->setText(tr("Đặt &lại mật khẩu…"));
    m_signOut->setText(tr("Đăng &xuất khỏi mọi nơi"));
    m_unlock->setText(tr("&Gỡ chặn đăng nhập"));
    m_unlock->setToolTip(tr("Sau nhiều lần đăng nhập sai, máy chủ tạm chặn tài khoản; gỡ chặn để người dùng "
                            "đăng nhập lại ngay."));
    m_changeRole->setText(tr("Đổi &quyền, phạm vi…"));
    m_create->setText(tr("&Tạo tài khoản…"));
    m_close->setText(tr("Đóng"));
    emit m_model->headerDataChanged(Qt::Horizontal, 0, AccountsModel::ColumnCount - 1);
    showCounts();
}

void AccountsWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

bool AccountsWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Down or Enter in the search box: to the list.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (m_searchDelay->isActive()) {
                m_searchDelay->stop();
                reload();
            }
            m_view->setFocus(Qt::ShortcutFocusReason);
            if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
                m_view->setCurrentIndex(m_model->index(0, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

AccountApi AccountsWindow::api() const
{
    return AccountApi(m_options.server, m_options.tls, m_options.token ? m_options.token() : QString());
}

AccountFilter AccountsWindow::filter() const
{
    return { m_search->text(), m_role->currentData().toString(), m_state->currentData().toString() };
}

void AccountsWindow::reload()
{
    m_searchDelay->stop();
    m_model->clear();
    m_next.clear();
    m_loading = false;
    m_message.clear();
    m_next = QStringLiteral("*"); // the first page
    loadMore();
}

void AccountsWindow::loadMore()
{
    if (m_loading || m_next.isEmpty())
        return;
    m_loading = true;
    const QString after = m_next == u"*" ? QString() : m_next;
    m_pages.setFuture(QtConcurrent::run([api = api(), filter = filter(), after, limit = m_options.pageSize] {
        return api.list(filter, after, limit);
    }));
    m_progress->show();
    m_cancel->show();
    m_more->setEnabled(false);
    showCounts();
}

void AccountsWindow::cancelLoad()
{
    if (!m_loading)
        return;
    m_loading = false; // the answer on its way is dropped
    if (m_next == u"*")
        m_next.clear();
    m_progress->hide();
    m_cancel->hide();
    m_message = tr("Đã dừng tải danh sách.");
    showCounts();
}

void AccountsWindow::takePage()
{
    if (!m_loading)
        return;
    m_loading = false;
    m_progress->hide();
    m_cancel->hide();
    const Result<AccountPage> page = m_pages.result();
    if (!page) {
        if (m_next == u"*")
            m_next.clear();
        m_message
            = tr("Không tải được danh sách tài khoản: %1 Nhấn F5 để thử lại.").arg(page.error().message);
        showCounts();
        return;
    }
    const bool first = m_next == u"*";
    m_next = page->next;
    m_model->append(page->items);
    if (first && m_model->rowCount() > 0 && !m_view->currentIndex().isValid())
        m_view->selectionModel()->setCurrentIndex(
            m_model->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showCounts();
    emit pageLoaded();
}

void AccountsWindow::showCounts()
{
    QString text;
    if (m_loading)
        text = tr("Đang tải tài khoản… (đã có %1)").arg(QLocale().toString(m_model->rowCount()));
    else if (m_model->rowCount() == 0 && m_next.isEmpty())
        text = tr("Không có tài khoản nào khớp với tìm kiếm và bộ lọc.");
    else if (hasMore())
        text = tr("Đang hiện %1 tài khoản đầu; kéo xuống cuối danh sách hoặc nhấn Tải thêm để xem tiếp.")
                   .arg(QLocale().toString(m_model->rowCount()));
    else
        text = tr("%1 tài khoản.").arg(QLocale().toString(m_model->rowCount()));
    if (!m_message.isEmpty())
        text = m_message + QLatin1Char(' ') + text;
    m_status->setText(text);
    m_more->setEnabled(!m_loading && hasMore());
}

QString AccountsWindow::statusText() const
{
    return m_status->text();
}

QList<QPushButton*> AccountsWindow::actionButtons() const
{
    return { m_disable, m_reset, m_signOut, m_unlock, m_changeRole, m_create };
}

} // namespace sotay::widgets
