// SPDX-License-Identifier: GPL-3.0-or-later
// The roster model and its panel on a real SQLite database: Vietnamese name order, a unit alone or its
// subtree, search as you type without diacritics, the filters, copying rows for Excel, a sealed replica's
// sensitive fields and its search by citizen id, under QAbstractItemModelTester.
#include "gui_test_support.h"
#include "replica.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/replica_writer.h"
#include "store/sql.h"
#include "store/sqlite_rows.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

namespace {

Member addPerson(const QSqlDatabase& db, qint64 unit, const QString& family, const QString& middle,
    const QString& given, QDate born, Gender gender, const QString& card)
{
    Member m = test::sampleMember(unit, family, middle, given);
    m.birthDate = born;
    m.admittedOn = born.addYears(25);
    m.officialOn = m.admittedOn.addYears(1);
    m.gender = gender;
    m.cardNumber = card;
    auto created = MemberRepository(db).create(m,
        { 0, 0, MemberEventType::Admission, m.admittedOn, QStringLiteral("1-QĐ/ĐU"), true, {}, {}, {} },
        test::testContext());
    if (!created)
        throw std::runtime_error(created.error().message.toStdString());
    return *created;
}

QStringList names(const QAbstractItemModel& model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, RosterModel::NameColumn).data().toString());
    return list;
}

} // namespace

class RosterModelTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::useTemporarySettings(m_settings);
        m_setup = test::startTreeServer();
        const QSqlDatabase db = m_setup->database->db();
        const auto& t = m_setup->tree;
        addPerson(db, t.cell1.id, QStringLiteral("Lê"), QStringLiteral("Văn"), QStringLiteral("Ánh"),
            QDate(1995, 1, 1), Gender::Male, QStringLiteral("02.111222"));
        addPerson(db, t.cell1.id, QStringLiteral("Phạm"), QStringLiteral("Minh"), QStringLiteral("Đức"),
            QDate(1950, 6, 1), Gender::Male, QStringLiteral("02.333444"));
        addPerson(db, t.cell2.id, QStringLiteral("Võ"), QString(), QStringLiteral("Bình"), QDate(1985, 2, 2),
            Gender::Female, QStringLiteral("02.555666"));
    }

    void aSubtreeComesInVietnameseNameOrder()
    {
        RosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto& t = m_setup->tree;
        QVERIFY(model.load(m_setup->database->db(), t.tranBien.id, true, QDate(2026, 11, 25)).ok());
        // Given name first (Ánh < Bình < Đức < Hoa < Nam), the Vietnamese way.
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Lê Văn Ánh"), QStringLiteral("Võ Bình"),
                QStringLiteral("Phạm Minh Đức"), QStringLiteral("Nguyễn Thị Hoa"),
                QStringLiteral("Trần Văn Nam") }));
        QCOMPARE(model.index(1, RosterModel::GenderColumn).data().toString(), QStringLiteral("Nữ"));
        QCOMPARE(
            model.index(1, RosterModel::BirthDateColumn).data().toString(), QStringLiteral("02/02/1985"));
        QCOMPARE(model.index(1, RosterModel::UnitColumn).data().toString(), t.cell2.name);
        QCOMPARE(model.index(0, RosterModel::StatusColumn).data().toString(), QStringLiteral("Chính thức"));

        QVERIFY(model.load(m_setup->database->db(), t.cell2.id, false).ok());
        QCOMPARE(names(model), (QStringList { QStringLiteral("Võ Bình"), QStringLiteral("Trần Văn Nam") }));
        QVERIFY(model.load(m_setup->database->db(), t.school.id, false).ok());
        QCOMPARE(model.rowCount(), 0); // a committee holds no members itself
    }

    void bothReadersGiveTheSameRows()
    {
        // SQLite's own API where the build allows it, Qt SQL elsewhere: the same roster either way.
        const auto read = [this] {
            auto snapshot = RosterModel::read(m_setup->database->db(), m_setup->tree.province.id, true,
                QDate(2026, 11, 25), RosterModel::Reading { true, true });
            QStringList rows;
            if (!snapshot)
                return rows;
            for (const RosterModel::Row& row : snapshot->rows)
                rows.append(QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
                                .arg(row.id)
                                .arg(row.fullName, row.folded, row.cardNumber, QString::number(row.unitId),
                                    row.birthDate.toString(Qt::ISODate), row.admittedOn.toString(Qt::ISODate),
                                    row.officialOn.toString(Qt::ISODate))
                                .arg(row.age)
                    + QStringLiteral("|%1|%2|%3|%4")
                          .arg(static_cast<int>(row.gender))
                          .arg(static_cast<int>(row.status))
                          .arg(row.exempt)
                          .arg(row.categoryId)
                    + QStringLiteral("|%1|%2|%3|%4|%5|%6|%7|%8|%9")
                          .arg(row.profileNumber, snapshot->texts.value(row.hometown),
                              snapshot->texts.value(row.generalEducation),
                              snapshot->texts.value(row.professionalQualification),
                              snapshot->texts.value(row.ethnicity), snapshot->texts.value(row.religion),
                              row.citizenId, row.exemptSince.toString(Qt::ISODate))
                          .arg(static_cast<int>(row.politicalTheory))
                    + u'|' + snapshot->unitLabels.value(row.unitId));
            return rows;
        };
        const QStringList direct = read();
        SqliteRows::setEnabled(false);
        const QStringList throughQt = read();
        SqliteRows::setEnabled(true);
        QCOMPARE(direct.size(), 6);
        QCOMPARE(direct, throughQt);
    }

    void filtersNarrowTheRowsWithoutReadingAgain()
    {
        RosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(
            model.load(m_setup->database->db(), m_setup->tree.province.id, true, QDate(2026, 11, 25)).ok());
        QCOMPARE(model.loadedCount(), 6);
        RosterModel::Filter filter;
        filter.text = QStringLiteral("DUC");
        model.setFilter(filter);
        QCOMPARE(names(model), QStringList { QStringLiteral("Phạm Minh Đức") });
        filter.text = QStringLiteral("02.55");
        model.setFilter(filter);
        QCOMPARE(names(model), QStringList { QStringLiteral("Võ Bình") });
        filter = {};
        filter.gender = Gender::Female;
        filter.maximumAge = 50;
        model.setFilter(filter);
        // The sample members Hoa, Lan and Nam are women born in 1980 (46), Bình was born in 1985 (41); Ánh
        // and Đức are men.
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Võ Bình"), QStringLiteral("Nguyễn Thị Hoa"),
                QStringLiteral("Điểu Thị Lan"), QStringLiteral("Trần Văn Nam") }));
        filter = {};
        filter.minimumAge = 61;
        model.setFilter(filter);
        QCOMPARE(names(model), QStringList { QStringLiteral("Phạm Minh Đức") });
        filter = {};
        filter.status = MemberStatus::Probationary;
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), 0);
        model.setFilter({});
        QCOMPARE(model.rowCount(), 6);

        // Typing narrows from the rows shown; deleting a letter or changing another filter starts again.
        // Each step must show what a fresh model with that filter alone shows.
        RosterModel fresh;
        QVERIFY(
            fresh.load(m_setup->database->db(), m_setup->tree.province.id, true, QDate(2026, 11, 25)).ok());
        RosterModel::Filter typed;
        for (const QString& text :
            { QStringLiteral("n"), QStringLiteral("ng"), QStringLiteral("nguyen t"), QStringLiteral("nguyen"),
                QStringLiteral("02"), QStringLiteral("02.3"), QStringLiteral("van"), QString() }) {
            typed.text = text;
            typed.gender = text == u"van" ? std::optional<Gender>(Gender::Male) : std::nullopt;
            model.setFilter(typed);
            fresh.setFilter({});
            fresh.setFilter(typed);
            QCOMPARE(names(model), names(fresh));
        }
        QCOMPARE(model.rowCount(), 6);
    }

    void aCellTakesTheCategoryOfItsBaseOrganisation()
    {
        const QSqlDatabase db = m_setup->database->db();
        OrgRepository repo(db);
        const auto school
            = repo.ensureCategory(QStringLiteral("su_nghiep"), QStringLiteral("Đơn vị sự nghiệp"));
        const auto commune = repo.ensureCategory(QStringLiteral("xa"), QStringLiteral("Xã"));
        QVERIFY(school.ok() && commune.ok());
        const auto setCategory = [&db](qint64 unit, const QVariant& category) {
            QVERIFY(sql::exec(
                db, QStringLiteral("UPDATE org_unit SET category_id = ? WHERE id = ?"), { category, unit })
                        .ok());
        };
        setCategory(m_setup->tree.school.id, school->id);
        setCategory(m_setup->tree.rubberCell.id, commune->id);

        RosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RosterPanel panel(&model);
        panel.showUnit(db, m_setup->tree.province.id, m_setup->tree.province.name);
        panel.subtreeBox()->setChecked(true);
        QComboBox* categories = panel.categoryFilter();
        QCOMPARE(categories->count(), 3); // every category, and "all"
        categories->setCurrentIndex(categories->findData(school->id));
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Lê Văn Ánh"), QStringLiteral("Võ Bình"),
                QStringLiteral("Phạm Minh Đức"), QStringLiteral("Nguyễn Thị Hoa"),
                QStringLiteral("Trần Văn Nam") }));
        categories->setCurrentIndex(categories->findData(commune->id));
        QCOMPARE(names(model), QStringList { QStringLiteral("Điểu Thị Lan") });
        categories->setCurrentIndex(0);
        QCOMPARE(model.rowCount(), 6);

        setCategory(m_setup->tree.school.id, QVariant(QMetaType::fromType<qint64>()));
        setCategory(m_setup->tree.rubberCell.id, QVariant(QMetaType::fromType<qint64>()));
    }

    void thePanelSearchesAsYouTypeAndCopiesRowsForExcel()
    {
        RosterModel model;
        RosterPanel panel(&model);
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.showUnit(m_setup->database->db(), m_setup->tree.tranBien.id, m_setup->tree.tranBien.name);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(panel.countLabel()->text(), QStringLiteral("Đang hiện 5 trong 5 đảng viên"));

        QTest::keyClicks(panel.searchBox(), QStringLiteral("van"));
        QCOMPARE(
            names(model), (QStringList { QStringLiteral("Lê Văn Ánh"), QStringLiteral("Trần Văn Nam") }));
        QCOMPARE(panel.countLabel()->text(), QStringLiteral("Đang hiện 2 trong 5 đảng viên"));
        panel.genderFilter()->setCurrentIndex(1); // men: Ánh (the sample members are women)
        QCOMPARE(names(model), QStringList { QStringLiteral("Lê Văn Ánh") });
        panel.searchBox()->clear();
        panel.genderFilter()->setCurrentIndex(2); // women: Bình, Hoa, Nam
        QCOMPARE(model.rowCount(), 3);
        panel.genderFilter()->setCurrentIndex(0);

        // The unit alone instead of its subtree: Trấn Biên itself holds nobody.
        panel.subtreeBox()->setChecked(false);
        QCOMPARE(model.rowCount(), 0);
        panel.subtreeBox()->setChecked(true);
        QCOMPARE(model.rowCount(), 5);

        // Ctrl+C on two rows: a header and two lines, tab-separated, in the columns as shown.
        panel.view()->horizontalHeader()->setSectionHidden(RosterModel::ExemptColumn, true);
        panel.view()->selectRow(0);
        panel.view()->selectionModel()->select(
            model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        panel.view()->setFocus();
        QTest::keySequence(panel.view(), QKeySequence::Copy);
        const QStringList lines
            = QApplication::clipboard()->text().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(
            QStringLiteral("Họ và tên\tGiới tính\tNgày sinh\tLoại đảng viên\tSố thẻ đảng")));
        QVERIFY(lines[1].startsWith(QStringLiteral("Lê Văn Ánh\tNam\t01/01/1995\tChính thức\t02.111222\t")));
        QVERIFY(lines[2].startsWith(QStringLiteral("Võ Bình\tNữ\t02/02/1985\t")));
        // The nine default columns but the one hidden; the others wait in the column chooser.
        QCOMPARE(lines[1].count(u'\t'), RosterModel::DefaultColumnCount - 2);
    }

    void theUnitColumnNamesTheCommuneInAWiderList()
    {
        RosterModel model;
        const auto& t = m_setup->tree;
        // Province-wide: each cell with its commune ("Đảng bộ phường Trấn Biên" reads "phường Trấn Biên").
        QVERIFY(model.load(m_setup->database->db(), t.province.id, true, QDate(2026, 11, 25)).ok());
        QStringList units;
        for (int row = 0; row < model.rowCount(); ++row)
            units.append(model.index(row, RosterModel::UnitColumn).data().toString());
        QVERIFY2(units.contains(t.cell2.name + QStringLiteral(" — phường Trấn Biên")),
            qPrintable(units.join(u',')));
        QVERIFY2(units.contains(t.cell1.name + QStringLiteral(" — phường Trấn Biên")),
            qPrintable(units.join(u',')));
        // Within the commune (or below it) the commune goes without saying.
        QVERIFY(model.load(m_setup->database->db(), t.tranBien.id, true, QDate(2026, 11, 25)).ok());
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(!model.index(row, RosterModel::UnitColumn).data().toString().contains(u'—'));
        QVERIFY(model.load(m_setup->database->db(), t.school.id, true, QDate(2026, 11, 25)).ok());
        QCOMPARE(model.index(0, RosterModel::UnitColumn).data().toString(), t.cell1.name);
    }

    void moreColumnsWaitInTheChooserAndSensitiveOnesOnlyForRolesThatSeeThem()
    {
        test::clearSettings();
        const QSqlDatabase db = m_setup->database->db();
        const auto& t = m_setup->tree;
        RosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto offered = [](QMenu& menu) {
            QList<int> columns;
            for (const QAction* action : menu.actions())
                if (!action->isSeparator())
                    columns.append(action->data().toInt());
            return columns;
        };
        {
            RosterPanel panel(&model); // a role that may not see them: the default
            panel.showUnit(db, t.tranBien.id, t.tranBien.name);
            const int hoa = static_cast<int>(names(model).indexOf(QStringLiteral("Nguyễn Thị Hoa")));
            QVERIFY(hoa >= 0);
            const QHeaderView* header = panel.view()->horizontalHeader();
            for (int column = 0; column < RosterModel::ColumnCount; ++column)
                QCOMPARE(header->isSectionHidden(column), column >= RosterModel::DefaultColumnCount);
            const auto menu = panel.columnMenu();
            const QList<int> columns = offered(*menu);
            QCOMPARE(static_cast<int>(columns.size()), RosterModel::ColumnCount - 3);
            QVERIFY(!columns.contains(RosterModel::EthnicityColumn));
            QVERIFY(!columns.contains(RosterModel::CitizenIdColumn));
            QVERIFY(columns.contains(RosterModel::HometownColumn));
            QVERIFY(model.index(hoa, RosterModel::EthnicityColumn).data().toString().isEmpty());
            QVERIFY(model.index(hoa, RosterModel::CitizenIdColumn).data().toString().isEmpty());
            // The details are not read while none of their columns shows; showing one reads the roster
            // again, in the background, with them.
            QVERIFY(!model.loadedReading().details);
            QVERIFY(model.index(hoa, RosterModel::HometownColumn).data().toString().isEmpty());
            QSignalSpy refreshed(&panel, &RosterPanel::refreshed);
            for (QAction* action : menu->actions())
                if (action->data().toInt() == RosterModel::HometownColumn)
                    action->setChecked(true);
            QVERIFY(refreshed.wait(10000));
            QVERIFY(model.loadedReading().details);
            QVERIFY(!model.loadedReading().sensitive); // never for this role
            const int hoaAgain = static_cast<int>(names(model).indexOf(QStringLiteral("Nguyễn Thị Hoa")));
            QCOMPARE(
                model.index(hoaAgain, RosterModel::HometownColumn).data().toString(), m_setup->hoa.hometown);
            QVERIFY(model.index(hoaAgain, RosterModel::EthnicityColumn).data().toString().isEmpty());
            // Shown from the chooser, a column is as wide as its title.
            for (QAction* action : menu->actions())
                if (action->data().toInt() == RosterModel::ProfessionalColumn)
                    action->setChecked(true);
            QVERIFY(!header->isSectionHidden(RosterModel::ProfessionalColumn));
            QVERIFY(header->sectionSize(RosterModel::ProfessionalColumn)
                >= header->sectionSizeHint(RosterModel::ProfessionalColumn));
        }
        {
            // An arrangement saved before the extra columns existed: they come hidden, the arrangement stays.
            QStandardItemModel nine(0, RosterModel::DefaultColumnCount);
            QHeaderView old(Qt::Horizontal);
            old.setModel(&nine);
            old.setSectionHidden(RosterModel::GenderColumn, true);
            QSettings saved;
            saved.setValue(QStringLiteral("roster/header"), old.saveState());
            saved.remove(QStringLiteral("roster/headerColumns"));
            saved.sync();
            RosterPanel panel(&model);
            const QHeaderView* header = panel.view()->horizontalHeader();
            QVERIFY(header->isSectionHidden(RosterModel::GenderColumn));
            QVERIFY(!header->isSectionHidden(RosterModel::CardNumberColumn));
            for (int column = RosterModel::DefaultColumnCount; column < RosterModel::ColumnCount; ++column)
                QVERIFY(header->isSectionHidden(column));
            panel.view()->horizontalHeader()->setSectionHidden(RosterModel::GenderColumn, false);
            panel.view()->horizontalHeader()->setSectionHidden(RosterModel::ProfessionalColumn, false);
        }
        {
            RosterPanel panel(&model);
            panel.setSensitiveShown(true); // an officer
            panel.showUnit(db, t.tranBien.id, t.tranBien.name);
            const int hoa = static_cast<int>(names(model).indexOf(QStringLiteral("Nguyễn Thị Hoa")));
            const auto menu = panel.columnMenu();
            QCOMPARE(static_cast<int>(offered(*menu).size()), int(RosterModel::ColumnCount));
            QCOMPARE(
                model.index(hoa, RosterModel::EthnicityColumn).data().toString(), m_setup->hoa.ethnicity);
            QCOMPARE(
                model.index(hoa, RosterModel::CitizenIdColumn).data().toString(), m_setup->hoa.citizenId);
            // The column chosen before was remembered.
            QVERIFY(!panel.view()->horizontalHeader()->isSectionHidden(RosterModel::ProfessionalColumn));
            panel.setSensitiveShown(false);
            panel.showUnit(db, t.tranBien.id, t.tranBien.name);
            QVERIFY(model.index(hoa, RosterModel::EthnicityColumn).data().toString().isEmpty());
        }
    }

    // Last: it adds a member to the shared tree.
    // A sealed replica (unlocked at sign-in): the roster opens the sensitive fields as it reads them, and a
    // whole citizen id typed in the search finds its member through the id's keyed hash.
    void aSealedReplicaShowsItsSensitiveFieldsAndFindsACitizenIdByItsHash()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        auto replica = client::Replica::open(folder.filePath(QStringLiteral("sealed.sqlite")));
        QVERIFY(replica.ok());
        QCOMPARE((*replica)
                     ->unlock(QStringLiteral("mat-khau-thu-nghiem"), PasswordHasher::Cost::minimal())
                     .value(),
            client::Replica::Unlock::Created);
        const QSqlDatabase server = m_setup->database->db();
        {
            sql::Transaction transaction((*replica)->db());
            QVERIFY(transaction.begin().ok());
            ReplicaWriter writer((*replica)->db(), (*replica)->sealer());
            auto units = sql::exec(server, QStringLiteral("SELECT id FROM org_unit"));
            QVERIFY(units.ok());
            while (units->next())
                QVERIFY(writer.upsertUnit(*OrgRepository(server).find(units->value(0).toLongLong())).ok());
            auto members = sql::exec(server, QStringLiteral("SELECT id FROM member"));
            QVERIFY(members.ok());
            while (members->next()) {
                Member member = *MemberRepository(server).find(members->value(0).toLongLong());
                if (member.givenName == u"Ánh") {
                    member.citizenId = QStringLiteral("075195001111");
                    member.ethnicity = QStringLiteral("Xtiêng");
                }
                QVERIFY(writer.upsertMember(member).ok());
            }
            QVERIFY(transaction.commit().ok());
        }
        auto raw = sql::exec(
            (*replica)->db(), QStringLiteral("SELECT COUNT(*) FROM member WHERE citizen_id LIKE '0%'"));
        QVERIFY(raw.ok() && raw->next());
        QCOMPARE(raw->value(0).toInt(), 0); // nothing in clear

        RosterModel model;
        QAbstractItemModelTester tester(&model);
        model.setSensitiveShown(true);
        model.setDetailsShown(true);
        model.setCipher(*(*replica)->cipher());
        QVERIFY(model.load((*replica)->db(), m_setup->tree.tranBien.id, true, QDate(2026, 11, 25)).ok());
        const int anh = static_cast<int>(names(model).indexOf(QStringLiteral("Lê Văn Ánh")));
        QVERIFY(anh >= 0);
        QCOMPARE(
            model.index(anh, RosterModel::CitizenIdColumn).data().toString(), QStringLiteral("075195001111"));
        QCOMPARE(model.index(anh, RosterModel::EthnicityColumn).data().toString(), QStringLiteral("Xtiêng"));

        for (const QString& typed : { QStringLiteral("075195001111"), QStringLiteral("0751 9500 1111") }) {
            RosterModel::Filter filter;
            filter.text = typed;
            model.setFilter(filter);
            QCOMPARE(names(model), QStringList { QStringLiteral("Lê Văn Ánh") });
        }
        RosterModel::Filter other;
        other.text = QStringLiteral("075195001112");
        model.setFilter(other);
        QCOMPARE(model.rowCount(), 0);
        // Typed digit by digit, the whole id still finds the member the shorter text did not.
        RosterModel::Filter partial;
        partial.text = QStringLiteral("07519500111");
        model.setFilter(partial);
        QCOMPARE(model.rowCount(), 0);
        partial.text = QStringLiteral("075195001111");
        model.setFilter(partial);
        QCOMPARE(names(model), QStringList { QStringLiteral("Lê Văn Ánh") });
    }

    void aRefreshReadsInTheBackgroundAndYieldsToAChosenUnit()
    {
        const QSqlDatabase db = m_setup->database->db();
        RosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RosterPanel panel(&model);
        panel.showUnit(db, m_setup->tree.cell1.id, m_setup->tree.cell1.name);
        QCOMPARE(model.rowCount(), 3);
        addPerson(db, m_setup->tree.cell1.id, QStringLiteral("Đặng"), QStringLiteral("Thu"),
            QStringLiteral("Hà"), QDate(1990, 9, 2), Gender::Female, QStringLiteral("02.777888"));

        QSignalSpy refreshed(&panel, &RosterPanel::refreshed);
        panel.refresh(QStringLiteral("Chi bộ 1 (mới)"));
        QVERIFY(panel.isRefreshing());
        QCOMPARE(model.rowCount(), 3); // the rows stay on screen while the new ones are read
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(names(model).contains(QStringLiteral("Đặng Thu Hà")));
        QVERIFY(!panel.isRefreshing());

        // A unit chosen while a refresh runs wins: the late result is dropped.
        panel.refresh(m_setup->tree.cell1.name);
        panel.showUnit(db, m_setup->tree.cell2.id, m_setup->tree.cell2.name);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRefreshing(), 10000);
        QCOMPARE(model.unitId(), m_setup->tree.cell2.id);
        QCOMPARE(names(model), (QStringList { QStringLiteral("Võ Bình"), QStringLiteral("Trần Văn Nam") }));
        QCOMPARE(refreshed.count(), 1);
    }

private:
    QTemporaryDir m_settings;
    std::unique_ptr<test::TreeServer> m_setup;
};

QTEST_MAIN(RosterModelTests)
#include "roster_model_tests.moc"
