// SPDX-License-Identifier: GPL-3.0-or-later
#include "user_routes.h"

#include "account_access.h"
#include "core/json_reader.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sotay::server {
namespace {

// The cursor of the next page: the last user name of this one, opaque to clients (base64url).
QString cursorOf(const QString& username)
{
    return QString::fromLatin1(
        username.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString usernameOfCursor(const QString& cursor)
{
    if (cursor.isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    const QString username = QString::fromUtf8(decoded.decoded);
    if (!decoded || decoded.decoded.isEmpty() || cursorOf(username) != cursor) {
        const QString message = QCoreApplication::translate(
            "ApiError", "Con trỏ trang không hợp lệ. Hãy tải lại từ trang đầu.");
        throw ApiError::badRequest(message, { { QStringLiteral("after"), message } });
    }
    return username;
}

AccountQuery accountQuery(const ApiRequest& request)
{
    allowQuery(request, { "q", "role", "state", "after", "limit" });
    AccountQuery query;
    QList<FieldError> errors;
    if (request.query.hasQueryItem(QStringLiteral("role"))) {
        query.role = roleFromCode(request.query.queryItemValue(QStringLiteral("role")));
        if (!query.role)
            errors.append({ QStringLiteral("role"),
                QCoreApplication::translate(
                    "ApiError", "Vai trò phải là admin, officer, secretary hoặc member.") });
    }
    if (request.query.hasQueryItem(QStringLiteral("state"))) {
        const QString state = request.query.queryItemValue(QStringLiteral("state"));
        if (state == u"active")
            query.state = AccountState::Active;
        else if (state == u"disabled")
            query.state = AccountState::Disabled;
        else
            errors.append({ QStringLiteral("state"),
                QCoreApplication::translate("ApiError", "Trạng thái phải là active hoặc disabled.") });
    }
    if (!errors.isEmpty())
        throw ApiError::badRequest(errors.front().message, errors);
    query.limit = queryInt(request, QStringLiteral("limit"), 50, 1, 200);
    query.text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    query.after = usernameOfCursor(request.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded));
    query.scopePath = request.caller().scopePath; // empty for an administrator: every account
    return query;
}

} // namespace

void addUserRoutes(Router& router, Services& services)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/users"), [](const ApiRequest& request) {
        requireRole(request.caller(), { Role::Admin, Role::Officer });
        const AccountPage page = orThrow(AccountRepository(request.db).list(accountQuery(request)));
        QJsonArray items;
        for (const auto& account : page.accounts)
            items.append(accountJson(account));
        return ApiResponse::json({ { QStringLiteral("items"), items },
            { QStringLiteral("next"),
                page.next.isEmpty() ? QJsonValue() : QJsonValue(cursorOf(page.next)) } });
    });

    // In two steps: the password is hashed before the write transaction, which would otherwise hold the
    // database's write lock for the whole Argon2id hashing while the request carries an Idempotency-Key.
    router.addPrepared(
        QStringLiteral("POST"), QStringLiteral("/api/v1/users"),
        [&services](const ApiRequest& request) {
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
            // Members make their own accounts, with a code their committee issues
            // (handbook_account_routes.h).
            if (user.role == Role::Member) {
                const QString message = QCoreApplication::translate("ApiError",
                    "Tài khoản đảng viên được tạo khi đảng viên kích hoạt Sổ tay bằng mã kích hoạt do cấp ủy "
                    "cấp, "
                    "không tạo ở đây.");
                throw ApiError::badRequest(message, { { QStringLiteral("role"), message } });
            }
            if (user.role == Role::Admin && user.memberId) {
                const QString message = QCoreApplication::translate("ApiError",
                    "Chỉ tài khoản cán bộ hoặc bí thư mới gắn được với hồ sơ đảng viên của người dùng.");
                throw ApiError::badRequest(message, { { QStringLiteral("memberId"), message } });
            }
            // A staff account linked to its holder's own member record: the same sign-in studies and attends
            // as a member.
            if (user.memberId)
                visibleMember(request, *user.memberId);
            if (user.scopeOrgId)
                visibleUnit(request, *user.scopeOrgId);
            else if (caller.user.role != Role::Admin)
                user.scopeOrgId = caller.user.scopeOrgId;
            if (user.role == Role::Admin)
                user.scopeOrgId.reset();

            user.passwordHash = orThrow(services.auth.hasher().hash(password));
            return Write([&services, &request, user] {
                // User names are unique in the whole province, so "this name is taken" may concern an account
                // outside the caller's scope; the answer says no more than that (docs/security.md).
                const User created
                    = orThrow(UserRepository(request.db).create(user, writeContext(request, services)));
                return ApiResponse::json(
                    accountJson(orThrow(AccountRepository(request.db).find(created.id))), 201);
            });
        },
        // Replayed only to a caller who may still manage the account it created.
        Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
            managedAccount(request, answer.value(QStringLiteral("id")).toInteger());
        }));
}

} // namespace sotay::server
