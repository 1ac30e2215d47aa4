// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sotay::widgets {

// The main window's status bar: whether the console reaches the server, when it last synced, how many
// edits wait to be sent, and during the first sync a progress bar with a Cancel button. It keeps what it
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
    // What is being done, and how many of how many (total -1: not known, the bar then only moves).
    void showProgress(const QString& phase, qint64 done, qint64 total = -1);
    void hideProgress();

    QString connectionText() const;
    QString lastSyncText() const;
    QString pendingText() const;
    bool isProgressVisible() const;
    QString progressText() const;
    int progressPerMille() const; // -1 while the total is not known
    QPushButton* cancelButton() const { return m_cancel; }

    // The format of every date and time the console shows (Vietnamese use, also in English).
    static QString formatDateTime(const QDateTime& when);

signals:
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    Connection m_connectionState = Connection::Offline;
    QString m_connectionDetail;
    QDateTime m_lastSyncAt;
    qint64 m_pendingCount = 0;
    QLabel* m_connection = nullptr;
    QLabel* m_lastSync = nullptr;
    QLabel* m_pending = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace sotay::widgets
