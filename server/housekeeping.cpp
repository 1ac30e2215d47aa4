// SPDX-License-Identifier: GPL-3.0-or-later
#include "housekeeping.h"

#include "store/database.h"
#include "store/sql.h"

#include <QLoggingCategory>

#include <atomic>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcHousekeeping, "sotay.housekeeping")

Result<qint64> deleted(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    auto query = sql::exec(db, statement, values);
    if (!query)
        return query.error();
    return static_cast<qint64>(query->numRowsAffected());
}

} // namespace

Result<Pruned> pruneExpired(const QSqlDatabase& db, const QDateTime& now, const Retention& retention)
{
    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    const QVariant sessionsBefore = sql::timestamp(now.addDays(-retention.endedSessionDays));
    auto sessions
        = deleted(db, QStringLiteral("DELETE FROM app_session WHERE expires_at < ? OR revoked_at < ?"),
            { sessionsBefore, sessionsBefore });
    if (!sessions)
        return sessions.error();
    // Answers still being written (status 0) belong to a transaction in progress: never touched.
    auto replies
        = deleted(db, QStringLiteral("DELETE FROM idempotent_request WHERE created_at < ? AND status <> 0"),
            { sql::timestamp(now.addDays(-retention.replyDays)) });
    if (!replies)
        return replies.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return Pruned { *sessions, *replies };
}

Housekeeping::Housekeeping(
    DatabaseConfig database, Clock clock, Retention retention, std::chrono::seconds interval)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
    , m_retention(retention)
    , m_interval(interval)
    , m_thread([this] { run(); })
{
}

Housekeeping::~Housekeeping()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Housekeeping::run()
{
    static std::atomic<int> instances { 0 };
    const QString connection = QStringLiteral("sotay-housekeeping-%1").arg(++instances);
    {
        auto db = openDatabase(m_database, connection);
        if (!db) {
            qCWarning(lcHousekeeping).noquote() << "no database connection:" << db.error().message;
        } else {
            std::unique_lock lock(m_mutex);
            while (!m_stopping) {
                lock.unlock();
                const auto pruned = pruneExpired(*db, m_clock(), m_retention);
                if (!pruned)
                    qCWarning(lcHousekeeping).noquote() << "pruning failed:" << pruned.error().message;
                else if (pruned->sessions > 0 || pruned->replies > 0)
                    qCInfo(lcHousekeeping) << "pruned" << pruned->sessions << "ended sessions and"
                                           << pruned->replies << "stored answers";
                lock.lock();
                m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
            }
        }
    }
    closeDatabase(connection);
}

} // namespace sotay::server
