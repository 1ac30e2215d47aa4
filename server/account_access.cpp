// SPDX-License-Identifier: GPL-3.0-or-later
#include "account_access.h"

namespace sotay::server {
namespace {

QJsonValue timestamp(const QDateTime& at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QJsonObject accountJson(const Account& account)
{
    const User& user = account.user;
    return { { QStringLiteral("id"), user.id }, { QStringLiteral("username"), user.username },
        { QStringLiteral("role"), toCode(user.role) },
        { QStringLiteral("scopeOrgId"), account.unitId ? QJsonValue(*account.unitId) : QJsonValue() },
        { QStringLiteral("scopeOrgName"), textOrNull(account.unitName) },
        { QStringLiteral("memberId"), user.memberId ? QJsonValue(*user.memberId) : QJsonValue() },
        { QStringLiteral("memberName"), textOrNull(account.memberName) },
        { QStringLiteral("disabled"), user.disabled() },
        { QStringLiteral("disabledAt"), timestamp(user.disabledAt) },
        { QStringLiteral("mustChangePassword"), user.mustChangePassword },
        { QStringLiteral("createdAt"), timestamp(user.createdAt) },
        { QStringLiteral("passwordChangedAt"), timestamp(user.passwordChangedAt) },
        { QStringLiteral("version"), user.version } };
}

Account managedAccount(const ApiRequest& request, qint64 id)
{
    const Principal& caller = request.caller();
    requireRole(caller, { Role::Admin, Role::Officer });
    auto account = AccountRepository(request.db).find(id);
    if (!account) {
        if (account.error().code == ErrorCode::NotFound)
            throw notVisible();
        throw ApiError::fromError(account.error());
    }
    if (caller.user.role == Role::Admin)
        return *account;
    if (account->user.role == Role::Admin || account->unitPath.isEmpty()
        || !covers(caller, account->unitPath))
        throw notVisible();
    return *account;
}

} // namespace sotay::server
