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
// Whether a POST's answer is kept for repeats of its Idempotency-Key. Never for an answer that must not be
// stored (a temporary password): such a route refuses the header instead.
enum class Replay { Kept, Never };

// Maps "METHOD /a/{name}/b" to handlers. A path that matches with another method answers 405, none 404.
class Router final {
public:
    void add(const QString& method, const QString& pattern, Handler handler, Access access = Access::SignedIn,
        Replay replay = Replay::Kept);
    // Fills request.pathParameters, signs the caller in where the route needs it, and returns the response;
    // throws ApiError for 401, 404 and 405.
    ApiResponse dispatch(ApiRequest& request, const Authenticator& authenticate) const;

private:
    struct Route {
        QString method;
        QStringList segments;
        Handler handler;
        Access access;
        Replay replay;
    };
    QList<Route> m_routes;
};

} // namespace sotay::server
