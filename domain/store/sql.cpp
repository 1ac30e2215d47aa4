// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include <array>
#include <cstdio>

namespace sotay::sql {
namespace {

Q_LOGGING_CATEGORY(lcSql, "sotay.sql")

QString failureMessage()
{
    return QCoreApplication::translate("Storage", "Lỗi cơ sở dữ liệu, thao tác chưa được thực hiện.");
}

} // namespace

Dialect dialectOf(const QSqlDatabase& db)
{
    return db.driverName() == u"QPSQL" ? Dialect::Postgres : Dialect::Sqlite;
}

QVariant date(QDate value)
{
    return value.isValid() ? QVariant(value.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

QVariant timestamp(const QDateTime& value)
{
    if (!value.isValid())
        return QVariant(QMetaType::fromType<QString>());
    const QDateTime utc = value.toUTC();
    const QDate day = utc.date();
    if (day.year() < 1 || day.year() > 9999)
        return QVariant(utc.toString(Qt::ISODateWithMs));
    // Qt::ISODateWithMs, written directly: the general formatter is a good part of a bulk write's time.
    const QTime time = utc.time();
    std::array<char, 32> text {};
    const int length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
        day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second(), time.msec());
    return QVariant(QString::fromLatin1(text.data(), length));
}

QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant optionalId(std::optional<qint64> id)
{
    return id ? QVariant(*id) : QVariant(QMetaType::fromType<qlonglong>());
}

QDate toDate(const QVariant& value)
{
    if (value.isNull())
        return {};
    if (value.metaType() == QMetaType::fromType<QDate>())
        return value.toDate();
    // "yyyy-MM-dd" read by hand: QDate::fromString costs ten times more, and rosters read thousands of dates.
    const QString text = value.toString();
    if (text.size() < 10 || text[4] != u'-' || text[7] != u'-')
        return {};
    int parts[3] = { 0, 0, 0 };
    const int starts[3] = { 0, 5, 8 };
    const int lengths[3] = { 4, 2, 2 };
    for (int p = 0; p < 3; ++p)
        for (int i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9')
                return {};
            parts[p] = parts[p] * 10 + (c - u'0');
        }
    return QDate(parts[0], parts[1], parts[2]); // invalid when the day or month is impossible
}

std::optional<qint64> toOptionalId(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString placeholders(qsizetype count)
{
    return QStringList(count, QStringLiteral("?")).join(u',');
}

QVariantList idValues(const QList<qint64>& ids)
{
    QVariantList values;
    values.reserve(ids.size());
    for (const qint64 id : ids)
        values << id;
    return values;
}

QString loggableError(const QSqlError& error)
{
    // PostgreSQL's DETAIL, HINT and CONTEXT lines can hold a whole row ("Failing row contains (...)", "Key
    // (citizen_id)=(...)"); only the first line of the message is kept.
    QString message = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    message = message.section(u'\n', 0, 0).trimmed();
    // The first line may quote a value ("invalid input syntax for type bigint: \"...\""): quoted text is
    // kept only when it is a lower-case SQL name, as the schema's tables, columns and constraints are.
    static const QRegularExpression quoted(QStringLiteral("\"([^\"]*)\"|'([^']*)'"));
    static const QRegularExpression sqlName(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    QString kept;
    qsizetype from = 0;
    for (auto it = quoted.globalMatch(message); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString inside = match.captured(1).isNull() ? match.captured(2) : match.captured(1);
        kept += message.mid(from, match.capturedStart() - from);
        kept += sqlName.match(inside).hasMatch() ? match.captured() : QStringLiteral("\"…\"");
        from = match.capturedEnd();
    }
    kept += message.mid(from);
    const QString code = error.nativeErrorCode();
    return code.isEmpty() ? kept : QStringLiteral("[%1] %2").arg(code, kept);
}

Error storageError(const QSqlQuery& query)
{
    qCWarning(lcSql).noquote() << "query failed:" << loggableError(query.lastError()) << "|"
                               << query.lastQuery();
    return Error::storage(failureMessage());
}

Error storageError(const QSqlDatabase& db)
{
    qCWarning(lcSql).noquote() << "database failed:" << loggableError(db.lastError());
    return Error::storage(failureMessage());
}

Error storageError(const QString& detail)
{
    qCWarning(lcSql) << "database failed:" << detail;
    return Error::storage(failureMessage());
}

Result<QSqlQuery> exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // PostgreSQL cannot PREPARE a statement such as CREATE TABLE: run those directly.
    if (values.isEmpty()) {
        if (!query.exec(statement))
            return storageError(query);
        return query;
    }
    if (!query.prepare(statement))
        return storageError(query);
    for (const auto& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return storageError(query);
    return query;
}

namespace {

// Prepared statements per connection name, then per text; connections belong to one thread each. A bound
// on the count keeps statements built from varying filters from piling up.
thread_local QHash<QString, QHash<QString, std::shared_ptr<QSqlQuery>>> t_statements;
constexpr qsizetype kMaxStatementsPerConnection = 64;

} // namespace

Result<CachedQuery> execCached(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    auto& statements = t_statements[db.connectionName()];
    std::shared_ptr<QSqlQuery> query = statements.value(statement);
    if (!query || query->driver() != db.driver()) {
        if (statements.size() >= kMaxStatementsPerConnection)
            statements.clear();
        query = std::make_shared<QSqlQuery>(db);
        query->setForwardOnly(true);
        if (!query->prepare(statement))
            return storageError(*query);
        statements.insert(statement, query);
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        query->bindValue(static_cast<int>(i), values[i]);
    if (!query->exec())
        return storageError(*query);
    return CachedQuery(std::move(query));
}

void forgetStatements(const QString& connectionName)
{
    t_statements.remove(connectionName);
}

namespace {

// Open transactions per connection name; connections belong to one thread each.
thread_local QHash<QString, int> t_depth;

} // namespace

Transaction::Transaction(const QSqlDatabase& db)
    : m_db(db)
{
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    QSqlQuery query(m_db);
    query.exec(m_depth == 1 ? QStringLiteral("ROLLBACK")
                            : QStringLiteral("ROLLBACK TO SAVEPOINT sotay_%1").arg(m_depth));
    if (m_depth > 1)
        query.exec(QStringLiteral("RELEASE SAVEPOINT sotay_%1").arg(m_depth));
    --t_depth[m_db.connectionName()];
}

Status Transaction::begin()
{
    int& depth = t_depth[m_db.connectionName()];
    QString statement;
    if (depth > 0)
        statement = QStringLiteral("SAVEPOINT sotay_%1").arg(depth + 1);
    else
        statement = dialectOf(m_db) == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                       : QStringLiteral("BEGIN");
    QSqlQuery query(m_db);
    if (!query.exec(statement))
        return storageError(query);
    m_depth = ++depth;
    m_open = true;
    return success();
}

Status Transaction::commit()
{
    QSqlQuery query(m_db);
    const QString statement
        = m_depth == 1 ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE SAVEPOINT sotay_%1").arg(m_depth);
    if (!query.exec(statement))
        return storageError(query);
    m_open = false;
    --t_depth[m_db.connectionName()];
    return success();
}

} // namespace sotay::sql
