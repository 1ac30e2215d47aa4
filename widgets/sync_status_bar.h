// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QStatusBar>

class QProgressBar;
class QPushButton;

namespace sotay::widgets {

class ElidedLabel;

// The main window's status bar: how many members and units the replica holds, whether the console reaches
// the server, when it last synced, how many edits wait to be sent, a button to the edits the server did not
// take (only while there are some), and during the first sync a progress bar with a Cancel button. Its texts
// give up width (elided, whole in the tooltip) on a narrow window, so that it never widens the window. It
// keeps what it shows, so that a change of language shows the same in the new one (numbers in the new
// language's format too).
class SyncStatusBar final : public QStatusBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusBar)

public:
    enum class Connection { Online, Offline, SignedOut };

    explicit SyncStatusBar(QWidget* parent = nullptr);
    ~SyncStatusBar() override;

    void setConnection(Connection connection, const QString& detail = {});
    void setLastSync(const QDateTime& when);
    void setPending(qint64 count);
    void setLocalCounts(qint64 units, qint64 members);
    // The edits the server refused or found in conflict: the button shows their number, hidden at 0.
    void setUnsettled(qint64 count);
    // What is being done, and how many of how many (total -1: not known, the bar then only moves).
    void showProgress(const QString& phase, qint64 done, qint64 total = -1);
    void hideProgress();

    QString connectionText() const;
    QString lastSyncText() const;
    QString pendingText() const;
    QString localCountsText() const;
    bool isProgressVisible() const;
    QString progressText() const;
    int progressPerMille() const; // -1 while the total is not known
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* unsettledButton() const { return m_unsettled; }

    // The format of every date and time the console shows (Vietnamese use, also in English).
    static QString formatDateTime(const QDateTime& when);

signals:
    void cancelRequested();
    // The user asked for the list of edits the server did not take.
    void unsettledRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    Connection m_connectionState = Connection::Offline;
    QString m_connectionDetail;
    QDateTime m_lastSyncAt;
    qint64 m_pendingCount = 0;
    qint64 m_localUnits = 0;
    qint64 m_localMembers = 0;
    ElidedLabel* m_local = nullptr;
    ElidedLabel* m_connection = nullptr;
    ElidedLabel* m_lastSync = nullptr;
    ElidedLabel* m_pending = nullptr;
    qint64 m_unsettledCount = 0;
    QPushButton* m_unsettled = nullptr;
    QProgressBar* m_progress = nullptr;
    ElidedLabel* m_phase = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace sotay::widgets
