// SPDX-License-Identifier: GPL-3.0-or-later
// The organisation tree dock with the keyboard alone, its search showing a match's subtree, the past-day
// tree's dates, the operation dialogs refusing in the server's own words, and the dock's width kept across
// restarts and maximise/restore. On an offscreen screen of 1920×1080, so that a maximised window has room.
#include "gui_test_support.h"
#include "main_window.h"
#include "message_box.h"
#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "store/write_context.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sotay;
using namespace sotay::widgets;

namespace {

const WriteContext kServerDay
    = WriteContext::at(QStringLiteral("test"), QDateTime(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC));

QStringList shownUnder(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data(OrgTreeModel::FullNameRole).toString());
    return names;
}

// The message the server gives for `field`, or its whole message.
QString serverSays(const Error& error, const QString& field = {})
{
    for (const FieldError& each : error.fields)
        if (each.field == field)
            return each.message;
    return error.message;
}

QDockWidget* treeDock(const MainWindow& window)
{
    return window.findChild<QDockWidget*>(QStringLiteral("orgTreeDock"));
}

} // namespace

class OrgTreePanelTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
    }

    void cleanup() { OrgOperationDialog::setTestAnswer({}); }

    void eachUnitShowsWhatTellsItApartWithItsKindAsIconAndInTheTooltip()
    {
        // The names of the demo province and the communes of 2025.
        QCOMPARE(orgShortName(QStringLiteral("Đảng bộ xã Bình Minh")), QStringLiteral("xã Bình Minh"));
        QCOMPARE(
            orgShortName(QStringLiteral("Đảng bộ phường Trấn Biên")), QStringLiteral("phường Trấn Biên"));
        QCOMPARE(orgShortName(QStringLiteral("Chi bộ ấp 3")), QStringLiteral("ấp 3"));
        QCOMPARE(orgShortName(QStringLiteral("Đảng bộ bộ phận Khối Nội")), QStringLiteral("Khối Nội"));
        QCOMPARE(orgShortName(QStringLiteral("Đảng bộ tỉnh Đồng Nai")), QStringLiteral("tỉnh Đồng Nai"));
        QCOMPARE(orgShortName(QStringLiteral("Chi bộ cơ sở Sở Y tế")), QStringLiteral("Sở Y tế"));
        QCOMPARE(orgShortName(QStringLiteral("Đảng ủy Quân sự tỉnh")), QStringLiteral("Quân sự tỉnh"));
        QCOMPARE(orgShortName(QStringLiteral("Tổ đảng Khu phố 4")), QStringLiteral("Khu phố 4"));
        // A bare number would say nothing: the name stays whole.
        QCOMPARE(orgShortName(QStringLiteral("Chi bộ 3")), QStringLiteral("Chi bộ 3"));
        QCOMPARE(orgShortName(QStringLiteral("Ban Tổ chức Tỉnh ủy")), QStringLiteral("Ban Tổ chức Tỉnh ủy"));

        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        const QModelIndex tranBien = model.indexOfUnit(setup->tree.tranBien.id);
        QCOMPARE(tranBien.data().toString(), QStringLiteral("phường Trấn Biên"));
        QCOMPARE(tranBien.data(OrgTreeModel::FullNameRole).toString(), setup->tree.tranBien.name);
        const QString tip = tranBien.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(setup->tree.tranBien.name), qPrintable(tip));
        QVERIFY2(tip.contains(orgKindLabel(OrgKind::Upper)), qPrintable(tip));
        QCOMPARE(model.indexOfUnit(setup->tree.cell1.id).data().toString(), QStringLiteral("Chi bộ 1"));
        // The whole name is still what is searched: "Đảng bộ" finds the committees.
        OrgTreeFilter filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("dang bo phuong tran"));
        QCOMPARE(shownUnder(filter, filter.index(0, 0)), QStringList { setup->tree.tranBien.name });
    }

    void aSearchShowsEachMatchWithItsWholeSubtreeClosedAndOpensOnlyTheWayToIt()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        OrgTreePanel panel(&model);
        QAbstractItemModelTester tester(
            panel.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto shown
            = [&](qint64 unitId) { return panel.filter()->mapFromSource(model.indexOfUnit(unitId)); };

        // The commune is the result, and its school and cells can still be reached.
        QTest::keyClicks(panel.searchBox(), QStringLiteral("tran bien"));
        QCOMPARE(shownUnder(*panel.filter(), shown(setup->tree.province.id)),
            QStringList { setup->tree.tranBien.name });
        QCOMPARE(shownUnder(*panel.filter(), shown(setup->tree.tranBien.id)),
            QStringList { setup->tree.school.name });
        QCOMPARE(panel.filter()->rowCount(shown(setup->tree.school.id)), 2);
        QVERIFY(panel.view()->isExpanded(shown(setup->tree.province.id)));
        QVERIFY(
            !panel.view()->isExpanded(shown(setup->tree.tranBien.id))); // the match's subtree stays closed

        // A cell deep down: the way to it is open, its siblings are not shown.
        panel.searchBox()->setText(QStringLiteral("26068.01.1"));
        QVERIFY(panel.view()->isExpanded(shown(setup->tree.tranBien.id)));
        QVERIFY(panel.view()->isExpanded(shown(setup->tree.school.id)));
        QCOMPARE(shownUnder(*panel.filter(), shown(setup->tree.school.id)),
            QStringList { setup->tree.cell1.name });
        QVERIFY(!shown(setup->tree.phuRieng.id).isValid());

        // Read again (after a sync) while searching: the same result on the new tree.
        QVERIFY(model.load(setup->database->db()).ok());
        QCOMPARE(shownUnder(*panel.filter(), shown(setup->tree.school.id)),
            QStringList { setup->tree.cell1.name });
        QVERIFY(panel.view()->isExpanded(shown(setup->tree.school.id)));
    }

    void fromTheSearchBoxDownAndEnterReachAndChooseAResult()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        OrgTreePanel panel(&model);
        QSignalSpy chosen(&panel, &OrgTreePanel::unitChosen);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();
        panel.searchBox()->setFocus();

        QTest::keyClicks(panel.searchBox(), QStringLiteral("ngo quyen"));
        QTest::keyClick(panel.searchBox(), Qt::Key_Down);
        QVERIFY(panel.view()->hasFocus());
        QCOMPARE(
            panel.view()->currentIndex().data(OrgTreeModel::UnitIdRole).toLongLong(), setup->tree.school.id);
        QCOMPARE(chosen.last().at(0).toLongLong(), setup->tree.school.id);
        // Into the match's subtree with the arrows, and Enter chooses.
        QTest::keyClick(panel.view(), Qt::Key_Right);
        QTest::keyClick(panel.view(), Qt::Key_Down);
        chosen.clear();
        QTest::keyClick(panel.view(), Qt::Key_Return);
        QVERIFY(!chosen.isEmpty());
        QCOMPARE(chosen.last().at(0).toLongLong(), setup->tree.cell1.id);

        // Enter in the search box chooses the first match at once.
        panel.searchBox()->setFocus();
        panel.searchBox()->clear();
        QTest::keyClicks(panel.searchBox(), QStringLiteral("phu rieng"));
        chosen.clear();
        QTest::keyClick(panel.searchBox(), Qt::Key_Return);
        QCOMPARE(chosen.last().at(0).toLongLong(), setup->tree.phuRieng.id);
    }

    void tabGoesFromTheSearchToTheDayAndThenToTheTree()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        OrgTreePanel panel(&model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();
        panel.searchBox()->setFocus();
        QCOMPARE(QApplication::focusWidget(), panel.searchBox());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), panel.asOfBox());
        QTest::keyClick(panel.asOfBox(), Qt::Key_Space); // the past-day tree: its date can be typed
        QVERIFY(panel.asOfBox()->isChecked());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), panel.asOfDate());
        // Tab steps through the day's parts (day, month, year), then leaves for the tree.
        for (int part = 0; part < 3 && QApplication::focusWidget() == panel.asOfDate(); ++part)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), panel.view());
    }

    void aDayTypedOverTheSelectionIsTheDayShownAndNoneBeforeTheHistory()
    {
        auto setup = test::startTreeServer();
        const QSqlDatabase db = setup->database->db();
        // The replica's history starts on 1/1/2020 (the small tree was founded on 1/7/2025).
        QVERIFY(sql::exec(db, QStringLiteral("UPDATE org_unit_period SET valid_from = '2020-01-01'")).ok());
        OrgTreeModel model;
        QVERIFY(model.load(db).ok());
        QCOMPARE(model.firstRecordedDay(), QDate(2020, 1, 1));
        OrgTreePanel panel(&model);
        connect(
            &panel, &OrgTreePanel::asOfChanged, &model, [&] { QVERIFY(model.load(db, panel.asOf()).ok()); });
        QSignalSpy changed(&panel, &OrgTreePanel::asOfChanged);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();
        QCOMPARE(panel.asOfDate()->minimumDate(), QDate(2020, 1, 1));
        QVERIFY(panel.asOfDate()->toolTip().contains(QStringLiteral("01/01/2020")));

        panel.asOfBox()->setChecked(true);
        QCOMPARE(changed.count(), 1);
        panel.asOfDate()->setFocus();
        QTest::keyClick(panel.asOfDate(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(panel.asOfDate(), QStringLiteral("15/03/2024"));
        QCOMPARE(changed.count(), 1); // nothing read while typing
        QTest::keyClick(panel.asOfDate(), Qt::Key_Return);
        QCOMPARE(panel.asOfDate()->date(), QDate(2024, 3, 15));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(model.asOf(), std::optional<QDate>(QDate(2024, 3, 15)));
        QCOMPARE(model.unitCount(), 7);

        // The note says from when the tree is known.
        const auto note = panel.findChildren<QLabel*>();
        const bool said = std::any_of(note.begin(), note.end(), [](const QLabel* label) {
            return label->isVisible()
                && label->text().contains(QStringLiteral("Cây tổ chức chỉ có dữ liệu từ ngày 01/01/2020."));
        });
        QVERIFY(said);
        // Before it, the day cannot be chosen.
        panel.asOfDate()->setDate(QDate(2019, 6, 1));
        QCOMPARE(panel.asOfDate()->date(), QDate(2020, 1, 1));
    }

    void operationsAnswerTheirShortcutsOrSayWhyTheyCannot()
    {
        auto setup = test::startTreeServer();
        const QSqlDatabase db = setup->database->db();
        OrgTreeModel model;
        QVERIFY(model.load(db).ok());
        OrgTreePanel panel(&model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();
        QList<OrgOperationDialog::Kind> asked;
        OrgOperationDialog::setTestAnswer([&asked](OrgOperationDialog& dialog) {
            asked.append(dialog.kind());
            return false;
        });

        // No unit chosen: told so.
        panel.view()->setFocus();
        panel.view()->selectionModel()->clearCurrentIndex();
        const int boxes = MessageBox::askedCount();
        QTest::keyClick(panel.view(), Qt::Key_Insert);
        QCOMPARE(MessageBox::askedCount(), boxes + 1);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Chưa chọn tổ chức nào")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(asked.isEmpty());

        QVERIFY(panel.selectUnit(setup->tree.school.id));
        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_Insert);
        QTest::keyClick(panel.view(), Qt::Key_F2);
        QTest::keyClick(panel.view(), Qt::Key_M, Qt::ControlModifier);
        QTest::keyClick(panel.view(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(panel.view(), Qt::Key_Delete, Qt::ShiftModifier);
        using K = OrgOperationDialog::Kind;
        QCOMPARE(asked, (QList<K> { K::Create, K::Rename, K::Move, K::Merge, K::Dissolve }));

        // A past day's tree is only to look at: told so, with what to do.
        QVERIFY(model.load(db, QDate(2026, 1, 1)).ok());
        QVERIFY(panel.selectUnit(setup->tree.school.id));
        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_F2);
        QCOMPARE(asked.size(), 5);
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("chỉ để xem")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Cây tại ngày")));
    }

    void theDialogsRefuseInTheServersOwnWords()
    {
        auto setup = test::startTreeServer();
        const QSqlDatabase db = setup->database->db();
        OrgRepository repository(db);
        OrgTreeModel model;
        QVERIFY(model.load(db).ok());
        const auto& tree = setup->tree;
        const auto unit = [&](qint64 id) { return *model.unit(id); };
        const auto ok = [](const OrgOperationDialog& dialog) {
            return dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled();
        };
        const Decision good { QStringLiteral("20-QĐ/TU"), QDate(2026, 11, 20) };

        // Dissolving a cell that still has a member (Hoa).
        OrgOperationDialog dissolve(OrgOperationDialog::Kind::Dissolve, unit(tree.cell1.id), {}, &model);
        dissolve.decisionField()->setText(good.number);
        dissolve.effectiveField()->setDate(good.effectiveOn);
        const auto refused = repository.dissolve(tree.cell1.id, good, kServerDay);
        QVERIFY(!refused);
        QCOMPARE(dissolve.problemText(), refused.error().message);
        QVERIFY(!ok(dissolve));
        // A committee with sub-units, likewise.
        OrgOperationDialog dissolveSchool(
            OrgOperationDialog::Kind::Dissolve, unit(tree.school.id), {}, &model);
        QVERIFY(dissolveSchool.problemText().contains(
            repository.dissolve(tree.school.id, good, kServerDay).error().message));

        // Moving a unit under its own subtree, and under a kind that cannot hold it.
        OrgOperationDialog move(OrgOperationDialog::Kind::Move, unit(tree.school.id),
            { unit(tree.cell1.id), unit(tree.phuRieng.id), unit(tree.province.id) }, &model);
        move.decisionField()->setText(good.number);
        move.targetField()->setCurrentIndex(move.targetField()->findData(tree.cell1.id));
        QCOMPARE(move.problemText(),
            serverSays(repository.move(tree.school.id, tree.cell1.id, good, kServerDay).error(),
                QStringLiteral("parentId")));
        QVERIFY(!ok(move));
        move.targetField()->setCurrentIndex(move.targetField()->findData(tree.province.id));
        QCOMPARE(move.problemText(),
            serverSays(repository.move(tree.school.id, tree.province.id, good, kServerDay).error(),
                QStringLiteral("parentId")));
        move.targetField()->setCurrentIndex(move.targetField()->findData(tree.phuRieng.id));
        QCOMPARE(move.problemText(), QString());
        QVERIFY(ok(move));

        // Merging a unit into itself or its subtree; merging a cell with a member into a committee.
        OrgOperationDialog merge(OrgOperationDialog::Kind::Merge, unit(tree.school.id),
            { unit(tree.school.id), unit(tree.cell2.id) }, &model);
        merge.decisionField()->setText(good.number);
        merge.targetField()->setCurrentIndex(merge.targetField()->findData(tree.cell2.id));
        const auto intoOwn = repository.merge(tree.school.id, tree.cell2.id, good, kServerDay);
        QVERIFY(!intoOwn);
        for (const FieldError& field : intoOwn.error().fields)
            QVERIFY2(merge.problemText().contains(field.message), qPrintable(field.message));
        merge.targetField()->setCurrentIndex(merge.targetField()->findData(tree.school.id));
        QVERIFY(merge.problemText().contains(
            serverSays(repository.merge(tree.school.id, tree.school.id, good, kServerDay).error(),
                QStringLiteral("targetId"))));
        QVERIFY(!ok(merge));
        OrgOperationDialog mergeCell(
            OrgOperationDialog::Kind::Merge, unit(tree.cell1.id), { unit(tree.phuRieng.id) }, &model);
        mergeCell.decisionField()->setText(good.number);
        mergeCell.targetField()->setCurrentIndex(1);
        QCOMPARE(mergeCell.problemText(),
            serverSays(repository.merge(tree.cell1.id, tree.phuRieng.id, good, kServerDay).error(),
                QStringLiteral("targetId")));

        // A day before the unit's last recorded change, and no decision number.
        OrgOperationDialog rename(OrgOperationDialog::Kind::Rename, unit(tree.cell2.id), {}, &model);
        rename.nameField()->setText(QStringLiteral("Chi bộ Tổ Văn"));
        rename.effectiveField()->setDate(QDate(2025, 6, 30));
        const Decision early { good.number, QDate(2025, 6, 30) };
        rename.decisionField()->setText(good.number);
        QCOMPARE(rename.problemText(),
            serverSays(
                repository.rename(tree.cell2.id, QStringLiteral("Chi bộ Tổ Văn"), early, kServerDay).error(),
                QStringLiteral("effectiveOn")));
        QVERIFY(!ok(rename));
        rename.decisionField()->clear();
        rename.effectiveField()->setDate(good.effectiveOn);
        QCOMPARE(rename.problemText(),
            serverSays(repository
                           .rename(tree.cell2.id, QStringLiteral("Chi bộ Tổ Văn"), { {}, good.effectiveOn },
                               kServerDay)
                           .error(),
                QStringLiteral("decisionNumber")));
        rename.decisionField()->setText(good.number);
        QVERIFY(ok(rename));
        // A day to come (typed: the field has no maximum, see DayEdit).
        const QDate tomorrow = WriteContext::todayInVietnam().addDays(1);
        rename.effectiveField()->setDate(tomorrow);
        QCOMPARE(rename.problemText(),
            serverSays(repository
                           .rename(tree.cell2.id, QStringLiteral("Chi bộ Tổ Văn"), { good.number, tomorrow },
                               kServerDay)
                           .error(),
                QStringLiteral("effectiveOn")));
        QVERIFY(!ok(rename));
        rename.effectiveField()->setDate(good.effectiveOn);
        QVERIFY(ok(rename));
        // The same name again.
        rename.nameField()->setText(tree.cell2.name);
        QCOMPARE(rename.problemText(),
            serverSays(repository.rename(tree.cell2.id, tree.cell2.name, good, kServerDay).error(),
                QStringLiteral("name")));

        // Nothing of this reached the database.
        QCOMPARE(model.unitCount(), 7);
        QVERIFY(model.load(db).ok());
        QCOMPARE(model.unitCount(), 7);
    }

    void theUnitPickerFindsANameTypedWithoutDiacritics()
    {
        OrgUnit cell;
        cell.id = 7;
        cell.parentId = 3;
        cell.kind = OrgKind::BaseCell;
        cell.code = QStringLiteral("26068.05");
        cell.name = QStringLiteral("Chi bộ ấp 3");
        const auto upper = [](qint64 id, const char* code, const char* name) {
            OrgUnit unit;
            unit.id = id;
            unit.parentId = 1;
            unit.kind = OrgKind::Upper;
            unit.code = QString::fromUtf8(code);
            unit.name = QString::fromUtf8(name);
            return unit;
        };
        const OrgUnit binhTan = upper(11, "26734", "Đảng bộ phường Bình Tân");
        const OrgUnit binhMinh = upper(12, "26080", "Đảng bộ xã Bình Minh");
        OrgOperationDialog dialog(OrgOperationDialog::Kind::Move, cell, { binhMinh, binhTan });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QLineEdit* typed = dialog.targetField()->lineEdit();
        typed->setFocus();
        QTest::keyClicks(typed, QStringLiteral("binh tan"));
        QCompleter* completer = dialog.targetField()->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(dialog.targetField()->currentData().toLongLong(), 11);
        QCOMPARE(typed->text(), binhTan.displayName());
        // By code, anywhere in it.
        typed->selectAll();
        QTest::keyClicks(typed, QStringLiteral("6080"));
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 1);
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(dialog.targetField()->currentData().toLongLong(), 12);
    }

    void theDockKeepsItsWidthAcrossRestartsAndMaximiseRestore()
    {
        test::clearSettings();
        const ConsoleSession session { test::unreachableServer(), QStringLiteral("officer"), {},
            m_folder.filePath(QStringLiteral("dock.sqlite")) };
        MainWindow::Options options;
        options.syncAtStart = false;
        int chosen = 0;
        {
            MainWindow window(session, options);
            // Wide enough that the roster's own minimum width leaves the dock alone.
            window.resize(1880, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // Opened as wide as the names need, far more than the ~195 px of the trial.
            const int preferred = window.treePanel()->preferredWidth();
            QVERIFY(preferred > 250);
            QTRY_COMPARE(treeDock(window)->width(), preferred);
            chosen = preferred + 57;
            window.resizeDocks({ treeDock(window) }, { chosen }, Qt::Horizontal);
            QTRY_COMPARE(treeDock(window)->width(), chosen);
            window.close();
        }
        MainWindow window(session, options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(treeDock(window)->width(), chosen);
        window.showMaximized();
        QTRY_VERIFY(window.isMaximized());
        QTRY_COMPARE(treeDock(window)->width(), chosen);
        window.showNormal();
        QTRY_VERIFY(!window.isMaximized());
        QTRY_COMPARE(treeDock(window)->width(), chosen);
        // Closed maximised, it opens maximised with the same dock.
        window.showMaximized();
        QTRY_VERIFY(window.isMaximized());
        window.close();
        MainWindow again(session, options);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTRY_VERIFY(again.isMaximized());
        QTRY_COMPARE(treeDock(again)->width(), chosen);
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

// A screen of 1920×1080 for the offscreen platform, so that a maximised window is larger than a restored one.
SOTAY_GUI_TEST_MAIN_ON_SCREEN(OrgTreePanelTests, 1920, 1080)

#include "org_tree_panel_tests.moc"
