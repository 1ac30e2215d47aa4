// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth_routes.h"

#include "core/json_reader.h"

#include <QCoreApplication>

namespace sotay::server {

QJsonObject userJson(const User& user)
{
    return { { QStringLiteral("id"), user.id }, { QStringLiteral("username"), user.username },
        { QStringLiteral("role"), toCode(user.role) },
        { QStringLiteral("scopeOrgId"), user.scopeOrgId ? QJsonValue(*user.scopeOrgId) : QJsonValue() },
        { QStringLiteral("memberId"), user.memberId ? QJsonValue(*user.memberId) : QJsonValue() },
        { QStringLiteral("version"), user.version } };
}

void addAuthRoutes(Router& router, Services& services)
{
    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/auth/login"),
        [&services](const ApiRequest& request) {
            JsonReader in(bodyObject(request));
            QString username;
            QString password;
            in.required({ "username", "password" });
            in.text("username", username, 60);
            in.text("password", password, 200);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            auto signedIn = services.auth.signIn(request.db, username, password);
            if (!signedIn) {
                if (signedIn.error().code == ErrorCode::Invalid)
                    throw ApiError::unauthorised(signedIn.error().message);
                if (signedIn.error().code == ErrorCode::Io)
                    throw ApiError::unavailable(signedIn.error().message);
                throw ApiError::fromError(signedIn.error());
            }
            return ApiResponse::json({ { QStringLiteral("token"), signedIn->token },
                { QStringLiteral("expiresAt"), signedIn->expiresAt.toUTC().toString(Qt::ISODate) },
                { QStringLiteral("user"), userJson(signedIn->user) } });
        },
        Access::Public);

    router.add(QStringLiteral("POST"), QStringLiteral("/api/v1/auth/logout"),
        [&services](const ApiRequest& request) {
            orThrow(services.auth.signOut(request.db, request.caller()));
            return ApiResponse { 204, {}, {}, {} };
        });

    router.add(QStringLiteral("POST"), QStringLiteral("/api/v1/auth/password"),
        [&services](const ApiRequest& request) {
            JsonReader in(bodyObject(request));
            QString current;
            QString next;
            in.required({ "currentPassword", "newPassword" });
            in.text("currentPassword", current, 200);
            in.text("newPassword", next, 200);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            orThrow(services.auth.changePassword(request.db, request.caller(), current, next));
            return ApiResponse { 204, {}, {}, {} };
        });
}

} // namespace sotay::server
