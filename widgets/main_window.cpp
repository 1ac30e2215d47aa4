// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.h"

#include "access/user.h"
#include "console_lock.h"
#include "language.h"
#include "message_box.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "replica.h"
#include "replica_info_dialog.h"
#include "replica_summary.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sign_in_prompt.h"
#include "store/write_context.h"
#include "sync_controller.h"
#include "sync_status_bar.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace sotay::widgets {
namespace {

ConsoleSession withReplicaPath(ConsoleSession session)
{
    if (session.replicaPath.isEmpty())
        session.replicaPath = client::Replica::defaultPath(session.server, session.username);
    return session;
}

// "12 giây", "3 phút 5 giây".
QString durationText(qint64 milliseconds)
{
    const auto seconds = static_cast<int>(std::max<qint64>(1, (milliseconds + 500) / 1000));
    if (seconds < 60)
        return MainWindow::tr("%n giây", nullptr, seconds);
    return MainWindow::tr("%1 phút %2 giây")
        .arg(QLocale().toString(seconds / 60), QLocale().toString(seconds % 60));
}

} // namespace

MainWindow::MainWindow(ConsoleSession session, QWidget* parent)
    : MainWindow(std::move(session), Options {}, parent)
{
}

MainWindow::MainWindow(ConsoleSession session, Options options, QWidget* parent)
    : QMainWindow(parent)
    , m_session(withReplicaPath(std::move(session)))
    , m_options(options)
{
    // At most nine tenths of the screen (a 1280×720 laptop too); the size the user left is restored below.
    if (const QScreen* shown = screen())
        resize(QSize(1200, 760).boundedTo(shown->availableSize() * 9 / 10));
    else
        resize(1200, 640);
    updateTitle({});
    buildCentre();
    restoreGeometry(QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray());
    m_status = new SyncStatusBar(this);
    setStatusBar(m_status);
    // Online until a sync says otherwise: the sign-in has just reached the server.
    m_status->setConnection(
        m_session.online() ? SyncStatusBar::Connection::Online : SyncStatusBar::Connection::Offline);
    buildMenus();

    // The GUI thread's connection, opened before the sync thread opens its own.
    if (auto opened = client::Replica::open(m_session.replicaPath)) {
        m_replica = std::move(*opened);
        if (m_session.cipher) {
            m_replica->setCipher(*m_session.cipher);
            m_rosterPanel->setCipher(*m_session.cipher);
        }
    } else {
        showNote(opened.error().message);
    }
    restoreState(QSettings().value(QStringLiteral("mainWindow/state")).toByteArray());
    // Ethnicity, religion and the citizen id only for the roles the server sends them to.
    if (m_replica) {
        const auto role = m_replica->signedInRole();
        const auto known = role ? roleFromCode(*role) : std::nullopt;
        m_rosterPanel->setSensitiveShown(known && seesSensitiveFields(*known));
        m_role = role ? *role : QString();
    }
    m_adminMenu->menuAction()->setVisible(managesAccounts());
    reloadData();
    noteEarlierEdits();

    m_sync = new SyncController(m_session, m_options.pageSize, this);
    connect(m_sync, &SyncController::started, this, &MainWindow::takeStart);
    connect(m_sync, &SyncController::progressed, this, &MainWindow::takeProgress);
    connect(m_sync, &SyncController::finished, this, &MainWindow::takeOutcome);
    connect(m_sync, &SyncController::summaryRead, this, &MainWindow::takeSummary);
    connect(m_status, &SyncStatusBar::cancelRequested, this, &MainWindow::cancelSync);
    connect(m_status, &SyncStatusBar::unsettledRequested, this, &MainWindow::showUnsettledEdits);
    buildLock();

    m_tick = new QTimer(this);
    m_tick->setInterval(m_options.syncIntervalMilliseconds);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::tick);
    if (m_options.syncAtStart)
        m_tick->start();
    else
        m_started = true; // the summary below then starts no sync
    // The first sync starts once the summary says whether it is the very first (which shows progress).
    m_sync->refreshSummary();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentre()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    // The server, the scope and the counts are in the status bar and in Help → About the data on this
    // computer; only a note that matters now (the data here is incomplete) takes room above the roster.
    m_note = new QLabel(central);
    m_note->setObjectName(QStringLiteral("replicaNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setStyleSheet(QStringLiteral("color: #92400e"));
    m_note->hide();
    layout->addWidget(m_note);
    m_info = new ReplicaInfoDialog(m_session, this);
    m_roster = new RosterModel(this);
    m_rosterPanel = new RosterPanel(m_roster, central);
    layout->addWidget(m_rosterPanel, 1);
    setCentralWidget(central);
    m_rosterPanel->view()->viewport()->installEventFilter(this);

    m_tree = new OrgTreeModel(this);
    m_treePanel = new OrgTreePanel(m_tree, this);
    m_treeDock = new QDockWidget(this);
    m_treeDock->setObjectName(QStringLiteral("orgTreeDock"));
    m_treeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_treeDock->setWidget(m_treePanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock); // its width: showEvent()
    connect(m_treePanel, &OrgTreePanel::unitChosen, this, &MainWindow::showUnit);
    connect(m_treePanel, &OrgTreePanel::operationRequested, this, &MainWindow::queueOperation);
    connect(m_treePanel, &OrgTreePanel::asOfChanged, this, &MainWindow::reloadData);
    connect(m_rosterPanel, &RosterPanel::memberActivated, this, &MainWindow::openMember);
    onLanguage([this] { m_treeDock->setWindowTitle(tr("Cây tổ chức")); });
}

void MainWindow::onLanguage(std::function<void()> apply)
{
    apply();
    m_retranslations.push_back(std::move(apply));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        for (const auto& apply : m_retranslations)
            apply();
        // Only the texts; the state they show stays as it is.
        updateTitle(m_summary ? m_summary->scopeName : QString());
    }
    QMainWindow::changeEvent(event);
}

