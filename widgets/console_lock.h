// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lock_dialog.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace sotay::widgets {

class IdleWatcher;

// Locks the console after a spell without input (IdleWatcher), or when asked: every window of the
// application, the main window, its docks and the dialogs open at that moment (modal ones too), is covered
// by a plain cover so that no name shows, open menus and tooltips close, and the LockDialog asks for the
// password above them all. A window that opens while locked is covered as it shows. Nothing else stops:
// the background sync goes on, open dialogs keep what was typed in them. An unlock takes the covers away
// and gives the focus back where it was.
class ConsoleLock final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleLock)

public:
    struct Options {
        LockDialog::Options dialog;
        int idleMilliseconds = 30 * 60 * 1000; // 0: never locks by itself
    };

    // `window`: the main window, which the dialog is centred on.
    ConsoleLock(Options options, QWidget* window);
    ~ConsoleLock() override;

    void lock(LockDialog::Reason reason = LockDialog::Reason::Asked);
    bool isLocked() const { return m_locked; }
    IdleWatcher* idleWatcher() const { return m_idle; }
    // Null before the first lock.
    LockDialog* dialog() const { return m_dialog; }
    // The windows covered now (for tests).
    QList<QWidget*> coveredWindows() const;
    // The cover over `window`, if it is covered.
    QWidget* coverOf(const QWidget* window) const;

signals:
    void locked();
    // `token`: a new session for the window (empty: it keeps its own); `offline`: checked on this computer.
    void unlocked(const QString& token, bool offline);
    // The user signed out from the lock (the session has been ended on the server when it answered).
    void signOutRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void cover(QWidget* window);
    void takeUnlock(const QString& token, bool offline);
    void uncover();
    // Takes the modal place back after another modal window showed above the dialog.
    void raiseDialog();

    Options m_options;
    QWidget* m_window;
    IdleWatcher* m_idle;
    LockDialog* m_dialog = nullptr;
    bool m_locked = false;
    QList<QPointer<QWidget>> m_covers;
    QPointer<QWidget> m_focusBefore;
    QPointer<QWidget> m_activeBefore;
};

} // namespace sotay::widgets
