// SPDX-License-Identifier: GPL-3.0-or-later
#include "user_routes.h"

#include "auth_routes.h"
#include "core/json_reader.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {

void addUserRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/users"), [](const ApiRequest& request) {
        requireRole(request.caller(), { Role::Admin, Role::Officer });
        allowQuery(request, {});
        QJsonArray items;
        for (const auto& user : orThrow(UserRepository(request.db).listInScope(request.caller().scopePath)))
            items.append(userJson(user));
        return ApiResponse::json({ { QStringLiteral("items"), items } });
    });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/users"), [&services](const ApiRequest& request) {
            const Principal& caller = request.caller();
            requireRole(caller, { Role::Admin, Role::Officer });
            JsonReader in(bodyObject(request));
            NewUser user;
            QString password;
            in.required({ "username", "password", "role" });
            in.text("username", user.username, 40);
            in.text("password", password, 200);
            in.code("role", user.role, roleFromCode);
            in.optionalId("scopeOrgId", user.scopeOrgId);
            in.optionalId("memberId", user.memberId);
            if (const QString weakness = PasswordHasher::weakness(password);
                in.has(QStringLiteral("password")) && !weakness.isEmpty())
                in.addError(QStringLiteral("password"), weakness);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);

            if (!isAtMostAsStrong(user.role, caller.user.role))
                throw ApiError::forbidden(QCoreApplication::translate(
                    "ApiError", "Không thể tạo tài khoản có quyền cao hơn quyền của bạn."));
            if (user.role != Role::Member && user.memberId) {
                const QString message = QCoreApplication::translate(
                    "ApiError", "Chỉ tài khoản đảng viên mới gắn với một đảng viên.");
                throw ApiError::badRequest(message, { { QStringLiteral("memberId"), message } });
            }
            if (user.role == Role::Member && user.memberId) {
                // A member's account works in the member's own cell.
                const Member member = visibleMember(request, *user.memberId);
                user.scopeOrgId = member.orgUnitId;
            }
            if (user.scopeOrgId)
                visibleUnit(request, *user.scopeOrgId);
            else if (caller.user.role != Role::Admin)
                user.scopeOrgId = caller.user.scopeOrgId;
            if (user.role == Role::Admin)
                user.scopeOrgId.reset();

            user.passwordHash = orThrow(services.auth.hasher().hash(password));
            const User created
                = orThrow(UserRepository(request.db).create(user, writeContext(request, services)));
            return ApiResponse::json(userJson(created), 201);
        });
}

} // namespace sotay::server
