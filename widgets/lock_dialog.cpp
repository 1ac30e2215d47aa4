// SPDX-License-Identifier: GPL-3.0-or-later
#include "lock_dialog.h"

#include "field_error_label.h"

#include <QCloseEvent>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {

LockDialog::LockDialog(Options options, QWidget* parent)
    : QDialog(parent)
    , m_options(std::move(options))
    , m_heading(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_account(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_busyBar(new QProgressBar(this))
    , m_busyText(new QLabel(this))
    , m_unlock(new QPushButton(this))
    , m_signOut(new QPushButton(this))
{
    setObjectName(QStringLiteral("lockDialog"));
    // Above every window of the console, the modal dialogs open when it locked included.
    setWindowModality(Qt::ApplicationModal);
    setWindowFlag(Qt::WindowContextHelpButtonHint, false);
    setWindowFlag(Qt::WindowCloseButtonHint, false);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    for (QLabel* label : { m_explanation, m_account, m_error, m_busyText }) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_password);
    styleAsError(m_error);
    m_error->setObjectName(QStringLiteral("lockError"));
    m_busyBar->setRange(0, 0); // no percentage: one exchange with the server
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setTextVisible(false);
    m_busyBar->hide();
    m_busyText->hide();

    m_unlock->setObjectName(QStringLiteral("unlock"));
    m_signOut->setObjectName(QStringLiteral("signOut"));
    m_unlock->setDefault(true); // Enter in the field unlocks
    m_signOut->setAutoDefault(false);
    connect(m_unlock, &QPushButton::clicked, this, &LockDialog::submit);
    connect(m_signOut, &QPushButton::clicked, this, &LockDialog::signOut);

    auto* form = new QFormLayout;
    form->addRow(m_passwordLabel, m_password);
    auto* busyRow = new QHBoxLayout;
    busyRow->addWidget(m_busyBar);
    busyRow->addWidget(m_busyText, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_unlock);
    buttons->addWidget(m_signOut);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_explanation);
    layout->addWidget(m_account);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(busyRow);
    layout->addLayout(buttons);
    setTabOrder(m_password, m_unlock);
    setTabOrder(m_unlock, m_signOut);
    setMinimumWidth(440);

    connect(&m_checking, &QFutureWatcher<UnlockAnswer>::finished, this, &LockDialog::takeAnswer);
    connect(&m_signingOut, &QFutureWatcher<bool>::finished, this, [this] {
        setBusy(false);
        emit signOutRequested();
    });
    retranslate();
}

LockDialog::~LockDialog() = default;

void LockDialog::retranslate()
{
    setWindowTitle(tr("Sổ tay đã khoá"));
    m_heading->setText(tr("Sổ tay đã khoá"));
    m_explanation->setText(m_reason == Reason::Idle
            ? tr("Cửa sổ đã tự khoá sau %n phút không dùng đến, để người khác không xem được dữ liệu. Các "
                 "sửa đổi chưa gửi vẫn được giữ và việc đồng bộ vẫn tiếp tục.",
                nullptr, m_options.idleMinutes)
            : tr("Cửa sổ đã được khoá, để người khác không xem được dữ liệu. Các sửa đổi chưa gửi vẫn được "
                 "giữ "
                 "và việc đồng bộ vẫn tiếp tục."));
    m_account->setText(
        tr("Tài khoản %1 trên máy chủ %2.").arg(m_options.username, m_options.server.toDisplayString()));
    m_passwordLabel->setText(tr("&Mật khẩu:"));
    m_unlock->setText(tr("Mở &khoá"));
    m_signOut->setText(tr("Đăng &xuất"));
    m_signOut->setToolTip(
        tr("Đóng cửa sổ và trở về hộp đăng nhập. Các sửa đổi chưa gửi vẫn được giữ trên máy "
           "này và sẽ được gửi ở lần đăng nhập sau."));
}

void LockDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LockDialog::prepare(Reason reason)
{
    m_reason = reason;
    m_released = false;
    m_password->clear();
    m_error->hide();
    retranslate();
    m_password->setFocus(Qt::OtherFocusReason);
}

void LockDialog::submit()
{
    if (m_busy)
        return;
    m_error->hide();
    if (m_password->text().isEmpty()) {
        showError(tr("Xin nhập mật khẩu."));
        return;
    }
    UnlockRequest request { m_options.server, m_options.tls, m_options.username, m_password->text(),
        m_options.replicaPath, m_options.verifierCost, m_options.wantsSession && m_options.wantsSession() };
    setBusy(true, tr("Đang kiểm tra mật khẩu với máy chủ %1…").arg(m_options.server.toDisplayString()));
    m_checking.setFuture(QtConcurrent::run(&checkUnlock, std::move(request)));
}

void LockDialog::takeAnswer()
{
    if (!m_busy)
        return;
    const UnlockAnswer answer = m_checking.result();
    setBusy(false);
    using S = UnlockAnswer::Status;
    switch (answer.status) {
    case S::Unlocked:
        m_password->clear();
        emit unlocked(answer.token, false);
        return;
    case S::UnlockedOffline:
        m_password->clear();
        emit unlocked({}, true);
        return;
    case S::Refused:
    case S::Failed:
        showError(answer.message);
        return;
    }
}

void LockDialog::signOut()
{
    if (m_busy)
        return;
    m_error->hide();
    m_password->clear();
    setBusy(true, tr("Đang đăng xuất…"));
    m_signingOut.setFuture(QtConcurrent::run(
        &signOutOnServer, m_options.server, m_options.tls, m_options.token ? m_options.token() : QString()));
}

void LockDialog::release()
{
    m_released = true;
    QDialog::done(QDialog::Accepted);
}

void LockDialog::reject()
{
    // Escape does not end the lock.
}

void LockDialog::closeEvent(QCloseEvent* event)
{
    if (m_released)
        QDialog::closeEvent(event);
    else
        event->ignore();
}

void LockDialog::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_password->setEnabled(!busy);
    m_unlock->setEnabled(!busy);
    m_signOut->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_busyText->setText(text);
    m_busyText->setVisible(busy);
    fitHeight();
    if (!busy)
        m_password->setFocus(Qt::OtherFocusReason);
}

void LockDialog::fitHeight()
{
    // A window does not follow its word-wrapped labels' height for its width by itself.
    if (!isVisible())
        return;
    layout()->activate();
    const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (height() < wanted)
        resize(width(), wanted);
}

void LockDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    fitHeight();
}

void LockDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    fitHeight();
    m_password->setFocus(Qt::OtherFocusReason);
    m_password->selectAll();
    emit refused(message);
}

QString LockDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace sotay::widgets
