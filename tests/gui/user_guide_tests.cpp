// SPDX-License-Identifier: GPL-3.0-or-later
// The user guide (F1): every page of the contents comes from the program's resources, every link inside
// the guide leads to one of its pages, the window works with the keyboard alone, fits a small screen and
// remembers its size.
#include "gui_test_support.h"
#include "user_guide_window.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QScreen>
#include <QSettings>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

#include <set>

using namespace sotay;
using namespace sotay::widgets;

namespace {

QString readResource(const QUrl& url)
{
    QFile file(QLatin1Char(':') + url.path());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Every link of a page, as written.
QStringList linksOf(const QString& html)
{
    QTextDocument document;
    document.setHtml(html);
    QStringList links;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (const QString href = it.fragment().charFormat().anchorHref(); !href.isEmpty())
                if (links.isEmpty() || links.constLast() != href) // a link split over fragments
                    links.append(href);
    return links;
}

void showAndActivate(QWidget& window)
{
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

} // namespace

class UserGuideTests final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::prepareWindowTests(m_settings);
    }

    void init()
    {
        test::clearSettings();
        QLocale::setDefault(QLocale(QStringLiteral("vi_VN")));
    }

    void everyPageLoadsAndEveryLinkLeadsToAPage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("vi") << QStringLiteral("vi");
        QTest::newRow("en") << QStringLiteral("en");
    }

    void everyPageLoadsAndEveryLinkLeadsToAPage()
    {
        QFETCH(QString, language);
        QCOMPARE(UserGuideWindow::folderFor(language), QStringLiteral("/guide/%1/").arg(language));
        const QStringList pages = UserGuideWindow::pages();
        QVERIFY(pages.size() >= 8); // contents, six tasks, shortcuts
        QCOMPARE(pages.constFirst(), QString::fromLatin1(UserGuideWindow::kContentsPage));
        QVERIFY(pages.contains(QString::fromLatin1(UserGuideWindow::kCorrectRecordPage)));
        QVERIFY(pages.contains(QString::fromLatin1(UserGuideWindow::kAccountsPage)));
        std::set<QString> reached;
        for (const QString& page : pages) {
            const QUrl url = UserGuideWindow::pageUrl(page, language);
            QCOMPARE(url.scheme(), QStringLiteral("qrc"));
            QVERIFY(url.path().startsWith(UserGuideWindow::folderFor(language)));
            const QString html = readResource(url);
            QVERIFY2(!html.isEmpty(), qPrintable(page));
            QTextDocument document;
            document.setHtml(html);
            QVERIFY2(!document.metaInformation(QTextDocument::DocumentTitle).isEmpty(), qPrintable(page));
            QVERIFY2(!html.contains(u'\uFFFD'), qPrintable(page)); // read as UTF-8 throughout
            for (const QString& link : linksOf(html)) {
                const QUrl target = url.resolved(QUrl(link));
                QVERIFY2(target.scheme() == u"qrc", qPrintable(page + u' ' + link)); // nothing outside
                const QString file = target.path().section(u'/', -1);
                QVERIFY2(pages.contains(file), qPrintable(page + QStringLiteral(" → ") + link));
                QVERIFY2(QFile::exists(QLatin1Char(':') + target.path()), qPrintable(link));
                if (target.hasFragment()) {
                    QTextDocument targetDocument;
                    targetDocument.setHtml(readResource(target));
                    bool named = false;
                    for (QTextBlock block = targetDocument.begin(); block.isValid() && !named;
                         block = block.next())
                        for (auto it = block.begin(); !it.atEnd() && !named; ++it)
                            named = it.fragment().charFormat().anchorNames().contains(target.fragment());
                    QVERIFY2(named, qPrintable(link));
                }
                reached.insert(file);
            }
        }
        // The contents page leads to every page, and no page in the resources is left out of the contents.
        const QStringList fromContents = linksOf(readResource(UserGuideWindow::pageUrl({}, language)));
        for (const QString& page : pages.mid(1))
            QVERIFY2(fromContents.contains(page), qPrintable(page));
        const QString folder = QLatin1Char(':') + UserGuideWindow::folderFor(language);
        for (const QString& file : QDir(folder).entryList(QDir::Files))
            QVERIFY2(pages.contains(file), qPrintable(file));
        QVERIFY(reached.size() == static_cast<size_t>(pages.size())); // each page is linked from another
    }

    void theContentsListShowsEachPage()
    {
        UserGuideWindow window;
        const QStringList pages = UserGuideWindow::pages();
        QCOMPARE(window.contents()->count(), pages.size());
        QCOMPARE(window.currentPage(), QString::fromLatin1(UserGuideWindow::kContentsPage));
        for (int row = 0; row < pages.size(); ++row) {
            window.contents()->setCurrentRow(row);
            QCOMPARE(window.currentPage(), pages[row]);
            QVERIFY(!window.browser()->toPlainText().trimmed().isEmpty());
            QCOMPARE(window.contents()->item(row)->text(), window.browser()->documentTitle());
        }
        // Opening a page from elsewhere (F1 in the member form) chooses it in the contents too.
        window.showPage(QString::fromLatin1(UserGuideWindow::kCorrectRecordPage));
        QCOMPARE(window.contents()->currentRow(),
            pages.indexOf(QString::fromLatin1(UserGuideWindow::kCorrectRecordPage)));
        QCOMPARE(window.contents()->item(0)->text(), QStringLiteral("Mục lục"));
    }

    void theKeyboardReachesEverything()
    {
        QWidget owner;
        UserGuideWindow* window = UserGuideWindow::open(&owner);
        QVERIFY(window->isWindow());
        QVERIFY(!window->isModal());
        showAndActivate(*window);
        QCOMPARE(UserGuideWindow::open(&owner), window); // one window per owner
        window->contents()->setFocus(Qt::OtherFocusReason);

        // Tab goes from the contents to the page, and Shift+Tab back (through the page's links first).
        const QStringList links = linksOf(readResource(UserGuideWindow::pageUrl({})));
        QVERIFY(links.size() >= 2);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), window->browser());
        for (int i = 0; i <= links.size() && QApplication::focusWidget() == window->browser(); ++i)
            QTest::keyClick(window->browser(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), window->contents());
        QCOMPARE(window->currentPage(), QString::fromLatin1(UserGuideWindow::kContentsPage));
        // Down in the contents opens the next page.
        QTest::keyClick(window->contents(), Qt::Key_Down);
        QCOMPARE(window->currentPage(), UserGuideWindow::pages().at(1));
        QTest::keyClick(window->contents(), Qt::Key_Up);
        QCOMPARE(window->currentPage(), QString::fromLatin1(UserGuideWindow::kContentsPage));

        // In the page, Tab goes through the links and Enter follows the chosen one.
        QTest::keyClick(window->contents(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), window->browser());
        int tabs = 0;
        while (window->browser()->textCursor().charFormat().anchorHref() != links[1] && tabs < 10) {
            QTest::keyClick(window->browser(), Qt::Key_Tab);
            ++tabs;
        }
        QCOMPARE(window->browser()->textCursor().charFormat().anchorHref(), links[1]);
        QTest::keyClick(window->browser(), Qt::Key_Return);
        QCOMPARE(window->currentPage(), links[1]);
        QCOMPARE(window->contents()->currentRow(), UserGuideWindow::pages().indexOf(links[1]));

        // Alt+Left goes back, Alt+Right forward, from the page or from the contents.
        QTest::keyClick(window->browser(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(window->currentPage(), QString::fromLatin1(UserGuideWindow::kContentsPage));
        QTest::keyClick(window->contents(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(window->currentPage(), links[1]);

        // Escape closes it.
        QTest::keyClick(window->browser(), Qt::Key_Escape);
        QVERIFY(!window->isVisible());
    }

    void itFitsASmallScreenAndRemembersItsSize()
    {
        {
            UserGuideWindow window;
            QVERIFY(window.width() <= 1280 && window.height() <= 720);
            QVERIFY(window.minimumSizeHint().width() <= 1260);
            QVERIFY(window.minimumSizeHint().height() <= 650);
            showAndActivate(window);
            window.resize(700, 480);
            QTRY_COMPARE(window.size(), QSize(700, 480));
            window.close();
        }
        UserGuideWindow again;
        QCOMPARE(again.size(), QSize(700, 480));
        // A size remembered on a larger screen is cut down to this one.
        again.resize(5000, 4000);
        QSettings().setValue(QStringLiteral("userGuide/geometry"), again.saveGeometry());
        UserGuideWindow large;
        const QSize available = QGuiApplication::primaryScreen()->availableGeometry().size();
        QVERIFY(large.width() <= available.width() && large.height() <= available.height());
    }

    void theGuideIsInTheConsolesLanguage()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        QVERIFY(UserGuideWindow::pageUrl({}).path().startsWith(QStringLiteral("/guide/en/")));
        {
            UserGuideWindow window;
            QCOMPARE(window.contents()->item(0)->text(), QStringLiteral("Contents"));
            QCOMPARE(window.browser()->source().path(), QStringLiteral("/guide/en/index.html"));
        }
        // A language the guide does not have: Vietnamese.
        QLocale::setDefault(QLocale(QStringLiteral("fr_FR")));
        QVERIFY(UserGuideWindow::pageUrl({}).path().startsWith(QStringLiteral("/guide/vi/")));
        QLocale::setDefault(QLocale(QStringLiteral("vi_VN")));
        QVERIFY(UserGuideWindow::pageUrl({}).path().startsWith(QStringLiteral("/guide/vi/")));
    }

    void screenshotsInBothLanguages()
    {
        // For a person to look at, with the test artefacts: the guide at its first size, on the 1280x720
        // screen, in Vietnamese and in English.
        const QString folder = qEnvironmentVariable("SOTAY_TEST_ARTEFACTS", QDir::tempPath());
        QVERIFY(QDir().mkpath(folder));
        for (const char* language : { "vi", "en" }) {
            QLocale::setDefault(QLocale(QLatin1String(language)));
            UserGuideWindow window;
            window.showPage(QString::fromLatin1(UserGuideWindow::kCorrectRecordPage));
            showAndActivate(window);
            const QString file
                = QDir(folder).filePath(QStringLiteral("user_guide_%1.png").arg(QLatin1String(language)));
            QVERIFY(window.grab().save(file));
            qInfo("screenshot: %s", qPrintable(file));
        }
        QLocale::setDefault(QLocale(QStringLiteral("vi_VN")));
    }

    void theOpenGuideFollowsAChangeOfLanguage()
    {
        QLocale::setDefault(QLocale(QStringLiteral("vi_VN")));
        UserGuideWindow window;
        window.showPage(QStringLiteral("offline.html"));
        QCOMPARE(window.browser()->documentTitle(), QStringLiteral("Làm việc khi mất mạng"));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(&window, &change);
        QCOMPARE(window.currentPage(), QStringLiteral("offline.html"));
        QCOMPARE(window.browser()->documentTitle(), QStringLiteral("Working offline"));
        QCOMPARE(window.contents()->item(0)->text(), QStringLiteral("Contents"));
        QLocale::setDefault(QLocale(QStringLiteral("vi_VN")));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(UserGuideTests)
#include "user_guide_tests.moc"
