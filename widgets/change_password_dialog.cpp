// SPDX-License-Identifier: GPL-3.0-or-later
#include "change_password_dialog.h"

#include "account_api.h"
#include "field_error_label.h"
#include "test_answer.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {
namespace {

// Changes the password and signs in with the new one (the change ends every session of the account).
SignInAnswer changeAndSignIn(SignInRequest request, QString token, const QString& next)
{
    const Status changed
        = AccountApi(request.server, request.tls, std::move(token)).changeOwnPassword(request.password, next);
    if (!changed)
        return { SignInAnswer::Status::Refused, {}, changed.error().message };
    // The replica's key, wrapped under the temporary password at the first sign-in, follows the new one.
    request.previousPassword = request.password;
    request.password = next;
    return signInOnline(request);
}

} // namespace

ChangePasswordDialog::ChangePasswordDialog(SignInRequest temporary, QString signedInToken, QWidget* parent)
    : QDialog(parent)
    , m_request(std::move(temporary))
    , m_temporaryToken(std::move(signedInToken))
    , m_explanation(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_againLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_again(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_ok(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    m_explanation->setWordWrap(true);
    m_password->setObjectName(QStringLiteral("newPassword"));
    m_again->setObjectName(QStringLiteral("newPasswordAgain"));
    m_password->setEchoMode(QLineEdit::Password);
    m_again->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_password);
    m_againLabel->setBuddy(m_again);
    styleAsError(m_error);
    m_ok->setDefault(true);
    m_cancel->setAutoDefault(false);
    connect(m_ok, &QPushButton::clicked, this, &ChangePasswordDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<SignInAnswer>::finished, this, &ChangePasswordDialog::takeAnswer);

    auto* form = new QFormLayout;
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_againLabel, m_again);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_ok);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    setTabOrder(m_password, m_again);
    setTabOrder(m_again, m_ok);
    setTabOrder(m_ok, m_cancel);
    setMinimumWidth(440);
    retranslate();
    m_password->setFocus();
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::retranslate()
{
    setWindowTitle(tr("Đổi mật khẩu tạm thời"));
    m_explanation->setText(
        tr("Tài khoản %1 đang dùng mật khẩu tạm thời do người quản lý tài khoản đặt lại. Xin "
           "đặt mật khẩu mới của riêng bạn trước khi làm việc.")
            .arg(m_request.username));
    m_passwordLabel->setText(tr("Mật khẩu &mới:"));
    m_againLabel->setText(tr("&Nhập lại mật khẩu mới:"));
    m_ok->setText(tr("Đổi mật khẩu")); // Enter; Alt+M is the field's
    m_cancel->setText(tr("Huỷ"));
}

void ChangePasswordDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

bool ChangePasswordDialog::run()
{
    if (const auto& answer = testAnswerFor<ChangePasswordDialog, void>()) {
        answer(*this);
        return result() == QDialog::Accepted;
    }
    return exec() == QDialog::Accepted;
}

void ChangePasswordDialog::setTestAnswer(std::function<void(ChangePasswordDialog&)> answer)
{
    testAnswerFor<ChangePasswordDialog, void>() = std::move(answer);
}

void ChangePasswordDialog::setPasswords(const QString& password, const QString& again)
{
    m_password->setText(password);
    m_again->setText(again);
}

void ChangePasswordDialog::submit()
{
    if (m_busy)
        return;
    m_error->hide();
    if (m_password->text().isEmpty()) {
        showError(tr("Xin nhập mật khẩu mới."));
        return;
    }
    if (m_password->text() != m_again->text()) {
        showError(tr("Hai lần nhập mật khẩu mới không giống nhau. Xin nhập lại."));
        m_again->setFocus();
        m_again->selectAll();
        return;
    }
    m_busy = true;
    m_ok->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run(&changeAndSignIn, m_request, m_temporaryToken, m_password->text()));
}

void ChangePasswordDialog::takeAnswer()
{
    m_busy = false;
    m_ok->setEnabled(true);
    const SignInAnswer answer = m_watcher.result();
    if (answer.status == SignInAnswer::Status::SignedIn) {
        m_signedIn = answer;
        accept();
        emit finished(true);
        return;
    }
    showError(answer.message);
    emit finished(false);
}

void ChangePasswordDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    m_password->setFocus();
    m_password->selectAll();
}

QString ChangePasswordDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace sotay::widgets
