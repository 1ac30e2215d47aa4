// SPDX-License-Identifier: GPL-3.0-or-later
#include "earlier_edits_dialog.h"

#include "field_error_label.h"
#include "message_box.h"
#include "replica_unlock.h"
#include "store/sql.h"
#include "test_answer.h"
#include "user_guide_window.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {

EarlierEditsDialog::EarlierEditsDialog(QString setAside, client::Replica& replica, QWidget* parent)
    : QDialog(parent)
    , m_setAside(std::move(setAside))
    , m_replica(replica)
    , m_explanation(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_recover(new QPushButton(this))
    , m_discard(new QPushButton(this))
    , m_later(new QPushButton(this))
{
    setObjectName(QStringLiteral("earlierEditsDialog"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_password->setObjectName(QStringLiteral("oldPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_password);
    styleAsError(m_error);
    m_recover->setDefault(true);
    m_discard->setAutoDefault(false);
    m_later->setAutoDefault(false);
    connect(m_recover, &QPushButton::clicked, this, &EarlierEditsDialog::recover);
    connect(m_discard, &QPushButton::clicked, this, &EarlierEditsDialog::discard);
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<QList<client::OutboxEntry>>>::finished, this,
        &EarlierEditsDialog::takeEdits);

    auto* form = new QFormLayout;
    form->addRow(m_passwordLabel, m_password);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_discard);
    buttons->addStretch();
    buttons->addWidget(m_recover);
    buttons->addWidget(m_later);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    // F1: the guide's page on working offline, which says why the old copy was set aside.
    auto* help = new QAction(this);
    help->setShortcut(QKeySequence::HelpContents);
    connect(help, &QAction::triggered, this,
        [this] { UserGuideWindow::open(this, QString::fromLatin1(UserGuideWindow::kOfflinePage)); });
    addAction(help);

    setTabOrder(m_password, m_recover);
    setTabOrder(m_recover, m_later);
    setTabOrder(m_later, m_discard);
    setMinimumWidth(480);
    retranslate();
    m_password->setFocus();
}

EarlierEditsDialog::~EarlierEditsDialog()
{
    m_watcher.waitForFinished();
}

void EarlierEditsDialog::retranslate()
{
    setWindowTitle(tr("Sửa đổi trong bản dữ liệu cũ"));
    const QFileInfo file(m_setAside);
    QString text
        = tr("Bản dữ liệu cũ trên máy này được khóa bằng mật khẩu bạn dùng trước khi mật khẩu được đổi hoặc "
             "được cấp lại, và có thể còn những sửa đổi chưa gửi lên máy chủ. Nhập mật khẩu cũ để chuyển các "
             "sửa đổi đó sang dữ liệu hiện tại; chúng sẽ được gửi ở lần đồng bộ tới. Nếu không cần, có thể "
             "bỏ "
             "hẳn bản cũ.")
        + QStringLiteral("\n\n") + tr("Tệp: %1").arg(QDir::toNativeSeparators(m_setAside));
    if (const QDateTime saved = file.lastModified(); saved.isValid())
        text += u'\n' + tr("Lưu lúc: %1").arg(QLocale().toString(saved, QLocale::ShortFormat));
    m_explanation->setText(text);
    m_passwordLabel->setText(tr("&Mật khẩu cũ:"));
    m_recover->setText(tr("&Chuyển sửa đổi"));
    m_discard->setText(tr("&Bỏ bản cũ…"));
    m_later->setText(tr("Để &sau"));
}

void EarlierEditsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

bool EarlierEditsDialog::run()
{
    if (const auto& answer = testAnswerFor<EarlierEditsDialog, void>()) {
        answer(*this);
        return result() == QDialog::Accepted;
    }
    return exec() == QDialog::Accepted;
}

void EarlierEditsDialog::setTestAnswer(std::function<void(EarlierEditsDialog&)> answer)
{
    testAnswerFor<EarlierEditsDialog, void>() = std::move(answer);
}

void EarlierEditsDialog::setOldPassword(const QString& password)
{
    m_password->setText(password);
}

void EarlierEditsDialog::recover()
{
    if (m_busy)
        return;
    if (m_password->text().isEmpty()) {
        showError(tr("Xin nhập mật khẩu cũ."));
        return;
    }
    m_busy = true;
    m_recover->setEnabled(false);
    m_discard->setEnabled(false);
    m_error->hide();
    m_watcher.setFuture(QtConcurrent::run(&client::unsentEditsOf, m_setAside, m_password->text()));
}

void EarlierEditsDialog::takeEdits()
{
    m_busy = false;
    m_recover->setEnabled(true);
    m_discard->setEnabled(true);
    const auto edits = m_watcher.result();
    if (!edits) {
        showError(edits.error().message);
        emit failed();
        return;
    }
    // Moved in one transaction, then the old file goes: a failure in between leaves both, and a second
    // attempt moves nothing twice (each edit keeps its key).
    int moved = 0;
    const Status adoptedAll = [&]() -> Status {
        sql::Transaction transaction(m_replica.db());
        if (const Status begun = transaction.begin(); !begun)
            return begun;
        for (const auto& edit : *edits) {
            auto adopted = m_replica.adopt(edit);
            if (!adopted)
                return adopted.error();
            moved += *adopted ? 1 : 0;
        }
        return transaction.commit();
    }();
    if (!adoptedAll) {
        showError(adoptedAll.error().message);
        emit failed();
        return;
    }
    m_moved = moved;
    if (const Status removed = client::discardSetAside(m_setAside); !removed)
        MessageBox::warning(this, windowTitle(), removed.error().message);
    m_password->clear();
    accept();
    emit settled();
}

void EarlierEditsDialog::discard()
{
    if (m_busy)
        return;
    if (MessageBox::question(this, tr("Bỏ bản dữ liệu cũ"),
            tr("Bỏ hẳn bản dữ liệu cũ, cùng mọi sửa đổi chưa gửi trong đó? Việc này không hoàn tác được."),
            MessageBox::Buttons(QMessageBox::Yes | QMessageBox::No), QMessageBox::No)
        != QMessageBox::Yes)
        return;
    if (const Status removed = client::discardSetAside(m_setAside); !removed) {
        showError(removed.error().message);
        emit failed();
        return;
    }
    accept();
    emit settled();
}

void EarlierEditsDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    m_password->setFocus();
    m_password->selectAll();
}

QString EarlierEditsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace sotay::widgets
