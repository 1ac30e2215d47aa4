// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlite_rows.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <sqlite3.h>

namespace sotay {
namespace {

Error sqliteError(sqlite3* connection)
{
    return Error::storage(QCoreApplication::translate("Storage", "Lỗi cơ sở dữ liệu: %1")
                              .arg(QString::fromUtf8(sqlite3_errmsg(connection))));
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

Result<std::unique_ptr<SqliteRows>> SqliteRows::prepare(
    const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
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
    for (int i = 0; i < values.size(); ++i) {
        const QVariant& value = values.at(i);
        int bound = SQLITE_OK;
        if (value.isNull()) {
            bound = sqlite3_bind_null(prepared, i + 1);
        } else if (value.metaType() == QMetaType::fromType<QString>()) {
            const QString string = value.toString();
            bound = sqlite3_bind_text16(
                prepared, i + 1, string.utf16(), static_cast<int>(string.size() * 2), SQLITE_TRANSIENT);
        } else {
            bound = sqlite3_bind_int64(prepared, i + 1, value.toLongLong());
        }
        if (bound != SQLITE_OK)
            return sqliteError(connection);
    }
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