bool MainWindow::syncNow()
{
    if (m_prompting)
        return false;
    if (m_signedOut) {
        QTimer::singleShot(0, this, &MainWindow::signInAgain);
        return false;
    }
    return m_sync->start();
}

bool MainWindow::isSyncing() const
{
    return m_sync->isRunning();
}

void MainWindow::cancelSync()
{
    m_sync->cancel();
    m_status->cancelButton()->setEnabled(false);
}

void MainWindow::refreshStatus()
{
    m_sync->refreshSummary();
}

void MainWindow::tick()
{
    // Offline, the next tick simply tries again; after a declined sign-in only F5 tries.
    if (!m_signedOut && !m_prompting)
        m_sync->start();
}

void MainWindow::takeStart(bool firstSync)
{
    m_started = true;
    m_firstSyncShown = firstSync;
    m_syncAction->setEnabled(false);
    if (firstSync) {
        m_firstSyncClock.start();
        m_status->showProgress(tr("Đang tải dữ liệu lần đầu"), 0);
        m_status->cancelButton()->setEnabled(true);
    }
    emit syncStarted(firstSync);
}

void MainWindow::takeProgress(const client::SyncProgress& progress)
{
    if (m_firstSyncShown)
        m_status->showProgress(progress.phase, progress.done, progress.total);
}

