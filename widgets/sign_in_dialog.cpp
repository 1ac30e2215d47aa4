// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_dialog.h"

#include "change_password_dialog.h"
#include "field_error_label.h"
#include "message_box.h"
#include "replica.h"
#include "server_address.h"
#include "unlock_task.h"
#include "user_guide_window.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {
namespace {

const QString kServerKey = QStringLiteral("signIn/server");
const QString kUsernameKey = QStringLiteral("signIn/username");
const QString kDefaultServer = QStringLiteral("http://127.0.0.1:8080");

QString normalisedUsername(const QString& text)
{
    return text.trimmed().toLower();
}

} // namespace

SignInDialog::SignInDialog(Options options, QWidget* parent)
    : QDialog(parent)
    , m_options(std::move(options))
{
    buildForm();
    retranslate();
    prefill();
    connect(&m_watcher, &QFutureWatcher<SignInAnswer>::finished, this, &SignInDialog::takeAnswer);
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::buildForm()
{
    auto* layout = new QVBoxLayout(this);

    m_notice = new QLabel(m_options.notice, this);
    m_notice->setWordWrap(true);
    m_notice->setVisible(!m_options.notice.isEmpty());
    layout->addWidget(m_notice);

    auto* form = new QFormLayout;
    m_server = new QLineEdit(this);
    m_server->setPlaceholderText(kDefaultServer);
    m_username = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_server->setObjectName(QStringLiteral("server"));
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    // Addresses and user names are ASCII: no input method or spelling help needed.
    m_server->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_serverLabel = new QLabel(this);
    m_usernameLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);
    buildTlsRows(form);
    layout->addLayout(form);

    m_error = new QLabel(this);
    styleAsError(m_error);
    layout->addWidget(m_error);

    auto* busyRow = new QHBoxLayout;
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // no percentage to show: only that something is going on
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setTextVisible(false);
    m_busyText = new QLabel(this);
    m_busyText->setWordWrap(true);
    busyRow->addWidget(m_busyBar);
    busyRow->addWidget(m_busyText, 1);
    m_busyBar->hide();
    m_busyText->hide();
    layout->addLayout(busyRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton* signIn = m_buttons->button(QDialogButtonBox::Ok);
    signIn->setDefault(true); // Enter signs in from any field
    // Enter never cancels, even when the fields are disabled while busy and the focus has moved here.
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    layout->addWidget(m_buttons);

    // F1: the guide's page on signing in and on safe connections.
    auto* help = new QAction(this);
    help->setShortcut(QKeySequence::HelpContents);
    connect(help, &QAction::triggered, this,
        [this] { UserGuideWindow::open(this, QString::fromLatin1(UserGuideWindow::kSignInPage)); });
    addAction(help);

    setTabOrder(m_server, m_username);
    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_caFile);
    setTabOrder(m_caFile, m_chooseCaFile);
    setTabOrder(m_chooseCaFile, m_allowInsecureHttp);
    setTabOrder(m_allowInsecureHttp, m_buttons);
    setMinimumWidth(460);
}

void SignInDialog::retranslate()
{
    setWindowTitle(tr("Đăng nhập — Sổ tay đảng viên điện tử"));
    m_serverLabel->setText(tr("Máy &chủ:"));
    m_usernameLabel->setText(tr("&Tên đăng nhập:"));
    m_passwordLabel->setText(tr("&Mật khẩu:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Đăng &nhập"));
    retranslateTls();
}

void SignInDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SignInDialog::prefill()
{
    const QSettings settings;
    const QString server = m_options.server.isValid() && !m_options.server.isEmpty()
        ? m_options.server.toDisplayString()
        : settings.value(kServerKey, kDefaultServer).toString();
    m_server->setText(server); // loads what was remembered for it (serverChanged)
    if (!m_options.tls.caFile.isEmpty())
        m_caFile->setText(m_options.tls.caFile);
    if (m_options.tls.allowInsecureHttp)
        m_allowInsecureHttp->setChecked(true);
    m_username->setText(
        m_options.username.isEmpty() ? settings.value(kUsernameKey).toString() : m_options.username);
    if (m_options.again) {
        m_server->setReadOnly(true);
        m_username->setReadOnly(true);
        // The session keeps how it reaches the server.
        for (QWidget* widget : std::initializer_list<QWidget*> {
                 m_caFileLabel, m_caFile, m_chooseCaFile, m_allowInsecureHttp, m_insecureWarning })
            widget->hide();
    }
    if (m_server->text().isEmpty())
        m_server->setFocus();
    else if (m_username->text().isEmpty())
        m_username->setFocus();
    else
        m_password->setFocus();
}

