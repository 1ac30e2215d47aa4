// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"

#include "store/migrator.h"
#include "store/private_files.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace sotay {
namespace {

Status setUpSqlite(QSqlDatabase& db, const DatabaseConfig& config)
{
    const QStringList pragmas {
        QStringLiteral("PRAGMA journal_mode = WAL"),
        config.foreignKeys ? QStringLiteral("PRAGMA foreign_keys = ON")
                           : QStringLiteral("PRAGMA foreign_keys = OFF"),
        config.synchronousFull ? QStringLiteral("PRAGMA synchronous = FULL")
                               : QStringLiteral("PRAGMA synchronous = NORMAL"),
    };
    for (const auto& pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma))
            return sql::storageError(query);
    }
    return success();
}

Status setUpPostgres(QSqlDatabase& db, const DatabaseConfig& config)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SET client_encoding = 'UTF8'")))
        return sql::storageError(query);
    if (!config.schema.isEmpty()) {
        // The schema name comes from configuration, never from a request; quote it as an identifier.
        QString quoted = config.schema;
        quoted.replace(u'"', QStringLiteral("\"\""));
        if (!query.exec(QStringLiteral("SET search_path TO \"%1\"").arg(quoted)))
            return sql::storageError(query);
    }
    return success();
}

} // namespace

Result<QSqlDatabase> openDatabase(const DatabaseConfig& config, const QString& connectionName)
{
    const bool sqlite = config.dialect == Dialect::Sqlite;
    QSqlDatabase db = QSqlDatabase::addDatabase(
        sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connectionName);
    if (!db.isValid())
        return Error::storage(
            QCoreApplication::translate("Storage", "Thiếu trình điều khiển cơ sở dữ liệu %1 của Qt.")
                .arg(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL")));
    if (sqlite) {
        if (config.sqlitePath != QStringLiteral(":memory:")) {
            if (const Status folder = makePrivateFolder(QFileInfo(config.sqlitePath).absolutePath()); !folder)
                return folder.error();
            if (const Status file = makePrivateDatabaseFile(config.sqlitePath); !file)
                return file.error();
        }
        db.setDatabaseName(config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setDatabaseName(config.database);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.open())
        return Error::storage(QCoreApplication::translate("Storage", "Không mở được cơ sở dữ liệu %1: %2")
                                  .arg(config.describe(), db.lastError().text()));
    const Status ready = sqlite ? setUpSqlite(db, config) : setUpPostgres(db, config);
    if (!ready)
        return ready.error();
    return db;
}

Result<QSqlDatabase> openAndMigrate(const DatabaseConfig& config, const QString& connectionName)
{
    auto db = openDatabase(config, connectionName);
    if (!db)
        return db;
    if (const Status migrated = migrate(*db); !migrated)
        return migrated.error();
    return db;
}

void closeDatabase(const QString& connectionName)
{
    sql::forgetStatements(connectionName);
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace sotay
