// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlite_rows.h"

#include "store/sql.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <atomic>
#include <sqlite3.h>

namespace sotay {
namespace {

std::atomic<bool> g_enabled { SOTAY_DIRECT_SQLITE != 0 };

Error sqliteError(sqlite3* connection)
{
    return sql::storageError(QString::fromUtf8(sqlite3_errmsg(connection)));
}

int bind(sqlite3_stmt* statement, int index, const QVariant& value)
{
    switch (value.metaType().id()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return sqlite3_bind_null(statement, index);
    case QMetaType::QString: {
        const QString text = value.toString();
        if (text.isNull())
            return sqlite3_bind_null(statement, index); // as Qt SQL binds a null QString
        return sqlite3_bind_text16(
            statement, index, text.utf16(), static_cast<int>(text.size() * 2), SQLITE_TRANSIENT);
    }
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return value.isNull() ? sqlite3_bind_null(statement, index)
                              : sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(statement, index, value.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob(
            statement, index, bytes.constData(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    }
    default:
        return SQLITE_MISMATCH; // a value this reader does not bind (a date is bound as its ISO text)
    }
}

int digits(const unsigned char* text, int from, int count)
{
    int value = 0;
    for (int i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

void SqliteRows::setEnabled(bool enabled)
{
    g_enabled = enabled && SOTAY_DIRECT_SQLITE != 0;
}

Result<std::unique_ptr<SqliteRows>> SqliteRows::prepare(
    const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    if (!g_enabled)
        return std::unique_ptr<SqliteRows>();
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return std::unique_ptr<SqliteRows>();
    sqlite3* connection = *static_cast<sqlite3* const*>(handle.constData());
    if (!connection)
        return std::unique_ptr<SqliteRows>();
    sqlite3_stmt* prepared = nullptr;
    const QByteArray text = statement.toUtf8();
    if (sqlite3_prepare_v2(connection, text.constData(), static_cast<int>(text.size()), &prepared, nullptr)
        != SQLITE_OK)
        return sqliteError(connection);
    std::unique_ptr<SqliteRows> rows(new SqliteRows(prepared));
    for (int i = 0; i < values.size(); ++i)
        if (bind(prepared, i + 1, values.at(i)) != SQLITE_OK)
            return sql::storageError(QStringLiteral("cannot bind value %1 of %2").arg(i + 1).arg(statement));
    return rows;
}

SqliteRows::SqliteRows(sqlite3_stmt* statement)
    : m_statement(statement)
{
}

SqliteRows::~SqliteRows()
{
    sqlite3_finalize(m_statement);
}

Result<bool> SqliteRows::next()
{
    const int stepped = sqlite3_step(m_statement);
    if (stepped == SQLITE_ROW)
        return true;
    if (stepped == SQLITE_DONE)
        return false;
    return sqliteError(sqlite3_db_handle(m_statement));
}

Status SqliteRows::runAgain(const QVariantList& values)
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    for (int i = 0; i < values.size(); ++i)
        if (bind(m_statement, i + 1, values.at(i)) != SQLITE_OK)
            return sql::storageError(QStringLiteral("cannot bind value %1").arg(i + 1));
    int stepped = SQLITE_ROW;
    while (stepped == SQLITE_ROW)
        stepped = sqlite3_step(m_statement);
    const Status done
        = stepped == SQLITE_DONE ? success() : Status(sqliteError(sqlite3_db_handle(m_statement)));
    sqlite3_reset(m_statement);
    return done;
}

qint64 SqliteRows::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqliteRows::text(int column) const
{
    const void* characters = sqlite3_column_text16(m_statement, column);
    if (!characters)
        return {};
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return QString(static_cast<const QChar*>(characters), bytes / 2);
}

QStringView SqliteRows::textView(int column) const
{
    const void* characters = sqlite3_column_text16(m_statement, column);
    if (!characters)
        return {};
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return { static_cast<const QChar*>(characters), bytes / 2 };
}

QDate SqliteRows::date(int column) const
{
    if (sqlite3_column_type(m_statement, column) != SQLITE_TEXT)
        return {};
    const unsigned char* text = sqlite3_column_text(m_statement, column);
    if (sqlite3_column_bytes(m_statement, column) < 10 || text[4] != '-' || text[7] != '-')
        return {};
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return {};
    return QDate(year, month, day);
}

} // namespace sotay
