// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "account_api.h"

#include <QDialog>
#include <QJsonObject>
#include <QPair>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sotay::widgets {

// A unit an account may work in: its id and full name.
using ScopeChoice = QPair<qint64, QString>;

// "Tạo tài khoản" (user name, first password, role, unit) or "Đổi quyền, phạm vi" of one account (role and
// unit only). Offers only the roles the signed-in user may give (never above their own) and the units on
// this computer, which are those of their scope. What the server would refuse for a missing field is said
// beside it before sending.
class AccountFormDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountFormDialog)

public:
    // `account` null: a new account.
    AccountFormDialog(const Account* account, const QStringList& roles, const QList<ScopeChoice>& scopes,
        QWidget* parent = nullptr);

    // Shown, or answered by a test (askForOk); true when OK was pressed with a valid form.
    bool ask();
    // What to send: the whole new account, or the changes of the existing one.
    QJsonObject body() const;

    QLineEdit* usernameField() const { return m_username; }
    QLineEdit* passwordField() const { return m_password; }
    QComboBox* roleBox() const { return m_role; }
    QComboBox* scopeBox() const { return m_scope; }
    QPushButton* okButton() const { return m_ok; }
    QString errorText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void followRole();
    void tryAccept();

    const bool m_creating;
    QStringList m_roles;
    QLabel* m_explanation;
    QLabel* m_usernameLabel;
    QLabel* m_passwordLabel;
    QLabel* m_roleLabel;
    QLabel* m_scopeLabel;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QComboBox* m_role;
    QComboBox* m_scope;
    QLabel* m_error;
    QPushButton* m_ok;
    QPushButton* m_cancel;
    QString m_accountName;
};

// The temporary password after a reset, shown once: with Copy and the advice to hand it over in person.
class TemporaryPasswordDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemporaryPasswordDialog)

public:
    TemporaryPasswordDialog(const QString& username, const QString& password, QWidget* parent = nullptr);

    // Shown and waited for, or handed to a test's answer.
    void run();
    QString password() const;
    QPushButton* copyButton() const { return m_copy; }
    static void setTestAnswer(std::function<void(TemporaryPasswordDialog&)> answer);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QString m_username;
    QLabel* m_explanation;
    QLineEdit* m_password;
    QPushButton* m_copy;
    QPushButton* m_close;
};

} // namespace sotay::widgets
