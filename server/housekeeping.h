// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth_service.h"
#include "core/result.h"
#include "store/database_config.h"

#include <QSqlDatabase>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace sotay::server {

// How long what the server no longer needs is kept before it is deleted.
struct Retention {
    int endedSessionDays = 1; // sessions expired or revoked this long ago
    int replyDays = 30;       // stored answers to Idempotency-Key requests
};

struct Pruned {
    qint64 sessions = 0;
    qint64 replies = 0;
};

// Deletes the sessions that ended (expired or revoked) and the stored Idempotency-Key answers older than
// `retention` allows, as of `now`, in one transaction.
Result<Pruned> pruneExpired(const QSqlDatabase& db, const QDateTime& now, const Retention& retention);

// Runs pruneExpired on its own thread and database connection when started and then every `interval`,
// until destroyed.
class Housekeeping final {
public:
    Housekeeping(DatabaseConfig database, Clock clock, Retention retention, std::chrono::seconds interval);
    ~Housekeeping();
    Housekeeping(const Housekeeping&) = delete;
    Housekeeping& operator=(const Housekeeping&) = delete;

private:
    void run();

    DatabaseConfig m_database;
    Clock m_clock;
    Retention m_retention;
    std::chrono::seconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace sotay::server
