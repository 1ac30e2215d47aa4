// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace sotay {

// Applies, in order and each in its own transaction, the embedded migrations of the database's dialect
// that are not yet recorded in schema_migration. Dialect differences live in those files and nowhere else.
Status migrate(const QSqlDatabase& db);

// The newest schema version this build knows.
int latestSchemaVersion();

// The version the database is at (0 when empty).
Result<int> schemaVersion(const QSqlDatabase& db);

// A script split into statements: comments dropped, split at semicolons that end a line.
QStringList splitSqlScript(const QString& script);

} // namespace sotay
