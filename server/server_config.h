// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/database_config.h"

#include <QString>

namespace sotay::server {

// How the server listens and what it serves from. The thread and queue sizes are chosen on purpose:
// see docs/operations.md.
struct ServerConfig {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080; // 0 = any free port (tests)
    int threads = 16;    // request threads; each owns one database connection
    int queue = 256;     // connections waiting for a thread before new ones are refused
    int keepAliveSeconds = 15;
    int maxKeepAliveRequests = 1000;
    qint64 maxBodyBytes = qint64 { 1024 } * 1024;
    DatabaseConfig database;

    // "HOST:PORT", "[::1]:PORT" or ":PORT"
    static Result<std::pair<QString, quint16>> parseListen(const QString& text);
};

} // namespace sotay::server
