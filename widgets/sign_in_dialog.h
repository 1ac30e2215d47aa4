// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "sign_in_task.h"

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace sotay::widgets {

// Asks for the server, the username and the password, then signs in on a worker thread while the dialog
// shows that it is busy. A refusal shows the server's own message. When the server is out of reach it
// offers to open the replica on this computer offline, once the password matches the replica's verifier.
// Remembers the server and the username (never the password) for the next time.
class SignInDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    struct Options {
        QUrl server;         // pre-fills (and overrides the remembered server) when valid
        QString username;    // pre-fills when not empty
        QString replicaPath; // empty: Replica::defaultPath(server, username)
        // Signing in again in a running window: the server and the user are fixed and offline is no option.
        bool again = false;
        QString notice; // shown above the fields, e.g. why the user must sign in again
        PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
    };

    explicit SignInDialog(Options options, QWidget* parent = nullptr);
    ~SignInDialog() override;

    // The session after the dialog was accepted.
    const ConsoleSession& session() const { return m_session; }

    // What pressing the sign-in button does (Enter too).
    void submit();
    bool isBusy() const { return m_busy; }
    QString errorText() const;
    void setPassword(const QString& password);

    void reject() override;

signals:
    // A sign-in attempt ended without a session; the dialog stays open for another try.
    void failed(const QString& message);

private:
    void buildForm();
    void prefill();
    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message, QLineEdit* focus);
    void startOffline();
    void takeAnswer();
    void finish(const QString& token);

    Options m_options;
    ConsoleSession m_session;
    SignInRequest m_request;
    bool m_busy = false;
    QLabel* m_notice = nullptr;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_busyText = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QFutureWatcher<SignInAnswer> m_watcher;
};

} // namespace sotay::widgets
