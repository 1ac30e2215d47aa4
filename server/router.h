// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace sotay::server {

using Handler = std::function<ApiResponse(const ApiRequest&)>;

// Maps "METHOD /a/{name}/b" to handlers. A path that matches with another method answers 405, none 404.
class Router final {
public:
    void add(const QString& method, const QString& pattern, Handler handler);
    // Fills request.pathParameters and returns the response; throws ApiError for 404 and 405.
    ApiResponse dispatch(ApiRequest& request) const;

private:
    struct Route {
        QString method;
        QStringList segments;
        Handler handler;
    };
    QList<Route> m_routes;
};

} // namespace sotay::server
