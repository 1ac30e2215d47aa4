// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/migrator.h"

#include "store/sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlQuery>

namespace sotay {
namespace {

QString migrationFolder(Dialect dialect)
{
    return dialect == Dialect::Postgres ? QStringLiteral(":/sotay/migrations/postgresql")
                                        : QStringLiteral(":/sotay/migrations/sqlite");
}

struct Migration {
    int version = 0;
    QString path;
};

QList<Migration> migrationsFor(Dialect dialect)
{
    QList<Migration> migrations;
    const QDir folder(migrationFolder(dialect));
    for (const auto& name : folder.entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name)) {
        bool ok = false;
        const int version = name.section(u'_', 0, 0).toInt(&ok);
        if (ok)
            migrations.append({ version, folder.filePath(name) });
    }
    return migrations;
}

Status ensureVersionTable(const QSqlDatabase& db)
{
    const auto created = sql::exec(db,
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migration ("
                       "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    if (!created)
        return created.error();
    return success();
}

Status apply(const QSqlDatabase& db, const Migration& migration)
{
    QFile file(migration.path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::storage(
            QCoreApplication::translate("Storage", "Không đọc được tệp nâng cấp %1.").arg(migration.path));
    const QString script = QString::fromUtf8(file.readAll());

    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    for (const auto& statement : splitSqlScript(script)) {
        if (const auto done = sql::exec(db, statement); !done)
            return done.error();
    }
    const auto recorded
        = sql::exec(db, QStringLiteral("INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)"),
            { migration.version, sql::timestamp(QDateTime::currentDateTimeUtc()) });
    if (!recorded)
        return recorded.error();
    return transaction.commit();
}

} // namespace

QStringList splitSqlScript(const QString& script)
{
    QStringList statements;
    QString current;
    for (const auto& rawLine : script.split(u'\n')) {
        const QString line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(QStringLiteral("--")))
            continue;
        current += rawLine + u'\n';
        if (line.endsWith(u';')) {
            current = current.trimmed();
            current.chop(1);
            statements.append(current);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

int latestSchemaVersion()
{
    const auto migrations = migrationsFor(Dialect::Sqlite);
    return migrations.isEmpty() ? 0 : migrations.back().version;
}

Result<int> schemaVersion(const QSqlDatabase& db)
{
    if (const Status ready = ensureVersionTable(db); !ready)
        return ready.error();
    auto query = sql::exec(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migration"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toInt() : 0;
}

Status migrate(const QSqlDatabase& db)
{
    const auto current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current > latestSchemaVersion())
        return Error::storage(QCoreApplication::translate("Storage",
            "Cơ sở dữ liệu ở phiên bản %1, mới hơn phiên bản %2 mà chương trình này biết. Hãy cập nhật "
            "chương trình.")
                                  .arg(*current)
                                  .arg(latestSchemaVersion()));
    for (const auto& migration : migrationsFor(sql::dialectOf(db))) {
        if (migration.version <= *current)
            continue;
        if (const Status applied = apply(db, migration); !applied)
            return applied;
    }
    return success();
}

} // namespace sotay
