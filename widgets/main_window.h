// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "org/org_unit.h"
#include "password_hasher.h"
#include "replica_summary.h"
#include "sync_engine.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTimer;

namespace sotay::client {
class Replica;
}

namespace sotay::widgets {

class MemberForm;
class OrgTreeModel;
struct OrgOperation;
class OrgTreePanel;
class AccountsWindow;
class ConsoleLock;
class ReplicaInfoDialog;
class RosterModel;
class RosterPanel;
class SyncController;
class SyncStatusBar;
struct SyncOutcome;

// The console's main window, on the signed-in user's replica. It syncs in the background (at once, then
// every minute, and on demand with F5), shows in the status bar whether the server answers, when the
// replica last synced and how many edits wait to be sent, and asks for the password again when the
// session expires, keeping every unsent edit. The organisation tree is a dock on the left; the roster of
// the unit chosen there fills the centre. Both are read from the replica and read again after a sync.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options {
        int syncIntervalMilliseconds = 60 * 1000;
        int pageSize = 1000;
        PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
        bool syncAtStart = true; // false opens on the replica alone (the start-up probe)
        // The window locks itself after this long without input (0: never).
        int idleLockMilliseconds = 30 * 60 * 1000;
    };

    // An empty session.replicaPath means Replica::defaultPath(server, user).
    explicit MainWindow(ConsoleSession session, QWidget* parent = nullptr);
    MainWindow(ConsoleSession session, Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // "Đồng bộ ngay": syncs now, or asks for the password first after a declined sign-in. False when a sync
    // is already running (never two at once).
    bool syncNow();
    bool isSyncing() const;
    void cancelSync();
    // Reads the replica's counts again, e.g. after an edit was queued.
    void refreshStatus();

    const ConsoleSession& session() const { return m_session; }
    // The GUI thread's own connection to the replica (reads, local edits); null if it did not open.
    client::Replica* replica() const { return m_replica.get(); }
    SyncStatusBar* syncStatus() const { return m_status; }
    QAction* syncAction() const { return m_syncAction; }
    // What Help → About the data on this computer says (the scope, the counts), and the note above the
    // roster (empty when none).
    QString scopeText() const;
    QString unitsText() const;
    QString membersText() const;
    QString noteText() const;
    // Help → About the data on this computer (not modal).
    void showReplicaInfo();
    ReplicaInfoDialog* replicaInfo() const { return m_info; }
    QAction* replicaInfoAction() const { return m_replicaInfoAction; }
    OrgTreePanel* treePanel() const { return m_treePanel; }
    RosterPanel* rosterPanel() const { return m_rosterPanel; }
    const OrgTreeModel* treeModel() const { return m_tree; }
    const RosterModel* rosterModel() const { return m_roster; }
    // Reads the tree and the roster again from the replica, keeping the chosen unit.
    void reloadData();
    // The member form on record `memberId` (0: a new member of the chosen cell). Returns once it is closed.
    void openMember(qint64 memberId);
    void newMember();
    // Shows each unsettled conflict in turn, side by side, for the user to keep one version.
    void showConflicts();
    // Withdraws the newest edit not yet sent, after the user confirms.
    void undoLastUnsent();
    // The list of edits the server refused or found in conflict, with their reasons, to settle each.
    void showUnsettledEdits();
    QAction* unsettledAction() const { return m_unsettledAction; }
    // The edits of a replica set aside after a password reset, moved in with the old password or discarded.
    void showEarlierEdits();
    QAction* earlierEditsAction() const { return m_earlierEditsAction; }
    QAction* newMemberAction() const { return m_newMemberAction; }
    QAction* conflictsAction() const { return m_conflictsAction; }
    QAction* undoAction() const { return m_undoAction; }
    // The lock over the window (after 30 minutes without input, or File → Lock, Ctrl+L).
    ConsoleLock* consoleLock() const { return m_lock; }
    QAction* lockAction() const { return m_lockAction; }
    // Quản trị → Tài khoản (Ctrl+Shift+A), for administrators and officers only: the accounts they manage
    // (not modal). Null before it is first opened.
    void showAccounts();
    AccountsWindow* accountsWindow() const { return m_accountsWindow; }
    QAction* accountsAction() const { return m_accountsAction; }
    // Whether the Quản trị menu is there: only for the roles that manage accounts.
    bool managesAccounts() const;
    // "vi" or "en": kept in the settings for the next start, and used at once: every window retranslates
    // itself.
    void setLanguage(const QString& language);

signals:
    // The roster has been painted once with the replica's data in it (for the start-up probe).
    void firstDataPainted();
    void syncStarted(bool firstSync);
    void syncFinished(sotay::client::SyncFailure failure);
    void statusRefreshed();
    // The user signed out from the lock: the window has closed; the edits not sent are kept in the replica.
    void signedOutFromLock();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildCentre();
    void buildMenus();
    // Sets a text now and again at each change of language.
    void onLanguage(std::function<void()> apply);
    void showConflictCount();
    void tick();
    void takeStart(bool firstSync);
    void takeProgress(const client::SyncProgress& progress);
    void takeOutcome(const SyncOutcome& outcome);
    void takeSummary(const SyncOutcome& outcome);
    void showSummary(const ReplicaSummary& summary);
    void showNote(const QString& text);
    // Enables the action for a set-aside replica's edits, and says so, while one lies beside the replica.
    void noteEarlierEdits();
    void signInAgain();
    void buildLock();
    void buildAdminMenu();
    void takeUnlock(const QString& token, bool offline);
    void signOut();
    void updateTitle(const QString& scope);
    void showAbout();
    void showUnit(qint64 unitId);
    void queueOperation(const OrgOperation& operation);
    void afterLocalEdit();
    // An open member form follows the outbox (syncs) and reports its edits to the window.
    void attachForm(MemberForm& form);
    QList<OrgUnit> activeCells() const;

    ConsoleSession m_session;
    Options m_options;
    std::unique_ptr<client::Replica> m_replica;
    SyncController* m_sync = nullptr;
    SyncStatusBar* m_status = nullptr;
    QTimer* m_tick = nullptr;
    QAction* m_syncAction = nullptr;
    QAction* m_newMemberAction = nullptr;
    QAction* m_conflictsAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_replicaInfoAction = nullptr;
    QAction* m_lockAction = nullptr;
    ConsoleLock* m_lock = nullptr;
    QAction* m_accountsAction = nullptr;
    QMenu* m_adminMenu = nullptr;
    QString m_role; // the signed-in role's code, from the replica
    AccountsWindow* m_accountsWindow = nullptr;
    bool m_signInAfterUnlock = false; // the session expired while the window was locked
    ReplicaInfoDialog* m_info = nullptr;
    QAction* m_unsettledAction = nullptr;
    QAction* m_earlierEditsAction = nullptr;
    bool m_earlierEditsKnown = false; // whether the action's state was read from the replica's folder
    QLabel* m_note = nullptr;
    OrgTreeModel* m_tree = nullptr;
    RosterModel* m_roster = nullptr;
    OrgTreePanel* m_treePanel = nullptr;
    RosterPanel* m_rosterPanel = nullptr;
    QDockWidget* m_treeDock = nullptr;
    bool m_dockSized = false;      // the tree dock was given its width after the first show
    bool m_dataPainted = false;    // firstDataPainted was emitted
    bool m_firstSyncShown = false; // the running sync is the first one: it shows its progress
    bool m_started = false;        // the sync at opening was started
    bool m_signedOut = false;      // the user declined to sign in again: no automatic sync until F5
    bool m_prompting = false;
    bool m_reloading = false; // reloadData() is choosing the unit again
    std::vector<std::function<void()>> m_retranslations;
    std::optional<ReplicaSummary> m_summary; // the last one shown
    qint64 m_conflictCount = 0;
    QElapsedTimer m_firstSyncClock; // since the first sync began, for the "done" message
};

} // namespace sotay::widgets
