// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_error.h"
#include "api_request.h"
#include "member/member.h"
#include "org/org_unit.h"
#include "sign_in_throttle.h"
#include "store/write_context.h"

#include <QJsonObject>

#include <initializer_list>

namespace sotay::server {
class RosterCache;
class MemberJsonCache;
class UnitPathCache;
class MonthReportCache;
class MemberContentCache;
} // namespace sotay::server

namespace sotay::server {

// What every handler needs besides its request: the sign-in service and the clock.
struct Services {
    AuthService& auth;
    SignInThrottle& signIns;
    Clock clock;
    RosterCache* rosters = nullptr;              // null when the server keeps nothing between requests
    MemberJsonCache* memberJson = nullptr;       // likewise
    UnitPathCache* unitPaths = nullptr;          // likewise
    MonthReportCache* monthReports = nullptr;    // likewise
    MemberContentCache* memberContent = nullptr; // likewise
};

// The caller's subtree covers `path` (every path for a province administrator).
bool covers(const Principal& principal, const QString& path);

// Throws 403 unless the caller has one of the roles.
void requireRole(const Principal& principal, std::initializer_list<Role> roles);

// The value of a throwing Result, or the matching ApiError.
template <typename T> T orThrow(Result<T> result)
{
    if (!result)
        throw ApiError::fromError(result.error());
    return std::move(result).value();
}
void orThrow(const Status& status);

// {id} from the path as a positive integer; 404 otherwise.
qint64 pathId(const ApiRequest& request, const char* name = "id");
// The body as a JSON object; 400 for invalid UTF-8, invalid JSON or anything but an object.
QJsonObject bodyObject(const ApiRequest& request);
// A query parameter as an integer within [min, max]; 400 naming the parameter otherwise.
int queryInt(const ApiRequest& request, const QString& name, int fallback, int min, int max);
// Refuses query parameters the route does not know, and control characters in the values of those it knows.
void allowQuery(const ApiRequest& request, std::initializer_list<const char*> names);

// The 404 of an object that does not exist or lies outside the caller's scope: the two answer alike.
ApiError notVisible();

// The value of a read, with a record that is missing answered as one out of scope would: 404, the same bytes.
template <typename T> T foundOrNotVisible(Result<T> result)
{
    if (!result) {
        if (result.error().code == ErrorCode::NotFound)
            throw notVisible();
        throw ApiError::fromError(result.error());
    }
    return std::move(*result);
}

// The unit or member if it exists and lies in the caller's scope; 404 (saying nothing more) otherwise.
OrgUnit visibleUnit(const ApiRequest& request, qint64 id);
// The path of a unit the caller may see, with visibleUnit's refusals, without reading the rest of the unit;
// from `paths` when the server keeps them.
QString visibleUnitPath(const ApiRequest& request, qint64 id, UnitPathCache* paths);
Member visibleMember(const ApiRequest& request, qint64 id);
QString unitPath(const ApiRequest& request, qint64 unitId);

// The version a PATCH expects, from If-Match ("3" or "\"3\""); 428 when it is missing.
qint64 expectedVersion(const ApiRequest& request);

WriteContext writeContext(const ApiRequest& request, const Services& services);

} // namespace sotay::server
