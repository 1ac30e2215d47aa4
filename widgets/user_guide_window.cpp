// SPDX-License-Identifier: GPL-3.0-or-later
#include "user_guide_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

// The guide's pages live in a static library: their resource is registered by name (outside any namespace).
static void initGuideResource()
{
    Q_INIT_RESOURCE(guide);
}

namespace sotay::widgets {
namespace {

const QString kGeometryKey = QStringLiteral("userGuide/geometry");
const QString kSplitterKey = QStringLiteral("userGuide/splitter");

// Every page of the guide, in the order of its contents. A new screen adds its page here, to
// resources/guide/guide.qrc, and a link to it on the contents page.
const QStringList kPages { QString::fromLatin1(UserGuideWindow::kContentsPage),
    QString::fromLatin1(UserGuideWindow::kSignInPage), QStringLiteral("find-member.html"),
    QString::fromLatin1(UserGuideWindow::kCorrectRecordPage), QStringLiteral("record-event.html"),
    QStringLiteral("org-tree.html"), QStringLiteral("offline.html"), QStringLiteral("conflicts.html"),
    QString::fromLatin1(UserGuideWindow::kAccountsPage), QStringLiteral("shortcuts.html") };

// A page's title, from its <title>.
QString titleOf(const QUrl& url)
{
    QFile file(QLatin1Char(':') + url.path());
    if (!file.open(QIODevice::ReadOnly))
        return QFileInfo(url.path()).fileName();
    QTextDocument document;
    document.setHtml(QString::fromUtf8(file.readAll()));
    const QString title = document.metaInformation(QTextDocument::DocumentTitle);
    return title.isEmpty() ? QFileInfo(url.path()).fileName() : title;
}

} // namespace

UserGuideWindow::UserGuideWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_contents(new QListWidget(this))
    , m_browser(new QTextBrowser(this))
    , m_back(new QAction(this))
    , m_forward(new QAction(this))
    , m_close(new QAction(this))
{
    initGuideResource();
    setObjectName(QStringLiteral("userGuide"));
    m_browser->setOpenLinks(true);
    m_browser->setOpenExternalLinks(false);
    m_browser->setTextInteractionFlags(Qt::TextBrowserInteraction);

    m_back->setShortcut(QKeySequence::Back); // Alt+Left
    m_forward->setShortcut(QKeySequence::Forward);
    m_back->setEnabled(false);
    m_forward->setEnabled(false);
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));
    for (QAction* action : { m_back, m_forward, m_close }) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    connect(m_back, &QAction::triggered, m_browser, &QTextBrowser::backward);
    connect(m_forward, &QAction::triggered, m_browser, &QTextBrowser::forward);
    connect(m_close, &QAction::triggered, this, &QWidget::close);
    connect(m_browser, &QTextBrowser::backwardAvailable, m_back, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, m_forward, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::sourceChanged, this, &UserGuideWindow::followSource);
    connect(m_contents, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < kPages.size())
            showPage(kPages[row]);
    });

    auto* buttons = new QHBoxLayout;
    for (QAction* action : { m_back, m_forward }) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setFocusPolicy(Qt::NoFocus); // the keyboard has Alt+Left and Alt+Right
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(button);
    }
    buttons->addStretch();
    auto* splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_contents);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(1, 1);
    m_contents->setMinimumWidth(160);
    splitter->setSizes({ 240, 660 });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    setTabOrder(m_contents, m_browser);

    retranslate();
    fillContents();
    showPage({});
    resize(900, 620);
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    connect(splitter, &QSplitter::splitterMoved, this,
        [splitter] { QSettings().setValue(kSplitterKey, splitter->saveState()); });
    // Never larger than the screen (a size remembered on a larger one).
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QSize available = screen->availableGeometry().size();
        resize(std::min(width(), available.width()), std::min(height(), available.height()));
    }
}

UserGuideWindow::~UserGuideWindow()
{
    if (isVisible())
        saveSize();
}

UserGuideWindow* UserGuideWindow::open(QWidget* owner, const QString& page)
{
    auto* window
        = owner ? owner->findChild<UserGuideWindow*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!window)
        window = new UserGuideWindow(owner);
    window->showPage(page);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

QStringList UserGuideWindow::pages()
{
    return kPages;
}

QString UserGuideWindow::folderFor(const QString& language)
{
    initGuideResource();
    const QString folder = QStringLiteral("/guide/%1/").arg(language);
    return QFile::exists(QLatin1Char(':') + folder + QLatin1String(kContentsPage)) ? folder : QString();
}

QUrl UserGuideWindow::pageUrl(const QString& page, const QString& language)
{
    QString folder = folderFor(language.isEmpty() ? QLocale().name().section(u'_', 0, 0) : language);
    if (folder.isEmpty())
        folder = folderFor(QStringLiteral("vi"));
    QUrl url;
    url.setScheme(QStringLiteral("qrc"));
    url.setPath(folder + (page.isEmpty() ? QString::fromLatin1(kContentsPage) : page));
    return url;
}

void UserGuideWindow::showPage(const QString& page)
{
    const QUrl url = pageUrl(page);
    if (url.adjusted(QUrl::RemoveFragment) != m_browser->source().adjusted(QUrl::RemoveFragment)
        || url.hasFragment())
        m_browser->setSource(url);
}

QString UserGuideWindow::currentPage() const
{
    return QFileInfo(m_browser->source().path()).fileName();
}

void UserGuideWindow::fillContents()
{
    const QSignalBlocker quiet(m_contents);
    m_contents->clear();
    for (const QString& page : kPages)
        m_contents->addItem(titleOf(pageUrl(page)));
    const int row = static_cast<int>(kPages.indexOf(currentPage()));
    m_contents->setCurrentRow(std::max(row, 0));
}

void UserGuideWindow::followSource(const QUrl& source)
{
    const int row = static_cast<int>(kPages.indexOf(QFileInfo(source.path()).fileName()));
    if (row >= 0) {
        const QSignalBlocker quiet(m_contents);
        m_contents->setCurrentRow(row);
    }
    setWindowTitle(tr("%1 — Hướng dẫn sử dụng Sổ tay").arg(m_browser->documentTitle()));
}

void UserGuideWindow::retranslate()
{
    m_contents->setAccessibleName(tr("Mục lục hướng dẫn"));
    m_browser->setAccessibleName(tr("Trang hướng dẫn"));
    m_back->setText(tr("◀ Trở lại"));
    m_back->setToolTip(tr("Trang vừa xem (Alt+←)"));
    m_forward->setText(tr("Tiếp ▶"));
    m_forward->setToolTip(tr("Trang đã xem tiếp theo (Alt+→)"));
    m_close->setText(tr("Đóng"));
}

void UserGuideWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The guide in the new language, where it has one, on the same page.
        const QString page = currentPage();
        fillContents();
        if (pageUrl(page).path().section(u'/', 0, -2) != m_browser->source().path().section(u'/', 0, -2)) {
            m_browser->clearHistory();
            m_browser->setSource(pageUrl(page));
        }
    }
    QWidget::changeEvent(event);
}

void UserGuideWindow::closeEvent(QCloseEvent* event)
{
    saveSize();
    QWidget::closeEvent(event);
}

void UserGuideWindow::saveSize() const
{
    QSettings().setValue(kGeometryKey, saveGeometry());
}

} // namespace sotay::widgets
