// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sign_in_task.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sotay::widgets {

// After a sign-in with a temporary password (set by whoever manages the account), before anything else:
// asks for a new password twice, changes it on the server (POST /api/v1/auth/password) and signs in again
// with it, off the GUI thread. The server's reasons (too short, the same as the temporary one) show beside
// the field.
class ChangePasswordDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangePasswordDialog)

public:
    // `temporary`: the password just used; `signedIn`: the session it opened (good for the change only).
    ChangePasswordDialog(SignInRequest temporary, QString signedInToken, QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    // Shown and waited for, or handed to a test's answer (test_answer.h). True once changed: session().
    bool run();
    void submit();
    void setPasswords(const QString& password, const QString& again);
    QString errorText() const;
    bool isBusy() const { return m_busy; }
    // The new session, signed in with the new password.
    // The sign-in with the new password, once the change is done.
    const SignInAnswer& signedIn() const { return m_signedIn; }

    static void setTestAnswer(std::function<void(ChangePasswordDialog&)> answer);

signals:
    void finished(bool changed);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void takeAnswer();
    void showError(const QString& message);

    SignInRequest m_request;
    QString m_temporaryToken;
    SignInAnswer m_signedIn;
    bool m_busy = false;
    QLabel* m_explanation;
    QLabel* m_passwordLabel;
    QLabel* m_againLabel;
    QLineEdit* m_password;
    QLineEdit* m_again;
    QLabel* m_error;
    QPushButton* m_ok;
    QPushButton* m_cancel;
    QFutureWatcher<SignInAnswer> m_watcher;
};

} // namespace sotay::widgets
