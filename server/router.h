// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace sotay::server {

using Handler = std::function<ApiResponse(const ApiRequest&)>;
// Fills request.principal from the Authorization header or throws ApiError::unauthorised.
using Authenticator = std::function<void(ApiRequest&)>;

enum class Access { Public, SignedIn };

// Maps "METHOD /a/{name}/b" to handlers. A path that matches with another method answers 405, none 404.
class Router final {
public:
    void add(
        const QString& method, const QString& pattern, Handler handler, Access access = Access::SignedIn);
    // Fills request.pathParameters, signs the caller in where the route needs it, and returns the response;
    // throws ApiError for 401, 404 and 405.
    ApiResponse dispatch(ApiRequest& request, const Authenticator& authenticate) const;

private:
    struct Route {
        QString method;
        QStringList segments;
        Handler handler;
        Access access;
    };
    QList<Route> m_routes;
};

} // namespace sotay::server
