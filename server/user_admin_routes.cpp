// SPDX-License-Identifier: GPL-3.0-or-later
#include "user_admin_routes.h"

#include "account_access.h"
#include "core/json_reader.h"
#include "temporary_password.h"

#include <QCoreApplication>

namespace sotay::server {
namespace {

// The account in the path, if the caller manages it (403 for roles that manage none, 404 otherwise).
Account target(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer });
    return managedAccount(request, pathId(request));
}

ApiError refusedField(int status, const char* field, const QString& message)
{
    return ApiError(status, status == 403 ? QStringLiteral("forbidden") : QStringLiteral("bad_request"),
        message, { { QString::fromLatin1(field), message } });
}

// The change a PATCH asks for, checked against the caller's own role and scope.
AccountChange readChange(const ApiRequest& request, const Account& account)
{
    const Principal& caller = request.caller();
    JsonReader in(bodyObject(request));
    in.ignore({ "id", "username", "memberId", "scopeOrgName", "memberName", "disabledAt",
        "mustChangePassword", "createdAt", "passwordChangedAt", "version" });
    Role role = account.user.role;
    std::optional<qint64> scopeOrgId;
    bool disabled = false;
    in.code("role", role, roleFromCode);
    in.optionalId("scopeOrgId", scopeOrgId);
    in.boolean("disabled", disabled);
    if (auto errors = in.finish(); !errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);

    AccountChange change;
    const bool self = account.user.id == caller.user.id;
    if (in.has(QStringLiteral("role")) && role != account.user.role) {
        if (self)
            throw refusedField(403, "role",
                QCoreApplication::translate("ApiError", "Bạn không thể tự đổi vai trò của mình."));
        if (!isAtMostAsStrong(role, caller.user.role))
            throw refusedField(403, "role",
                QCoreApplication::translate("ApiError", "Không thể trao quyền cao hơn quyền của bạn."));
        if (role == Role::Member || account.user.role == Role::Member)
            throw refusedField(400, "role",
                QCoreApplication::translate("ApiError",
                    "Tài khoản đảng viên gắn với một đảng viên: không đổi được sang vai trò khác hay ngược "
                    "lại. "
                    "Hãy tạo tài khoản mới."));
        change.role = role;
    }
    if (in.has(QStringLiteral("scopeOrgId")) && scopeOrgId != account.unitId) {
        if (self)
            throw refusedField(403, "scopeOrgId",
                QCoreApplication::translate("ApiError", "Bạn không thể tự đổi phạm vi làm việc của mình."));
        if (account.user.role == Role::Member)
            throw refusedField(400, "scopeOrgId",
                QCoreApplication::translate("ApiError",
                    "Tài khoản đảng viên làm việc ở chi bộ của đảng viên đó; phạm vi đi theo đảng viên."));
        if (role == Role::Admin && scopeOrgId)
            throw refusedField(400, "scopeOrgId",
                QCoreApplication::translate("ApiError",
                    "Tài khoản quản trị làm việc trên toàn tỉnh, không gắn với tổ chức đảng nào."));
        if (scopeOrgId)
            visibleUnit(request, *scopeOrgId); // inside the caller's own scope, or 404
        change.scopeOrgId = scopeOrgId;
    }
    if (in.has(QStringLiteral("disabled")) && disabled != account.user.disabled()) {
        if (self && disabled)
            throw refusedField(403, "disabled",
                QCoreApplication::translate("ApiError", "Bạn không thể tự khóa tài khoản của mình."));
        change.disabled = disabled;
    }
    return change;
}

// A stale version answers 412 with the account as it is now; the last administrator 409 naming the field.
User orStale(const ApiRequest& request, Result<User> result, qint64 id)
{
    if (!result && result.error().code == ErrorCode::Conflict) {
        if (!result.error().fields.isEmpty())
            throw ApiError(409, QStringLiteral("conflict"), result.error().message, result.error().fields);
        // Only an account the caller still manages is shown; one moved out of reach answers as such.
        const Account current = managedAccount(request, id);
        throw ApiError::preconditionFailed(result.error().message)
            .with(QStringLiteral("currentVersion"), current.user.version)
            .with(QStringLiteral("current"), accountJson(current));
    }
    return orThrow(std::move(result));
}

QJsonObject reread(const ApiRequest& request, qint64 id)
{
    return accountJson(orThrow(AccountRepository(request.db).find(id)));
}

} // namespace

void addUserAdminRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/users/{id}"), [](const ApiRequest& request) {
        const Account account = target(request);
        allowQuery(request, {});
        return ApiResponse::json(accountJson(account));
    });

    router.add(
        QStringLiteral("PATCH"), QStringLiteral("/api/v1/users/{id}"),
        [&services](const ApiRequest& request) {
            const Account account = target(request);
            const qint64 version = expectedVersion(request);
            const AccountChange change = readChange(request, account);
            const User updated = orStale(request,
                AccountRepository(request.db)
                    .update(account.user.id, change, version, writeContext(request, services)),
                account.user.id);
            return ApiResponse::json(reread(request, updated.id));
        },
        // Replayed only to a caller who still manages the account.
        Access::SignedIn, Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
            managedAccount(request, answer.value(QStringLiteral("id")).toInteger());
        }));

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/users/{id}/password-reset"),
        [&services](const ApiRequest& request) {
            const Account account = target(request);
            if (account.user.id == request.caller().user.id)
                throw ApiError::forbidden(QCoreApplication::translate("ApiError",
                    "Không cấp mật khẩu tạm thời cho chính mình: hãy dùng chức năng đổi mật khẩu."));
            if (!request.body.trimmed().isEmpty() && !bodyObject(request).isEmpty())
                throw ApiError::badRequest(
                    QCoreApplication::translate("ApiError", "Yêu cầu này không nhận nội dung."));
            // Shown once, in this answer; only its hash is stored, and the answer is never kept for replay.
            const QString temporary = generateTemporaryPassword();
            const QString hash = orThrow(services.auth.hasher().hash(temporary));
            const User updated
                = orThrow(AccountRepository(request.db)
                              .setTemporaryPassword(account.user.id, hash, writeContext(request, services)));
            return ApiResponse::json({ { QStringLiteral("temporaryPassword"), temporary },
                { QStringLiteral("user"), reread(request, updated.id) } });
        },
        Access::SignedIn, Replay::never());

    router.add(QStringLiteral("DELETE"), QStringLiteral("/api/v1/users/{id}/sessions"),
        [&services](const ApiRequest& request) {
            const Account account = target(request);
            orThrow(AccountRepository(request.db)
                        .revokeSessions(account.user.id, writeContext(request, services)));
            return ApiResponse { 204, {}, {}, {} };
        });

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/users/{id}/unlock"),
        [&services](const ApiRequest& request) {
            const Account account = target(request);
            if (!request.body.trimmed().isEmpty() && !bodyObject(request).isEmpty())
                throw ApiError::badRequest(
                    QCoreApplication::translate("ApiError", "Yêu cầu này không nhận nội dung."));
            orThrow(
                AccountRepository(request.db).recordUnlock(account.user.id, writeContext(request, services)));
            services.signIns.forgetAccount(SignInThrottle::accountKey(account.user.username));
            return ApiResponse { 204, {}, {}, {} };
        },
        Access::SignedIn, Replay::keptEmpty());
}

} // namespace sotay::server
