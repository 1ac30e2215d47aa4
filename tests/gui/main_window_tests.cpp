// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on a replica, syncing with the real server in process: the first sync with its progress
// and its Cancel button, the status bar, unsent edits, working offline, and an expired session; over https,
// the session's CA file used by the background sync and by signing in again.
#include "api_client.h"
#include "conflict_dialog.h"
#include "gui_test_support.h"
#include "language.h"
#include "main_window.h"
#include "message_box.h"
#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "password_hasher.h"
#include "replica.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sign_in_prompt.h"
#include "store/sql.h"
#include "support/test_certificates.h"
#include "sync_status_bar.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace sotay;
using namespace sotay::widgets;

namespace {

using client::SyncFailure;

MainWindow::Options quickOptions(int intervalMilliseconds = 60 * 60 * 1000)
{
    MainWindow::Options options;
    options.syncIntervalMilliseconds = intervalMilliseconds; // by default no tick during a test
    options.pageSize = 2;                                    // several pages, as a province needs
    options.verifierCost = PasswordHasher::Cost::minimal();
    return options;
}

// Waits for the next finished sync and returns how it ended.
SyncFailure nextOutcome(QSignalSpy& finished, int timeoutMilliseconds = 20000)
{
    if (finished.isEmpty() && !finished.wait(timeoutMilliseconds))
        return SyncFailure::Other;
    return finished.takeFirst().at(0).value<SyncFailure>();
}

// Waits until a sync ends with `failure`, skipping the others (ticks may run meanwhile).
bool waitFor(QSignalSpy& finished, SyncFailure failure)
{
    for (int i = 0; i < 50; ++i) {
        if (finished.isEmpty() && !finished.wait(20000))
            return false;
        if (finished.takeFirst().at(0).value<SyncFailure>() == failure)
            return true;
    }
    return false;
}

qint64 countIn(const client::Replica& replica, const QString& statement)
{
    auto query = sql::exec(replica.db(), statement);
    return query && query->next() ? query->value(0).toLongLong() : -1;
}

// The edit a roster view will queue: the officer corrects Hoa's home town.
void queueHometownEdit(MainWindow& window, const Member& member, const QString& hometown)
{
    auto queued = window.replica()->enqueue(QStringLiteral("PATCH"),
        QStringLiteral("/api/v1/members/%1").arg(member.id), { { QStringLiteral("hometown"), hometown } },
        member.version);
    QVERIFY(queued.ok());
    QSignalSpy refreshed(&window, &MainWindow::statusRefreshed);
    window.refreshStatus();
    QVERIFY(refreshed.wait(10000));
}

QString hometownOnServer(const test::TreeServer& setup, qint64 memberId)
{
    const QString admin = setup.server->signInAsAdmin();
    return setup.server->call("GET", QStringLiteral("/api/v1/members/%1").arg(memberId), admin)
        .json()
        .value(QStringLiteral("hometown"))
        .toString();
}

} // namespace

class MainWindowTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init() { test::failOnReplicaMisuse(); }

    void theFirstSyncFillsTheReplicaAndTheStatusBar()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("first.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy started(&window, &MainWindow::syncStarted);
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        bool progressShown = false;
        connect(&window, &MainWindow::syncStarted, this,
            [&window, &progressShown] { progressShown = window.syncStatus()->isProgressVisible(); });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(0).toBool(), true); // the very first sync
        QVERIFY(progressShown);
        QVERIFY(!window.syncStatus()->isProgressVisible());
        // The end of the first download is said, with what it brought.
        QVERIFY2(window.syncStatus()->currentMessage().startsWith(
                     QStringLiteral("Đã tải xong dữ liệu lần đầu trong")),
            qPrintable(window.syncStatus()->currentMessage()));
        QVERIFY(
            window.syncStatus()->currentMessage().endsWith(QStringLiteral(": 4 tổ chức đảng, 2 đảng viên.")));

        // The replica holds the officer's scope: Trấn Biên, the school and its two cells, and their members.
        QCOMPARE(countIn(*window.replica(), QStringLiteral("SELECT COUNT(*) FROM org_unit")), 4);
        QCOMPARE(countIn(*window.replica(), QStringLiteral("SELECT COUNT(*) FROM member")), 2);
        QCOMPARE(window.unitsText(), QStringLiteral("4"));
        QCOMPARE(window.membersText(), QStringLiteral("2"));
        QCOMPARE(window.scopeText(), QStringLiteral("Đảng bộ phường Trấn Biên"));
        QVERIFY(window.noteText().isEmpty());
        // The tree dock and the roster show what the sync brought: the scope's top unit is chosen, with its
        // whole subtree's members.
        QCOMPARE(window.treeModel()->unitCount(), 4);
        QCOMPARE(window.rosterModel()->unitId(), setup->tree.tranBien.id);
        QCOMPARE(window.rosterModel()->loadedCount(), 2);
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell2.id));
        QCOMPARE(window.rosterModel()->loadedCount(), 1);
        // Ctrl+F goes to the roster's search box.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keySequence(&window, QKeySequence::Find);
        QCOMPARE(QApplication::focusWidget(), window.rosterPanel()->searchBox());
        QVERIFY(window.treePanel()->selectUnit(setup->tree.tranBien.id));
        QVERIFY(window.windowTitle().contains(setup->officer()));
        QVERIFY(window.windowTitle().contains(QStringLiteral("Đảng bộ phường Trấn Biên")));

        SyncStatusBar* status = window.syncStatus();
        QCOMPARE(status->connectionText(), QStringLiteral("Trực tuyến"));
        QCOMPARE(status->pendingText(), QStringLiteral("0 sửa đổi chưa gửi"));
        const QRegularExpression vietnameseDateTime(
            QStringLiteral("^Đồng bộ lần cuối: (\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d)$"));
        const auto match = vietnameseDateTime.match(status->lastSyncText());
        QVERIFY2(match.hasMatch(), qPrintable(status->lastSyncText()));
        const QDateTime shown = QDateTime::fromString(match.captured(1), QStringLiteral("dd/MM/yyyy HH:mm"));
        QVERIFY(qAbs(shown.secsTo(QDateTime::currentDateTime())) < 120);

        // The next sync is no first sync: no progress bar, and the edit-free replica stays as it is.
        QVERIFY(window.syncNow());
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(started.last().at(0).toBool(), false);
        QCOMPARE(window.unitsText(), QStringLiteral("4"));
    }

    void cancellingTheFirstSyncResumesNextTime()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("cancelled.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        // Cancel as soon as the first sync starts, with the status bar's button.
        auto cancelOnce = connect(&window, &MainWindow::syncStarted, this, [&window](bool first) {
            QVERIFY(first);
            QVERIFY(window.syncStatus()->cancelButton()->isVisible() || !window.isVisible());
            window.syncStatus()->cancelButton()->click();
        });
        window.show();
        QCOMPARE(nextOutcome(finished), SyncFailure::Cancelled);
        disconnect(cancelOnce);
        QVERIFY(!window.syncStatus()->isProgressVisible());
        QVERIFY(window.syncStatus()->currentMessage().contains(QStringLiteral("tiếp tục từ chỗ đã dừng")));
        QVERIFY(!window.noteText().isEmpty()); // the data here is not complete yet
        QCOMPARE(window.syncStatus()->lastSyncText(), QStringLiteral("Chưa đồng bộ lần nào"));
        // The position is kept: the download had begun and is not done.
        QVERIFY(window.replica()->state(QStringLiteral("snapshot.phase")).value() != u"done");

        // F5 (or Ctrl+R) goes on from there.
        QVERIFY(window.syncAction()->shortcuts().contains(QKeySequence(Qt::Key_F5)));
        QVERIFY(window.syncAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_R)));
        QSignalSpy started(&window, &MainWindow::syncStarted);
        window.syncAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(0).toBool(), true); // still the first sync, resumed
        QCOMPARE(window.unitsText(), QStringLiteral("4"));
        QCOMPARE(window.membersText(), QStringLiteral("2"));
        QCOMPARE(window.replica()->state(QStringLiteral("snapshot.phase")).value(), QStringLiteral("done"));
    }

    void neverTwoSyncsAtOnce()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("once.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy started(&window, &MainWindow::syncStarted);
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        bool syncingThen = false;
        bool secondStarted = true;
        bool actionEnabledThen = true;
        connect(&window, &MainWindow::syncStarted, this, [&] {
            syncingThen = window.isSyncing();
            secondStarted = window.syncNow(); // F5 while the first runs
            actionEnabledThen = window.syncAction()->isEnabled();
        });
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(syncingThen);
        QVERIFY(!secondStarted);
        QVERIFY(!actionEnabledThen);
        QCOMPARE(started.count(), 1);
        QVERIFY(!window.isSyncing());
        QVERIFY(window.syncAction()->isEnabled());
    }

    void unsentEditsAreCountedAndSentOnTheNextSync()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("edits.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);

        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("1 sửa đổi chưa gửi"));

        window.syncAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("0 sửa đổi chưa gửi"));
        QCOMPARE(hometownOnServer(*setup, setup->hoa.id), QStringLiteral("Huế"));
    }

    void theConflictsActionIsOnWheneverThereAreConflicts()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("conflicts.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(!window.conflictsAction()->isEnabled());

        // Someone else corrects Hoa on the server; the console's edit, made on the older version, conflicts.
        const QString admin = setup->server->signInAsAdmin();
        const auto changed
            = setup->server->call("PATCH", QStringLiteral("/api/v1/members/%1").arg(setup->hoa.id), admin,
                { { QStringLiteral("hometown"), QStringLiteral("Bình Định") } },
                { { "If-Match", std::to_string(setup->hoa.version) } });
        QCOMPARE(changed.status, 200);
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        window.syncAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        // At once, from what the sync left: no other reading needed.
        QVERIFY(window.conflictsAction()->isEnabled());
        QCOMPARE(window.conflictsAction()->text(), QStringLiteral("&Xung đột chờ xử lý (1)…"));
        QVERIFY(!window.syncStatus()->unsettledButton()->isHidden());

        // `sotay-console sync` on the same replica keeps another conflict meanwhile: the menu counts it as
        // it opens.
        {
            auto other = client::Replica::open(session.replicaPath);
            QVERIFY(other.ok());
            const auto stale = (*other)->enqueue(QStringLiteral("PATCH"),
                QStringLiteral("/api/v1/members/%1").arg(setup->nam.id),
                { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup->nam.version);
            QVERIFY(stale.ok());
            QVERIFY((*other)->keepConflict(*stale, QStringLiteral("member"), setup->nam.id, {}).ok());
            QVERIFY((*other)->finish(stale->id, QStringLiteral("conflict")).ok());
        }
        QMenu* menu = nullptr;
        for (QObject* object : window.conflictsAction()->associatedObjects())
            if (auto* found = qobject_cast<QMenu*>(object))
                menu = found;
        QVERIFY(menu);
        emit menu->aboutToShow();
        QCOMPARE(window.conflictsAction()->text(), QStringLiteral("&Xung đột chờ xử lý (2)…"));

        // Each settled in turn; none left, the action is off.
        ConflictDialog::setTestAnswer([](ConflictDialog&) { return ConflictDialog::Choice::KeepServer; });
        window.conflictsAction()->trigger();
        ConflictDialog::setTestAnswer({});
        emit menu->aboutToShow();
        QVERIFY(!window.conflictsAction()->isEnabled());
        QCOMPARE(window.replica()->conflictCount().value(), 0);
    }

    void offlineItShowsNgoaiTuyenCountsTheEditsAndRetriesAtEachTick()
    {
        // A replica synced before, then opened with the server out of reach (after the verifier check).
        auto setup = test::startTreeServer();
        const QString replicaPath = path("offline.sqlite");
        {
            MainWindow online(
                ConsoleSession { setup->url(), setup->officer(), setup->signInOfficer(), replicaPath },
                quickOptions());
            QSignalSpy finished(&online, &MainWindow::syncFinished);
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
            queueHometownEdit(online, setup->hoa, QStringLiteral("Huế"));
            queueHometownEdit(online, setup->nam, QStringLiteral("Hà Tĩnh"));
        }
        const ConsoleSession offline { test::unreachableServer(), setup->officer(), {}, replicaPath };
        MainWindow window(offline, quickOptions(300));
        QCOMPARE(window.syncStatus()->connectionText(), QStringLiteral("Ngoại tuyến"));
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::Offline); // the attempt at opening
        QCOMPARE(nextOutcome(finished), SyncFailure::Offline); // the next tick
        QCOMPARE(window.syncStatus()->connectionText(), QStringLiteral("Ngoại tuyến"));
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("2 sửa đổi chưa gửi"));
        QVERIFY(window.syncStatus()->lastSyncText().startsWith(QStringLiteral("Đồng bộ lần cuối: ")));
        QCOMPARE(window.membersText(), QStringLiteral("2"));
        QCOMPARE(window.scopeText(), QStringLiteral("Đảng bộ phường Trấn Biên"));
        QVERIFY(!window.syncStatus()->isProgressVisible());
    }

    void anExpiredSessionAsksForThePasswordAgainAndKeepsTheEdits()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("expired.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));

        setup->server->advanceClock(qint64 { 31 } * 60); // past the idle limit: the token no longer works
        const int asked = SignInPrompt::askedCount();
        SignInPrompt::setNextAnswer(setup->officerPassword());
        window.syncAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::SessionExpired);
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("1 sửa đổi chưa gửi")); // kept
        // The prompt comes, pre-filled with this server and user, signs in, and the sync goes on at once.
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(SignInPrompt::askedCount(), asked + 1);
        QVERIFY(SignInPrompt::lastError().isEmpty());
        const SignInDialog::Options options = SignInPrompt::lastOptions();
        QVERIFY(options.again);
        QCOMPARE(options.server, setup->url());
        QCOMPARE(options.username, setup->officer());
        QCOMPARE(options.replicaPath, session.replicaPath);
        QVERIFY(options.notice.contains(QStringLiteral("hết hạn")));
        QVERIFY(window.session().token != session.token);

        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("0 sửa đổi chưa gửi"));
        QCOMPARE(window.syncStatus()->connectionText(), QStringLiteral("Trực tuyến"));
        QCOMPARE(hometownOnServer(*setup, setup->hoa.id), QStringLiteral("Huế"));
    }

    void theSyncAndSigningInAgainReachAnHttpsServerWithTheSessionsCaFile()
    {
        const test::TestCertificates certificates;
        QVERIFY2(certificates.problem().isEmpty(), qPrintable(certificates.problem()));
        const auto database = test::TestDatabase::sqlite();
        test::buildSmallTree(database->db());
        test::RunningServer server(*database, 2, [&certificates](server::ServerConfig& config) {
            config.tls = { certificates.goodCertificate(), certificates.serverKey() };
        });
        const QUrl url(QStringLiteral("https://localhost:%1").arg(server.port()));
        const QString password = QString::fromLatin1(test::RunningServer::kAdminPassword);
        const client::TlsSettings tls { certificates.caFile(), false };
        client::ApiClient api(url, tls);
        QVERIFY(client::signIn(api, QStringLiteral("admin"), password).ok());

        // Without the session's CA file the background sync is refused, and says why in the status bar.
        {
            MainWindow window(
                ConsoleSession { url, QStringLiteral("admin"), api.token(), path("no-ca.sqlite") },
                quickOptions());
            QSignalSpy finished(&window, &MainWindow::syncFinished);
            QCOMPARE(nextOutcome(finished), SyncFailure::Other);
            QVERIFY2(
                window.syncStatus()->currentMessage().contains(QStringLiteral("không tin được chứng chỉ")),
                qPrintable(window.syncStatus()->currentMessage()));
        }

        const ConsoleSession session { url, QStringLiteral("admin"), api.token(), path("https.sqlite"), tls };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(countIn(*window.replica(), QStringLiteral("SELECT COUNT(*) FROM org_unit")), 7);

        // Signing in again keeps the session's settings, and so does the sync after it.
        server.advanceClock(qint64 { 31 } * 60);
        SignInPrompt::setNextAnswer(password);
        window.syncAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::SessionExpired);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY2(SignInPrompt::lastError().isEmpty(), qPrintable(SignInPrompt::lastError()));
        QVERIFY(SignInPrompt::lastOptions().tls == tls);
        QVERIFY(window.session().tls == tls);
        QVERIFY(window.session().token != session.token);
    }

    void aDeclinedSignInKeepsTheEditsAndWaitsForF5()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("declined.sqlite") };
        MainWindow window(session, quickOptions(200));
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);

        setup->server->advanceClock(qint64 { 31 } * 60);
        SignInPrompt::setNextAnswer(std::nullopt); // the user closes the prompt
        const int asked = SignInPrompt::askedCount();
        QVERIFY(waitFor(finished, SyncFailure::SessionExpired)); // at a next tick
        QTRY_COMPARE(SignInPrompt::askedCount(), asked + 1);
        QTRY_COMPARE(window.syncStatus()->connectionText(), QStringLiteral("Chưa đăng nhập"));
        QVERIFY(window.syncStatus()->currentMessage().contains(QStringLiteral("F5")));

        // An edit made meanwhile waits in the replica, and no automatic sync nags.
        queueHometownEdit(window, setup->hoa, QStringLiteral("Huế"));
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("1 sửa đổi chưa gửi"));
        finished.clear();
        QTest::qWait(1000);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(SignInPrompt::askedCount(), asked + 1);
        QCOMPARE(
            countIn(*window.replica(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")),
            1);

        // F5 asks for the password first, then sends the edit.
        SignInPrompt::setNextAnswer(setup->officerPassword());
        QVERIFY(!window.syncNow());
        QVERIFY(waitFor(finished, SyncFailure::None));
        QCOMPARE(SignInPrompt::askedCount(), asked + 2);
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("0 sửa đổi chưa gửi"));
        QCOMPARE(hometownOnServer(*setup, setup->hoa.id), QStringLiteral("Huế"));
    }

    void treeOperationsGoThroughTheOutboxAndComeBackWithTheSync()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("operations.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        const auto answer = [](const std::function<void(OrgOperationDialog&)>& fill) {
            OrgOperationDialog::setTestAnswer([fill](OrgOperationDialog& dialog) {
                fill(dialog);
                dialog.effectiveField()->setDate(
                    QDate(2026, 11, 20)); // the test server's clock is 25/11/2026
                return true;
            });
        };

        // Rename Chi bộ 2: queued, pushed by the sync that follows, and back in the tree.
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell2.id));
        answer([](OrgOperationDialog& dialog) {
            dialog.nameField()->setText(QStringLiteral("Chi bộ Tổ Toán - Tin"));
            dialog.decisionField()->setText(QStringLiteral("12-QĐ/ĐU"));
        });
        window.treePanel()->renameCurrent();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(
            window.treeModel()->unit(setup->tree.cell2.id)->name, QStringLiteral("Chi bộ Tổ Toán - Tin"));
        const QString admin = setup->server->signInAsAdmin();
        QCOMPARE(
            setup->server->call("GET", QStringLiteral("/api/v1/orgs/%1").arg(setup->tree.cell2.id), admin)
                .json()
                .value(QStringLiteral("name"))
                .toString(),
            QStringLiteral("Chi bộ Tổ Toán - Tin"));

        // A new cell under the school, then its dissolution.
        QVERIFY(window.treePanel()->selectUnit(setup->tree.school.id));
        answer([](OrgOperationDialog& dialog) {
            dialog.kindField()->setCurrentIndex(
                dialog.kindField()->findData(static_cast<int>(OrgKind::Cell)));
            dialog.codeField()->setText(QStringLiteral("TB-NQ-03"));
            dialog.nameField()->setText(QStringLiteral("Chi bộ 3"));
            dialog.decisionField()->setText(QStringLiteral("13-QĐ/ĐU"));
        });
        window.treePanel()->createUnderCurrent();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(window.treeModel()->unitCount(), 5);
        const QModelIndex school = window.treeModel()->indexOfUnit(setup->tree.school.id);
        QCOMPARE(window.treeModel()->rowCount(school), 3);
        qint64 created = 0;
        for (int row = 0; row < 3; ++row)
            if (window.treeModel()->index(row, 0, school).data().toString() == u"Chi bộ 3")
                created
                    = window.treeModel()->index(row, 0, school).data(OrgTreeModel::UnitIdRole).toLongLong();
        QVERIFY(created > 0);
        QVERIFY(window.treePanel()->selectUnit(created));
        answer(
            [](OrgOperationDialog& dialog) { dialog.decisionField()->setText(QStringLiteral("14-QĐ/ĐU")); });
        window.treePanel()->dissolveCurrent();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(window.treeModel()->unitCount(), 4);

        // A new base committee under Trấn Biên; Chi bộ 2 moves under it, then merges into Chi bộ 1 and
        // takes its member (Nam) there.
        QVERIFY(window.treePanel()->selectUnit(setup->tree.tranBien.id));
        answer([](OrgOperationDialog& dialog) {
            dialog.kindField()->setCurrentIndex(
                dialog.kindField()->findData(static_cast<int>(OrgKind::BaseCommittee)));
            dialog.codeField()->setText(QStringLiteral("TB-THCS"));
            dialog.nameField()->setText(QStringLiteral("Đảng bộ Trường THCS Trấn Biên"));
            dialog.decisionField()->setText(QStringLiteral("15-QĐ/ĐU"));
        });
        window.treePanel()->createUnderCurrent();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(window.treeModel()->unitCount(), 5);
        qint64 committee = 0;
        for (const OrgUnit& unit : window.treeModel()->units())
            if (unit.code == u"TB-THCS")
                committee = unit.id;
        QVERIFY(committee > 0);
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell2.id));
        QStringList offered;
        answer([committee, &offered](OrgOperationDialog& dialog) {
            for (int i = 1; i < dialog.targetField()->count(); ++i)
                offered.append(dialog.targetField()->itemText(i));
            dialog.targetField()->setCurrentIndex(dialog.targetField()->findData(committee));
            dialog.decisionField()->setText(QStringLiteral("16-QĐ/ĐU"));
        });
        window.treePanel()->moveCurrent();
        // Only the new committee can take the cell: the school is its parent already.
        QCOMPARE(offered, QStringList { QStringLiteral("TB-THCS - Đảng bộ Trường THCS Trấn Biên") });
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(window.treeModel()->unit(setup->tree.cell2.id)->parentId, std::optional<qint64>(committee));
        QCOMPARE(window.treeModel()->memberCount(committee), 1);

        answer([&setup](OrgOperationDialog& dialog) {
            dialog.targetField()->setCurrentIndex(dialog.targetField()->findData(setup->tree.cell1.id));
            dialog.decisionField()->setText(QStringLiteral("17-QĐ/ĐU"));
        });
        window.treePanel()->mergeCurrent();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(!window.treeModel()->unit(setup->tree.cell2.id));
        QCOMPARE(window.treeModel()->memberCount(setup->tree.cell1.id), 2);
        QCOMPARE(window.treeModel()->unitCount(), 4);

        // Cancelled or incomplete, nothing is queued.
        OrgOperationDialog::setTestAnswer([](OrgOperationDialog& dialog) {
            dialog.decisionField()->clear();
            return true; // OK is pressed, but stays disabled without a decision number
        });
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell1.id));
        window.treePanel()->renameCurrent();
        OrgOperationDialog::setTestAnswer({});
        QCOMPARE(
            countIn(*window.replica(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")),
            0);

        // The tree as it stood the day before these operations: Chi bộ 2 under the school, by its first name,
        // read-only and without member counts.
        window.treePanel()->asOfDate()->setDate(QDate(2026, 11, 19));
        window.treePanel()->asOfBox()->setChecked(true);
        QCOMPARE(window.treeModel()->asOf(), std::optional<QDate>(QDate(2026, 11, 19)));
        QCOMPARE(window.treeModel()->unitCount(), 4);
        QCOMPARE(window.treeModel()->unit(setup->tree.cell2.id)->name, setup->tree.cell2.name);
        QCOMPARE(window.treeModel()->unit(setup->tree.cell2.id)->parentId,
            std::optional<qint64>(setup->tree.school.id));
        QVERIFY(!window.treeModel()->unit(committee));
        QVERIFY(window.treeModel()->index(0, OrgTreeModel::MembersColumn).data().toString().isEmpty());
        bool asked = false;
        OrgOperationDialog::setTestAnswer([&asked](OrgOperationDialog&) { return asked = true; });
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell2.id));
        window.treePanel()->renameCurrent();
        OrgOperationDialog::setTestAnswer({});
        QVERIFY(!asked); // the past is not edited
        // Back to today's tree.
        window.treePanel()->asOfBox()->setChecked(false);
        QVERIFY(!window.treeModel()->asOf());
        QVERIFY(!window.treeModel()->unit(setup->tree.cell2.id));
        QCOMPARE(window.treeModel()->memberCount(setup->tree.cell1.id), 2);
    }

    void theTreeDockLeadsToARosterWithTheKeyboard()
    {
        auto setup = test::startTreeServer();
        const ConsoleSession session { setup->url(), setup->officer(), setup->signInOfficer(),
            path("keyboard.sqlite") };
        MainWindow window(session, quickOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        window.activateWindow();
        QLineEdit* search = window.treePanel()->searchBox();
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("ngo quyen"));
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(window.treePanel()->view()->hasFocus());
        QTest::keyClick(window.treePanel()->view(), Qt::Key_Return);
        QCOMPARE(window.rosterModel()->unitId(), setup->tree.school.id);
        // The roster is titled with the unit's whole name, not the short one the tree shows.
        const auto labels = window.rosterPanel()->findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(),
            [&](const QLabel* label) { return label->text() == setup->tree.school.name; }));
    }

    void theOperationDialogSaysWhatIsMissingBesideTheFields()
    {
        OrgUnit cell;
        cell.id = 7;
        cell.kind = OrgKind::Cell;
        cell.code = QStringLiteral("C1");
        cell.name = QStringLiteral("Chi bộ 1");
        cell.version = 3;
        OrgOperationDialog rename(OrgOperationDialog::Kind::Rename, cell);
        QVERIFY(!rename.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        // In the server's words (org/org_rules.h).
        QVERIFY(rename.problemText().contains(QStringLiteral("Tên mới trùng với tên hiện tại.")));
        QVERIFY(rename.problemText().contains(QStringLiteral("Cần nhập số quyết định.")));
        rename.nameField()->setText(QStringLiteral("Chi bộ Khu phố 1"));
        rename.decisionField()->setText(QStringLiteral("9-QĐ/ĐU"));
        QVERIFY(rename.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(rename.problemText().isEmpty());
        const OrgOperation operation = rename.operation();
        QCOMPARE(operation.method, QStringLiteral("PATCH"));
        QCOMPARE(operation.path, QStringLiteral("/api/v1/orgs/7"));
        QCOMPARE(operation.ifMatch, std::optional<qint64>(3));
        QCOMPARE(operation.body.value(QStringLiteral("name")).toString(), QStringLiteral("Chi bộ Khu phố 1"));
        // A cell holds no units: nothing can be created under it.
        OrgOperationDialog create(OrgOperationDialog::Kind::Create, cell);
        QCOMPARE(create.kindField()->count(), 1); // a party group (tổ đảng)
    }

    void theProgressSaysHowManyOfHowManyInTheChosenLanguage()
    {
        installLanguage(*QCoreApplication::instance(), QStringLiteral("vi"));
        SyncStatusBar bar;
        bar.showProgress(QStringLiteral("Đang tải danh sách đảng viên"), 45000, 132000);
        QCOMPARE(bar.progressText(), QStringLiteral("Đang tải danh sách đảng viên: 45.000 / 132.000"));
        QCOMPARE(bar.progressPerMille(), 340);
        bar.showProgress(QStringLiteral("Đang cập nhật thay đổi"), 1200);
        QCOMPARE(bar.progressText(), QStringLiteral("Đang cập nhật thay đổi: đã nhận 1.200"));
        QCOMPARE(bar.progressPerMille(), -1);
        installLanguage(*QCoreApplication::instance(), QStringLiteral("en"));
        bar.showProgress(QStringLiteral("Loading the members"), 45000, 132000);
        QCOMPARE(bar.progressText(), QStringLiteral("Loading the members: 45,000 / 132,000"));
        installLanguage(*QCoreApplication::instance(), QStringLiteral("vi"));
    }

    void theFontHasVietnameseGlyphs()
    {
        // Without fonts every functional test passes while Vietnamese shows as boxes.
        const QFontMetrics metrics(QApplication::font());
        for (const char32_t letter : { U'ễ', U'Đ', U'ả', U'ồ', U'ự', U'ữ' })
            QVERIFY2(metrics.inFontUcs4(letter), qPrintable(QString::fromUcs4(&letter, 1)));
    }

private:
    QString path(const char* name) const { return m_folder.filePath(QString::fromLatin1(name)); }

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

QTEST_MAIN(MainWindowTests)
#include "main_window_tests.moc"
