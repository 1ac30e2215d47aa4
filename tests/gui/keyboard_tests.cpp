// SPDX-License-Identifier: GPL-3.0-or-later
// The console with the keyboard alone: Tab walks each screen in the order it shows, the roster's search box
// reaches its results with Down and Enter, Ctrl+O with no row chosen says why, F1 opens the guide (on the
// page about the record in the member form), and the dialogs have a default button and close with Escape
// (the sign-in dialog's CA file and leave for plain http included).
#include "accounts_model.h"
#include "accounts_window.h"
#include "change_password_dialog.h"
#include "console_lock.h"
#include "gui_test_support.h"
#include "language.h"
#include "lock_dialog.h"
#include "main_window.h"
#include "member_event_dialog.h"
#include "member_form.h"
#include "org_tree_panel.h"
#include "password_hasher.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sign_in_dialog.h"
#include "sync_status_bar.h"
#include "user_guide_window.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolTip>

using namespace sotay;
using namespace sotay::widgets;

namespace {

using client::SyncFailure;

MainWindow::Options quietOptions()
{
    MainWindow::Options options;
    options.syncIntervalMilliseconds = 60 * 60 * 1000; // no tick during a test
    options.verifierCost = PasswordHasher::Cost::minimal();
    return options;
}

void showAndActivate(QWidget& window)
{
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

// The widget of `among` that holds the focus (an editable combo box or a date field holds it in a child).
QWidget* focusedOf(const QList<QWidget*>& among)
{
    for (QWidget* widget = QApplication::focusWidget(); widget; widget = widget->parentWidget())
        if (among.contains(widget))
            return widget;
    return QApplication::focusWidget();
}

QString nameOf(const QWidget* widget)
{
    if (!widget)
        return QStringLiteral("(none)");
    if (const auto* button = qobject_cast<const QPushButton*>(widget))
        return button->text();
    return widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                          : widget->objectName();
}

// Puts the focus on the first of `expected` and presses Tab, checking each widget in turn, and that the last
// Tab comes back to the first. A date field takes a Tab per part (day, month, year) before the next field.
void walkWithTab(const QList<QWidget*>& expected)
{
    expected.constFirst()->setFocus(Qt::TabFocusReason);
    QCOMPARE(nameOf(focusedOf(expected)), nameOf(expected.constFirst()));
    QStringList walked { nameOf(expected.constFirst()) };
    for (int i = 1; i <= expected.size(); ++i) {
        const QWidget* before = focusedOf(expected);
        for (int part = 0; part < 3 && focusedOf(expected) == before; ++part)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        walked.append(nameOf(focusedOf(expected)));
    }
    QStringList wanted;
    for (const QWidget* widget : expected)
        wanted.append(nameOf(widget));
    wanted.append(nameOf(expected.constFirst()));
    QCOMPARE(walked, wanted);
}

QPushButton* buttonWithText(const QWidget& parent, const QString& text)
{
    for (QPushButton* button : parent.findChildren<QPushButton*>())
        if (button->text() == text)
            return button;
    return nullptr;
}

Member officialMember()
{
    Member member;
    member.id = 7;
    member.orgUnitId = 21;
    member.familyName = QStringLiteral("Nguyễn");
    member.middleName = QStringLiteral("Thị");
    member.givenName = QStringLiteral("Hoa");
    member.gender = Gender::Female;
    member.birthDate = QDate(1980, 3, 15);
    member.admittedOn = QDate(2010, 5, 19);
    member.officialOn = QDate(2011, 5, 19);
    member.status = MemberStatus::Official;
    return member;
}

QList<OrgUnit> twoCells()
{
    OrgUnit here;
    here.id = 21;
    here.kind = OrgKind::Cell;
    here.code = QStringLiteral("TB.1");
    here.name = QStringLiteral("Chi bộ Khu phố 1");
    OrgUnit there = here;
    there.id = 22;
    there.code = QStringLiteral("TB.2");
    there.name = QStringLiteral("Chi bộ Khu phố 2");
    return { here, there };
}

} // namespace

class KeyboardTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init() { test::failOnReplicaMisuse(); }

