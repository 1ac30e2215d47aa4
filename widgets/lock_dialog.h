// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "unlock_task.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace sotay::widgets {

// What the locked console shows above its covered windows: who is signed in, a password field, "Mở khoá"
// and "Đăng xuất". The password is checked on a worker thread (checkUnlock: the server, or this computer's
// verifier only when the server does not answer); a refusal shows the server's words and the dialog stays.
// Escape and the window's close button do nothing: only a checked password or signing out ends the lock.
class LockDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockDialog)

public:
    enum class Reason { Idle, Asked };
    struct Options {
        QUrl server;
        client::TlsSettings tls;
        QString username;
        QString replicaPath;
        PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
        int idleMinutes = 30;
        // Whether the window wants the session the check opens (LockDialog asks at each attempt).
        std::function<bool()> wantsSession;
        // The window's session token, ended on the server when the user signs out.
        std::function<QString()> token;
    };

    explicit LockDialog(Options options, QWidget* parent = nullptr);
    ~LockDialog() override;

    // Clears the field and the last error, says why the window is locked and puts the cursor in the field.
    void prepare(Reason reason);
    // What "Mở khoá" does (Enter too).
    void submit();
    // What "Đăng xuất" does: ends the session on the server, then signOutRequested().
    void signOut();
    // Lets the dialog close (after an unlock or a sign-out) and closes it.
    void release();

    bool isBusy() const { return m_busy; }
    QString errorText() const;
    QLineEdit* passwordField() const { return m_password; }
    QPushButton* unlockButton() const { return m_unlock; }
    QPushButton* signOutButton() const { return m_signOut; }

    void reject() override;

signals:
    // The password was accepted: `token` is a new session when the window wanted one, else empty;
    // `offline` when only this computer's verifier could check it.
    void unlocked(const QString& token, bool offline);
    // An attempt ended and the window stays locked (`message` is what the dialog shows).
    void refused(const QString& message);
    void signOutRequested();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void takeAnswer();
    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message);
    // Tall enough for every label's wrapped text at the dialog's width.
    void fitHeight();

    Options m_options;
    Reason m_reason = Reason::Idle;
    bool m_busy = false;
    bool m_released = false;
    QLabel* m_heading;
    QLabel* m_explanation;
    QLabel* m_account;
    QLabel* m_passwordLabel;
    QLineEdit* m_password;
    QLabel* m_error;
    QProgressBar* m_busyBar;
    QLabel* m_busyText;
    QPushButton* m_unlock;
    QPushButton* m_signOut;
    QFutureWatcher<UnlockAnswer> m_checking;
    QFutureWatcher<bool> m_signingOut;
};

} // namespace sotay::widgets
