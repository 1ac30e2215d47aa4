// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts window against the real server in process: the list in pages, searched and filtered; an
// officer never sees administrators; each action, confirmed, changes the server's state; a refusal shows the
// server's words; an action without a chosen account says what it needs; a sign-in with a temporary
// password asks for a new one before anything else; the Quản trị menu only for those who manage accounts.
#include "account_dialogs.h"
#include "accounts_model.h"
#include "accounts_window.h"
#include "change_password_dialog.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "message_box.h"
#include "password_hasher.h"
#include "replica.h"
#include "sign_in_dialog.h"
#include "store/sql.h"
#include "sync_status_bar.h"
#include "test_answer.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

namespace {

// The accounts of the test province besides the administrator and officer.tb (Trấn Biên).
struct Accounts {
    std::unique_ptr<test::TreeServer> setup;
    QString admin;

    QString password(const QString& username) const { return QStringLiteral("mat-khau-") + username; }

    // POST /api/v1/users as the administrator; the new account's id.
    qint64 create(const QString& username, const QString& role, std::optional<qint64> scope,
        std::optional<qint64> member = std::nullopt) const
    {
        QJsonObject body { { QStringLiteral("username"), username },
            { QStringLiteral("password"), password(username) }, { QStringLiteral("role"), role } };
        if (scope)
            body.insert(QStringLiteral("scopeOrgId"), *scope);
        if (member)
            body.insert(QStringLiteral("memberId"), *member);
        const auto answer = setup->server->call("POST", QStringLiteral("/api/v1/users"), admin, body);
        if (answer.status != 201)
            qWarning("creating %s: %d %s", qPrintable(username), answer.status, answer.body.constData());
        return answer.json().value(QStringLiteral("id")).toInteger();
    }

