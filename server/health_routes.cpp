// SPDX-License-Identifier: GPL-3.0-or-later
#include "health_routes.h"

#include "api_error.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sotay::server {

void addHealthRoutes(Router& router)
{
    router.add(
        QStringLiteral("GET"), QStringLiteral("/healthz"),
        [](const ApiRequest& request) {
            if (!sql::exec(request.db, QStringLiteral("SELECT 1")))
                throw ApiError::unavailable(
                    QCoreApplication::translate("ApiError", "Cơ sở dữ liệu không trả lời."));
            return ApiResponse::json({ { QStringLiteral("status"), QStringLiteral("ok") },
                { QStringLiteral("version"), QStringLiteral(SOTAY_VERSION) } });
        },
        Access::Public);
}

} // namespace sotay::server
