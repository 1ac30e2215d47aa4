// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

namespace sotay {

enum class Dialect { Sqlite, Postgres };

// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL database.
struct DatabaseConfig {
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath;
    // SQLite: the server asks for FULL, the console's replica is fine with NORMAL.
    bool synchronousFull = false;
    // SQLite: off for the console's replica, which mirrors what the server has checked.
    bool foreignKeys = true;

    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString schema; // PostgreSQL search_path; empty = the server's default

    static DatabaseConfig sqlite(const QString& path, bool synchronousFull = false);
    // "postgresql://USER:PASS@HOST:PORT/DB[?schema=NAME]"
    static Result<DatabaseConfig> fromPostgresUrl(const QString& url);
    // A description safe for logs: never the password.
    QString describe() const;
};

} // namespace sotay
