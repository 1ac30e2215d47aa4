// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/store_counters.h"

#include "store/sql.h"

namespace sotay {

Result<StoreCounters> readStoreCounters(const QSqlDatabase& db)
{
    auto query = sql::execCached(db,
        QStringLiteral("SELECT (SELECT last_seq FROM change_counter WHERE id = 1), "
                       "(SELECT generation FROM auth_generation WHERE id = 1) + "
                       "(SELECT generation FROM member_scope_generation WHERE id = 1), "
                       "(SELECT generation FROM content_generation WHERE id = 1)"),
        {});
    if (!query)
        return query.error();
    if (!query->next())
        return StoreCounters {};
    return StoreCounters { query->value(0).toLongLong(), query->value(1).toLongLong(),
        query->value(2).toLongLong() };
}

} // namespace sotay