    void theMainWindowReachesRecordsAndTheGuide()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "main.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).value<SyncFailure>(), SyncFailure::None);
        QVERIFY(window.treePanel()->selectUnit(setup->tree.tranBien.id));
        QCOMPARE(window.rosterModel()->rowCount(), 2); // Hoa and Nam
        showAndActivate(window);
        RosterPanel* roster = window.rosterPanel();
        QTableView* view = roster->view();
        QList<qint64> opened;
        MemberForm::setTestAnswer([&opened](MemberForm& form) { opened.append(form.saved().id); });

        // Ctrl+O with no row chosen opens nothing and says what to do.
        view->selectionModel()->clear();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_O, Qt::ControlModifier);
        QVERIFY(opened.isEmpty());
        QVERIFY2(window.syncStatus()->currentMessage().startsWith(
                     QStringLiteral("Chọn một đảng viên trong danh sách trước")),
            qPrintable(window.syncStatus()->currentMessage()));

        // From the search box, Down goes to the results with the first row chosen...
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), roster->searchBox());
        QTest::keyClicks(roster->searchBox(), QStringLiteral("hoa"));
        QCOMPARE(window.rosterModel()->rowCount(), 1);
        QTest::keyClick(roster->searchBox(), Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget(), view);
        QCOMPARE(view->currentIndex().row(), 0);
        QVERIFY(view->selectionModel()->isRowSelected(0, {}));
        QVERIFY(opened.isEmpty());
        // ... and Ctrl+O there opens that record.
        QTest::keyClick(view, Qt::Key_O, Qt::ControlModifier);
        QCOMPARE(opened, QList<qint64> { setup->hoa.id });

        // Enter in the search box opens the first result's record, with no row chosen before.
        opened.clear();
        view->selectionModel()->clear();
        roster->searchBox()->setFocus();
        QTest::keyClick(roster->searchBox(), Qt::Key_Return);
        QCOMPARE(opened, QList<qint64> { setup->hoa.id });
        // With a row chosen, Enter opens that one (as Enter on the row does).
        opened.clear();
        roster->searchBox()->clear();
        QCOMPARE(window.rosterModel()->rowCount(), 2);
        const int namRow
            = window.rosterModel()->index(0, 0).data(RosterModel::MemberIdRole).toLongLong() == setup->nam.id
            ? 0
            : 1;
        view->selectionModel()->setCurrentIndex(window.rosterModel()->index(namRow, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::keyClick(roster->searchBox(), Qt::Key_Enter, Qt::KeypadModifier);
        QCOMPARE(opened, QList<qint64> { setup->nam.id });
        // Down keeps that row, too.
        QTest::keyClick(roster->searchBox(), Qt::Key_Down);
        QCOMPARE(view->currentIndex().row(), namRow);
        // With nothing found, Enter opens nothing.
        opened.clear();
        QTest::keyClicks(roster->searchBox(), QStringLiteral("khong co ai"));
        QCOMPARE(window.rosterModel()->rowCount(), 0);
        QTest::keyClick(roster->searchBox(), Qt::Key_Return);
        QVERIFY(opened.isEmpty());
        QVERIFY(QToolTip::isVisible()); // and says why
        QVERIFY2(QToolTip::text().startsWith(QStringLiteral("Không có đảng viên nào khớp")),
            qPrintable(QToolTip::text()));
        QToolTip::hideText();
        MemberForm::setTestAnswer({});

        // F1 opens the guide on its contents, as Trợ giúp → Hướng dẫn sử dụng does.
        QVERIFY(!window.findChild<UserGuideWindow*>());
        QTest::keyClick(&window, Qt::Key_F1);
        auto* guide = window.findChild<UserGuideWindow*>();
        QVERIFY(guide);
        QVERIFY(guide->isVisible());
        QVERIFY(guide->isWindow());
        QCOMPARE(guide->currentPage(), QString::fromLatin1(UserGuideWindow::kContentsPage));
        guide->close();
    }

    void theMemberFormTabsInTheOrderItShows()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "form.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QVERIFY(finished.wait(20000));
        bool ran = false;
        MemberForm::setTestAnswer([&ran](MemberForm& form) {
            showAndActivate(form);
            // A change, so that "Bỏ thay đổi" and the save button take part too.
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Biên Hòa"));
            QVERIFY(form.saveButton()->isEnabled());
            QList<QWidget*> expected;
            for (const char* name : { "familyName", "middleName", "givenName" })
                expected.append(form.field(QLatin1String(name)));
            expected.append(form.choice(QStringLiteral("gender"))); // the field Tab used to skip
            for (const char* name : { "birthDate", "birthPlace", "hometown", "ethnicity", "religion",
                     "citizenId", "cardNumber", "profileNumber", "admittedOn" })
                expected.append(form.field(QLatin1String(name)));
            // The status changes only through an event once entered: it is not a stop.
            QVERIFY(!form.choice(QStringLiteral("status"))->isEnabled());
            for (const char* name : { "officialOn", "generalEducation", "professionalQualification" })
                expected.append(form.field(QLatin1String(name)));
            expected.append(form.choice(QStringLiteral("politicalTheory")));
            for (const char* name : { "foreignLanguage", "itSkill" })
                expected.append(form.field(QLatin1String(name)));
            // Then the buttons from left to right ("Hoàn tác" is off: nothing unsent).
            QVERIFY(!form.undoButton()->isEnabled());
            expected.append(buttonWithText(form, QStringLiteral("Ghi sự &kiện")));
            expected.append(form.resetButton());
            expected.append(form.saveButton());
            expected.append(buttonWithText(form, QStringLiteral("Đóng")));
            QVERIFY(!expected.contains(nullptr));
            walkWithTab(expected);

            // F1 opens the guide on the page about correcting a record, usable while the form is open.
            QTest::keyClick(&form, Qt::Key_F1);
            auto* guide = form.findChild<UserGuideWindow*>();
            QVERIFY(guide);
            QVERIFY(guide->isVisible());
            QCOMPARE(guide->currentPage(), QString::fromLatin1(UserGuideWindow::kCorrectRecordPage));
            guide->close();
            form.resetFields();
            ran = true;
        });
        window.openMember(setup->hoa.id);
        MemberForm::setTestAnswer({});
        QVERIFY(ran);
    }

    void theEventDialogTabsInOrderWithADefaultButtonAndEscape()
    {
        const QDate today(2026, 6, 1);
        MemberEventDialog dialog(MemberEventType::TransferOut, officialMember(), twoCells(), today);
        showAndActivate(dialog);
        QPushButton* ok = dialog.buttons()->button(QDialogButtonBox::Ok);
        QPushButton* cancel = dialog.buttons()->button(QDialogButtonBox::Cancel);
        QVERIFY(ok->isDefault());
        // Filled in, so that OK takes part in the walk.
        dialog.decisionField()->setText(QStringLiteral("125-QĐ/ĐU"));
        dialog.targetField()->setCurrentIndex(dialog.targetField()->findData(22));
        QVERIFY(ok->isEnabled());
        walkWithTab({ dialog.dateField(), dialog.decisionField(), dialog.permanenceField(),
            dialog.targetField(), dialog.noteField(), ok, cancel });
        // Enter in a field records the event.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::keyClick(dialog.noteField(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);

        // Escape cancels.
        MemberEventDialog other(MemberEventType::Exemption, officialMember(), twoCells(), today);
        showAndActivate(other);
        QPushButton* otherOk = other.buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(otherOk->isDefault());
        QVERIFY(otherOk->isEnabled()); // no decision number needed
        walkWithTab({ other.dateField(), other.decisionField(), other.noteField(), otherOk,
            other.buttons()->button(QDialogButtonBox::Cancel) });
        QSignalSpy rejected(&other, &QDialog::rejected);
        QTest::keyClick(other.decisionField(), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }

    void theSignInDialogTabsInOrder()
    {
        SignInDialog::Options options;
        options.server = QUrl(QStringLiteral("http://127.0.0.1:8080"));
        options.verifierCost = PasswordHasher::Cost::minimal();
        SignInDialog dialog(options);
        showAndActivate(dialog);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QPushButton* signIn = buttons->button(QDialogButtonBox::Ok);
        QVERIFY(signIn->isDefault());
        auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("server"));
        auto* caFile = dialog.findChild<QLineEdit*>(QStringLiteral("caFile"));
        auto* chooseCaFile = dialog.findChild<QPushButton*>(QStringLiteral("chooseCaFile"));
        QVERIFY(caFile && chooseCaFile);
        // On this computer: no leave for plain http to give, so its checkbox is not in the way.
        walkWithTab({ server, dialog.findChild<QLineEdit*>(QStringLiteral("username")),
            dialog.findChild<QLineEdit*>(QStringLiteral("password")), caFile, chooseCaFile, signIn,
            buttons->button(QDialogButtonBox::Cancel) });
        // Plain http to another computer: the checkbox comes after the CA file, before the buttons.
        server->setText(QStringLiteral("http://10.0.0.5:8080"));
        auto* allow = dialog.findChild<QCheckBox*>(QStringLiteral("allowInsecureHttp"));
        QVERIFY(allow && allow->isVisible());
        walkWithTab({ server, dialog.findChild<QLineEdit*>(QStringLiteral("username")),
            dialog.findChild<QLineEdit*>(QStringLiteral("password")), caFile, chooseCaFile, allow, signIn,
            buttons->button(QDialogButtonBox::Cancel) });
        // F1 opens the guide on signing in and safe connections.
        QTest::keyClick(server, Qt::Key_F1);
        auto* guide = dialog.findChild<UserGuideWindow*>();
        QVERIFY(guide);
        QVERIFY(guide->isVisible());
        QCOMPARE(guide->currentPage(), QString::fromLatin1(UserGuideWindow::kSignInPage));
        guide->close();
        showAndActivate(dialog);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::keyClick(dialog.findChild<QLineEdit*>(QStringLiteral("password")), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }

    void theLockTabsInOrderAndEscapeDoesNotUnlock()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "lock.sqlite"), quietOptions());
        showAndActivate(window);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier); // File → Lock the window
        ConsoleLock& lock = *window.consoleLock();
        QVERIFY(lock.isLocked());
        LockDialog& dialog = *lock.dialog();
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget*>(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.passwordField()); // type at once
        QVERIFY(dialog.unlockButton()->isDefault());                   // Enter unlocks
        walkWithTab({ dialog.passwordField(), dialog.unlockButton(), dialog.signOutButton() });
        QTest::keyClick(dialog.passwordField(), Qt::Key_Escape);
        QVERIFY(lock.isLocked());
        QVERIFY(dialog.isVisible());
        // Alt+K is "Mở khoá": with the field empty it says what it needs.
        dialog.passwordField()->setFocus();
        QTest::keyClick(dialog.passwordField(), Qt::Key_K, Qt::AltModifier);
        QTRY_COMPARE(dialog.errorText(),
            QStringLiteral("Xin nhập mật khẩu.")); // a button's mnemonic clicks it shortly after
        QTest::keyClicks(dialog.passwordField(), setup->officerPassword());
        QSignalSpy unlocked(&lock, &ConsoleLock::unlocked);
        QTest::keyClick(dialog.passwordField(), Qt::Key_Return);
        QVERIFY(unlocked.count() == 1 || unlocked.wait(20000));
        QVERIFY(!lock.isLocked());
    }

    void theAccountsWindowTabsInOrderAndFindsWithTheKeyboard()
    {
        auto setup = test::startTreeServer();
        AccountsWindow::Options options;
        options.server = setup->url();
        options.token = [admin = setup->server->signInAsAdmin()] { return admin; };
        options.ownRole = QStringLiteral("admin");
        AccountsWindow window(options);
        showAndActivate(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 20000);
        QVERIFY(window.model()->rowCount() >= 2);
        // No more pages and nothing loading: "Tải thêm" is disabled and Cancel hidden, so Tab passes them.
        QVERIFY(!window.moreButton()->isEnabled());
        QList<QWidget*> order { window.searchBox(), window.roleFilter(), window.stateFilter(),
            window.view() };
        for (QPushButton* button : window.actionButtons())
            order.append(button);
        order.append(buttonWithText(window, QStringLiteral("Đóng")));
        walkWithTab(order);

        // Ctrl+F, a name, Down: the account found is chosen in the list.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), window.searchBox());
        QSignalSpy loaded(&window, &AccountsWindow::pageLoaded);
        QTest::keyClicks(window.searchBox(), QStringLiteral("officer"));
        QTest::keyClick(window.searchBox(), Qt::Key_Down);
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
        QTRY_VERIFY(window.view()->currentIndex().isValid());
        QCOMPARE(QApplication::focusWidget(), window.view());
        QCOMPARE(
            window.view()->currentIndex().data().toString(), QString::fromLatin1(test::TreeServer::kOfficer));

        // F1: the guide on the accounts page.
        QTest::keyClick(window.view(), Qt::Key_F1);
        UserGuideWindow* guide = nullptr;
        for (QWidget* widget : QApplication::topLevelWidgets())
            if (auto* found = qobject_cast<UserGuideWindow*>(widget); found && found->isVisible())
                guide = found;
        QVERIFY(guide);
        QCOMPARE(guide->currentPage(), QString::fromLatin1(UserGuideWindow::kAccountsPage));
        guide->close();
    }

    void theNewScreensHaveNoMnemonicTwice_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("vi") << QStringLiteral("vi");
        QTest::newRow("en") << QStringLiteral("en");
    }

    void theNewScreensHaveNoMnemonicTwice()
    {
        QFETCH(QString, language);
        installLanguage(*QCoreApplication::instance(), language);
        const auto clashes = [](const QWidget& window) {
            QMap<QChar, QStringList> owners;
            const auto note = [&owners](const QString& text) {
                const qsizetype at = text.indexOf(QLatin1Char('&'));
                if (at >= 0 && at + 1 < text.size() && text.at(at + 1) != QLatin1Char('&'))
                    owners[text.at(at + 1).toLower()].append(text);
            };
            for (const QAbstractButton* button : window.findChildren<QAbstractButton*>())
                note(button->text());
            for (const QLabel* label : window.findChildren<QLabel*>())
                if (label->buddy() && label->buddy()->isVisibleTo(&window))
                    note(label->text());
            QStringList twice;
            for (auto it = owners.cbegin(); it != owners.cend(); ++it)
                if (it->size() > 1)
                    twice.append(it->join(QStringLiteral(" / ")));
            return twice.join(QStringLiteral("; "));
        };
        LockDialog::Options lockOptions;
        lockOptions.username = QStringLiteral("canbo");
        LockDialog lock(lockOptions);
        QVERIFY2(clashes(lock).isEmpty(), qPrintable(clashes(lock)));
        AccountsWindow::Options accountsOptions;
        accountsOptions.server = test::unreachableServer();
        accountsOptions.ownRole = QStringLiteral("admin");
        AccountsWindow accounts(accountsOptions);
        QVERIFY2(clashes(accounts).isEmpty(), qPrintable(clashes(accounts)));
        accounts.cancelLoad();
        const QList<ScopeChoice> scopes { { 1, QStringLiteral("Chi bộ 1") } };
        AccountFormDialog create(nullptr, { QStringLiteral("officer") }, scopes);
        QVERIFY2(clashes(create).isEmpty(), qPrintable(clashes(create)));
        Account account;
        account.username = QStringLiteral("bithu");
        account.role = QStringLiteral("secretary");
        AccountFormDialog change(&account, { QStringLiteral("officer") }, scopes);
        QVERIFY2(clashes(change).isEmpty(), qPrintable(clashes(change)));
        TemporaryPasswordDialog temporary(QStringLiteral("bithu"), QStringLiteral("k7qm-3vxa-p9te"));
        QVERIFY2(clashes(temporary).isEmpty(), qPrintable(clashes(temporary)));
        ChangePasswordDialog password(SignInRequest {}, QString());
        QVERIFY2(clashes(password).isEmpty(), qPrintable(clashes(password)));
        installLanguage(*QCoreApplication::instance(), QStringLiteral("vi"));
    }

private:
    ConsoleSession session(const test::TreeServer& setup, const char* file) const
    {
        return { setup.url(), setup.officer(), setup.signInOfficer(),
            m_folder.filePath(QString::fromLatin1(file)) };
    }

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

QTEST_MAIN(KeyboardTests)
#include "keyboard_tests.moc"
