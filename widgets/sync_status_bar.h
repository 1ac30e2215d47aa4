// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sotay::widgets {

// The main window's status bar: whether the console reaches the server, when it last synced, how many
// edits wait to be sent, a button to the edits the server did not take (only while there are some), and
// during the first sync a progress bar with a Cancel button. It keeps what it
// shows, so that a change of language shows the same in the new one.
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
    // The edits the server refused or found in conflict: the button shows their number, hidden at 0.
    void setUnsettled(qint64 count);
    void showProgress(const QString& phase, qint64 done);
    void hideProgress();

    QString connectionText() const;
    QString lastSyncText() const;
    QString pendingText() const;
    bool isProgressVisible() const;
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
    qint64 m_unsettledCount = 0;
    QLabel* m_connection = nullptr;
    QLabel* m_lastSync = nullptr;
    QLabel* m_pending = nullptr;
    QPushButton* m_unsettled = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace sotay::widgets