    test::HttpAnswer signIn(const QString& username, const QString& password) const
    {
        return setup->server->call("POST", QStringLiteral("/api/v1/auth/login"), {},
            { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
    }

    QString token(const QString& username) const
    {
        return signIn(username, password(username)).json().value(QStringLiteral("token")).toString();
    }

    QJsonObject account(qint64 id) const
    {
        return setup->server->call("GET", QStringLiteral("/api/v1/users/%1").arg(id), admin).json();
    }

    // A read of `unit` (in the signed-in user's scope): 200 while the token works.
    int read(const QString& token, qint64 unit) const
    {
        return setup->server->call("GET", QStringLiteral("/api/v1/orgs/%1").arg(unit), token).status;
    }

    QStringList allUsernames() const
    {
        QStringList names;
        const auto answer = setup->server->call("GET", QStringLiteral("/api/v1/users?limit=200"), admin);
        for (const QJsonValue& item : answer.json().value(QStringLiteral("items")).toArray())
            names.append(item.toObject().value(QStringLiteral("username")).toString());
        return names;
    }
};

std::unique_ptr<Accounts> startAccounts()
{
    auto accounts = std::make_unique<Accounts>();
    accounts->setup = test::startTreeServer();
    const auto& tree = accounts->setup->tree;
    accounts->admin = accounts->setup->server->signInAsAdmin();
    accounts->create(QStringLiteral("bithu.kp1"), QStringLiteral("secretary"), tree.cell1.id);
    accounts->create(QStringLiteral("bithu.kp2"), QStringLiteral("secretary"), tree.cell2.id);
    accounts->create(QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), tree.phuRieng.id);
    accounts->create(QStringLiteral("bithu.caosu"), QStringLiteral("secretary"), tree.rubberCell.id);
    // Hoa has no card yet: she activates her handbook with her profile number (her own; the test members
    // share one), and "067890-dn" is her user name.
    auto renumbered = sql::exec(accounts->setup->database->db(),
        QStringLiteral("UPDATE member SET profile_number = '067890-ĐN' WHERE id = ?"),
        { accounts->setup->hoa.id });
    if (!renumbered)
        qWarning("renumbering Hoa: %s", qPrintable(renumbered.error().message));
    accounts->setup->server->activateMember(
        accounts->admin, accounts->setup->hoa.id, QStringLiteral("mat-khau-dangvien.hoa"));
    return accounts;
}

AccountsWindow::Options optionsFor(
    const Accounts& accounts, const QString& token, const QString& role, int pageSize = 50)
{
    AccountsWindow::Options options;
    options.server = accounts.setup->url();
    options.token = [token] { return token; };
    options.ownRole = role;
    options.pageSize = pageSize;
    const auto& tree = accounts.setup->tree;
    options.scopes = { { tree.tranBien.id, tree.tranBien.name }, { tree.cell1.id, tree.cell1.name },
        { tree.cell2.id, tree.cell2.name } };
    return options;
}

bool waitForPage(AccountsWindow& window)
{
    QSignalSpy loaded(&window, &AccountsWindow::pageLoaded);
    return !window.isLoading() || loaded.wait(20000);
}

bool loadEverything(AccountsWindow& window)
{
    for (int i = 0; i < 50; ++i) {
        if (!waitForPage(window))
            return false;
        if (!window.hasMore())
            return true;
        window.moreButton()->click();
    }
    return false;
}

QStringList shownUsernames(const AccountsWindow& window)
{
    QStringList names;
    for (int row = 0; row < window.model()->rowCount(); ++row)
        names.append(window.model()->account(row).username);
    return names;
}

// Chooses `username`'s row (it must be loaded).
bool choose(AccountsWindow& window, const QString& username)
{
    for (int row = 0; row < window.model()->rowCount(); ++row)
        if (window.model()->account(row).username == username) {
            window.view()->selectionModel()->setCurrentIndex(window.model()->index(row, 0),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
    return false;
}

// Runs `action` with the confirmation answered `answer`, and waits for its end; whether it was done.
bool confirmed(AccountsWindow& window, void (AccountsWindow::*action)(),
    QMessageBox::StandardButton answer = QMessageBox::Yes)
{
    QSignalSpy finished(&window, &AccountsWindow::actionFinished);
    const int asked = MessageBox::askedCount();
    MessageBox::setNextAnswer(answer);
    (window.*action)();
    if (MessageBox::askedCount() == asked)
        return false; // never asked
    if (answer != QMessageBox::Yes)
        return false;
    if (finished.isEmpty() && !finished.wait(20000))
        return false;
    return finished.takeFirst().at(0).toBool();
}

} // namespace

class AccountsWindowTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init() { test::failOnReplicaMisuse(); }

    void cleanup()
    {
        TemporaryPasswordDialog::setTestAnswer({});
        ChangePasswordDialog::setTestAnswer({});
        testAnswerFor<AccountFormDialog, bool>() = {};
    }

    void theListComesInPagesSearchedAndFiltered()
    {
        auto accounts = startAccounts();
        AccountsWindow window(optionsFor(*accounts, accounts->admin, QStringLiteral("admin"), 2));
        window.show();
        QVERIFY(waitForPage(window));
        QCOMPARE(window.model()->rowCount(), 2);
        QVERIFY(window.hasMore());
        QVERIFY(window.moreButton()->isEnabled());
        QVERIFY(window.statusText().contains(QStringLiteral("Tải thêm")));
        QVERIFY(loadEverything(window));
        const QStringList all = accounts->allUsernames();
        QCOMPARE(all.size(), 7);
        QCOMPARE(shownUsernames(window), all); // each once, in the server's order
        QVERIFY(!window.moreButton()->isEnabled());
        QCOMPARE(window.statusText(), QStringLiteral("7 tài khoản."));

        // Typed in the search box, Enter: the accounts found, the focus in the list.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.searchBox()->setFocus();
        QTest::keyClicks(window.searchBox(), QStringLiteral("bithu"));
        QTest::keyClick(window.searchBox(), Qt::Key_Return);
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window),
            QStringList(
                { QStringLiteral("bithu.caosu"), QStringLiteral("bithu.kp1"), QStringLiteral("bithu.kp2") }));
        QCOMPARE(QApplication::focusWidget(), window.view());
        // A member's account is found by the member's name too.
        window.searchBox()->setText(QStringLiteral("nguyen thi hoa"));
        window.reload();
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window), QStringList { QStringLiteral("067890-dn") });
        QCOMPARE(window.model()->index(0, AccountsModel::MemberColumn).data().toString(),
            QStringLiteral("Nguyễn Thị Hoa"));

        // The role filter, then the state filter.
        window.searchBox()->clear();
        window.roleFilter()->setCurrentIndex(window.roleFilter()->findData(QStringLiteral("officer")));
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window),
            QStringList(
                { QStringLiteral("canbo.phurieng"), QString::fromLatin1(test::TreeServer::kOfficer) }));
        window.roleFilter()->setCurrentIndex(0);
        QVERIFY(loadEverything(window));
        QVERIFY(choose(window, QStringLiteral("bithu.kp2")));
        QVERIFY(confirmed(window, &AccountsWindow::toggleDisabled));
        window.stateFilter()->setCurrentIndex(window.stateFilter()->findData(QStringLiteral("disabled")));
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window), QStringList { QStringLiteral("bithu.kp2") });
        QCOMPARE(window.model()->index(0, AccountsModel::StateColumn).data().toString(),
            QStringLiteral("Đã khoá"));
        window.stateFilter()->setCurrentIndex(window.stateFilter()->findData(QStringLiteral("active")));
        QVERIFY(loadEverything(window));
        QCOMPARE(window.model()->rowCount(), 6);
        QVERIFY(!shownUsernames(window).contains(QStringLiteral("bithu.kp2")));

        // Cancel: the page on its way is dropped and the line says so.
        window.reload();
        QVERIFY(window.isLoading());
        QVERIFY(window.cancelButton()->isVisible());
        window.cancelButton()->click();
        QVERIFY(!window.isLoading());
        QVERIFY(window.statusText().startsWith(QStringLiteral("Đã dừng tải danh sách.")));
    }

    void theEndOfTheListLoadsTheNextPage()
    {
        auto accounts = startAccounts();
        AccountsWindow window(optionsFor(*accounts, accounts->admin, QStringLiteral("admin"), 4));
        window.view()->setFixedHeight(90); // fewer rows on screen than a page holds
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitForPage(window));
        QCOMPARE(window.model()->rowCount(), 4);
        QScrollBar* bar = window.view()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QSignalSpy loaded(&window, &AccountsWindow::pageLoaded);
        bar->setValue(bar->maximum()); // as the wheel or Page Down would
        QVERIFY(window.isLoading() || loaded.count() > 0);
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
        QCOMPARE(window.model()->rowCount(), 7);
        QVERIFY(!window.hasMore());
    }

    void aUnitIsFoundByTypingPartOfItsName()
    {
        auto accounts = startAccounts();
        auto options = optionsFor(*accounts, accounts->admin, QStringLiteral("admin"));
        AccountFormDialog form(
            nullptr, { QStringLiteral("officer"), QStringLiteral("secretary") }, options.scopes);
        form.usernameField()->setText(QStringLiteral("canbo.moi"));
        form.passwordField()->setText(QStringLiteral("mat-khau-canbo-moi"));
        // A text that is no unit: said beside the field, nothing accepted.
        form.scopeBox()->setEditText(QStringLiteral("khong co"));
        testAnswerFor<AccountFormDialog, bool>() = [](AccountFormDialog&) { return true; };
        QVERIFY(!form.ask());
        QCOMPARE(form.errorText(),
            QStringLiteral("Xin chọn nơi làm việc trong danh sách (gõ một phần tên để tìm)."));
        // Typed without diacritics, chosen from the completer with the keyboard.
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        form.activateWindow();
        QLineEdit* typed = form.scopeBox()->lineEdit();
        typed->setFocus();
        typed->selectAll();
        QTest::keyClicks(typed, QStringLiteral("tran bien"));
        QCompleter* completer = form.scopeBox()->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(form.scopeBox()->currentData().toLongLong(), accounts->setup->tree.tranBien.id);
        QVERIFY2(form.ask(), qPrintable(form.errorText()));
        QCOMPARE(
            form.body().value(QStringLiteral("scopeOrgId")).toInteger(), accounts->setup->tree.tranBien.id);
    }

    void anOfficerSeesOnlyTheAccountsOfItsScopeAndNeverAdministrators()
    {
        auto accounts = startAccounts();
        const QString officer = accounts->setup->signInOfficer();
        AccountsWindow window(optionsFor(*accounts, officer, QStringLiteral("officer")));
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window),
            QStringList({ QStringLiteral("067890-dn"), QStringLiteral("bithu.kp1"),
                QStringLiteral("bithu.kp2"), QString::fromLatin1(test::TreeServer::kOfficer) }));
        QCOMPARE(window.roleFilter()->findData(QStringLiteral("admin")), -1);
        window.roleFilter()->setCurrentIndex(window.roleFilter()->findData(QStringLiteral("secretary")));
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window),
            QStringList({ QStringLiteral("bithu.kp1"), QStringLiteral("bithu.kp2") }));
    }

    void eachActionIsConfirmedAndChangesTheServer()
    {
        auto accounts = startAccounts();
        AccountsWindow window(optionsFor(*accounts, accounts->admin, QStringLiteral("admin")));
        QVERIFY(loadEverything(window));
        QVERIFY(choose(window, QStringLiteral("bithu.kp1")));
        const qint64 kp1 = window.model()->account(window.view()->currentIndex().row()).id;
        const QString kp1Token = accounts->token(QStringLiteral("bithu.kp1"));
        QCOMPARE(accounts->read(kp1Token, accounts->setup->tree.cell1.id), 200);

        // Declined: nothing changes.
        QVERIFY(!confirmed(window, &AccountsWindow::toggleDisabled, QMessageBox::No));
        QVERIFY(
            MessageBox::lastText().contains(QStringLiteral("bithu.kp1"))); // the question names the account
        QCOMPARE(accounts->account(kp1).value(QStringLiteral("disabled")).toBool(), false);

        // Lock: the account's sessions stop at once; unlock: it signs in again.
        QVERIFY(confirmed(window, &AccountsWindow::toggleDisabled));
        QCOMPARE(accounts->account(kp1).value(QStringLiteral("disabled")).toBool(), true);
        QCOMPARE(accounts->read(kp1Token, accounts->setup->tree.cell1.id), 401);
        QCOMPARE(window.disableButton()->text(), QStringLiteral("Mở &khoá tài khoản"));
        QVERIFY(window.statusText().startsWith(QStringLiteral("Đã khoá tài khoản bithu.kp1.")));
        QVERIFY(confirmed(window, &AccountsWindow::toggleDisabled));
        QCOMPARE(accounts->account(kp1).value(QStringLiteral("disabled")).toBool(), false);
        QCOMPARE(
            accounts->signIn(QStringLiteral("bithu.kp1"), accounts->password(QStringLiteral("bithu.kp1")))
                .status,
            200);

        // Reset: the temporary password shown once, with Copy; it signs in, and must be changed.
        QString shown;
        TemporaryPasswordDialog::setTestAnswer([&shown](TemporaryPasswordDialog& dialog) {
            shown = dialog.password();
            dialog.copyButton()->click();
        });
        QVERIFY(confirmed(window, &AccountsWindow::resetPassword));
        QVERIFY(!shown.isEmpty());
        QCOMPARE(QApplication::clipboard()->text(), shown);
        QCOMPARE(
            accounts->signIn(QStringLiteral("bithu.kp1"), accounts->password(QStringLiteral("bithu.kp1")))
                .status,
            401);
        const auto temporary = accounts->signIn(QStringLiteral("bithu.kp1"), shown);
        QCOMPARE(temporary.status, 200);
        QCOMPARE(temporary.json().value(QStringLiteral("mustChangePassword")).toBool(), true);
        QCOMPARE(window.model()
                     ->index(window.view()->currentIndex().row(), AccountsModel::StateColumn)
                     .data()
                     .toString(),
            QStringLiteral("Đang dùng, chờ đổi mật khẩu"));

        // Sign out everywhere.
        QVERIFY(choose(window, QStringLiteral("bithu.kp2")));
        const QString kp2Token = accounts->token(QStringLiteral("bithu.kp2"));
        QCOMPARE(accounts->read(kp2Token, accounts->setup->tree.cell2.id), 200);
        QVERIFY(confirmed(window, &AccountsWindow::endSessions));
        QCOMPARE(accounts->read(kp2Token, accounts->setup->tree.cell2.id), 401);

        // Lift the sign-in pause after too many wrong passwords.
        for (int i = 0; i < 10; ++i)
            accounts->signIn(QStringLiteral("bithu.kp2"), QStringLiteral("sai-mat-khau"));
        QCOMPARE(
            accounts->signIn(QStringLiteral("bithu.kp2"), accounts->password(QStringLiteral("bithu.kp2")))
                .status,
            429);
        QVERIFY(confirmed(window, &AccountsWindow::unlockSignIns));
        QCOMPARE(
            accounts->signIn(QStringLiteral("bithu.kp2"), accounts->password(QStringLiteral("bithu.kp2")))
                .status,
            200);

        // Change the role and the unit.
        const qint64 kp2 = window.model()->account(window.view()->currentIndex().row()).id;
        const qint64 tranBien = accounts->setup->tree.tranBien.id;
        testAnswerFor<AccountFormDialog, bool>() = [tranBien](AccountFormDialog& form) {
            form.roleBox()->setCurrentIndex(form.roleBox()->findData(QStringLiteral("officer")));
            form.scopeBox()->setCurrentIndex(form.scopeBox()->findData(tranBien));
            return true;
        };
        QSignalSpy finished(&window, &AccountsWindow::actionFinished);
        window.changeRole();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QCOMPARE(accounts->account(kp2).value(QStringLiteral("role")).toString(), QStringLiteral("officer"));
        QCOMPARE(accounts->account(kp2).value(QStringLiteral("scopeOrgId")).toInteger(), tranBien);
        QCOMPARE(window.model()
                     ->index(window.view()->currentIndex().row(), AccountsModel::RoleColumn)
                     .data()
                     .toString(),
            QStringLiteral("Cán bộ tổ chức"));

        // Create an account: it signs in, and the list shows it.
        const qint64 cell2 = accounts->setup->tree.cell2.id;
        testAnswerFor<AccountFormDialog, bool>() = [cell2](AccountFormDialog& form) {
            form.usernameField()->setText(QStringLiteral("BiThu.Moi"));
            form.passwordField()->setText(QStringLiteral("mat-khau-bithu.moi"));
            form.roleBox()->setCurrentIndex(form.roleBox()->findData(QStringLiteral("secretary")));
            form.scopeBox()->setCurrentIndex(form.scopeBox()->findData(cell2));
            return true;
        };
        window.createAccount();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QVERIFY(loadEverything(window));
        QCOMPARE(shownUsernames(window), QStringList { QStringLiteral("bithu.moi") });
        QCOMPARE(
            accounts->signIn(QStringLiteral("bithu.moi"), QStringLiteral("mat-khau-bithu.moi")).status, 200);
    }

    void aRefusalShowsTheServersWordsAndANextStep()
    {
        auto accounts = startAccounts();
        const QString officer = accounts->setup->signInOfficer();
        AccountsWindow window(optionsFor(*accounts, officer, QStringLiteral("officer")));
        QVERIFY(loadEverything(window));
        QVERIFY(choose(window, QString::fromLatin1(test::TreeServer::kOfficer)));
        // Yes to the question, then the warning answered at once (unattended).
        QSignalSpy finished(&window, &AccountsWindow::actionFinished);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        window.toggleDisabled();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Bạn không thể tự khóa tài khoản của mình.")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Nhấn F5")));
        QVERIFY(window.statusText().contains(QStringLiteral("Bạn không thể tự khóa tài khoản của mình.")));
        QCOMPARE(accounts->read(officer, accounts->setup->tree.tranBien.id), 200);

        // A form missing a field says so beside it, and sends nothing.
        testAnswerFor<AccountFormDialog, bool>() = [](AccountFormDialog& form) {
            form.usernameField()->setText(QStringLiteral("ai.do"));
            return true;
        };
        const QStringList before = accounts->allUsernames();
        window.createAccount();
        QCOMPARE(accounts->allUsernames(), before);
        QVERIFY(!window.isWorking());

        // Nothing chosen: the action says what it needs.
        window.view()->selectionModel()->clear();
        const int asked = MessageBox::askedCount();
        window.resetPassword();
        QCOMPARE(MessageBox::askedCount(), asked);
        QVERIFY(window.statusText().startsWith(QStringLiteral("Chọn một tài khoản trong danh sách trước")));
    }

    void aTemporaryPasswordIsChangedBeforeAnythingElse()
    {
        auto accounts = startAccounts();
        const qint64 kp1 = accounts->create(
            QStringLiteral("bithu.tam"), QStringLiteral("secretary"), accounts->setup->tree.cell1.id);
        const auto reset = accounts->setup->server->call(
            "POST", QStringLiteral("/api/v1/users/%1/password-reset").arg(kp1), accounts->admin);
        QCOMPARE(reset.status, 200);
        const QString temporary = reset.json().value(QStringLiteral("temporaryPassword")).toString();

        SignInDialog::Options options;
        options.server = accounts->setup->url();
        options.username = QStringLiteral("bithu.tam");
        options.replicaPath = m_folder.filePath(QStringLiteral("temporary.sqlite"));
        options.verifierCost = PasswordHasher::Cost::minimal();
        SignInDialog dialog(options);
        dialog.setPassword(temporary);
        int asked = 0;
        QString mismatch;
        ChangePasswordDialog::setTestAnswer([&asked, &mismatch](ChangePasswordDialog& change) {
            if (++asked == 1)
                return; // the first time the user cancels
            change.setPasswords(QStringLiteral("mat-khau-moi-cua-toi"), QStringLiteral("khac"));
            change.submit();
            mismatch = change.errorText();
            change.setPasswords(
                QStringLiteral("mat-khau-moi-cua-toi"), QStringLiteral("mat-khau-moi-cua-toi"));
            QSignalSpy finished(&change, &ChangePasswordDialog::finished);
            change.submit();
            QVERIFY(finished.wait(20000));
        });
        // Cancelled: no session, the sign-in dialog says why and waits.
        QSignalSpy failed(&dialog, &SignInDialog::failed);
        dialog.submit();
        QVERIFY(failed.wait(20000));
        QCOMPARE(asked, 1);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.errorText().startsWith(QStringLiteral("Mật khẩu tạm thời phải được đổi")));
        const auto liveSessions = [&accounts] {
            auto query = sql::exec(accounts->setup->database->db(),
                QStringLiteral("SELECT count(*) FROM app_session s JOIN app_user u ON u.id = s.user_id "
                               "WHERE u.username = 'bithu.tam' AND s.revoked_at IS NULL"));
            return query && query->next() ? query->value(0).toLongLong() : -1;
        };
        QTRY_COMPARE(liveSessions(), 0); // the temporary password's session was ended
        // Again, and changed.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.setPassword(temporary);
        dialog.submit();
        QVERIFY(accepted.wait(20000));
        QCOMPARE(asked, 2);
        QCOMPARE(mismatch, QStringLiteral("Hai lần nhập mật khẩu mới không giống nhau. Xin nhập lại."));
        // The session works for everything (a temporary one would be refused), with the new password.
        QCOMPARE(accounts->read(dialog.session().token, accounts->setup->tree.cell1.id), 200);
        QCOMPARE(accounts->signIn(QStringLiteral("bithu.tam"), temporary).status, 401);
        QCOMPARE(accounts->signIn(QStringLiteral("bithu.tam"), QStringLiteral("mat-khau-moi-cua-toi")).status,
            200);
    }

    void theAdministrationMenuIsOnlyForThoseWhoManageAccounts()
    {
        auto accounts = startAccounts();
        for (const auto& [role, shown] :
            { std::pair { "officer", true }, std::pair { "secretary", false } }) {
            const QString path
                = m_folder.filePath(QStringLiteral("menu-%1.sqlite").arg(QString::fromLatin1(role)));
            {
                auto replica = client::Replica::open(path);
                QVERIFY(replica.ok());
                QVERIFY((*replica)->setSignedInRole(QString::fromLatin1(role)).ok());
            }
            MainWindow::Options quiet;
            quiet.syncAtStart = false;
            MainWindow window(ConsoleSession { accounts->setup->url(), accounts->setup->officer(),
                                  accounts->setup->signInOfficer(), path },
                quiet);
            QCOMPARE(window.managesAccounts(), shown);
            bool inTheMenuBar = false;
            for (const QAction* menu : window.menuBar()->actions())
                if (menu->isVisible() && menu->menu()
                    && menu->menu()->actions().contains(window.accountsAction()))
                    inTheMenuBar = true;
            QCOMPARE(inTheMenuBar, shown);
            window.showAccounts();
            QCOMPARE(window.accountsWindow() != nullptr, shown);
            if (shown) {
                QVERIFY(loadEverything(*window.accountsWindow()));
                QVERIFY(window.accountsWindow()->model()->rowCount() > 0);
            } else {
                QVERIFY(window.syncStatus()->currentMessage().contains(QStringLiteral("Chỉ quản trị viên")));
            }
        }
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

QTEST_MAIN(AccountsWindowTests)
#include "accounts_window_tests.moc"
