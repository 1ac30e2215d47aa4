// SPDX-License-Identifier: GPL-3.0-or-later
// The organisation tree model and its panel on a real SQLite database with the small tree: structure and
// member counts under QAbstractItemModelTester, search without diacritics that keeps the units above a
// match, and choosing a unit.
#include "gui_test_support.h"
#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "store/sql.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace sotay;
using namespace sotay::widgets;

namespace {

QStringList namesUnder(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data(OrgTreeModel::FullNameRole).toString());
    return names;
}

} // namespace

class OrgTreeModelTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::useTemporarySettings(m_settings);
    }

    void theTreeHoldsEveryActiveUnitWithItsSubtreesMembers()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(setup->database->db()).ok());
        QCOMPARE(model.unitCount(), 7);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex province = model.index(0, OrgTreeModel::NameColumn);
        QCOMPARE(province.data(OrgTreeModel::FullNameRole).toString(), setup->tree.province.name);
        QCOMPARE(province.data().toString(), QStringLiteral("tỉnh Đồng Nai"));
        // Siblings by name: "Đảng bộ phường Trấn Biên" before "Đảng bộ xã Phú Riềng".
        QCOMPARE(namesUnder(model, province),
            (QStringList { setup->tree.tranBien.name, setup->tree.phuRieng.name }));
        QCOMPARE(model.memberCount(setup->tree.province.id), 3);
        QCOMPARE(model.memberCount(setup->tree.tranBien.id), 2);
        QCOMPARE(model.memberCount(setup->tree.cell1.id), 1);
        QCOMPARE(model.index(0, OrgTreeModel::MembersColumn).data().toString(), QStringLiteral("3"));
        const QModelIndex school = model.indexOfUnit(setup->tree.school.id);
        QCOMPARE(school.data(OrgTreeModel::UnitIdRole).toLongLong(), setup->tree.school.id);
        QCOMPARE(school.parent(), model.indexOfUnit(setup->tree.tranBien.id));
        QCOMPARE(model.rowCount(school), 2);
        QVERIFY(!school.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!model.indexOfUnit(999999).isValid());

        // Loading again (after a sync) resets cleanly; a dissolved unit is gone.
        QVERIFY(sql::exec(setup->database->db(),
            QStringLiteral(
                "UPDATE org_unit SET valid_to = '2026-11-01', end_reason = 'dissolved' WHERE id = ?"),
            { setup->tree.rubberCell.id })
                    .ok());
        QVERIFY(model.load(setup->database->db()).ok());
        QCOMPARE(model.unitCount(), 6);
        QVERIFY(!model.indexOfUnit(setup->tree.rubberCell.id).isValid());
    }

    void searchingWithoutDiacriticsKeepsTheUnitsAboveAMatch()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        OrgTreePanel panel(&model);
        QAbstractItemModelTester tester(
            panel.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        QTest::keyClicks(panel.searchBox(), QStringLiteral("ngo quyen"));
        const QAbstractItemModel& shown = *panel.filter();
        QCOMPARE(shown.rowCount(), 1);
        const QModelIndex province = shown.index(0, 0);
        QCOMPARE(namesUnder(shown, province), QStringList { setup->tree.tranBien.name });
        const QModelIndex tranBien = shown.index(0, 0, province);
        QCOMPARE(namesUnder(shown, tranBien), QStringList { setup->tree.school.name });
        QVERIFY(panel.view()->isExpanded(tranBien));

        // By code, and a search that matches nothing.
        panel.searchBox()->setText(setup->tree.rubberCell.code);
        QCOMPARE(namesUnder(shown, shown.index(0, 0)), QStringList { setup->tree.phuRieng.name });
        panel.searchBox()->setText(QStringLiteral("không có đơn vị này"));
        QCOMPARE(shown.rowCount(), 0);
        panel.searchBox()->clear();
        QCOMPARE(shown.rowCount(shown.index(0, 0)), 2);

        QSignalSpy chosen(&panel, &OrgTreePanel::unitChosen);
        QVERIFY(panel.selectUnit(setup->tree.cell2.id));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().at(0).toLongLong(), setup->tree.cell2.id);
        QVERIFY(!panel.selectUnit(999999));
    }

    void droppingAUnitOnAnotherAsksToConfirmTheMove()
    {
        auto setup = test::startTreeServer();
        OrgTreeModel model;
        QVERIFY(model.load(setup->database->db()).ok());
        OrgTreePanel panel(&model);
        QAbstractItemModelTester tester(
            panel.filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QAbstractItemModel& shown = *panel.filter();
        const auto at
            = [&](qint64 unitId) { return panel.filter()->mapFromSource(model.indexOfUnit(unitId)); };
        const auto dragged
            = [&](qint64 unitId) { return std::unique_ptr<QMimeData>(shown.mimeData({ at(unitId) })); };
        const auto droppable = [&](qint64 unitId, qint64 targetId) {
            const auto data = dragged(unitId);
            return shown.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, at(targetId));
        };

        QVERIFY(!(shown.flags(at(setup->tree.province.id)) & Qt::ItemIsDragEnabled)); // the top stays
        QVERIFY(shown.flags(at(setup->tree.school.id)) & Qt::ItemIsDragEnabled);
        QVERIFY(droppable(setup->tree.school.id, setup->tree.phuRieng.id));
        QVERIFY(!droppable(setup->tree.school.id, setup->tree.tranBien.id));  // its parent already
        QVERIFY(!droppable(setup->tree.school.id, setup->tree.province.id));  // a province holds upper units
        QVERIFY(!droppable(setup->tree.tranBien.id, setup->tree.cell1.id));   // not inside itself
        QVERIFY(!droppable(setup->tree.cell1.id, setup->tree.rubberCell.id)); // a cell holds only groups
        QVERIFY(!droppable(setup->tree.cell1.id, setup->tree.cell1.id));

        // The drop changes nothing by itself; the move dialog opens with the new parent chosen.
        QSignalSpy requested(&panel, &OrgTreePanel::operationRequested);
        QString offeredTarget;
        OrgOperationDialog::setTestAnswer([&offeredTarget](OrgOperationDialog& dialog) {
            offeredTarget = dialog.targetField()->currentText();
            dialog.decisionField()->setText(QStringLiteral("30-QĐ/TU"));
            return true;
        });
        auto data = dragged(setup->tree.school.id);
        QVERIFY(
            !panel.filter()->dropMimeData(data.get(), Qt::MoveAction, -1, -1, at(setup->tree.phuRieng.id)));
        QCOMPARE(model.unit(setup->tree.school.id)->parentId, std::optional<qint64>(setup->tree.tranBien.id));
        QVERIFY(requested.wait(5000));
        OrgOperationDialog::setTestAnswer({});
        QCOMPARE(offeredTarget, setup->tree.phuRieng.displayName());
        const auto operation = requested.first().at(0).value<OrgOperation>();
        QCOMPARE(operation.path, QStringLiteral("/api/v1/orgs/%1/move").arg(setup->tree.school.id));
        QCOMPARE(operation.body.value(QStringLiteral("parentId")).toInteger(), setup->tree.phuRieng.id);
        QCOMPARE(operation.ifMatch, std::optional<qint64>(setup->tree.school.version));

        // Cancelled, nothing is asked of the server.
        OrgOperationDialog::setTestAnswer([](OrgOperationDialog&) { return false; });
        data = dragged(setup->tree.school.id);
        panel.filter()->dropMimeData(data.get(), Qt::MoveAction, -1, -1, at(setup->tree.phuRieng.id));
        QTest::qWait(50);
        OrgOperationDialog::setTestAnswer({});
        QCOMPARE(requested.count(), 1);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(OrgTreeModelTests)
#include "org_tree_model_tests.moc"
