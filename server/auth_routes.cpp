// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth_routes.h"

#include "core/json_reader.h"

#include <QCoreApplication>
#include <QScopeGuard>

#include <algorithm>

namespace sotay::server {
namespace {

ApiError throttled(const SignInThrottle::Refused& refused)
{
    const int minutes = std::max(1, (refused.retryAfterSeconds + 59) / 60);
    switch (refused.reason) {
    case SignInThrottle::Refusal::Busy:
        return ApiError::tooManyRequests(QStringLiteral("busy"),
            QCoreApplication::translate(
                "AuthService", "Máy chủ đang nhận quá nhiều yêu cầu đăng nhập. Xin thử lại sau ít giây."),
            refused.retryAfterSeconds);
    case SignInThrottle::Refusal::AddressPaused:
        return ApiError::tooManyRequests(QStringLiteral("too_many_attempts"),
            QCoreApplication::translate("AuthService",
                "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Xin thử lại sau %n phút.", nullptr,
                minutes),
            refused.retryAfterSeconds);
    case SignInThrottle::Refusal::AccountPaused:
        break;
    }
    return ApiError::tooManyRequests(QStringLiteral("too_many_attempts"),
        QCoreApplication::translate("AuthService",
            "Tài khoản này đã bị đăng nhập sai nhiều lần. Xin thử lại sau %n phút.", nullptr, minutes),
        refused.retryAfterSeconds);
}

} // namespace

QJsonObject userJson(const User& user)
{
    return { { QStringLiteral("id"), user.id }, { QStringLiteral("username"), user.username },
        { QStringLiteral("role"), toCode(user.role) },
        { QStringLiteral("scopeOrgId"), user.scopeOrgId ? QJsonValue(*user.scopeOrgId) : QJsonValue() },
        { QStringLiteral("memberId"), user.memberId ? QJsonValue(*user.memberId) : QJsonValue() },
        { QStringLiteral("disabled"), user.disabled() },
        { QStringLiteral("mustChangePassword"), user.mustChangePassword },
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
            // Counted before the password is checked; settled whatever happens after.
            const QString account = SignInThrottle::accountKey(username);
            if (const auto refused = services.signIns.admit(request.clientAddress, account, services.clock()))
                throw throttled(*refused);
            auto outcome = SignInThrottle::Outcome::Abandoned;
            const auto settle = qScopeGuard(
                [&] { services.signIns.settle(request.clientAddress, account, outcome, services.clock()); });
            auto signedIn = services.auth.signIn(request.db, username, password);
            if (signedIn)
                outcome = SignInThrottle::Outcome::Succeeded;
            else if (signedIn.error().code == ErrorCode::Invalid)
                outcome = SignInThrottle::Outcome::Failed;
            if (!signedIn) {
                if (signedIn.error().code == ErrorCode::Invalid)
                    throw ApiError::unauthorised(signedIn.error().message);
                if (signedIn.error().code == ErrorCode::Io)
                    throw ApiError::unavailable(signedIn.error().message);
                throw ApiError::fromError(signedIn.error());
            }
            return ApiResponse::json({ { QStringLiteral("token"), signedIn->token },
                { QStringLiteral("expiresAt"), signedIn->expiresAt.toUTC().toString(Qt::ISODate) },
                // true: this session may only change the password (POST /api/v1/auth/password) or sign out
                { QStringLiteral("mustChangePassword"), signedIn->user.mustChangePassword },
                { QStringLiteral("user"), userJson(signedIn->user) } });
        },
        Access::Public);

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/auth/logout"),
        [&services](const ApiRequest& request) {
            orThrow(services.auth.signOut(request.db, request.caller()));
            return ApiResponse { 204, {}, {}, {} };
        },
        Access::SignedIn, Replay::keptEmpty());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/auth/password"),
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
        },
        // The change ends every session of the account, the one that would repeat it too, so no repeat
        // could be answered; a kept request would only hold the write lock while the password is hashed.
        Access::SignedIn, Replay::never());
}

} // namespace sotay::server
