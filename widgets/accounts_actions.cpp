// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts window's actions on the chosen account (accounts_window.h).
#include "accounts_model.h"
#include "accounts_window.h"
#include "message_box.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

namespace sotay::widgets {

const Account* AccountsWindow::chosen()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isSelected(current)) {
        // Never silent: say what the action needs.
        m_message = tr("Chọn một tài khoản trong danh sách trước (tìm bằng Ctrl+F, chọn bằng phím mũi tên).");
        showCounts();
        return nullptr;
    }
    return &m_model->account(current.row());
}

bool AccountsWindow::confirm(const QString& title, const QString& question)
{
    return MessageBox::question(this, title, question) == QMessageBox::Yes;
}

QStringList AccountsWindow::grantableRoles() const
{
    // Never above one's own role; a member's account is made from the member's record.
    if (m_options.ownRole == u"admin")
        return { QStringLiteral("admin"), QStringLiteral("officer"), QStringLiteral("secretary") };
    return { QStringLiteral("officer"), QStringLiteral("secretary") };
}

void AccountsWindow::run(const QString& doing, std::function<Outcome(const AccountApi&)> work,
    std::function<void(const Outcome&)> then)
{
    if (m_working) {
        m_message = tr("Việc trước chưa xong; xin chờ trong giây lát.");
        showCounts();
        return;
    }
    m_working = true;
    m_then = std::move(then);
    for (QPushButton* button : actionButtons())
        button->setEnabled(false);
    m_progress->show();
    m_message = doing;
    showCounts();
    m_actions.setFuture(QtConcurrent::run([api = api(), work = std::move(work)] { return work(api); }));
}

void AccountsWindow::takeOutcome()
{
    m_working = false;
    for (QPushButton* button : actionButtons())
        button->setEnabled(true);
    m_progress->setVisible(m_loading);
    const Outcome outcome = m_actions.result();
    if (outcome.account)
        m_model->replace(*outcome.account);
    m_message.clear();
    const auto then = std::move(m_then);
    m_then = nullptr;
    then(outcome);
    showCounts();
    emit actionFinished(outcome.ok);
}

void AccountsWindow::refuse(const QString& title, const QString& message)
{
    const QString text
        = tr("Máy chủ không làm việc này: %1\n\nNhấn F5 để tải lại danh sách rồi thử lại; nếu vẫn "
             "không được, hỏi cán bộ quản trị của tỉnh.")
              .arg(message);
    m_message = tr("Không làm được: %1").arg(message);
    MessageBox::warning(this, title, text);
}

void AccountsWindow::toggleDisabled()
{
    const Account* account = chosen();
    if (!account)
        return;
    const Account target = *account;
    const bool disabling = !target.disabled;
    const QString title = disabling ? tr("Khoá tài khoản") : tr("Mở khoá tài khoản");
    if (!confirm(title,
            disabling
                ? tr("Khoá tài khoản %1? Người dùng bị đăng xuất ngay trên mọi máy và không đăng nhập được "
                     "cho đến khi tài khoản được mở khoá.")
                      .arg(target.username)
                : tr("Mở khoá tài khoản %1? Người dùng đăng nhập lại được bằng mật khẩu cũ.")
                      .arg(target.username)))
        return;
    run(
        disabling ? tr("Đang khoá tài khoản %1…").arg(target.username)
                  : tr("Đang mở khoá tài khoản %1…").arg(target.username),
        [target, disabling](const AccountApi& api) {
            const auto changed = api.change(target, { { QStringLiteral("disabled"), disabling } });
            return changed ? Outcome { true, {}, *changed, {} }
                           : Outcome { false, changed.error().message, {}, {} };
        },
        [this, title, target, disabling](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            m_message = disabling ? tr("Đã khoá tài khoản %1.").arg(target.username)
                                  : tr("Đã mở khoá tài khoản %1.").arg(target.username);
            m_disable->setText(disabling ? tr("Mở &khoá tài khoản") : tr("&Khoá tài khoản"));
        });
}

