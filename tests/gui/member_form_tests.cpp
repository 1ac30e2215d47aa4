// SPDX-License-Identifier: GPL-3.0-or-later
// The member form on a replica synced from the real server in process: validation beside the fields, edits
// waiting in the outbox and their undo, events as explicit actions, a new member, and a conflict shown side
// by side.
#include "conflict_dialog.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "member_event_dialog.h"
#include "member_form.h"
#include "message_box.h"
#include "org/org_unit.h"
#include "org_tree_panel.h"
#include "password_hasher.h"
#include "replica.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "store/sql.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

namespace {

using client::SyncFailure;

MainWindow::Options quietOptions(bool syncAtStart = true)
{
    MainWindow::Options options;
    options.syncIntervalMilliseconds = 60 * 60 * 1000; // no tick during a test
    options.verifierCost = PasswordHasher::Cost::minimal();
    options.syncAtStart = syncAtStart;
    return options;
}

SyncFailure nextOutcome(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(20000))
        return SyncFailure::Other;
    return finished.takeFirst().at(0).value<SyncFailure>();
}

QList<client::OutboxEntry> unsent(const MainWindow& window)
{
    auto pending = window.replica()->pending();
    return pending ? *pending : QList<client::OutboxEntry> {};
}

QJsonObject onServer(const test::TreeServer& setup, qint64 memberId)
{
    return setup.server
        ->call("GET", QStringLiteral("/api/v1/members/%1").arg(memberId), setup.server->signInAsAdmin())
        .json();
}

// Opens the form on `memberId` in `window` and runs `work` on it.
void withForm(MainWindow& window, qint64 memberId, const std::function<void(MemberForm&)>& work)
{
    bool ran = false;
    MemberForm::setTestAnswer([&](MemberForm& form) {
        work(form);
        ran = true;
    });
    window.openMember(memberId);
    MemberForm::setTestAnswer({});
    QVERIFY(ran);
}

} // namespace

class MemberFormTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init() { test::failOnReplicaMisuse(); }

    void everyWrongFieldSaysWhyBesideIt()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "validation.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);

        // Enter on a roster row opens that member's record.
        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell1.id));
        QTableView* roster = window.rosterPanel()->view();
        QCOMPARE(window.rosterModel()->rowCount(), 1);
        roster->setCurrentIndex(window.rosterModel()->index(0, 0));
        qint64 opened = 0;
        MemberForm::setTestAnswer([&opened](MemberForm& form) { opened = form.saved().id; });
        QTest::keyClick(roster, Qt::Key_Return);
        MemberForm::setTestAnswer({});
        QCOMPARE(opened, setup->hoa.id);

        withForm(window, setup->hoa.id, [](MemberForm& form) {
            QCOMPARE(form.field(QStringLiteral("givenName"))->text(), QStringLiteral("Hoa"));
            QCOMPARE(form.field(QStringLiteral("birthDate"))->text(), QStringLiteral("15/03/1980"));
            QVERIFY(!form.saveButton()->isEnabled()); // nothing changed yet
            for (const char* name : { "givenName", "birthDate", "citizenId", "officialOn" })
                QVERIFY(form.errorText(QLatin1String(name)).isEmpty());

            form.field(QStringLiteral("citizenId"))->setText(QStringLiteral("07518"));
            form.field(QStringLiteral("birthDate"))->setText(QStringLiteral("31/02/1980"));
            form.field(QStringLiteral("givenName"))->clear();
            form.field(QStringLiteral("officialOn"))->setText(QStringLiteral("01/01/2011")); // < 12 months
            QVERIFY(form.errorText(QStringLiteral("citizenId")).contains(QStringLiteral("12")));
            QVERIFY(form.errorText(QStringLiteral("birthDate")).contains(QStringLiteral("ngày/tháng/năm")));
            QCOMPARE(form.errorText(QStringLiteral("givenName")),
                QStringLiteral("Tên của đảng viên không được để trống."));
            QVERIFY(form.errorText(QStringLiteral("officialOn")).contains(QStringLiteral("19/05/2011")));
            QVERIFY(!form.saveButton()->isEnabled());
            QVERIFY(!form.save());

            form.field(QStringLiteral("citizenId"))->setText(QStringLiteral("075180009876"));
            form.field(QStringLiteral("birthDate"))->setText(QStringLiteral("5/3/1980")); // as people type it
            form.field(QStringLiteral("givenName"))->setText(QStringLiteral("Hòa"));
            form.field(QStringLiteral("officialOn"))->setText(QStringLiteral("19/05/2011"));
            for (const char* name : { "givenName", "birthDate", "citizenId", "officialOn" })
                QVERIFY2(form.errorText(QLatin1String(name)).isEmpty(), name);
            QVERIFY(form.saveButton()->isEnabled());
            QCOMPARE(form.edited().birthDate, QDate(1980, 3, 5));

            // Closing with changes asks first; "Discard" queues nothing.
            MessageBox::setNextAnswer(QMessageBox::Discard);
            form.reject();
        });
        QVERIFY(unsent(window).isEmpty());
    }

    void editsWaitInTheOutboxAndCanBeUndone()
    {
        auto setup = test::startTreeServer();
        const QString replicaPath = path("undo.sqlite");
        {
            MainWindow online(onlineSession(*setup, "undo.sqlite"), quietOptions());
            QSignalSpy finished(&online, &MainWindow::syncFinished);
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
        }
        // Offline, so that nothing is sent while the test looks.
        MainWindow window(ConsoleSession { test::unreachableServer(), setup->officer(), {}, replicaPath, {},
                              test::replicaKey(replicaPath) },
            quietOptions(false));

        withForm(window, setup->hoa.id, [](MemberForm& form) {
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Huế"));
            QVERIFY(form.save());
            QCOMPARE(form.unsentCount(), 1);
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), QStringLiteral("Huế"));
            QVERIFY(form.undoButton()->isEnabled());
            // A second correction joins the first: one request, against the version both were made on.
            form.field(QStringLiteral("itSkill"))
                ->setText(QStringLiteral("Chứng chỉ ứng dụng CNTT nâng cao"));
            QVERIFY(form.save());
            QCOMPARE(form.unsentCount(), 1);
        });
        auto entries = unsent(window);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].method, QStringLiteral("PATCH"));
        QCOMPARE(entries[0].ifMatch, std::optional<qint64>(setup->hoa.version));
        QCOMPARE(entries[0].body,
            (QJsonObject { { QStringLiteral("hometown"), QStringLiteral("Huế") },
                { QStringLiteral("itSkill"), QStringLiteral("Chứng chỉ ứng dụng CNTT nâng cao") } }));

        // An event as an explicit action: exemption, dated, and the record shows it before it is sent.
        MemberEventDialog::setTestAnswer([](MemberEventDialog& dialog) {
            dialog.dateField()->setDate(QDate(2026, 11, 20));
            return true;
        });
        withForm(window, setup->hoa.id, [](MemberForm& form) {
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), QStringLiteral("Huế"));
            QVERIFY(!form.eventAction(MemberEventType::ExemptionEnded)->isEnabled()); // not exempt
            QVERIFY(!form.eventAction(MemberEventType::Restoration)->isEnabled());    // on the roster
            QVERIFY(form.eventAction(MemberEventType::Exemption)->isEnabled());
            form.recordEvent(MemberEventType::Exemption);
            QCOMPARE(form.unsentCount(), 2);
            QVERIFY(form.shown().exempt);
            QCOMPARE(form.shown().exemptSince, QDate(2026, 11, 20));
            QVERIFY(form.eventAction(MemberEventType::ExemptionEnded)->isEnabled());
            QVERIFY(!form.eventAction(MemberEventType::Exemption)->isEnabled());
        });
        MemberEventDialog::setTestAnswer({});
        entries = unsent(window);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[1].path, QStringLiteral("/api/v1/members/%1/events").arg(setup->hoa.id));
        QCOMPARE(entries[1].body.value(QStringLiteral("type")).toString(), QStringLiteral("exemption"));

        // Ctrl+Z in the main window withdraws the newest unsent edit, after asking.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        window.undoAction()->trigger();
        QVERIFY(MessageBox::lastText().contains(
            QStringLiteral("Miễn công tác và sinh hoạt đảng: Nguyễn Thị Hoa")));
        QCOMPARE(unsent(window).size(), 1);

        // The form's undo withdraws the rest; the record is back as synced.
        withForm(window, setup->hoa.id, [&setup](MemberForm& form) {
            QCOMPARE(form.unsentCount(), 1);
            MessageBox::setNextAnswer(QMessageBox::No);
            form.undoUnsent();
            QCOMPARE(form.unsentCount(), 1); // declined: nothing withdrawn
            MessageBox::setNextAnswer(QMessageBox::Yes);
            form.undoUnsent();
            QCOMPARE(form.unsentCount(), 0);
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), setup->hoa.hometown);
            QVERIFY(!form.undoButton()->isEnabled());
        });
        QVERIFY(unsent(window).isEmpty());
    }

    void anEventTheRulesRefuseSaysWhyBesideItsField()
    {
        Member probationer;
        probationer.id = 7;
        probationer.orgUnitId = 3;
        probationer.familyName = QStringLiteral("Lê");
        probationer.givenName = QStringLiteral("Tâm");
        probationer.birthDate = QDate(2000, 1, 1);
        probationer.admittedOn = QDate(2026, 3, 1);
        probationer.status = MemberStatus::Probationary;
        const QDate today(2026, 11, 25);
        QVERIFY(MemberEventDialog::fits(MemberEventType::BecameOfficial, probationer, today));
        QVERIFY(!MemberEventDialog::fits(MemberEventType::Restoration, probationer, today));

        // A transfer out names where to; typed text that names nothing is not a choice.
        OrgUnit cell;
        cell.id = 9;
        cell.code = QStringLiteral("26068.01.2");
        cell.name = QStringLiteral("Chi bộ 2");
        MemberEventDialog transfer(MemberEventType::TransferOut, probationer, { cell }, today);
        QVERIFY(!transfer.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!transfer.errorText(QStringLiteral("toOrgUnitId")).isEmpty());
        transfer.targetField()->setCurrentIndex(transfer.targetField()->findData(cell.id));
        QVERIFY(transfer.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(transfer.memberEvent().toOrgUnitId, std::optional<qint64>(cell.id));
        transfer.targetField()->setEditText(QStringLiteral("Chi bộ không có"));
        QVERIFY(!transfer.buttons()->button(QDialogButtonBox::Ok)->isEnabled());

        // A member on a temporary stay elsewhere can be brought back.
        Member away = probationer;
        away.temporaryOrgUnitId = 0;
        QVERIFY(MemberEventDialog::fits(MemberEventType::TransferIn, away, today));
        QVERIFY(!MemberEventDialog::fits(MemberEventType::TransferIn, probationer, today));

        MemberEventDialog dialog(MemberEventType::BecameOfficial, probationer, {}, today);
        QVERIFY(!dialog.errorText(QStringLiteral("decisionNumber")).isEmpty()); // required for this event
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.decisionField()->setText(QStringLiteral("20-QĐ/ĐU"));
        QVERIFY(dialog.errorText(QStringLiteral("decisionNumber")).isEmpty());
        // Twelve months of probation are not over: the date says so.
        QVERIFY(!dialog.errorText(QStringLiteral("occurredOn")).isEmpty());
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    void aNewMemberIsQueuedAndReachesTheServer()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "new.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);

        // Not on a cell: the form does not open and the user is told why.
        QVERIFY(window.treePanel()->selectUnit(setup->tree.school.id));
        const int asked = MessageBox::askedCount();
        bool opened = false;
        MemberForm::setTestAnswer([&opened](MemberForm&) { opened = true; });
        window.newMemberAction()->trigger();
        QVERIFY(!opened);
        QCOMPARE(MessageBox::askedCount(), asked + 1);

        QVERIFY(window.treePanel()->selectUnit(setup->tree.cell1.id));
        MemberForm::setTestAnswer([&window](MemberForm& form) {
            QVERIFY(form.isNew());
            QVERIFY(!form.eventAction(MemberEventType::Deceased)->isEnabled());
            QVERIFY(!form.saveButton()->isEnabled()); // names and dates are missing
            QVERIFY(!form.errorText(QStringLiteral("familyName")).isEmpty());
            form.field(QStringLiteral("familyName"))->setText(QStringLiteral("Phạm"));
            form.field(QStringLiteral("middleName"))->setText(QStringLiteral("Minh"));
            form.field(QStringLiteral("givenName"))->setText(QStringLiteral("Đức"));
            form.field(QStringLiteral("birthDate"))->setText(QStringLiteral("12/06/1995"));
            form.field(QStringLiteral("admittedOn"))->setText(QStringLiteral("03/02/2025"));
            form.field(QStringLiteral("citizenId"))->setText(QStringLiteral("075095001122"));
            QVERIFY(form.saveButton()->isEnabled());
            QVERIFY(form.save());
            // Waiting in the outbox, the citizen id is sealed, and opens for the user.
            auto kept = sql::exec(window.replica()->db(), QStringLiteral("SELECT body FROM outbox"));
            QVERIFY(kept.ok() && kept->next());
            QVERIFY(!kept->value(0).toString().contains(QStringLiteral("075095001122")));
            QCOMPARE(unsent(window).front().body.value(QStringLiteral("citizenId")).toString(),
                QStringLiteral("075095001122"));
        });
        QSignalSpy rosterRead(window.rosterPanel(), &RosterPanel::refreshed);
        window.newMemberAction()->trigger();
        MemberForm::setTestAnswer({});
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(unsent(window).isEmpty());
        // The roster is read again in the background after the sync.
        QVERIFY(!rosterRead.isEmpty() || rosterRead.wait(10000));
        bool found = false;
        for (int row = 0; row < window.rosterModel()->rowCount(); ++row)
            found = found
                || window.rosterModel()->index(row, RosterModel::NameColumn).data().toString()
                    == u"Phạm Minh Đức";
        QVERIFY(found);
    }

    void savingTwiceAcrossASyncDoesNotConflict()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "twice.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        withForm(window, setup->hoa.id, [&finished](MemberForm& form) {
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Huế"));
            QVERIFY(form.save());
            QCOMPARE(nextOutcome(finished), SyncFailure::None); // sent while the form stays open
            form.field(QStringLiteral("itSkill"))->setText(QStringLiteral("Tin học văn phòng"));
            QVERIFY(form.save());
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
        });
        QVERIFY(!window.conflictsAction()->isEnabled());
        const QJsonObject stored = onServer(*setup, setup->hoa.id);
        QCOMPARE(stored.value(QStringLiteral("hometown")).toString(), QStringLiteral("Huế"));
        QCOMPARE(stored.value(QStringLiteral("itSkill")).toString(), QStringLiteral("Tin học văn phòng"));
    }

    void aConflictShowsBothVersionsAndTheUserKeepsOne()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "conflict.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QVERIFY(!window.conflictsAction()->isEnabled());

        // Someone else corrects Hoa's home town on the server; the console, not yet synced, edits it too.
        const auto correct = [&setup](const QString& hometown) {
            const QJsonObject current = onServer(*setup, setup->hoa.id);
            const auto answer
                = setup->server->call("PATCH", QStringLiteral("/api/v1/members/%1").arg(setup->hoa.id),
                    setup->server->signInAsAdmin(), { { QStringLiteral("hometown"), hometown } },
                    { { "If-Match", std::to_string(current.value(QStringLiteral("version")).toInteger()) } });
            QCOMPARE(answer.status, 200);
        };
        correct(QStringLiteral("Bình Định"));
        withForm(window, setup->hoa.id, [](MemberForm& form) {
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Huế"));
            form.field(QStringLiteral("foreignLanguage"))->setText(QStringLiteral("Tiếng Pháp"));
            QVERIFY(form.save());
        });
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QSignalSpy refreshed(&window, &MainWindow::statusRefreshed);
        window.refreshStatus();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(window.conflictsAction()->isEnabled());

        // Side by side; the user keeps theirs, which goes out again on the server's version.
        ConflictDialog::setTestAnswer([](ConflictDialog& dialog) {
            const int hometown = dialog.rowOf(QStringLiteral("hometown"));
            const int language = dialog.rowOf(QStringLiteral("foreignLanguage"));
            if (hometown < 0 || language < 0)
                return ConflictDialog::Choice::Later;
            const bool shown = dialog.table()->item(hometown, 1)->text() == u"Huế"
                && dialog.table()->item(hometown, 2)->text() == u"Bình Định" && dialog.differs(hometown)
                && dialog.titleText().contains(QStringLiteral("Nguyễn Thị Hoa"));
            return shown ? ConflictDialog::Choice::KeepMine : ConflictDialog::Choice::Later;
        });
        window.conflictsAction()->trigger();
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        QCOMPARE(onServer(*setup, setup->hoa.id).value(QStringLiteral("hometown")).toString(),
            QStringLiteral("Huế"));
        QCOMPARE(onServer(*setup, setup->hoa.id).value(QStringLiteral("foreignLanguage")).toString(),
            QStringLiteral("Tiếng Pháp"));

        // Again; this time the server's version is kept and the edit is dropped.
        correct(QStringLiteral("Quảng Ngãi"));
        withForm(window, setup->hoa.id, [](MemberForm& form) {
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Hà Nội"));
            QVERIFY(form.save());
        });
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        ConflictDialog::setTestAnswer([](ConflictDialog&) { return ConflictDialog::Choice::KeepServer; });
        window.conflictsAction()->trigger();
        ConflictDialog::setTestAnswer({});
        QVERIFY(refreshed.wait(10000));
        QVERIFY(!window.conflictsAction()->isEnabled());
        QVERIFY(unsent(window).isEmpty());
        QCOMPARE(onServer(*setup, setup->hoa.id).value(QStringLiteral("hometown")).toString(),
            QStringLiteral("Quảng Ngãi"));
        withForm(window, setup->hoa.id, [](MemberForm& form) {
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), QStringLiteral("Quảng Ngãi"));
        });
    }

    void anOpenRecordFollowsTheOutbox()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "follow.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        withForm(window, setup->hoa.id, [&](MemberForm& form) {
            form.field(QStringLiteral("hometown"))->setText(QStringLiteral("Huế"));
            QVERIFY(form.save()); // and a sync starts
            QCOMPARE(form.unsentCount(), 1);
            QVERIFY2(
                form.unsentText().startsWith(QStringLiteral("1 sửa đổi")), qPrintable(form.unsentText()));
            QVERIFY(form.undoButton()->isEnabled());
            // The user types on while the sync sends the saved edit.
            form.field(QStringLiteral("itSkill"))->setText(QStringLiteral("Tin học văn phòng"));
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
            // Sent: nothing of this record waits any more, and there is nothing to undo.
            QCOMPARE(form.unsentCount(), 0);
            QVERIFY(form.unsentText().isEmpty());
            QVERIFY(!form.undoButton()->isEnabled());
            const int asked = MessageBox::askedCount();
            form.undoUnsent();
            QCOMPARE(MessageBox::askedCount(), asked); // no "it is being sent"
            QCOMPARE(form.field(QStringLiteral("hometown"))->text(), QStringLiteral("Huế"));
            QCOMPARE(form.field(QStringLiteral("itSkill"))->text(), QStringLiteral("Tin học văn phòng"));
            QVERIFY(form.hasChanges());

            // Someone else corrects another field on the server: the next sync brings it into the open
            // record, and what the user typed stays.
            const QJsonObject current = onServer(*setup, setup->hoa.id);
            const auto answer = setup->server->call("PATCH",
                QStringLiteral("/api/v1/members/%1").arg(setup->hoa.id), setup->server->signInAsAdmin(),
                { { QStringLiteral("foreignLanguage"), QStringLiteral("Tiếng Pháp") } },
                { { "If-Match", std::to_string(current.value(QStringLiteral("version")).toInteger()) } });
            QCOMPARE(answer.status, 200);
            QVERIFY(window.syncNow());
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
            QCOMPARE(form.field(QStringLiteral("foreignLanguage"))->text(), QStringLiteral("Tiếng Pháp"));
            QCOMPARE(form.field(QStringLiteral("itSkill"))->text(), QStringLiteral("Tin học văn phòng"));
            QCOMPARE(form.saved().foreignLanguage, QStringLiteral("Tiếng Pháp"));

            // Saved on the version the sync brought: taken, not a conflict.
            QVERIFY(form.save());
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
            QCOMPARE(form.unsentCount(), 0);
        });
        QVERIFY(!window.conflictsAction()->isEnabled());
        const QJsonObject stored = onServer(*setup, setup->hoa.id);
        QCOMPARE(stored.value(QStringLiteral("hometown")).toString(), QStringLiteral("Huế"));
        QCOMPARE(stored.value(QStringLiteral("itSkill")).toString(), QStringLiteral("Tin học văn phòng"));
        QCOMPARE(stored.value(QStringLiteral("foreignLanguage")).toString(), QStringLiteral("Tiếng Pháp"));
    }

    void anOpenRecordSaysWhenTheServerRefusedItsEdit()
    {
        auto setup = test::startTreeServer();
        MainWindow window(onlineSession(*setup, "refused-open.sqlite"), quietOptions());
        QSignalSpy finished(&window, &MainWindow::syncFinished);
        QCOMPARE(nextOutcome(finished), SyncFailure::None);
        withForm(window, setup->hoa.id, [&](MemberForm& form) {
            QVERIFY(form.refusalText().isEmpty());
            // An edit of this record the server will refuse (queued elsewhere, e.g. before a rule changed).
            QVERIFY(window.replica()
                        ->enqueue(QStringLiteral("POST"),
                            QStringLiteral("/api/v1/members/%1/events").arg(setup->hoa.id),
                            { { QStringLiteral("type"), QStringLiteral("exemption_ended") },
                                { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") } })
                        .ok());
            QVERIFY(window.syncNow());
            QCOMPARE(nextOutcome(finished), SyncFailure::None);
            QVERIFY2(form.refusalText().contains(QStringLiteral("Sửa đổi không được nhận")),
                qPrintable(form.refusalText()));
            QCOMPARE(form.unsentCount(), 0);
        });
    }

private:
    ConsoleSession onlineSession(const test::TreeServer& setup, const char* file) const
    {
        // Sealed, as every replica a sign-in opens.
        return { setup.url(), setup.officer(), setup.signInOfficer(), path(file), {},
            test::replicaKey(path(file)) };
    }
    QString path(const char* name) const { return m_folder.filePath(QString::fromLatin1(name)); }

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

QTEST_MAIN(MemberFormTests)
#include "member_form_tests.moc"
