// SPDX-License-Identifier: GPL-3.0-or-later
// The console's lock, against the real server in process: after the idle interval (on a clock the test
// moves) every window is covered and the password is asked; input before the interval keeps it open; a wrong
// password keeps it locked with the server's words, up to its throttle; the right one unlocks with the
// outbox untouched; the sync goes on while locked, and a session that expires meanwhile is renewed by the
// unlock; out of reach of the server only this computer's verifier can unlock; signing out closes the
// window, ends the session and keeps the edits.
#include "console_lock.h"
#include "gui_test_support.h"
#include "idle_watcher.h"
#include "lock_dialog.h"
#include "main_window.h"
#include "org_tree_panel.h"
#include "password_hasher.h"
#include "replica.h"
#include "replica_info_dialog.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sign_in_prompt.h"
#include "store/sql.h"
#include "sync_status_bar.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace sotay;
using namespace sotay::widgets;

namespace {

using client::SyncFailure;
constexpr qint64 kMinute = 60 * 1000;

MainWindow::Options quietOptions(int syncIntervalMilliseconds = 60 * 60 * 1000)
{
    MainWindow::Options options;
    options.syncIntervalMilliseconds = syncIntervalMilliseconds; // by default no tick during a test
    options.verifierCost = PasswordHasher::Cost::minimal();
    return options;
}

SyncFailure nextOutcome(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(20000))
        return SyncFailure::Other;
    return finished.takeFirst().at(0).value<SyncFailure>();
}

// Every point of `widget` on a grid shows the lock's cover of `window`, not the widget.
bool coveredEverywhere(const QWidget& window, const QWidget& widget, const QWidget* cover)
{
    if (!cover || !cover->isVisible())
        return false;
    for (int x = 2; x < widget.width(); x += std::max(4, widget.width() / 12))
        for (int y = 2; y < widget.height(); y += std::max(4, widget.height() / 12)) {
            const QWidget* shown = window.childAt(widget.mapTo(&window, QPoint(x, y)));
            if (shown != cover && !cover->isAncestorOf(shown))
                return false;
        }
    return true;
}

// The application's active window is `window` (QTest::qWaitForWindowActive is satisfied as soon as the
// window system has given the focus, before QApplication knows it).
void waitUntilActive(QWidget& window)
{
    QTRY_COMPARE(QApplication::activeWindow(), &window);
}

// Types `password` in the lock's field, presses Enter and waits for the answer.
void typeAndEnter(LockDialog& dialog, const QString& password)
{
    QSignalSpy unlocked(&dialog, &LockDialog::unlocked);
    QSignalSpy refused(&dialog, &LockDialog::refused);
    QCOMPARE(QApplication::focusWidget(), dialog.passwordField());
    dialog.passwordField()->selectAll();
    QTest::keyClicks(dialog.passwordField(), password);
    QTest::keyClick(dialog.passwordField(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(unlocked.count() + refused.count() > 0, 20000);
}

qint64 pendingIn(const MainWindow& window)
{
    const auto count = window.replica()->pendingCount();
    return count ? *count : -1;
}

void queueHometownEdit(MainWindow& window, const Member& member, const QString& hometown)
{
    QVERIFY(window.replica()
                ->enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/%1").arg(member.id),
                    { { QStringLiteral("hometown"), hometown } }, member.version)
                .ok());
}

QString hometownOnServer(const test::TreeServer& setup, qint64 memberId)
{
    const QString admin = setup.server->signInAsAdmin();
    return setup.server->call("GET", QStringLiteral("/api/v1/members/%1").arg(memberId), admin)
        .json()
        .value(QStringLiteral("hometown"))
        .toString();
}

// The officer's sessions the server still takes.
qint64 liveSessions(const test::TreeServer& setup)
{
    auto query = sql::exec(setup.database->db(),
        QStringLiteral("SELECT count(*) FROM app_session s JOIN app_user u ON u.id = s.user_id "
                       "WHERE u.username = 'officer.tb' AND s.revoked_at IS NULL"));
    return query && query->next() ? query->value(0).toLongLong() : -1;
}

int statusOfARead(const test::TreeServer& setup, const QString& token)
{
    return setup.server->call("GET", QStringLiteral("/api/v1/orgs/%1").arg(setup.tree.tranBien.id), token)
        .status;
}

} // namespace

class ConsoleLockTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init()
    {
        test::failOnReplicaMisuse();
        m_now = 0;
    }

    void theIdleIntervalCoversEveryWindowAndAsksForThePassword()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "idle.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(window.rosterModel()->loadedCount() > 0); // names on screen
        window.showReplicaInfo();
        QVERIFY(QTest::qWaitForWindowExposed(window.replicaInfo()));
        ConsoleLock& lock = *window.consoleLock();
        QCOMPARE(lock.idleWatcher()->interval(), 30 * kMinute); // the default
        useTestClock(lock);

        m_now = 30 * kMinute - 1;
        lock.idleWatcher()->check();
        QVERIFY(!lock.isLocked());
        m_now = 30 * kMinute;
        lock.idleWatcher()->check();
        QVERIFY(lock.isLocked());

        // The roster, the tree dock and the open dialog are covered; the lock dialog takes the input.
        QWidget* cover = lock.coverOf(&window);
        QVERIFY(coveredEverywhere(window, *window.rosterPanel()->view(), cover));
        QVERIFY(coveredEverywhere(window, *window.treePanel(), cover));
        QCOMPARE(cover->geometry(), window.rect());
        QVERIFY(coveredEverywhere(
            *window.replicaInfo(), *window.replicaInfo(), lock.coverOf(window.replicaInfo())));
        LockDialog& dialog = *lock.dialog();
        waitUntilActive(dialog);
        QCOMPARE(QApplication::focusWidget(), dialog.passwordField());
        QVERIFY(dialog.isModal());
        // Who is signed in shows; no member's name does.
        bool userShown = false;
        for (const QLabel* label : dialog.findChildren<QLabel*>()) {
            userShown = userShown || label->text().contains(setup->officer());
            QVERIFY(!label->text().contains(QStringLiteral("Hoa")));
        }
        QVERIFY(userShown);
        // The window grows or shrinks: the cover follows.
        window.resize(window.size() - QSize(40, 30));
        QCoreApplication::processEvents();
        QCOMPARE(cover->geometry(), window.rect());
        // Escape does not unlock.
        QTest::keyClick(dialog.passwordField(), Qt::Key_Escape);
        QVERIFY(lock.isLocked());
        QVERIFY(dialog.isVisible());
    }

    void inputBeforeTheIntervalKeepsTheWindowOpen()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "input.sqlite"), quietOptions());
        showAndActivate(window);
        ConsoleLock& lock = *window.consoleLock();
        useTestClock(lock);

        m_now = 29 * kMinute;
        QTest::keyClick(window.rosterPanel()->searchBox(), Qt::Key_A); // a key typed by the user
        m_now = 31 * kMinute;
        lock.idleWatcher()->check();
        QVERIFY(!lock.isLocked());
        m_now = 33 * kMinute;
        QTest::mouseMove(window.rosterPanel()->view()->viewport(), QPoint(20, 20)); // the mouse moved
        m_now = 62 * kMinute;
        lock.idleWatcher()->check();
        QVERIFY(!lock.isLocked());
        // An event a program sends itself is no input.
        QKeyEvent synthetic(QEvent::KeyPress, Qt::Key_B, Qt::NoModifier, QStringLiteral("b"));
        QCoreApplication::sendEvent(window.rosterPanel()->searchBox(), &synthetic);
        m_now = 63 * kMinute;
        lock.idleWatcher()->check();
        QVERIFY(lock.isLocked());
    }

    void aWrongPasswordKeepsItLockedWithTheServersWordsUpToItsThrottle()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "wrong.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier); // File → Lock the window
        ConsoleLock& lock = *window.consoleLock();
        QVERIFY(lock.isLocked());
        LockDialog& dialog = *lock.dialog();
        waitUntilActive(dialog);

        typeAndEnter(dialog, QStringLiteral("not-the-password"));
        QVERIFY(lock.isLocked());
        QCOMPARE(dialog.errorText(), QStringLiteral("Tên đăng nhập hoặc mật khẩu không đúng."));
        QVERIFY(coveredEverywhere(window, *window.rosterPanel()->view(), lock.coverOf(&window)));
        QCOMPARE(QApplication::focusWidget(), dialog.passwordField());
        QCOMPARE(dialog.passwordField()->selectedText(), QStringLiteral("not-the-password"));

        // Every attempt is a sign-in the server counts: after its limit it refuses even the right password.
        for (int attempt = 2; attempt <= 10; ++attempt)
            typeAndEnter(dialog, QStringLiteral("not-the-password"));
        typeAndEnter(dialog, setup->officerPassword());
        QVERIFY(lock.isLocked());
        QVERIFY2(
            dialog.errorText().contains(QStringLiteral("Xin thử lại sau")), qPrintable(dialog.errorText()));
        QVERIFY2(
            dialog.errorText().contains(QStringLiteral("đăng nhập sai")), qPrintable(dialog.errorText()));
    }

    void theRightPasswordUnlocksWithTheOutboxUntouched()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession opened = session(*setup, "right.sqlite");
        MainWindow window(opened, quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        queueHometownEdit(window, setup->nam, QStringLiteral("Hà Tĩnh"));
        window.rosterPanel()->searchBox()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        const qint64 sessionsBefore = liveSessions(*setup);
        QVERIFY(sessionsBefore > 0);
        window.lockAction()->trigger();
        ConsoleLock& lock = *window.consoleLock();
        LockDialog& dialog = *lock.dialog();
        waitUntilActive(dialog);
        QSignalSpy unlocked(&lock, &ConsoleLock::unlocked);
        typeAndEnter(dialog, setup->officerPassword());
        QCOMPARE(unlocked.count(), 1);
        QVERIFY(!lock.isLocked());
        QVERIFY(!dialog.isVisible());
        QVERIFY(lock.coveredWindows().isEmpty());
        QVERIFY(window.findChild<QWidget*>(QStringLiteral("lockCover")) == nullptr);
        QVERIFY(dialog.passwordField()->text().isEmpty());
        // The edits wait as before, the window keeps its session, and the focus is back where it was.
        QCOMPARE(pendingIn(window), 2);
        QCOMPARE(window.session().token, opened.token);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(QApplication::focusWidget(), window.rosterPanel()->searchBox());
        QVERIFY(lock.idleWatcher()->isWatching());
        // The session the check opened was closed at once: the officer has the window's session only.
        QCOMPARE(statusOfARead(*setup, opened.token), 200);
        QCOMPARE(liveSessions(*setup), sessionsBefore);
    }

    void theSyncGoesOnWhileLocked()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "syncing.sqlite"), quietOptions(200));
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        window.lockAction()->trigger();
        QVERIFY(window.consoleLock()->isLocked());
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        finished.clear();
        // The next ticks sync while the window is locked: the edit reaches the server.
        for (int i = 0; i < 20 && pendingIn(window) != 0; ++i)
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(window.consoleLock()->isLocked());
        QCOMPARE(pendingIn(window), 0);
        QCOMPARE(hometownOnServer(*setup, setup->hoa.id), QStringLiteral("Huế"));
    }

    void aSessionExpiredWhileLockedIsRenewedByTheUnlock()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession opened = session(*setup, "expired.sqlite");
        MainWindow window(opened, quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        window.lockAction()->trigger();
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));

        setup->server->advanceClock(qint64 { 13 } * 60 * 60); // past the session's 12 hours
        const int asked = SignInPrompt::askedCount();
        QVERIFY(window.syncNow()); // as the next tick would
        QCOMPARE(nextOutcome(finished), SyncFailure::SessionExpired);
        QCoreApplication::processEvents();
        QCOMPARE(SignInPrompt::askedCount(), asked); // no second password box above the lock
        QVERIFY(window.consoleLock()->isLocked());
        QCOMPARE(pendingIn(window), 1);

        // The unlock signs in: the window takes the new session and sends the edit.
        typeAndEnter(*window.consoleLock()->dialog(), setup->officerPassword());
        QVERIFY(!window.consoleLock()->isLocked());
        QVERIFY(!window.session().token.isEmpty());
        QVERIFY(window.session().token != opened.token);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(SignInPrompt::askedCount(), asked);
        QCOMPARE(pendingIn(window), 0);
        QCOMPARE(hometownOnServer(*setup, setup->hoa.id), QStringLiteral("Huế"));
    }

    void outOfReachOnlyThisComputersVerifierUnlocks()
    {
        const QString replicaPath = m_folder.filePath(QStringLiteral("offline.sqlite"));
        {
            auto replica = client::Replica::open(replicaPath);
            QVERIFY(replica.ok());
            const auto hash
                = PasswordHasher(PasswordHasher::Cost::minimal(), 1).hash(QStringLiteral("mat-khau"));
            QVERIFY(hash.ok());
            QVERIFY((*replica)->setVerifier(QStringLiteral("officer.tb"), *hash).ok());
        }
        MainWindow window(
            ConsoleSession { test::unreachableServer(), QStringLiteral("officer.tb"), {}, replicaPath },
            quietOptions());
        showAndActivate(window);
        window.lockAction()->trigger();
        LockDialog& dialog = *window.consoleLock()->dialog();
        waitUntilActive(dialog);
        typeAndEnter(dialog, QStringLiteral("sai"));
        QVERIFY(window.consoleLock()->isLocked());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("không khớp")), qPrintable(dialog.errorText()));
        typeAndEnter(dialog, QStringLiteral("mat-khau"));
        QVERIFY(!window.consoleLock()->isLocked());
        QVERIFY(window.syncStatus()->currentMessage().contains(QStringLiteral("trên máy này")));

        // Without a verifier on this computer nothing can check the password: the window stays locked.
        MainWindow stranger(ConsoleSession { test::unreachableServer(), QStringLiteral("someone"), {},
                                m_folder.filePath(QStringLiteral("stranger.sqlite")) },
            quietOptions());
        showAndActivate(stranger);
        stranger.lockAction()->trigger();
        LockDialog& strangerLock = *stranger.consoleLock()->dialog();
        waitUntilActive(strangerLock);
        typeAndEnter(strangerLock, QStringLiteral("anything"));
        QVERIFY(stranger.consoleLock()->isLocked());
        QVERIFY2(
            strangerLock.errorText().contains(QStringLiteral("cần có kết nối tới máy chủ mới mở khoá được")),
            qPrintable(strangerLock.errorText()));
    }

    void aWindowOpenedWhileLockedIsCoveredToo()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "later.sqlite"), quietOptions());
        showAndActivate(window);
        window.lockAction()->trigger();
        ConsoleLock& lock = *window.consoleLock();
        waitUntilActive(*lock.dialog());
        window.showReplicaInfo(); // as a timer or a sync might open one
        QVERIFY(QTest::qWaitForWindowExposed(window.replicaInfo()));
        QTRY_VERIFY(lock.coverOf(window.replicaInfo()) != nullptr);
        QVERIFY(coveredEverywhere(
            *window.replicaInfo(), *window.replicaInfo(), lock.coverOf(window.replicaInfo())));
        // A modal one does not take the input from the lock.
        QDialog modal(&window);
        modal.setModal(true);
        modal.resize(300, 200);
        modal.show();
        QTRY_VERIFY(lock.coverOf(&modal) != nullptr);
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget*>(lock.dialog()));
        QCOMPARE(QApplication::focusWidget(), lock.dialog()->passwordField());
        modal.hide();
    }

    void aModalDialogOpenWhenItLocksIsCoveredAndKeepsWhatWasTyped()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "modal.sqlite"), quietOptions());
        showAndActivate(window);
        QDialog form(&window);
        auto* field = new QLineEdit(&form);
        form.resize(400, 300);
        form.setModal(true);
        form.show();
        waitUntilActive(form);
        field->setFocus();
        QTest::keyClicks(field, QStringLiteral("dang go do"));

        window.consoleLock()->lock(LockDialog::Reason::Idle);
        LockDialog& dialog = *window.consoleLock()->dialog();
        waitUntilActive(dialog); // above the modal form
        QCOMPARE(QApplication::focusWidget(), dialog.passwordField());
        QVERIFY(coveredEverywhere(form, form, window.consoleLock()->coverOf(&form)));
        QVERIFY(
            coveredEverywhere(window, *window.rosterPanel()->view(), window.consoleLock()->coverOf(&window)));
        typeAndEnter(dialog, setup->officerPassword());
        QVERIFY(!window.consoleLock()->isLocked());
        // Back where the user was, with what was typed.
        waitUntilActive(form);
        QCOMPARE(QApplication::focusWidget(), field);
        QCOMPARE(field->text(), QStringLiteral("dang go do"));
    }

    void signingOutWhileAModalDialogWaitsEndsItsWait()
    {
        auto setup = test::startTreeServer();
        MainWindow window(session(*setup, "modal-out.sqlite"), quietOptions());
        showAndActivate(window);
        QSignalSpy signedOut(&window, &MainWindow::signedOutFromLock);
        QDialog form(&window);
        form.resize(300, 200);
        // Inside the form's own event loop: the window locks, then the user signs out from the lock.
        QTimer::singleShot(0, &window, [&window] {
            window.lockAction()->trigger();
            QTimer::singleShot(
                0, &window, [&window] { window.consoleLock()->dialog()->signOutButton()->click(); });
        });
        QCOMPARE(form.exec(), int(QDialog::Rejected)); // it returns instead of waiting for ever
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 20000);
        QVERIFY(!window.isVisible());
        QVERIFY(!form.isVisible());
    }

    void signingOutClosesTheWindowEndsTheSessionAndKeepsTheEdits()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession opened = session(*setup, "signout.sqlite");
        MainWindow window(opened, quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        showAndActivate(window);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        window.showReplicaInfo();
        window.lockAction()->trigger();
        LockDialog& dialog = *window.consoleLock()->dialog();
        waitUntilActive(dialog);
        QSignalSpy signedOut(&window, &MainWindow::signedOutFromLock);
        QTest::keyClick(dialog.passwordField(), Qt::Key_X, Qt::AltModifier); // Đăng &xuất
        QVERIFY(signedOut.count() == 1 || signedOut.wait(20000));
        QVERIFY(!window.isVisible());
        QVERIFY(!window.replicaInfo()->isVisible());
        QVERIFY(!dialog.isVisible());
        QVERIFY(window.session().token.isEmpty());
        QCOMPARE(statusOfARead(*setup, opened.token), 401);
        auto replica = client::Replica::open(opened.replicaPath);
        QVERIFY(replica.ok());
        QCOMPARE((*replica)->pendingCount().value(), 1);
    }

private:
    ConsoleSession session(const test::TreeServer& setup, const char* file) const
    {
        return { setup.url(), setup.officer(), setup.signInOfficer(),
            m_folder.filePath(QString::fromLatin1(file)) };
    }

    void useTestClock(ConsoleLock& lock)
    {
        lock.idleWatcher()->setClock([this] { return m_now; });
    }

    static void showAndActivate(QWidget& window)
    {
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
    qint64 m_now = 0;
};

QTEST_MAIN(ConsoleLockTests)
#include "console_lock_tests.moc"
