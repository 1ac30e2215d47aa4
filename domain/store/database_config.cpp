// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database_config.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace sotay {

DatabaseConfig DatabaseConfig::sqlite(const QString& path, bool synchronousFull)
{
    DatabaseConfig config;
    config.dialect = Dialect::Sqlite;
    config.sqlitePath = path;
    config.synchronousFull = synchronousFull;
    return config;
}

Result<DatabaseConfig> DatabaseConfig::fromPostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres"))
        return Error::invalid(QCoreApplication::translate("DatabaseConfig",
            "Địa chỉ cơ sở dữ liệu phải có dạng postgresql://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL."));
    DatabaseConfig config;
    config.dialect = Dialect::Postgres;
    config.host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    config.port = url.port(5432);
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    config.database = url.path(QUrl::FullyDecoded).mid(1);
    config.schema = QUrlQuery(url).queryItemValue(QStringLiteral("schema"), QUrl::FullyDecoded);
    if (config.database.isEmpty())
        return Error::invalid(
            QCoreApplication::translate("DatabaseConfig", "Địa chỉ cơ sở dữ liệu thiếu tên cơ sở dữ liệu."));
    return config;
}

QString DatabaseConfig::describe() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host, QString::number(port), database);
}

} // namespace sotay
