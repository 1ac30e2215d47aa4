// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's Quản trị menu: the accounts window (main_window.h, accounts_window.h).
#include "accounts_window.h"
#include "main_window.h"
#include "replica.h"
#include "store/sql.h"
#include "sync_status_bar.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

namespace sotay::widgets {

void MainWindow::buildAdminMenu()
{
    m_adminMenu = menuBar()->addMenu(QString());
    m_accountsAction = m_adminMenu->addAction(QString());
    m_accountsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_accountsAction, &QAction::triggered, this, &MainWindow::showAccounts);
    m_adminMenu->menuAction()->setVisible(false); // until the role is known
    onLanguage([this] {
        m_adminMenu->setTitle(tr("&Quản trị"));
        m_accountsAction->setText(tr("&Tài khoản…"));
        m_accountsAction->setStatusTip(
            tr("Khoá, mở khoá, đặt lại mật khẩu, đổi quyền các tài khoản bạn quản lý."));
    });
}

bool MainWindow::managesAccounts() const
{
    return m_role == u"admin" || m_role == u"officer";
}

void MainWindow::showAccounts()
{
    if (!managesAccounts()) {
        m_status->showMessage(tr("Chỉ quản trị viên và cán bộ tổ chức mới quản lý tài khoản."));
        return;
    }
    if (!m_session.online() || m_signedOut) {
        m_status->showMessage(
            tr("Quản lý tài khoản cần kết nối tới máy chủ: khi kết nối lại, nhấn F5 để đăng nhập "
               "rồi mở lại Quản trị → Tài khoản."));
        return;
    }
    if (!m_accountsWindow) {
        AccountsWindow::Options options;
        options.server = m_session.server;
        options.tls = m_session.tls;
        options.token = [this] { return m_session.token; };
        options.ownRole = m_role;
        options.ownUsername = m_session.username;
        // The units on this computer are those of the signed-in user's scope; each with the unit above it,
        // which tells apart the many "Chi bộ 1".
        if (m_replica)
            if (auto query = sql::exec(m_replica->db(),
                    QStringLiteral(
                        "SELECT u.id, u.name, p.name FROM org_unit u LEFT JOIN org_unit p ON p.id = "
                        "u.parent_id WHERE u.valid_to IS NULL ORDER BY u.path")))
                while (query->next()) {
                    const QString above = query->value(2).toString();
                    options.scopes.append({ query->value(0).toLongLong(),
                        above.isEmpty() ? query->value(1).toString()
                                        : tr("%1 (%2)").arg(query->value(1).toString(), above) });
                }
        m_accountsWindow = new AccountsWindow(std::move(options), this);
    }
    m_accountsWindow->show();
    m_accountsWindow->raise();
    m_accountsWindow->activateWindow();
}

} // namespace sotay::widgets