void SignInDialog::submit()
{
    if (m_busy)
        return;
    m_error->hide();
    const auto server = client::parseServerAddress(m_server->text());
    if (!server) {
        showError(server.error().message, m_server);
        return;
    }
    QWidget* fix = nullptr;
    if (const QString problem = tlsProblem(*server, fix); !problem.isEmpty()) {
        showError(problem, fix);
        return;
    }
    const QString username = normalisedUsername(m_username->text());
    if (username.isEmpty()) {
        showError(tr("Xin nhập tên đăng nhập."), m_username);
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Xin nhập mật khẩu."), m_password);
        return;
    }
    m_request = SignInRequest { *server, m_options.again ? m_options.tls : tlsSettings(), username,
        m_password->text(),
        m_options.replicaPath.isEmpty() ? client::Replica::defaultPath(*server, username)
                                        : m_options.replicaPath,
        m_options.verifierCost };
    // Signing in again for a window that works on the replica: the window keeps the key it opened, and the
    // replica is left alone (it is never set aside under an open window).
    m_request.openReplica = !m_options.again;
    setBusy(true, tr("Đang đăng nhập vào máy chủ %1…").arg(server->toDisplayString()));
    m_watcher.setFuture(QtConcurrent::run(&signInOnline, m_request));
}

void SignInDialog::startOffline()
{
    setBusy(true, tr("Đang kiểm tra mật khẩu với dữ liệu trên máy này…"));
    m_watcher.setFuture(QtConcurrent::run(&checkOffline, m_request));
}

void SignInDialog::takeAnswer()
{
    if (!m_busy)
        return; // cancelled meanwhile: the answer is for nobody
    const SignInAnswer answer = m_watcher.result();
    using S = SignInAnswer::Status;
    switch (answer.status) {
    case S::SignedIn:
        if (answer.mustChangePassword) {
            // A temporary password: a new one before anything else.
            setBusy(false);
            ChangePasswordDialog change(m_request, answer.token, this);
            if (!change.run()) {
                // The session of the temporary password is good for nothing else: ended, without waiting.
                (void)QtConcurrent::run(&signOutOnServer, m_request.server, m_request.tls, answer.token);
                showError(tr("Mật khẩu tạm thời phải được đổi trước khi làm việc. Xin đăng nhập lại để đổi."),
                    m_password);
                return;
            }
            finish(change.signedIn());
            return;
        }
        finish(answer);
        return;
    case S::OpenedOffline:
        finish(answer);
        return;
    case S::OutOfReach:
        setBusy(false);
        if (!m_options.again
            && MessageBox::question(this, tr("Không kết nối được máy chủ"),
                   tr("%1\n\nMở dữ liệu đã lưu trên máy này để làm việc ngoại tuyến? Các sửa đổi sẽ được gửi "
                      "lên máy chủ khi kết nối lại.")
                       .arg(answer.message),
                   MessageBox::Buttons(QMessageBox::Yes | QMessageBox::No), QMessageBox::Yes)
                == QMessageBox::Yes) {
            startOffline();
            return;
        }
        showError(answer.message, m_options.again ? m_password : m_server);
        return;
    case S::Unsafe:
        // Not out of reach: the server answered but cannot be trusted, and no offline offer is made.
        setBusy(false);
        showError(answer.message, m_options.again ? m_password : m_server);
        return;
    case S::Refused:
    case S::WrongPassword:
        setBusy(false);
        showError(answer.message, m_password);
        return;
    case S::NoVerifier:
    case S::Failed:
        setBusy(false);
        showError(answer.message, m_server);
        return;
    }
}

void SignInDialog::finish(const SignInAnswer& answer)
{
    if (!answer.notice.isEmpty()) {
        setBusy(false);
        MessageBox::information(this, tr("Dữ liệu trên máy được tải lại"), answer.notice);
    }
    QSettings settings;
    settings.setValue(kServerKey, m_request.server.toDisplayString());
    settings.setValue(kUsernameKey, m_request.username);
    if (!m_options.again)
        rememberTls();
    m_session = ConsoleSession { m_request.server, m_request.username, answer.token, m_request.replicaPath,
        m_request.tls, answer.cipher };
    m_request.password.clear();
    setBusy(false);
    accept();
}

void SignInDialog::reject()
{
    setBusy(false); // an answer still on its way is dropped when it comes
    m_request.password.clear();
    QDialog::reject();
}

void SignInDialog::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_server->setEnabled(!busy);
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_caFile->setEnabled(!busy);
    m_chooseCaFile->setEnabled(!busy);
    m_allowInsecureHttp->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_busyText->setText(text);
    m_busyText->setVisible(busy);
}

void SignInDialog::showError(const QString& message, QWidget* focus)
{
    m_error->setText(message);
    m_error->show();
    if (focus) {
        focus->setFocus();
        if (auto* edit = qobject_cast<QLineEdit*>(focus))
            edit->selectAll();
    }
    emit failed(message);
}

QString SignInDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SignInDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

} // namespace sotay::widgets
