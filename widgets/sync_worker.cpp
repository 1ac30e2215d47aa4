// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_worker.h"

namespace sotay::widgets {

SyncWorker::SyncWorker(const QUrl& server, const client::TlsSettings& tls, const QString& token,
    QString replicaPath, std::optional<FieldCipher> cipher, int pageSize)
    : m_api(server, tls)
    , m_path(std::move(replicaPath))
    , m_cipher(std::move(cipher))
    , m_pageSize(pageSize)
{
    m_api.setToken(token);
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setToken(const QString& token)
{
    m_api.setToken(token);
}

Result<client::Replica*> SyncWorker::replica()
{
    if (!m_replica) {
        auto opened = client::Replica::open(m_path);
        if (!opened)
            return opened.error();
        m_replica = std::move(*opened);
        if (m_cipher)
            m_replica->setCipher(*m_cipher);
    }
    return m_replica.get();
}

std::optional<ReplicaSummary> SyncWorker::readSummary(SyncOutcome& outcome)
{
    auto opened = replica();
    if (!opened) {
        outcome.message = opened.error().message;
        return std::nullopt;
    }
    auto summary = widgets::summarise(**opened);
    if (!summary) {
        if (outcome.message.isEmpty())
            outcome.message = summary.error().message;
        return std::nullopt;
    }
    return *summary;
}

void SyncWorker::sync(const std::atomic<bool>* cancel)
{
    SyncOutcome outcome;
    auto opened = replica();
    if (!opened) {
        outcome.failure = client::SyncFailure::Other;
        outcome.message = opened.error().message;
        emit synced(outcome);
        return;
    }
    client::SyncEngine engine(m_api, **opened);
    engine.pageSize = m_pageSize;
    const auto report = engine.syncOnce(
        [this](const client::SyncProgress& progress) { emit progressed(progress); }, cancel);
    if (report) {
        outcome.report = *report;
        if (const Status recorded = recordSync(**opened, QDateTime::currentDateTimeUtc()); !recorded)
            qWarning(
                "sync: the time of the sync was not recorded: %s", qUtf8Printable(recorded.error().message));
    } else {
        outcome.failure = client::failureOf(report.error());
        outcome.message = report.error().message;
    }
    outcome.summary = readSummary(outcome);
    emit synced(outcome);
}

void SyncWorker::summarise()
{
    SyncOutcome outcome;
    outcome.summary = readSummary(outcome);
    if (!outcome.summary)
        outcome.failure = client::SyncFailure::Other;
    emit summarised(outcome);
}

} // namespace sotay::widgets
