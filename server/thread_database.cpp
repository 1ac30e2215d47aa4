// SPDX-License-Identifier: GPL-3.0-or-later
#include "thread_database.h"

#include "store/database.h"
#include "store/sql.h"

#include <QThread>

namespace sotay::server {

std::atomic<int> ThreadDatabase::s_instances { 0 };

ThreadDatabase::ThreadDatabase(DatabaseConfig config)
    : m_config(std::move(config))
    , m_prefix(QStringLiteral("sotay-server-%1-").arg(++s_instances))
{
}

Result<QSqlDatabase> ThreadDatabase::forCurrentThread()
{
    const QString name
        = m_prefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                return db;
        }
        sql::forgetStatements(name);
        QSqlDatabase::removeDatabase(name);
    }
    return openDatabase(m_config, name);
}

} // namespace sotay::server
