// SPDX-License-Identifier: GPL-3.0-or-later
// The edits the server did not take, on a replica synced with the real server in process: the status bar's
// button and the menu open the list, each row says what the edit was, when, whether it was refused or met a
// newer version, and the server's reason; a refused edit is corrected in its own form or dialog and sent
// again, or dropped after a confirmation; a conflict opens both versions. The list and the conflict view
// work with the keyboard alone.
#include "conflict_dialog.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "member_event_dialog.h"
#include "member_form.h"
#include "message_box.h"
#include "org_operation_dialog.h"
#include "password_hasher.h"
#include "replica.h"
#include "sync_status_bar.h"
#include "unsettled_edits_dialog.h"

#include <QAction>
#include <QApplication>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

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

SyncFailure nextOutcome(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(20000))
        return SyncFailure::Other;
    return finished.takeFirst().at(0).value<SyncFailure>();
}

// Queues `method path body` as if the user had made it, and syncs it.
void queueAndSync(MainWindow& window, QSignalSpy& finished, const QString& method, const QString& path,
    const QJsonObject& body, std::optional<qint64> ifMatch = std::nullopt)
{
    QVERIFY(window.replica()->enqueue(method, path, body, ifMatch).ok());
    QVERIFY(window.syncNow());
    QCOMPARE(nextOutcome(finished), SyncFailure::None);
}

// Opens the list from the window (by `open`) and runs `work` on it.
void withList(const std::function<void()>& open, const std::function<void(UnsettledEditsDialog&)>& work)
{
    bool ran = false;
    UnsettledEditsDialog::setTestAnswer([&](UnsettledEditsDialog& dialog) {
        work(dialog);
        ran = true;
    });
    open();
    UnsettledEditsDialog::setTestAnswer({});
    QVERIFY(ran);
}

QString cell(const UnsettledEditsDialog& dialog, int row, int column)
{
    const QTableWidgetItem* item = dialog.table()->item(row, column);
    return item ? item->text() : QString();
}