void MainWindow::takeOutcome(const SyncOutcome& outcome)
{
    m_syncAction->setEnabled(true);
    m_status->hideProgress();
    const bool wasFirstSync = m_firstSyncShown;
    m_firstSyncShown = false;
    if (outcome.summary)
        showSummary(*outcome.summary);
    using F = client::SyncFailure;
    switch (outcome.failure) {
    case F::None: {
        m_status->setConnection(SyncStatusBar::Connection::Online);
        const auto& report = outcome.report;
        if (report.unitsDownloaded + report.membersDownloaded + report.changesApplied + report.pushed > 0)
            reloadData();
        const qint64 notTaken = outcome.report.conflicts + outcome.report.refused;
        if (notTaken > 0)
            m_status->showMessage(
                tr("Máy chủ không nhận %n sửa đổi: xem lý do ở Sửa → Sửa đổi không được nhận.", nullptr,
                    static_cast<int>(notTaken)));
        else if (wasFirstSync && outcome.summary && outcome.summary->firstSyncDone)
            m_status->showMessage(
                tr("Đã tải xong dữ liệu lần đầu trong %1: %2 tổ chức đảng, %3 đảng viên.")
                    .arg(durationText(m_firstSyncClock.elapsed()), QLocale().toString(outcome.summary->units),
                        QLocale().toString(outcome.summary->members)));
        else
            m_status->clearMessage();
        break;
    }
    case F::Offline:
        m_status->setConnection(SyncStatusBar::Connection::Offline, outcome.message);
        m_status->clearMessage();
        break;
    case F::Cancelled:
        m_status->showMessage(tr("Đã dừng đồng bộ. Lần sau sẽ tiếp tục từ chỗ đã dừng."));
        break;
    case F::SessionExpired:
        m_status->setConnection(SyncStatusBar::Connection::SignedOut, outcome.message);
        // From the main loop, not from inside this slot: the prompt runs its own event loop.
        QTimer::singleShot(0, this, &MainWindow::signInAgain);
        break;
    case F::Other:
        m_status->showMessage(tr("Đồng bộ không thành công: %1").arg(outcome.message));
        break;
    }
    emit syncFinished(outcome.failure);
}

void MainWindow::takeSummary(const SyncOutcome& outcome)
{
    if (outcome.summary)
        showSummary(*outcome.summary);
    else
        showNote(outcome.message);
    if (!m_started) {
        m_started = true;
        m_sync->start();
    }
}

void MainWindow::showSummary(const ReplicaSummary& summary)
{
    m_info->setSummary(summary);
    m_status->setLocalCounts(summary.units, summary.members);
    m_status->setLastSync(summary.lastSync);
    m_status->setPending(summary.pending);
    m_status->setUnsettled(summary.refused + summary.conflicts);
    m_summary = summary;
    m_conflictCount = summary.conflicts;
    showConflictCount();
    updateTitle(summary.scopeName);
    if (!summary.firstSyncDone)
        showNote(
            tr("Dữ liệu trên máy này chưa đầy đủ: lần đồng bộ đầu tiên chưa xong. Lần đồng bộ sau sẽ tiếp "
               "tục từ chỗ đã dừng."));
    else
        showNote({});
    noteEarlierEdits();
    emit statusRefreshed();
}

void MainWindow::showNote(const QString& text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    m_info->setNote(text);
}

void MainWindow::signInAgain()
{
    if (m_prompting || isSyncing())
        return;
    if (m_lock->isLocked()) {
        m_signInAfterUnlock = true; // the unlock signs in again; no second password box above the lock
        return;
    }
    m_prompting = true;
    SignInDialog::Options options;
    options.server = m_session.server;
    options.tls = m_session.tls;
    options.username = m_session.username;
    options.replicaPath = m_session.replicaPath;
    options.again = true;
    options.verifierCost = m_options.verifierCost;
    options.notice = m_session.online()
        ? tr("Phiên làm việc đã hết hạn. Xin nhập lại mật khẩu để tiếp tục đồng bộ; các sửa đổi chưa gửi vẫn "
             "được giữ trên máy này.")
        : tr("Đã kết nối lại được máy chủ. Xin nhập mật khẩu để đồng bộ; các sửa đổi chưa gửi vẫn được giữ "
             "trên "
             "máy này.");
    const auto session = SignInPrompt::ask(this, options);
    m_prompting = false;
    if (!session) {
        m_signedOut = true;
        m_status->setConnection(SyncStatusBar::Connection::SignedOut);
        m_status->showMessage(
            tr("Chưa đồng bộ vì chưa đăng nhập lại. Các sửa đổi chưa gửi vẫn được giữ; nhấn F5 "
               "để đăng nhập và đồng bộ."));
        return;
    }
    m_signedOut = false;
    m_session.token = session->token;
    m_sync->setToken(m_session.token);
    m_status->clearMessage();
    m_sync->start();
}

