// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QUrl>
#include <QWidget>

class QAction;
class QListWidget;
class QTextBrowser;

namespace sotay::widgets {

// The user guide (F1): short HTML pages shipped in the program's resources (resources/guide/guide.qrc),
// a contents list beside the page. A window of its own, never modal, usable with the keyboard alone: Tab
// goes between the contents and the page (and through the page's links), Enter follows a link, Alt+Left
// and Alt+Right go back and forward, Escape closes. It remembers its size. The pages are in the console's
// language where the guide has them, in Vietnamese otherwise.
class UserGuideWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideWindow)

public:
    explicit UserGuideWindow(QWidget* parent = nullptr);
    ~UserGuideWindow() override;

    // Shows `owner`'s guide window (made on first use, as a window of its own that lives as long as
    // `owner`, so that it stays usable while `owner` is a modal dialog) on `page`, and raises it.
    static UserGuideWindow* open(QWidget* owner, const QString& page = {});

    // Shows `page`, a file name of pages() (empty: the contents page).
    void showPage(const QString& page);
    // The file name of the page shown, e.g. "correct-record.html".
    QString currentPage() const;
    QListWidget* contents() const { return m_contents; }
    QTextBrowser* browser() const { return m_browser; }

    // The pages in the order of the contents, by file name; the first is the contents page.
    static QStringList pages();
    // Where `page` is in the resources, in `language` ("vi", "en"; empty: the console's) where the guide
    // has it, in Vietnamese otherwise.
    static QUrl pageUrl(const QString& page, const QString& language = {});
    // Folder of the resources that holds the guide in `language` ("vi", "en"), empty when it has none.
    static QString folderFor(const QString& language);

    // The file names of the pages, the pages shown first with F1 in the member form and in the sign-in
    // dialog.
    static constexpr const char* kContentsPage = "index.html";
    static constexpr const char* kCorrectRecordPage = "correct-record.html";
    static constexpr const char* kSignInPage = "sign-in.html";
    static constexpr const char* kOfflinePage = "offline.html";
    static constexpr const char* kAccountsPage = "accounts.html"; // F1 in the accounts window

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void retranslate();
    void fillContents();
    void followSource(const QUrl& source);
    void saveSize() const;

    QListWidget* m_contents;
    QTextBrowser* m_browser;
    QAction* m_back;
    QAction* m_forward;
    QAction* m_close;
};

} // namespace sotay::widgets
