// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog's rows about how the server is reached: the CA file for https and the leave for plain
// http to another computer, both remembered per server.
#include "sign_in_dialog.h"
#include "test_answer.h"
#include "tls_context.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace sotay::widgets {
namespace {

// signIn/servers/<host>:<port>/caFile and …/allowInsecureHttp.
QString trustKey(const QUrl& server)
{
    return QStringLiteral("signIn/servers/%1:%2/").arg(server.host()).arg(client::effectivePort(server));
}

const QString kCaFile = QStringLiteral("caFile");
const QString kAllowInsecureHttp = QStringLiteral("allowInsecureHttp");

} // namespace

void SignInDialog::buildTlsRows(QFormLayout* form)
{
    m_caFileLabel = new QLabel(this);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_caFile->setClearButtonEnabled(true);
    m_chooseCaFile = new QPushButton(this);
    m_chooseCaFile->setObjectName(QStringLiteral("chooseCaFile"));
    m_chooseCaFile->setAutoDefault(false); // Enter signs in, even from here
    m_caFileLabel->setBuddy(m_caFile);
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_chooseCaFile);
    form->addRow(m_caFileLabel, caRow);

    m_allowInsecureHttp = new QCheckBox(this);
    m_allowInsecureHttp->setObjectName(QStringLiteral("allowInsecureHttp"));
    m_insecureWarning = new QLabel(this);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setTextFormat(Qt::PlainText);
    QPalette warning = m_insecureWarning->palette();
    warning.setColor(QPalette::WindowText, QColor(0x9a, 0x45, 0x00));
    m_insecureWarning->setPalette(warning);
    form->addRow(m_allowInsecureHttp);
    form->addRow(m_insecureWarning);
    m_allowInsecureHttp->hide();
    m_insecureWarning->hide();

    connect(m_chooseCaFile, &QPushButton::clicked, this, &SignInDialog::chooseCaFile);
    connect(m_server, &QLineEdit::textChanged, this, &SignInDialog::serverChanged);
}

void SignInDialog::retranslateTls()
{
    m_caFileLabel->setText(tr("Chứng chỉ &gốc (CA):"));
    // The tooltip says the rest: a longer text would be cut in the field.
    m_caFile->setPlaceholderText(tr("Không bắt buộc"));
    m_caFile->setToolTip(
        tr("Tệp chứng chỉ gốc (CA, dạng PEM) do bộ phận công nghệ thông tin cấp, dùng để kiểm tra chứng chỉ "
           "của máy chủ https thay cho kho chứng chỉ của hệ thống. Để trống khi máy chủ dùng chứng chỉ mà hệ "
           "thống đã tin. Được ghi nhớ cho máy chủ này."));
    // No mnemonic of its own (every letter of it is taken, Cancel's "&Hủy" included): the CA file's Alt+G
    // and a Tab reach it.
    m_chooseCaFile->setText(tr("Chọn…"));
    m_allowInsecureHttp->setText(tr("Cho &phép kết nối không mã hoá (http) tới máy chủ này"));
    m_insecureWarning->setText(
        tr("Cảnh báo: qua http, mật khẩu và dữ liệu cá nhân của đảng viên đi qua mạng ở dạng không mã hoá; "
           "bất kỳ ai trên đường truyền (mạng Wi-Fi, thiết bị mạng, nhà mạng) cũng đọc được, thậm chí sửa "
           "được. Chỉ cho phép khi máy chủ chưa có https và mạng này tin cậy được; nên dùng địa chỉ https:// "
           "của máy chủ."));
}

void SignInDialog::serverChanged()
{
    const auto server = client::parseServerAddress(m_server->text());
    const bool needsLeave = server && client::needsInsecureHttpAllowance(*server) && !m_options.again;
    m_allowInsecureHttp->setVisible(needsLeave);
    m_insecureWarning->setVisible(needsLeave);
    if (!server)
        return;
    // Another server: what was chosen for it, if anything. The leave for plain http is never carried over
    // from one server to another; a CA file is, unless this server has its own.
    const QString key = trustKey(*server);
    if (key == m_trustKey)
        return;
    m_trustKey = key;
    const QSettings settings;
    const QString caFile = settings.value(key + kCaFile).toString();
    if (!caFile.isEmpty())
        m_caFile->setText(caFile);
    m_allowInsecureHttp->setChecked(settings.value(key + kAllowInsecureHttp, false).toBool());
}

void SignInDialog::chooseCaFile()
{
    const QString current = m_caFile->text().trimmed();
    QFileDialog dialog(this, tr("Chọn tệp chứng chỉ gốc (CA)"),
        current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
        tr("Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    const auto& answer = testAnswerFor<QFileDialog, bool>();
    const bool chosen = answer ? answer(dialog) : dialog.exec() == QDialog::Accepted;
    if (!chosen || dialog.selectedFiles().isEmpty())
        return;
    m_caFile->setText(QDir::toNativeSeparators(dialog.selectedFiles().constFirst()));
    m_caFile->setFocus();
}

client::TlsSettings SignInDialog::tlsSettings() const
{
    client::TlsSettings tls;
    tls.caFile = QDir::fromNativeSeparators(m_caFile->text().trimmed());
    // The leave counts only where it is offered: plain http to another computer.
    tls.allowInsecureHttp = !m_allowInsecureHttp->isHidden() && m_allowInsecureHttp->isChecked();
    return tls;
}

QString SignInDialog::tlsProblem(const QUrl& server, QWidget*& focus) const
{
    const client::TlsSettings tls = m_options.again ? m_options.tls : tlsSettings();
    if (const Status allowed = client::checkInsecureHttpAllowed(server, tls.allowInsecureHttp); !allowed) {
        focus = m_options.again ? static_cast<QWidget*>(m_password) : m_allowInsecureHttp;
        return allowed.error().message;
    }
    if (!tls.caFile.isEmpty()) {
        if (const Status usable = client::checkCaFile(tls.caFile); !usable) {
            focus = m_options.again ? static_cast<QWidget*>(m_password) : m_caFile;
            return usable.error().message;
        }
    }
    return {};
}

void SignInDialog::rememberTls() const
{
    QSettings settings;
    const QString key = trustKey(m_request.server);
    if (m_request.tls.caFile.isEmpty())
        settings.remove(key + kCaFile);
    else
        settings.setValue(key + kCaFile, m_request.tls.caFile);
    if (m_request.tls.allowInsecureHttp && client::needsInsecureHttpAllowance(m_request.server))
        settings.setValue(key + kAllowInsecureHttp, true);
    else
        settings.remove(key + kAllowInsecureHttp);
}

} // namespace sotay::widgets
