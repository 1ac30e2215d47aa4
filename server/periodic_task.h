// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/database_config.h"

#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sotay::server {

// Runs `task` on a thread of its own, with a database connection of its own, at start and then every
// `interval`, until destroyed (which waits for a run in progress).
class PeriodicTask final {
public:
    using Task = std::function<void(const QSqlDatabase&)>;
    PeriodicTask(QString name, DatabaseConfig database, std::chrono::milliseconds interval, Task task);
    ~PeriodicTask();
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

private:
    void run();

    QString m_name;
    DatabaseConfig m_database;
    std::chrono::milliseconds m_interval;
    Task m_task;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace sotay::server
