// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's lock: after 30 minutes without input (or File → Lock) the console covers its windows
// and asks for the password; the sync goes on meanwhile (main_window.h, console_lock.h).
#include "console_lock.h"
#include "main_window.h"
#include "sync_controller.h"
#include "sync_status_bar.h"

#include <QApplication>
#include <QDialog>
#include <QTimer>

namespace sotay::widgets {

void MainWindow::buildLock()
{
    ConsoleLock::Options options;
    options.idleMilliseconds = m_options.idleLockMilliseconds;
    options.dialog.server = m_session.server;
    options.dialog.tls = m_session.tls;
    options.dialog.username = m_session.username;
    options.dialog.replicaPath = m_session.replicaPath;
    options.dialog.verifierCost = m_options.verifierCost;
    // A new session only when the window has none that works: opened offline, the sign-in declined, or
    // expired while locked. Otherwise the sync keeps its own and the check's is ended at once.
    options.dialog.wantsSession
        = [this] { return !m_session.online() || m_signedOut || m_signInAfterUnlock; };
    options.dialog.token = [this] { return m_session.token; };
    m_lock = new ConsoleLock(std::move(options), this);
    connect(m_lock, &ConsoleLock::unlocked, this, &MainWindow::takeUnlock);
    connect(m_lock, &ConsoleLock::signOutRequested, this, &MainWindow::signOut);
}

void MainWindow::takeUnlock(const QString& token, bool offline)
{
    if (!token.isEmpty()) {
        m_session.token = token;
        m_sync->setToken(token);
        m_signedOut = false;
        m_signInAfterUnlock = false;
        m_status->clearMessage();
        m_sync->start();
    } else if (m_signInAfterUnlock) {
        m_signInAfterUnlock = false;
        QTimer::singleShot(0, this, &MainWindow::signInAgain);
    }
    if (offline)
        m_status->showMessage(tr("Đã mở khoá bằng mật khẩu lưu trên máy này vì không kết nối được máy chủ."));
}

void MainWindow::signOut()
{
    // Like closing the console: what was saved stays in the replica's outbox for the next sign-in; what was
    // typed in a dialog and not saved is dropped with it (hidden, a modal dialog returns from its exec()).
    m_signedOut = true;
    m_session.token.clear();
    m_sync->setToken({});
    for (QWidget* window : QApplication::topLevelWidgets()) {
        if (window == this || !window->isVisible() || !window->isWindow())
            continue;
        if (qobject_cast<QDialog*>(window))
            window->hide();
        else
            window->close();
    }
    close();
    emit signedOutFromLock();
}

} // namespace sotay::widgets