const QJsonObject kDissolution { { QStringLiteral("decisionNumber"), QStringLiteral("14-QĐ/ĐU") },
    { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-20") } };

} // namespace

class UnsettledEditsDialogTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init() { test::failOnReplicaMisuse(); }

    void aRefusalShowsTheServersReasonFromTheStatusBarAndTheMenu()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "refused.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QPushButton* button = window.syncStatus()->unsettledButton();
        QVERIFY(button->isHidden()); // nothing to settle

        // Chi bộ 1 still has a member: the server refuses to dissolve it, and says so.
        queueAndSync(window, finished, QStringLiteral("POST"),
            QStringLiteral("/api/v1/orgs/%1/dissolve").arg(setup->tree.cell1.id), kDissolution);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), QStringLiteral("1 sửa đổi không được nhận"));
        QVERIFY(button->focusPolicy() & Qt::TabFocus); // reached with Tab like any button
        const QString message = window.syncStatus()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("Sửa → Sửa đổi không được nhận")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("xung đột")), qPrintable(message));

        const auto check = [&setup](UnsettledEditsDialog& dialog) {
            QCOMPARE(dialog.rowCount(), 1);
            QCOMPARE(cell(dialog, 0, UnsettledEditsDialog::WhatColumn),
                QStringLiteral("Giải thể %1").arg(setup->tree.cell1.name));
            QCOMPARE(cell(dialog, 0, UnsettledEditsDialog::StateColumn), QStringLiteral("Bị từ chối"));
            QVERIFY(!cell(dialog, 0, UnsettledEditsDialog::WhenColumn).isEmpty());
            const QString reason = cell(dialog, 0, UnsettledEditsDialog::ReasonColumn);
            QVERIFY2(reason.contains(QStringLiteral("Chưa thể giải thể")), qPrintable(reason));
            QVERIFY(reason.contains(QStringLiteral("1 đảng viên")));
            QVERIFY(dialog.reasonText().contains(reason));
            QVERIFY(!dialog.adviceText().isEmpty());
            QVERIFY(dialog.resendButton()->isEnabled());
            QVERIFY(dialog.discardButton()->isEnabled());
            QVERIFY(!dialog.chooseButton()->isEnabled()); // not a conflict
        };
        // From the status bar, with the keyboard: Enter or Space on the focused button.
        withList(
            [button] {
                button->setFocus();
                QTest::keyClick(button, Qt::Key_Return);
            },
            check);
        withList([button] { QTest::keyClick(button, Qt::Key_Space); }, check);
        // And from the menu.
        withList([&window] { window.unsettledAction()->trigger(); }, check);

        // Dropped after a confirmation: declined, it stays; confirmed, it goes, and so does the button.
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) {
                MessageBox::setNextAnswer(QMessageBox::No);
                dialog.discardCurrent();
                QCOMPARE(dialog.rowCount(), 1);
                MessageBox::setNextAnswer(QMessageBox::Yes);
                dialog.discardCurrent();
                QVERIFY(MessageBox::lastText().contains(QStringLiteral("Giải thể Chi bộ 1")));
                QCOMPARE(dialog.rowCount(), 0);
                QVERIFY(!dialog.introText().isEmpty()); // says there is nothing to settle
                QVERIFY(!dialog.discardButton()->isEnabled());
            });
        // Once the replica's summary has been read again (an earlier refresh may come first).
        QTRY_VERIFY_WITH_TIMEOUT(button->isHidden(), 10000);
    }

    void aRefusedOperationReopensItsDialogFilledIn()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "operation.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        queueAndSync(window, finished, QStringLiteral("POST"),
            QStringLiteral("/api/v1/orgs/%1/dissolve").arg(setup->tree.cell1.id), kDissolution);

        // "Sửa rồi gửi lại" opens the dissolution again, with the decision, the day and the server's reason.
        bool filled = false;
        OrgOperationDialog::setTestAnswer([&filled](OrgOperationDialog& dialog) {
            const auto* reason = dialog.findChild<QLabel*>(QStringLiteral("refusalReason"));
            filled = dialog.decisionField()->text() == u"14-QĐ/ĐU"
                && dialog.effectiveField()->date() == QDate(2026, 11, 20) && reason
                && reason->text().contains(QStringLiteral("Chưa thể giải thể"));
            return false; // the user cancels: the members have to move first
        });
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) {
                dialog.resendCurrent();
                QCOMPARE(dialog.rowCount(), 1); // cancelled: still to settle
            });
        QVERIFY(filled);

        // A rename refused (here: a name the server does not take) goes again once corrected, in its place.
        const QJsonObject rename { { QStringLiteral("name"), QString(300, u'x') },
            { QStringLiteral("decisionNumber"), QStringLiteral("15-QĐ/ĐU") },
            { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-20") } };
        queueAndSync(window, finished, QStringLiteral("PATCH"),
            QStringLiteral("/api/v1/orgs/%1").arg(setup->tree.cell2.id), rename, setup->tree.cell2.version);
        QString shownName;
        OrgOperationDialog::setTestAnswer([&shownName](OrgOperationDialog& dialog) {
            shownName = dialog.nameField()->text();
            dialog.nameField()->setText(QStringLiteral("Chi bộ Tổ Văn"));
            return true;
        });
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) {
                QCOMPARE(dialog.rowCount(), 2);
                dialog.table()->setCurrentCell(1, 0);
                QVERIFY(!dialog.reasonText().isEmpty());
                dialog.resendCurrent();
                QCOMPARE(dialog.rowCount(), 1);
            });
        OrgOperationDialog::setTestAnswer({});
        QCOMPARE(shownName, QString(300, u'x'));
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        const auto renamed = setup->server->call("GET",
            QStringLiteral("/api/v1/orgs/%1").arg(setup->tree.cell2.id), setup->server->signInAsAdmin());
        QCOMPARE(renamed.json().value(QStringLiteral("name")).toString(), QStringLiteral("Chi bộ Tổ Văn"));
    }

    void aRefusedCorrectionIsFixedInTheFormAndSentAgain()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "correction.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        const QString path = QStringLiteral("/api/v1/members/%1").arg(setup->hoa.id);
        queueAndSync(window, finished, QStringLiteral("PATCH"), path,
            { { QStringLiteral("citizenId"), QStringLiteral("07518") },
                { QStringLiteral("hometown"), QStringLiteral("Huế") } },
            setup->hoa.version);
        auto listed = window.replica()->unsettled();
        QVERIFY(listed.ok() && listed->size() == 1);
        const QString reason = listed->front().entry.message;
        QVERIFY(!reason.isEmpty());

        // The form opens on Hoa with what the user typed laid over the record and the server's reason above;
        // the field the server refused says why beside it, in the same words.
        bool formShown = false;
        MemberForm::setTestAnswer([&](MemberForm& form) {
            formShown = true;
            QCOMPARE(form.saved().id, setup->hoa.id);
            QCOMPARE(form.field(QStringLiteral("citizenId"))->text(), QStringLiteral("07518"));
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), QStringLiteral("Huế"));
            QVERIFY2(form.refusalText().contains(reason), qPrintable(form.refusalText()));
            QVERIFY(reason.contains(form.errorText(QStringLiteral("citizenId"))));
            QVERIFY(!form.saveButton()->isEnabled());
            form.field(QStringLiteral("citizenId"))->setText(QStringLiteral("075180005678"));
            QVERIFY(form.save());
            QVERIFY(form.refusalText().isEmpty());
        });
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) {
                QCOMPARE(cell(dialog, 0, UnsettledEditsDialog::WhatColumn),
                    QStringLiteral("Sửa hồ sơ Nguyễn Thị Hoa"));
                QTest::keyClick(dialog.table(), Qt::Key_Return); // the main action of a refused edit
                QCOMPARE(dialog.rowCount(), 0);                  // replaced by the corrected one
            });
        MemberForm::setTestAnswer({});
        QVERIFY(formShown);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        const QJsonObject stored = setup->server->call("GET", path, setup->server->signInAsAdmin()).json();
        QCOMPARE(stored.value(QStringLiteral("citizenId")).toString(), QStringLiteral("075180005678"));
        QCOMPARE(stored.value(QStringLiteral("hometown")).toString(), QStringLiteral("Huế"));
        QCOMPARE(window.replica()->refusedCount().value(), 0);
        QVERIFY(window.syncStatus()->unsettledButton()->isHidden());

        // Dropped from the list (elsewhere) while its form is open: the correction still goes, as a new edit.
        queueAndSync(window, finished, QStringLiteral("PATCH"), path,
            { { QStringLiteral("citizenId"), QStringLiteral("07518") } });
        listed = window.replica()->unsettled();
        QVERIFY(listed.ok() && listed->size() == 1);
        const qint64 refusedId = listed->front().entry.id;
        MemberForm::setTestAnswer([&](MemberForm& form) {
            QVERIFY(window.replica()->discardRefused(refusedId).value());
            form.field(QStringLiteral("citizenId"))->setText(QStringLiteral("075180009999"));
            QVERIFY(form.save());
        });
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) { dialog.resendCurrent(); });
        MemberForm::setTestAnswer({});
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(setup->server->call("GET", path, setup->server->signInAsAdmin())
                     .json()
                     .value(QStringLiteral("citizenId"))
                     .toString(),
            QStringLiteral("075180009999"));
    }

    void aRefusedEventOpensItsDialogFilledInOverTheRecord()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "event.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        // Hoa is not exempt: ending her exemption is refused.
        queueAndSync(window, finished, QStringLiteral("POST"),
            QStringLiteral("/api/v1/members/%1/events").arg(setup->hoa.id),
            { { QStringLiteral("type"), QStringLiteral("exemption_ended") },
                { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") },
                { QStringLiteral("decisionNumber"), QStringLiteral("21-QĐ/ĐU") },
                { QStringLiteral("note"), QStringLiteral("theo đơn") } });
        QCOMPARE(window.replica()->refusedCount().value(), 1);

        QString shownDecision, shownNote, formReason;
        QDate shownDate;
        MemberEventDialog::setTestAnswer([&](MemberEventDialog& dialog) {
            shownDecision = dialog.decisionField()->text();
            shownNote = dialog.noteField()->text();
            shownDate = dialog.dateField()->date();
            return false; // the user sees why and cancels
        });
        MemberForm::setTestAnswer([&](MemberForm& form) {
            QCOMPARE(form.saved().id, setup->hoa.id);
            formReason = form.refusalText();
        });
        withList([&window] { window.unsettledAction()->trigger(); },
            [](UnsettledEditsDialog& dialog) {
                QVERIFY(cell(dialog, 0, UnsettledEditsDialog::WhatColumn).endsWith(u"Nguyễn Thị Hoa"));
                dialog.resendCurrent();
                QCOMPARE(dialog.rowCount(), 1); // cancelled: still to settle
            });
        MemberForm::setTestAnswer({});
        MemberEventDialog::setTestAnswer({});
        QCOMPARE(shownDecision, QStringLiteral("21-QĐ/ĐU"));
        QCOMPARE(shownNote, QStringLiteral("theo đơn"));
        QCOMPARE(shownDate, QDate(2026, 11, 20));
        QVERIFY2(formReason.startsWith(QStringLiteral("Máy chủ đã không nhận sửa đổi này: ")),
            qPrintable(formReason));
    }

    void aRefusalWithoutAReasonSaysWhatToDoNext()
    {
        auto opened = client::Replica::open(path("no-reason.sqlite"));
        QVERIFY(opened.ok());
        auto& replica = **opened;
        const auto entry = replica.enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/orgs/3"),
            { { QStringLiteral("name"), QStringLiteral("Chi bộ 3") } }, qint64 { 1 });
        QVERIFY(entry.ok());
        QVERIFY(replica.finish(entry->id, QStringLiteral("refused")).ok()); // a gateway's bare answer
        UnsettledEditsDialog dialog(replica);
        QCOMPARE(dialog.rowCount(), 1);
        QCOMPARE(
            cell(dialog, 0, UnsettledEditsDialog::ReasonColumn), QStringLiteral("(máy chủ không nêu lý do)"));
        QVERIFY(dialog.reasonText().contains(QStringLiteral("không nêu lý do")));
        QVERIFY2(dialog.adviceText().contains(QStringLiteral("F5")), qPrintable(dialog.adviceText()));
        QVERIFY(dialog.resendButton()->isEnabled());
    }

    void theListWorksWithTheKeyboardAlone()
    {
        auto replica = refusedAndConflicting("keyboard.sqlite");
        QVERIFY(replica);
        UnsettledEditsDialog dialog(*replica);
        QSignalSpy resend(&dialog, &UnsettledEditsDialog::resendRequested);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(dialog.rowCount(), 2);
        QCOMPARE(QApplication::focusWidget(), dialog.table()); // the list first

        // Tab goes through the actions the chosen row allows, then Close.
        QCOMPARE(dialog.table()->currentRow(), 0); // the refused edit
        const QList<QWidget*> order { dialog.resendButton(), dialog.discardButton(), dialog.closeButton(),
            dialog.table() };
        for (QWidget* next : order) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), next);
        }

        // Enter: the row's main action. A refused edit asks to be corrected and sent again...
        QTest::keyClick(dialog.table(), Qt::Key_Return);
        QCOMPARE(resend.count(), 1);
        QCOMPARE(resend.takeFirst().at(0).toLongLong(), m_refusedId);
        QVERIFY(dialog.isVisible());
        // ...a conflict opens both versions.
        QTest::keyClick(dialog.table(), Qt::Key_Down);
        QCOMPARE(dialog.table()->currentRow(), 1);
        QVERIFY(dialog.chooseButton()->isEnabled());
        QVERIFY(!dialog.resendButton()->isEnabled());
        int conflictsShown = 0;
        ConflictDialog::setTestAnswer([&conflictsShown](ConflictDialog&) {
            ++conflictsShown;
            return ConflictDialog::Choice::Later;
        });
        QTest::keyClick(dialog.table(), Qt::Key_Return);
        ConflictDialog::setTestAnswer({});
        QCOMPARE(conflictsShown, 1);
        QCOMPARE(resend.count(), 0);

        // Delete drops the chosen edit, only once confirmed.
        MessageBox::setNextAnswer(QMessageBox::No);
        QTest::keyClick(dialog.table(), Qt::Key_Delete);
        QCOMPARE(dialog.rowCount(), 2);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::keyClick(dialog.table(), Qt::Key_Delete);
        QCOMPARE(dialog.rowCount(), 1);
        QCOMPARE(replica->conflictCount().value(), 0); // the server's version kept

        // Escape closes.
        QTest::keyClick(dialog.table(), Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void theConflictViewWorksWithTheKeyboardAlone()
    {
        auto replica = refusedAndConflicting("conflict-keys.sqlite");
        QVERIFY(replica);
        const auto conflicts = replica->conflicts();
        QVERIFY(conflicts.ok() && conflicts->size() == 1);
        {
            ConflictDialog dialog(*replica, conflicts->front());
            dialog.show();
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            QCOMPARE(QApplication::focusWidget(), dialog.table()); // read first
            QCOMPARE(dialog.table()->currentRow(), 0);
            const QList<QWidget*> order { dialog.keepMineButton(), dialog.keepServerButton(),
                dialog.laterButton(), dialog.table() };
            for (QWidget* next : order) {
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
                QCOMPARE(QApplication::focusWidget(), next);
            }
            // Enter in the table decides nothing: the safe choice, as Escape.
            QTest::keyClick(dialog.table(), Qt::Key_Return);
            QVERIFY(!dialog.isVisible());
            QCOMPARE(dialog.choice(), ConflictDialog::Choice::Later);
        }
        {
            ConflictDialog dialog(*replica, conflicts->front());
            dialog.show();
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            QTest::keyClick(dialog.table(), Qt::Key_Escape);
            QVERIFY(!dialog.isVisible());
            QCOMPARE(dialog.choice(), ConflictDialog::Choice::Later);
        }
        {
            ConflictDialog dialog(*replica, conflicts->front());
            dialog.show();
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            // A mnemonic presses its button as a click would (animated: it takes a moment).
            QTest::keySequence(&dialog, QKeySequence(Qt::ALT | Qt::Key_C)); // Giữ bản &của tôi
            QTRY_VERIFY(!dialog.isVisible());
            QCOMPARE(dialog.choice(), ConflictDialog::Choice::KeepMine);
        }
        {
            ConflictDialog dialog(*replica, conflicts->front());
            dialog.show();
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            QTest::keySequence(&dialog, QKeySequence(Qt::ALT | Qt::Key_M)); // Giữ bản trên &máy chủ
            QTRY_VERIFY(!dialog.isVisible());
            QCOMPARE(dialog.choice(), ConflictDialog::Choice::KeepServer);
        }
    }

private:
    ConsoleSession onlineSession(const test::TreeServer& setup, const char* file) const
    {
        return { setup.url(), setup.officer(), setup.signInOfficer(), path(file) };
    }
    QString path(const char* name) const { return m_folder.filePath(QString::fromLatin1(name)); }

    // A replica holding one refused edit (first) and one conflict, as a sync leaves them.
    std::unique_ptr<client::Replica> refusedAndConflicting(const char* file)
    {
        auto opened = client::Replica::open(path(file));
        if (!opened)
            return nullptr;
        auto replica = std::move(*opened);
        const auto refused = replica->enqueue(
            QStringLiteral("POST"), QStringLiteral("/api/v1/orgs/3/dissolve"), kDissolution, qint64 { 1 });
        const auto stale = replica->enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/1"),
            { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, qint64 { 1 });
        if (!refused || !stale)
            return nullptr;
        m_refusedId = refused->id;
        const QJsonObject server { { QStringLiteral("id"), 1 }, { QStringLiteral("version"), 2 },
            { QStringLiteral("fullName"), QStringLiteral("Nguyễn Thị Hoa") },
            { QStringLiteral("hometown"), QStringLiteral("Bình Định") } };
        if (!replica->finish(refused->id, QStringLiteral("refused"), QStringLiteral("Chưa thể giải thể."))
                 .ok()
            || !replica->keepConflict(*stale, QStringLiteral("member"), 1, server).ok()
            || !replica
                    ->finish(stale->id, QStringLiteral("conflict"), QStringLiteral("Đã được người khác sửa."))
                    .ok())
            return nullptr;
        return replica;
    }

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
    qint64 m_refusedId = 0;
};

QTEST_MAIN(UnsettledEditsDialogTests)
#include "unsettled_edits_dialog_tests.moc"
