// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_controller.h"

namespace sotay::widgets {

SyncController::SyncController(const ConsoleSession& session, int pageSize, QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("sotay-sync"));
    // Owned by the thread from here on: deleteLater on `finished` runs the destructor on the sync thread,
    // which closes the replica's connection where it was opened.
    m_worker = new SyncWorker(
        session.server, session.tls, session.token, session.replicaPath, session.cipher, pageSize);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::progressed, this, &SyncController::progressed);
    connect(m_worker, &SyncWorker::synced, this, &SyncController::takeOutcome);
    connect(m_worker, &SyncWorker::summarised, this, &SyncController::takeSummary);
    m_thread.start();
}

SyncController::~SyncController()
{
    m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

bool SyncController::start()
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel = false;
    emit started(!m_summary || !m_summary->firstSyncDone);
    SyncWorker* worker = m_worker;
    const std::atomic<bool>* cancel = &m_cancel;
    QMetaObject::invokeMethod(
        worker, [worker, cancel] { worker->sync(cancel); }, Qt::QueuedConnection);
    return true;
}

void SyncController::cancel()
{
    m_cancel = true;
}

void SyncController::setToken(const QString& token)
{
    SyncWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, token] { worker->setToken(token); }, Qt::QueuedConnection);
}

void SyncController::refreshSummary()
{
    SyncWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->summarise(); }, Qt::QueuedConnection);
}

void SyncController::takeOutcome(const SyncOutcome& outcome)
{
    m_running = false;
    if (outcome.summary)
        m_summary = outcome.summary;
    emit finished(outcome);
}

void SyncController::takeSummary(const SyncOutcome& outcome)
{
    if (outcome.summary)
        m_summary = outcome.summary;
    emit summaryRead(outcome);
}

} // namespace sotay::widgets
