// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "sync_worker.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace sotay::widgets {

// Runs syncs for the GUI, never two at once, on ONE dedicated thread whose SyncWorker owns its own Replica
// object. The GUI thread opens a second Replica on the same file for its reads (SQLite WAL lets readers and
// a writer work together), so no QSqlDatabase is ever used from two threads. One long-lived thread rather
// than QtConcurrent: a pool may run consecutive tasks on different threads, and the connection must stay on
// the thread that opened it.
class SyncController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    SyncController(const ConsoleSession& session, int pageSize, QObject* parent = nullptr);
    // Asks a running sync to stop and waits for the thread (at most one network exchange).
    ~SyncController() override;

    // Starts a sync; false (and nothing happens) when one is already running.
    bool start();
    // Sets the cancel flag the engine checks between pages; the sync then ends as Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    void setToken(const QString& token);
    // Reads the replica's summary again (answered by summaryRead).
    void refreshSummary();
    // The last summary read, if any.
    const std::optional<ReplicaSummary>& summary() const { return m_summary; }

signals:
    // Emitted by start() before the work is queued: a slot that calls cancel() stops the sync for sure.
    void started(bool firstSync);
    void progressed(const sotay::client::SyncProgress& progress);
    void finished(const sotay::widgets::SyncOutcome& outcome);
    void summaryRead(const sotay::widgets::SyncOutcome& outcome);

private:
    void takeOutcome(const SyncOutcome& outcome);
    void takeSummary(const SyncOutcome& outcome);

    QThread m_thread;
    SyncWorker* m_worker = nullptr; // lives on m_thread and is deleted there when the thread finishes
    std::atomic<bool> m_cancel { false };
    bool m_running = false;
    std::optional<ReplicaSummary> m_summary;
};

} // namespace sotay::widgets
