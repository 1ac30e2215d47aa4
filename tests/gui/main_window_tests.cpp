// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.h"
#include "sotay_server.h"

#include <QApplication>
#include <QFontMetrics>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <Poco/Net/ServerSocket.h>

using namespace sotay;

class MainWindowTests final : public QObject {
    Q_OBJECT

private slots:
    void showsThatTheServerAnswers()
    {
        QTemporaryDir folder;
        server::ServerConfig config;
        config.port = 0;
        config.threads = 2;
        config.database = DatabaseConfig::sqlite(folder.filePath(QStringLiteral("sotay.sqlite")), true);
        config.adminPassword = QStringLiteral("mat-khau-quan-tri-2025");
        config.passwordCost = PasswordHasher::Cost::minimal();
        server::SotayServer running(config);
        QVERIFY(running.start().ok());

        QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(running.port()));
        widgets::MainWindow window(url, [url] { return client::probeServer(url); });
        QSignalSpy checked(&window, &widgets::MainWindow::serverChecked);
        window.show();
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.takeFirst().at(0).toBool(), true);
        QVERIFY2(window.serverStatusText().contains(QStringLiteral("Đã kết nối")),
            qPrintable(window.serverStatusText()));
        QVERIFY(window.serverStatusText().contains(QStringLiteral(SOTAY_VERSION)));
        QVERIFY(window.windowTitle().contains(QStringLiteral("Sổ tay")));
    }

    void saysPlainlyWhenTheServerIsOutOfReach()
    {
        quint16 freePort = 0;
        {
            Poco::Net::ServerSocket probe(0);
            freePort = probe.address().port();
        }
        QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(freePort));
        widgets::MainWindow window(url, [url] { return client::probeServer(url, 2000); });
        QSignalSpy checked(&window, &widgets::MainWindow::serverChecked);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.takeFirst().at(0).toBool(), false);
        QVERIFY2(window.serverStatusText().contains(QStringLiteral("Không kết nối được")),
            qPrintable(window.serverStatusText()));
    }

    void theFontHasVietnameseGlyphs()
    {
        // Without fonts every functional test passes while Vietnamese shows as boxes.
        const QFontMetrics metrics(QApplication::font());
        for (const char32_t letter : { U'ễ', U'Đ', U'ả', U'ồ', U'ự', U'ữ' })
            QVERIFY2(metrics.inFontUcs4(letter), qPrintable(QString::fromUcs4(&letter, 1)));
    }
};

QTEST_MAIN(MainWindowTests)
#include "main_window_tests.moc"
