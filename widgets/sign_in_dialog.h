// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "sign_in_task.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace sotay::widgets {

// Asks for the server, the username and the password, then signs in on a worker thread while the dialog
// shows that it is busy. A refusal shows the server's own message. When the server is out of reach it
// offers to open the replica on this computer offline, once the password matches the replica's verifier.
// Remembers the server and the username (never the password) for the next time.
// For https, an optional CA file to check the server's certificate with instead of the system's store; for
// plain http to another computer, a checkbox with a warning that allows it for that server (without it the
// sign-in is refused). Both are remembered per server (sign_in_dialog_tls.cpp); a refused certificate or
// handshake shows its reason and what to do in the error area.
class SignInDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    struct Options {
        QUrl server; // pre-fills (and overrides the remembered server) when valid
        // Pre-fills the CA file and the leave for plain http when set (over what was remembered for the
        // server); signing in again, they are the session's and are not shown.
        client::TlsSettings tls;
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

protected:
    void changeEvent(QEvent* event) override;

signals:
    // A sign-in attempt ended without a session; the dialog stays open for another try.
    void failed(const QString& message);

private:
    void buildForm();
    void retranslate();
    void prefill();
    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message, QWidget* focus);
    // sign_in_dialog_tls.cpp
    void buildTlsRows(QFormLayout* form);
    void retranslateTls();
    void serverChanged();
    void chooseCaFile();
    client::TlsSettings tlsSettings() const;
    // Why the typed connection settings cannot be used, with the field to fix; empty when they can.
    QString tlsProblem(const QUrl& server, QWidget*& focus) const;
    void rememberTls() const;
    void startOffline();
    void takeAnswer();
    void finish(const SignInAnswer& answer);

    Options m_options;
    ConsoleSession m_session;
    SignInRequest m_request;
    bool m_busy = false;
    QLabel* m_notice = nullptr;
    QLabel* m_serverLabel = nullptr;
    QLabel* m_usernameLabel = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_caFileLabel = nullptr;
    QLineEdit* m_caFile = nullptr;
    QPushButton* m_chooseCaFile = nullptr;
    QCheckBox* m_allowInsecureHttp = nullptr;
    QLabel* m_insecureWarning = nullptr;
    QString m_trustKey; // the server whose remembered CA file and leave the fields hold
    QLabel* m_error = nullptr;
    QLabel* m_busyText = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QFutureWatcher<SignInAnswer> m_watcher;
};

} // namespace sotay::widgets