void MainWindow::updateTitle(const QString& scope)
{
    setWindowTitle(scope.isEmpty() ? tr("%1 — Sổ tay đảng viên điện tử").arg(m_session.username)
                                   : tr("%1 — %2 — Sổ tay đảng viên điện tử").arg(m_session.username, scope));
}

void MainWindow::setLanguage(const QString& language)
{
    QSettings().setValue(QStringLiteral("language"), language);
    installLanguage(*QCoreApplication::instance(), language);
    // The widgets retranslate themselves on the LanguageChange event; the models' headers are read again.
    emit m_roster->headerDataChanged(Qt::Horizontal, 0, RosterModel::ColumnCount - 1);
    emit m_tree->headerDataChanged(Qt::Horizontal, 0, OrgTreeModel::ColumnCount - 1);
    // The cells are painted again: their labels and numbers (2.967 / 2,967) in the new language.
    for (QAbstractItemView* view : findChildren<QAbstractItemView*>())
        view->viewport()->update();
    m_status->clearMessage();
}

void MainWindow::reloadData()
{
    if (!m_replica)
        return;
    const qint64 chosen = m_roster->unitId();
    if (const Status loaded = m_tree->load(m_replica->db(), m_treePanel->asOf()); !loaded) {
        showNote(loaded.error().message);
        return;
    }
    const QModelIndex top = m_tree->index(0, OrgTreeModel::NameColumn);
    const qint64 unit = chosen != 0 && m_tree->indexOfUnit(chosen).isValid()
        ? chosen
        : top.data(OrgTreeModel::UnitIdRole).toLongLong();
    if (unit == 0)
        return;
    // Choosing the unit again after the tree was read: showUnit() reads the same roster in the background.
    m_reloading = true;
    const bool selected = m_treePanel->selectUnit(unit);
    m_reloading = false;
    if (!selected)
        showUnit(unit);
}

void MainWindow::showUnit(qint64 unitId)
{
    if (!m_replica)
        return;
    const QString name = m_tree->indexOfUnit(unitId).data(OrgTreeModel::FullNameRole).toString();
    if (m_reloading && unitId == m_roster->unitId())
        m_rosterPanel->refresh(name); // the same roster after a sync: read without freezing the window
    else
        m_rosterPanel->showUnit(m_replica->db(), unitId, name);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_dataPainted && m_roster->loadedCount() > 0
        && watched == m_rosterPanel->view()->viewport()) {
        m_dataPainted = true;
        // After this paint has finished.
        QTimer::singleShot(0, this, &MainWindow::firstDataPainted);
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (!m_treeDock->isFloating())
        settings.setValue(QStringLiteral("mainWindow/treeDockWidth"), m_treeDock->width());
    m_tick->stop();
    m_sync->cancel(); // the controller waits for the sync thread when the window goes
    QMainWindow::closeEvent(event);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_dockSized)
        return;
    m_dockSized = true;
    // The tree dock's width, once the window has its real size (maximised or not): a width given before
    // the first show, or restored with the state then, is scaled to the size the window had at that time.
    // The width the user left, else as wide as the province's names need.
    QTimer::singleShot(0, this, [this] {
        if (m_treeDock->isFloating())
            return;
        const int kept = QSettings().value(QStringLiteral("mainWindow/treeDockWidth")).toInt();
        resizeDocks({ m_treeDock }, { kept > 0 ? kept : m_treePanel->preferredWidth() }, Qt::Horizontal);
    });
}

void MainWindow::showAbout()
{
    MessageBox::about(this, tr("Giới thiệu Sổ tay"),
        tr("Sổ tay đảng viên điện tử — bảng điều khiển quản trị, phiên bản %1.\nQt %2.")
            .arg(QStringLiteral(SOTAY_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::showReplicaInfo()
{
    m_info->show();
    m_info->raise();
    m_info->activateWindow();
}

QString MainWindow::scopeText() const
{
    return m_info->scopeText();
}

QString MainWindow::unitsText() const
{
    return m_info->unitsText();
}

QString MainWindow::membersText() const
{
    return m_info->membersText();
}

QString MainWindow::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

} // namespace sotay::widgets
