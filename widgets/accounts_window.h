// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "account_api.h"
#include "account_dialogs.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace sotay::widgets {

class AccountsModel;

// "Tài khoản": the accounts the signed-in administrator or officer manages, searched by name and filtered by
// role and state, loaded a page at a time off the GUI thread (at the end of the list, or with "Tải thêm"),
// with progress and Cancel. On the chosen account: lock or unlock it, reset its password (the temporary one
// shown once), sign it out everywhere, lift the sign-in pause, change its role and unit; and create an
// account. Each action is confirmed naming the account, runs off the GUI thread, and a refusal shows the
// server's words and what to do next. A window of its own, never modal.
class AccountsWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsWindow)

public:
    struct Options {
        QUrl server;
        client::TlsSettings tls;
        std::function<QString()> token; // the window's session at each call
        QString ownRole;                // admin or officer
        QString ownUsername;
        QList<ScopeChoice> scopes; // the units an account may be given (those on this computer)
        int pageSize = 50;
    };

    explicit AccountsWindow(Options options, QWidget* parent = nullptr);
    ~AccountsWindow() override;

    // The first page again with the filters as they are now (F5).
    void reload();
    // The next page, when there is one and none is loading.
    void loadMore();
    void cancelLoad();
    bool isLoading() const { return m_loading; }
    bool isWorking() const { return m_working; }
    bool hasMore() const { return !m_next.isEmpty(); }

    void toggleDisabled();
    void resetPassword();
    void endSessions();
    void unlockSignIns();
    void changeRole();
    void createAccount();

    QLineEdit* searchBox() const { return m_search; }
    QComboBox* roleFilter() const { return m_role; }
    QComboBox* stateFilter() const { return m_state; }
    QTableView* view() const { return m_view; }
    QPushButton* moreButton() const { return m_more; }
    QPushButton* cancelButton() const { return m_cancel; }
    QList<QPushButton*> actionButtons() const;
    QPushButton* disableButton() const { return m_disable; }
    AccountsModel* model() const { return m_model; }
    // What the line under the list says now (counts, the end of an action, a refusal).
    QString statusText() const;

signals:
    void pageLoaded();
    // An action ended (`done` false: refused, failed or cancelled before sending).
    void actionFinished(bool done);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Outcome {
        bool ok = false;
        QString message; // the server's words when refused
        std::optional<Account> account;
        QString temporaryPassword;
    };

    void buildLayout();
    void retranslate();
    void fillFilters();
    AccountFilter filter() const;
    void takePage();
    void showCounts();
    // The chosen account, or null after saying in the status line what to do.
    const Account* chosen();
    bool confirm(const QString& title, const QString& question);
    void run(const QString& doing, std::function<Outcome(const AccountApi&)> work,
        std::function<void(const Outcome&)> then);
    void takeOutcome();
    void refuse(const QString& title, const QString& message);
    AccountApi api() const;
    QStringList grantableRoles() const;

    Options m_options;
    AccountsModel* m_model;
    QLabel* m_searchLabel;
    QLineEdit* m_search;
    QLabel* m_roleLabel;
    QComboBox* m_role;
    QLabel* m_stateLabel;
    QComboBox* m_state;
    QTableView* m_view;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_more;
    QPushButton* m_cancel;
    QPushButton* m_disable;
    QPushButton* m_reset;
    QPushButton* m_signOut;
    QPushButton* m_unlock;
    QPushButton* m_changeRole;
    QPushButton* m_create;
    QPushButton* m_close;
    QTimer* m_searchDelay;
    QString m_next;
    bool m_loading = false;
    bool m_working = false;
    int m_generation = 0; // a page answered for an older request is dropped
    QString m_message;    // the end of the last action or a refusal, shown in the status line
    QFutureWatcher<Result<AccountPage>> m_pages;
    QFutureWatcher<Outcome> m_actions;
    std::function<void(const Outcome&)> m_then;
};

} // namespace sotay::widgets
