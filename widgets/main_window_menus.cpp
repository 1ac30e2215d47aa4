// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's menus and what their actions show (main_window.h).
#include "console_lock.h"
#include "language.h"
#include "main_window.h"
#include "org_tree_panel.h"
#include "replica.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sync_status_bar.h"
#include "user_guide_window.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTreeView>

namespace sotay::widgets {

void MainWindow::buildMenus()
{
    auto* fileMenu = menuBar()->addMenu(QString());
    m_syncAction = fileMenu->addAction(QString());
    m_syncAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    connect(m_syncAction, &QAction::triggered, this, &MainWindow::syncNow);
    fileMenu->addSeparator();
    m_lockAction = fileMenu->addAction(QString());
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_lockAction, &QAction::triggered, this, [this] { m_lock->lock(LockDialog::Reason::Asked); });
    auto* quit = fileMenu->addAction(QString());
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quit, &QAction::triggered, this, &QWidget::close);
    onLanguage([this, fileMenu, quit] {
        fileMenu->setTitle(tr("&Tệp"));
        m_syncAction->setText(tr("Đồng bộ &ngay"));
        m_syncAction->setStatusTip(tr("Gửi các sửa đổi chưa gửi và nhận các thay đổi mới từ máy chủ."));
        m_lockAction->setText(tr("&Khoá cửa sổ"));
        m_lockAction->setStatusTip(
            tr("Che dữ liệu khi rời máy; mở lại bằng mật khẩu. Việc đồng bộ vẫn tiếp tục."));
        quit->setText(tr("T&hoát"));
    });

    auto* editMenu = menuBar()->addMenu(QString());
    m_undoAction = editMenu->addAction(QString());
    m_undoAction->setShortcut(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, this, &MainWindow::undoLastUnsent);
    m_unsettledAction = editMenu->addAction(QString());
    connect(m_unsettledAction, &QAction::triggered, this, &MainWindow::showUnsettledEdits);
    m_earlierEditsAction = editMenu->addAction(QString());
    m_earlierEditsAction->setEnabled(false);
    connect(m_earlierEditsAction, &QAction::triggered, this, &MainWindow::showEarlierEdits);
    onLanguage([this, editMenu] {
        editMenu->setTitle(tr("&Sửa"));
        m_undoAction->setText(tr("&Hoàn tác sửa đổi chưa gửi"));
        m_undoAction->setStatusTip(tr("Bỏ sửa đổi mới nhất còn chờ gửi lên máy chủ."));
        m_unsettledAction->setText(tr("Sửa đổi không được &nhận…"));
        m_earlierEditsAction->setText(tr("Sửa đổi trong bản dữ liệu &cũ…"));
        m_earlierEditsAction->setStatusTip(
            tr("Chuyển các sửa đổi chưa gửi của bản dữ liệu khóa bằng mật khẩu cũ, hoặc bỏ bản đó."));
        m_unsettledAction->setStatusTip(
            tr("Các sửa đổi máy chủ từ chối hoặc xung đột, lý do của máy chủ và việc có thể làm."));
    });

    auto* memberMenu = menuBar()->addMenu(QString());
    m_newMemberAction = memberMenu->addAction(QString());
    m_newMemberAction->setShortcut(QKeySequence::New);
    connect(m_newMemberAction, &QAction::triggered, this, &MainWindow::newMember);
    auto* openRecord = memberMenu->addAction(QString());
    openRecord->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    connect(openRecord, &QAction::triggered, this, [this] {
        const QTableView* view = m_rosterPanel->view();
        const QModelIndex current = view->currentIndex();
        if (current.isValid() && view->selectionModel()->isSelected(current))
            openMember(current.data(RosterModel::MemberIdRole).toLongLong());
        else // never silent: say what the shortcut needs
            m_status->showMessage(tr("Chọn một đảng viên trong danh sách trước (phím mũi tên hoặc tìm bằng "
                                     "Ctrl+F), rồi nhấn Enter hoặc Ctrl+O để mở hồ sơ."));
    });
    memberMenu->addSeparator();
    m_conflictsAction = memberMenu->addAction(QString());
    m_conflictsAction->setEnabled(false);
    connect(m_conflictsAction, &QAction::triggered, this, &MainWindow::showConflicts);
    // Counted again as the menu opens: another program (`sotay-console sync`) may have kept a conflict in
    // this replica since the last summary.
    connect(memberMenu, &QMenu::aboutToShow, this, [this] {
        if (const auto count = m_replica ? m_replica->conflictCount() : Result<qint64>(qint64 { 0 })) {
            m_conflictCount = *count;
            showConflictCount();
        }
    });
    onLanguage([this, memberMenu, openRecord] {
        memberMenu->setTitle(tr("Đảng &viên"));
        m_newMemberAction->setText(tr("&Thêm đảng viên…"));
        m_newMemberAction->setStatusTip(tr("Nhập hồ sơ một đảng viên mới vào chi bộ đang chọn."));
        openRecord->setText(tr("&Mở hồ sơ"));
        showConflictCount();
    });

    auto* viewMenu = menuBar()->addMenu(QString());
    auto* findMember = viewMenu->addAction(QString());
    findMember->setShortcut(QKeySequence::Find);
    connect(findMember, &QAction::triggered, this, [this] {
        m_rosterPanel->searchBox()->setFocus(Qt::ShortcutFocusReason);
        m_rosterPanel->searchBox()->selectAll();
    });
    auto* findUnit = viewMenu->addAction(QString());
    findUnit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(findUnit, &QAction::triggered, this, [this] {
        m_treeDock->show();
        m_treePanel->searchBox()->setFocus(Qt::ShortcutFocusReason);
        m_treePanel->searchBox()->selectAll();
    });
    auto* columns = viewMenu->addAction(QString());
    connect(columns, &QAction::triggered, this, [this] { m_rosterPanel->chooseColumnsFromMenu(); });
    viewMenu->addAction(m_treeDock->toggleViewAction());
    viewMenu->addSeparator();
    auto* languageMenu = viewMenu->addMenu(QString());
    auto* languages = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("vi")).toString();
    for (const auto& [code, name] : { std::pair { QStringLiteral("vi"), QStringLiteral("Tiếng Việt") },
             std::pair { QStringLiteral("en"), QStringLiteral("English") } }) {
        QAction* action = languageMenu->addAction(name); // each language by its own name, never translated
        action->setCheckable(true);
        action->setChecked(code == current);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, language = code] { setLanguage(language); });
    }
    onLanguage([viewMenu, findMember, findUnit, columns, languageMenu] {
        viewMenu->setTitle(tr("&Xem"));
        findMember->setText(tr("Tìm đảng &viên"));
        findUnit->setText(tr("Tìm &tổ chức đảng"));
        columns->setText(tr("&Cột của danh sách đảng viên…"));
        languageMenu->setTitle(tr("&Ngôn ngữ"));
    });

    buildAdminMenu();

    auto* helpMenu = menuBar()->addMenu(QString());
    auto* guide = helpMenu->addAction(QString());
    guide->setShortcut(QKeySequence::HelpContents); // F1
    connect(guide, &QAction::triggered, this, [this] { UserGuideWindow::open(this); });
    helpMenu->addSeparator();
    m_replicaInfoAction = helpMenu->addAction(QString());
    connect(m_replicaInfoAction, &QAction::triggered, this, &MainWindow::showReplicaInfo);
    auto* about = helpMenu->addAction(QString());
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    onLanguage([this, helpMenu, guide, about] {
        helpMenu->setTitle(tr("Trợ &giúp"));
        guide->setText(tr("&Hướng dẫn sử dụng"));
        guide->setStatusTip(tr("Cách làm các việc hằng ngày và các phím tắt."));
        m_replicaInfoAction->setText(tr("&Về dữ liệu trên máy này…"));
        m_replicaInfoAction->setStatusTip(
            tr("Máy chủ, phạm vi, số tổ chức và đảng viên có trên máy này, lần đồng bộ cuối."));
        about->setText(tr("&Giới thiệu Sổ tay"));
    });
}

void MainWindow::showConflictCount()
{
    m_conflictsAction->setEnabled(m_conflictCount > 0);
    m_conflictsAction->setText(m_conflictCount > 0
            ? tr("&Xung đột chờ xử lý (%1)…").arg(QLocale().toString(m_conflictCount))
            : tr("&Xung đột chờ xử lý…"));
}

} // namespace sotay::widgets
