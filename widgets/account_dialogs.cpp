// SPDX-License-Identifier: GPL-3.0-or-later
#include "account_dialogs.h"

#include "accounts_model.h"
#include "combo_texts.h"
#include "field_error_label.h"
#include "folding_completer.h"
#include "test_answer.h"
#include "text/vietnamese_text.h"

#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sotay::widgets {
namespace {

constexpr int kScopeKeyRole = Qt::UserRole + 1;

QLabel* errorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    styleAsError(label);
    return label;
}

} // namespace

AccountFormDialog::AccountFormDialog(
    const Account* account, const QStringList& roles, const QList<ScopeChoice>& scopes, QWidget* parent)
    : QDialog(parent)
    , m_creating(account == nullptr)
    , m_roles(roles)
    , m_explanation(new QLabel(this))
    , m_usernameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_roleLabel(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_error(errorLabel(this))
    , m_ok(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_accountName(account ? account->username : QString())
{
    setObjectName(m_creating ? QStringLiteral("createAccountDialog") : QStringLiteral("changeRoleDialog"));
    m_explanation->setWordWrap(true);
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    m_roleLabel->setBuddy(m_role);
    m_scopeLabel->setBuddy(m_scope);
    for (const QString& role : m_roles)
        m_role->addItem(AccountsModel::roleLabel(role), role);
    // Thousands of units in a province: type part of a name, with or without diacritics, to find one.
    m_scope->setEditable(true);
    m_scope->setInsertPolicy(QComboBox::NoInsert);
    for (const ScopeChoice& scope : scopes) {
        m_scope->addItem(scope.second, scope.first);
        m_scope->setItemData(m_scope->count() - 1, text::fold(scope.second), kScopeKeyRole);
    }
    FoldingCompleter::install(m_scope, kScopeKeyRole);
    m_scope->setMinimumContentsLength(24);
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    if (!account)
        m_role->setCurrentIndex(m_role->count() - 1); // the least strong role first: the usual new account
    if (account) {
        m_role->setCurrentIndex(std::max(0, m_role->findData(account->role)));
        if (account->scopeOrgId)
            m_scope->setCurrentIndex(std::max(0, m_scope->findData(*account->scopeOrgId)));
    }
    m_ok->setDefault(true);
    m_cancel->setAutoDefault(false);
    connect(m_ok, &QPushButton::clicked, this, &AccountFormDialog::tryAccept);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_role, &QComboBox::currentIndexChanged, this, &AccountFormDialog::followRole);

    auto* form = new QFormLayout;
    if (m_creating) {
        form->addRow(m_usernameLabel, m_username);
        form->addRow(m_passwordLabel, m_password);
    } else {
        m_username->hide();
        m_password->hide();
        m_usernameLabel->hide();
        m_passwordLabel->hide();
    }
    form->addRow(m_roleLabel, m_role);
    form->addRow(m_scopeLabel, m_scope);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_ok);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_role);
    setTabOrder(m_role, m_scope);
    setTabOrder(m_scope, m_ok);
    setTabOrder(m_ok, m_cancel);
    setMinimumWidth(460);
    retranslate();
    followRole();
    (m_creating ? static_cast<QWidget*>(m_username) : m_role)->setFocus();
}

void AccountFormDialog::retranslate()
{
    setWindowTitle(m_creating ? tr("Tạo tài khoản") : tr("Đổi quyền, phạm vi"));
    m_explanation->setText(
        m_creating ? tr(
            "Tài khoản mới cho một cán bộ hoặc bí thư. Trao mật khẩu ban đầu tận tay người dùng. Tài khoản "
            "của đảng viên được tạo từ hồ sơ đảng viên.")
                   : tr(
                       "Quyền và nơi làm việc của tài khoản %1. Người dùng thấy thay đổi từ lần đồng bộ tới.")
                         .arg(m_accountName));
    m_usernameLabel->setText(tr("&Tên đăng nhập:"));
    m_passwordLabel->setText(tr("&Mật khẩu ban đầu:"));
    m_roleLabel->setText(tr("&Quyền:"));
    m_scopeLabel->setText(tr("&Nơi làm việc:"));
    m_ok->setText(m_creating ? tr("Tạ&o") : tr("&Lưu"));
    m_cancel->setText(tr("Huỷ"));
    QStringList roles;
    for (int i = 0; i < m_role->count(); ++i)
        roles.append(AccountsModel::roleLabel(m_role->itemData(i).toString()));
    setComboTexts(m_role, roles);
}

void AccountFormDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AccountFormDialog::followRole()
{
    // An administrator works on the whole province: no unit.
    m_scope->setEnabled(m_role->currentData().toString() != u"admin");
}

void AccountFormDialog::tryAccept()
{
    m_error->hide();
    QString problem;
    QWidget* field = nullptr;
    if (m_creating && m_username->text().trimmed().isEmpty()) {
        problem = tr("Xin nhập tên đăng nhập.");
        field = m_username;
    } else if (m_creating && m_password->text().isEmpty()) {
        problem = tr("Xin nhập mật khẩu ban đầu.");
        field = m_password;
    } else if (m_role->currentIndex() < 0) {
        problem = tr("Xin chọn quyền.");
        field = m_role;
    } else if (m_scope->isEnabled()
        && (m_scope->currentIndex() < 0
            || m_scope->currentText() != m_scope->itemText(m_scope->currentIndex()))) {
        problem = tr("Xin chọn nơi làm việc trong danh sách (gõ một phần tên để tìm).");
        field = m_scope;
    }
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        field->setFocus();
        return;
    }
    accept();
}

bool AccountFormDialog::ask()
{
    if (const auto& answer = testAnswerFor<AccountFormDialog, bool>()) {
        if (!answer(*this))
            return false;
        tryAccept();
        return result() == QDialog::Accepted;
    }
    return exec() == QDialog::Accepted;
}

QJsonObject AccountFormDialog::body() const
{
    QJsonObject body { { QStringLiteral("role"), m_role->currentData().toString() } };
    body.insert(QStringLiteral("scopeOrgId"),
        m_scope->isEnabled() && m_scope->currentIndex() >= 0 ? QJsonValue(m_scope->currentData().toLongLong())
                                                             : QJsonValue());
    if (m_creating) {
        body.insert(QStringLiteral("username"), m_username->text().trimmed().toLower());
        body.insert(QStringLiteral("password"), m_password->text());
        if (body.value(QStringLiteral("scopeOrgId")).isNull())
            body.remove(QStringLiteral("scopeOrgId"));
    }
    return body;
}

QString AccountFormDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

TemporaryPasswordDialog::TemporaryPasswordDialog(
    const QString& username, const QString& password, QWidget* parent)
    : QDialog(parent)
    , m_username(username)
    , m_explanation(new QLabel(this))
    , m_password(new QLineEdit(password, this))
    , m_copy(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("temporaryPasswordDialog"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_password->setReadOnly(true);
    m_password->setObjectName(QStringLiteral("temporaryPassword"));
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(m_password->font().pointSizeF() * 1.4);
    m_password->setFont(fixed);
    m_close->setDefault(true);
    connect(m_copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_password->text()); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copy);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_password);
    layout->addLayout(buttons);
    setTabOrder(m_password, m_copy);
    setTabOrder(m_copy, m_close);
    setMinimumWidth(460);
    retranslate();
    m_password->setFocus();
    m_password->selectAll();
}

void TemporaryPasswordDialog::retranslate()
{
    setWindowTitle(tr("Mật khẩu tạm thời"));
    m_explanation->setText(tr(
        "Mật khẩu tạm thời của tài khoản %1 ở dưới, chỉ hiện một lần này. Hãy trao tận tay hoặc đọc qua điện "
        "thoại cho đúng người dùng, không gửi qua tin nhắn hay thư điện tử. Ở lần đăng nhập tới, người dùng "
        "phải đặt mật khẩu mới.")
                               .arg(m_username));
    m_copy->setText(tr("&Chép"));
    m_close->setText(tr("Đóng"));
}

void TemporaryPasswordDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void TemporaryPasswordDialog::run()
{
    if (const auto& answer = testAnswerFor<TemporaryPasswordDialog, void>())
        answer(*this);
    else
        exec();
}

QString TemporaryPasswordDialog::password() const
{
    return m_password->text();
}

void TemporaryPasswordDialog::setTestAnswer(std::function<void(TemporaryPasswordDialog&)> answer)
{
    testAnswerFor<TemporaryPasswordDialog, void>() = std::move(answer);
}

} // namespace sotay::widgets
