// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace sotay::server {

using Handler = std::function<ApiResponse(const ApiRequest&)>;
// The part of a request that writes: it runs inside the transaction that also keeps its answer for replays.
using Write = std::function<ApiResponse()>;
// A handler in two steps: the first reads and checks the request and does the slow work that needs no
// database lock (hashing a password), then returns the write.
using PreparedHandler = std::function<Write(const ApiRequest&)>;
// Fills request.principal from the Authorization header or throws ApiError::unauthorised.
using Authenticator = std::function<void(ApiRequest&)>;
// Run before a kept answer is replayed: throws as a fresh request would when the caller may no longer make it
// or see what the answer carries (the account's role or scope changed, or the record left that scope).
using ReplayCheck = std::function<void(const ApiRequest&, const QJsonObject& answer)>;

enum class Access { Public, SignedIn };

// What a repeat of a POST's or PATCH's Idempotency-Key gets. Every signed-in POST route says which; a PATCH
// that says none (and every other method) ignores the header.
class Replay final {
public:
    // The answer is kept, and replayed after `check` passes.
    static Replay kept(ReplayCheck check) { return Replay(true, std::move(check)); }
    // The answer is kept and carries no record (a 204): the sign-in of the repeat is check enough.
    static Replay keptEmpty() { return Replay(true, {}); }
    // The answer must not be stored (a temporary password) or could never be replayed (the request ends the
    // session that would repeat it): the route refuses the header.
    static Replay never() { return Replay(false, {}); }

    bool isKept() const { return m_kept; }
    const ReplayCheck& check() const { return m_check; }

private:
    Replay(bool kept, ReplayCheck check)
        : m_kept(kept)
        , m_check(std::move(check))
    {
    }
    bool m_kept;
    ReplayCheck m_check;
};

// Maps "METHOD /a/{name}/b" to handlers. A path that matches with another method answers 405, none 404.
class Router final {
public:
    // A signed-in POST must say how its Idempotency-Key is replayed; std::logic_error otherwise.
    void add(const QString& method, const QString& pattern, Handler handler, Access access = Access::SignedIn,
        std::optional<Replay> replay = std::nullopt);
    void addPrepared(const QString& method, const QString& pattern, PreparedHandler handler, Replay replay);
    // Fills request.pathParameters, signs the caller in where the route needs it, and returns the response;
    // throws ApiError for 401, 404 and 405.
    ApiResponse dispatch(ApiRequest& request, const Authenticator& authenticate) const;
    // Every route as "METHOD /pattern/{name}", in the order added (the API document is checked against it).
    QStringList routes() const;

private:
    struct Route {
        QString method;
        QStringList segments;
        Handler handler; // or, for a route in two steps, `prepared`
        PreparedHandler prepared;
        Access access;
        std::optional<Replay> replay;
    };
    static ApiResponse run(const Route& route, const ApiRequest& request);

    QList<Route> m_routes;
};

} // namespace sotay::server
