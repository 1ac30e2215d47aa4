// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/database_config.h"

#include <QSqlDatabase>
#include <QString>

#include <atomic>

namespace sotay::server {

// Each request thread owns one named Qt SQL connection, opened on its first request and kept for the
// thread's life (Qt SQL connections may only be used from the thread that made them).
class ThreadDatabase final {
public:
    explicit ThreadDatabase(DatabaseConfig config);
    Result<QSqlDatabase> forCurrentThread();

private:
    DatabaseConfig m_config;
    QString m_prefix;
    static std::atomic<int> s_instances;
};

} // namespace sotay::server
