// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_client.h"
#include "replica.h"
#include "replica_summary.h"
#include "sync_engine.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace sotay::widgets {

// How a sync (or a reading of the replica) ended, and the replica's state afterwards.
struct SyncOutcome {
    client::SyncFailure failure = client::SyncFailure::None;
    QString message; // the Vietnamese reason when it failed
    client::SyncReport report;
    std::optional<ReplicaSummary> summary; // absent when the replica could not be read
};

// Lives on the sync thread and owns everything a sync touches: its own connection to the replica (a
// QSqlDatabase belongs to the thread that opened it, so it is opened here, lazily, and closed here when the
// thread ends) and the HTTP client with the session token. The controller reaches it by queued calls only.
class SyncWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    SyncWorker(const QUrl& server, const client::TlsSettings& tls, const QString& token, QString replicaPath,
        std::optional<FieldCipher> cipher, int pageSize);
    ~SyncWorker() override;

    void setToken(const QString& token);
    // One SyncEngine::syncOnce; `cancel` outlives the thread.
    void sync(const std::atomic<bool>* cancel);
    void summarise();

signals:
    void progressed(const sotay::client::SyncProgress& progress);
    void synced(const sotay::widgets::SyncOutcome& outcome);
    void summarised(const sotay::widgets::SyncOutcome& outcome);

private:
    Result<client::Replica*> replica();
    std::optional<ReplicaSummary> readSummary(SyncOutcome& outcome);

    client::ApiClient m_api;
    QString m_path;
    std::optional<FieldCipher> m_cipher; // the session's key: the worker's connection seals with it
    int m_pageSize;
    std::unique_ptr<client::Replica> m_replica;
};

} // namespace sotay::widgets
