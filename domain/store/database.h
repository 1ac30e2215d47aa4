// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/database_config.h"

#include <QSqlDatabase>

namespace sotay {

// Opens a named Qt SQL connection and sets it up (SQLite: WAL, foreign keys, busy timeout, synchronous;
// PostgreSQL: UTF-8 and the search path). Each thread that touches the database owns its own name.
Result<QSqlDatabase> openDatabase(const DatabaseConfig& config, const QString& connectionName);

// Opens the connection and brings the schema to the newest version.
Result<QSqlDatabase> openAndMigrate(const DatabaseConfig& config, const QString& connectionName);

// Closes and forgets a named connection (every QSqlDatabase copy of it must be gone).
void closeDatabase(const QString& connectionName);

} // namespace sotay