void AccountsWindow::resetPassword()
{
    const Account* account = chosen();
    if (!account)
        return;
    const Account target = *account;
    const QString title = tr("Đặt lại mật khẩu");
    if (!confirm(title,
            tr("Đặt lại mật khẩu của tài khoản %1? Mật khẩu cũ hết dùng được và người dùng bị đăng xuất trên "
               "mọi "
               "máy; bạn sẽ thấy một mật khẩu tạm thời để trao cho người dùng.")
                .arg(target.username)))
        return;
    run(
        tr("Đang đặt lại mật khẩu của tài khoản %1…").arg(target.username),
        [target](const AccountApi& api) {
            const auto reset = api.resetPassword(target.id);
            if (!reset)
                return Outcome { false, reset.error().message, {}, {} };
            Account changed = target;
            changed.mustChangePassword = true;
            return Outcome { true, {}, changed, *reset };
        },
        [this, title, target](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            TemporaryPasswordDialog shown(target.username, outcome.temporaryPassword, this);
            shown.run();
            m_message = tr("Đã đặt lại mật khẩu của tài khoản %1.").arg(target.username);
        });
}

void AccountsWindow::endSessions()
{
    const Account* account = chosen();
    if (!account)
        return;
    const Account target = *account;
    const QString title = tr("Đăng xuất khỏi mọi nơi");
    if (!confirm(title,
            tr("Đăng xuất tài khoản %1 trên mọi máy và điện thoại? Người dùng phải đăng nhập lại; mật khẩu "
               "không "
               "đổi.")
                .arg(target.username)))
        return;
    run(
        tr("Đang đăng xuất tài khoản %1 khỏi mọi nơi…").arg(target.username),
        [target](const AccountApi& api) {
            const Status ended = api.endSessions(target.id);
            return ended ? Outcome { true, {}, {}, {} } : Outcome { false, ended.error().message, {}, {} };
        },
        [this, title, target](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            m_message = tr("Đã đăng xuất tài khoản %1 khỏi mọi nơi.").arg(target.username);
        });
}

void AccountsWindow::unlockSignIns()
{
    const Account* account = chosen();
    if (!account)
        return;
    const Account target = *account;
    const QString title = tr("Gỡ chặn đăng nhập");
    if (!confirm(title,
            tr("Gỡ chặn đăng nhập cho tài khoản %1? Các lần đăng nhập sai đã đếm được xoá, người dùng đăng "
               "nhập "
               "lại được ngay. Chỉ làm khi chắc chắn chính người dùng đã nhập sai.")
                .arg(target.username)))
        return;
    run(
        tr("Đang gỡ chặn đăng nhập cho tài khoản %1…").arg(target.username),
        [target](const AccountApi& api) {
            const Status lifted = api.unlockSignIns(target.id);
            return lifted ? Outcome { true, {}, {}, {} } : Outcome { false, lifted.error().message, {}, {} };
        },
        [this, title, target](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            m_message = tr("Đã gỡ chặn đăng nhập cho tài khoản %1.").arg(target.username);
        });
}

void AccountsWindow::changeRole()
{
    const Account* account = chosen();
    if (!account)
        return;
    const Account target = *account;
    const QString title = tr("Đổi quyền, phạm vi");
    if (target.role == u"member") {
        m_message
            = tr("Tài khoản %1 là tài khoản của đảng viên: nơi làm việc đi theo nơi sinh hoạt của đảng viên "
                 "và không đổi quyền được. Cần tài khoản cán bộ thì tạo tài khoản mới.")
                  .arg(target.username);
        showCounts();
        return;
    }
    AccountFormDialog form(&target, grantableRoles(), m_options.scopes, this);
    if (!form.ask())
        return;
    const QJsonObject changes = form.body();
    run(
        tr("Đang lưu quyền và nơi làm việc của tài khoản %1…").arg(target.username),
        [target, changes](const AccountApi& api) {
            const auto changed = api.change(target, changes);
            return changed ? Outcome { true, {}, *changed, {} }
                           : Outcome { false, changed.error().message, {}, {} };
        },
        [this, title, target](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            m_message = tr("Đã lưu quyền và nơi làm việc của tài khoản %1.").arg(target.username);
        });
}

void AccountsWindow::createAccount()
{
    const QString title = tr("Tạo tài khoản");
    AccountFormDialog form(nullptr, grantableRoles(), m_options.scopes, this);
    if (!form.ask())
        return;
    const QJsonObject body = form.body();
    const QString username = body.value(QStringLiteral("username")).toString();
    run(
        tr("Đang tạo tài khoản %1…").arg(username),
        [body](const AccountApi& api) {
            const auto created = api.create(body);
            return created ? Outcome { true, {}, {}, {} }
                           : Outcome { false, created.error().message, {}, {} };
        },
        [this, title, username](const Outcome& outcome) {
            if (!outcome.ok) {
                refuse(title, outcome.message);
                return;
            }
            // Found at once in the list: searched by its name.
            m_search->setText(username);
            reload();
            m_message = tr("Đã tạo tài khoản %1.").arg(username);
        });
}

} // namespace sotay::widgets
