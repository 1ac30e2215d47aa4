// SPDX-License-Identifier: GPL-3.0-or-later
#include "periodic_task.h"

#include "store/database.h"

#include <QLoggingCategory>

#include <atomic>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcPeriodic, "sotay.periodic")

} // namespace

PeriodicTask::PeriodicTask(
    QString name, DatabaseConfig database, std::chrono::milliseconds interval, Task task)
    : m_name(std::move(name))
    , m_database(std::move(database))
    , m_interval(interval)
    , m_task(std::move(task))
    , m_thread([this] { run(); })
{
}

PeriodicTask::~PeriodicTask()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void PeriodicTask::run()
{
    static std::atomic<int> instances { 0 };
    const QString connection = QStringLiteral("sotay-%1-%2").arg(m_name).arg(++instances);
    {
        auto db = openDatabase(m_database, connection);
        if (!db) {
            qCWarning(lcPeriodic).noquote() << m_name << "has no database connection:" << db.error().message;
        } else {
            std::unique_lock lock(m_mutex);
            while (!m_stopping) {
                lock.unlock();
                m_task(*db);
                lock.lock();
                m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
            }
        }
    }
    closeDatabase(connection);
}

} // namespace sotay::server
