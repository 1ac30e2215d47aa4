// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on a replica holding a demo province, without a server: the tree and the roster fill,
// screenshots of it and of a member's record are saved as artefacts of the test run, and switching the
// language to English and back changes what is read again (the roster's column headers) and is remembered in
// the settings.
#include "gui_test_support.h"
#include "main_window.h"
#include "member_form.h"
#include "message_box.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "roster_model.h"
#include "roster_panel.h"
#include "sync_status_bar.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace sotay;
using namespace sotay::widgets;

class MainWindowDemoTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QVERIFY(m_folder.isValid());
        test::prepareWindowTests(m_settings);
        m_replica = m_folder.filePath(QStringLiteral("demo.sqlite"));
        const QString seeded = test::seedDemoReplica(m_replica, 20000);
        QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    }

    void theWindowOpensOnTheDemoProvinceAndIsPhotographed()
    {
        MainWindow::Options options;
        options.syncAtStart = false;
        MainWindow window(ConsoleSession { {}, QStringLiteral("admin"), {}, m_replica }, options);
        QSignalSpy painted(&window, &MainWindow::firstDataPainted);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(painted.count() == 1 || painted.wait(10000));
        // 95 communes and wards and 4 blocs, with grassroots organisations and cells for 20,000 members.
        QVERIFY2(window.treeModel()->unitCount() > 1000,
            qPrintable(QString::number(window.treeModel()->unitCount())));
        // The tree shows what tells units apart; the whole name stays with the unit.
        QCOMPARE(window.treeModel()->index(0, 0).data().toString(), QStringLiteral("tỉnh Đồng Nai"));
        QCOMPARE(window.treeModel()->index(0, 0).data(OrgTreeModel::FullNameRole).toString(),
            QStringLiteral("Đảng bộ tỉnh Đồng Nai"));
        QVERIFY(window.rosterModel()->loadedCount() > 19000);

        const QString folder = qEnvironmentVariable("SOTAY_TEST_ARTEFACTS", QDir::tempPath());
        QVERIFY(QDir().mkpath(folder));
        const QString file = QDir(folder).filePath(QStringLiteral("main_window_demo_province.png"));
        QVERIFY(window.grab().save(file));
        const QImage saved(file);
        QCOMPARE(saved.size(), window.size() * window.devicePixelRatio());
        qInfo("screenshot: %s", qPrintable(file));

        // The record of the roster's first member, photographed too.
        const qint64 first = window.rosterModel()->index(0, 0).data(RosterModel::MemberIdRole).toLongLong();
        QString formFile;
        MemberForm::setTestAnswer([&folder, &formFile](MemberForm& form) {
            form.show();
            if (!QTest::qWaitForWindowExposed(&form))
                return;
            formFile = QDir(folder).filePath(QStringLiteral("member_form_demo_province.png"));
            if (!form.grab().save(formFile))
                formFile.clear();
            form.hide();
        });
        window.openMember(first);
        MemberForm::setTestAnswer({});
        QVERIFY(!formFile.isEmpty());
        qInfo("screenshot: %s", qPrintable(formFile));
    }

    void switchingToEnglishAndBackIsRememberedAndShownWhereReadAgain()
    {
        MainWindow::Options options;
        options.syncAtStart = false;
        MainWindow window(ConsoleSession { {}, QStringLiteral("admin"), {}, m_replica }, options);
        const auto nameHeader = [&window] {
            return window.rosterModel()->headerData(RosterModel::NameColumn, Qt::Horizontal).toString();
        };
        QCOMPARE(nameHeader(), QStringLiteral("Họ và tên"));
        const auto menuTitle = [&window] { return window.menuBar()->actions().constFirst()->text(); };
        QCOMPARE(menuTitle(), QStringLiteral("&Tệp"));
        window.setLanguage(QStringLiteral("en"));
        QCoreApplication::processEvents(); // the LanguageChange events are posted
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));
        QCOMPARE(nameHeader(), QStringLiteral("Full name"));
        // Every window retranslates itself at once: menus, filters, the tree's dock and the status bar.
        QCOMPARE(menuTitle(), QStringLiteral("&File"));
        QCOMPARE(window.newMemberAction()->text(), QStringLiteral("&New member…"));
        QCOMPARE(
            window.rosterPanel()->statusFilter()->itemText(0), QStringLiteral("Official and probationary"));
        QCOMPARE(window.treePanel()->searchBox()->placeholderText(),
            QStringLiteral("Find an organisation by name or code (accents optional)"));
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("0 unsent edits"));
        QCOMPARE(window.treeModel()->headerData(OrgTreeModel::NameColumn, Qt::Horizontal).toString(),
            QStringLiteral("Party organisation"));
        // Qt's own strings follow too: a standard button in English.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        window.setLanguage(QStringLiteral("vi"));
        QCoreApplication::processEvents();
        QCOMPARE(nameHeader(), QStringLiteral("Họ và tên"));
        QCOMPARE(menuTitle(), QStringLiteral("&Tệp"));
        QCOMPARE(window.rosterPanel()->statusFilter()->itemText(0), QStringLiteral("Chính thức và dự bị"));
        QCOMPARE(window.syncStatus()->pendingText(), QStringLiteral("0 sửa đổi chưa gửi"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Hủy"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("vi"));
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
    QString m_replica;
};

QTEST_MAIN(MainWindowDemoTests)
#include "main_window_demo_tests.moc"
