// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/user_columns.h"

#include "store/sql.h"

namespace sotay {

// app_user.failed_sign_ins and locked_until are gone (migration 005): sign-in failures are counted per
// address and account in the server's memory (server/sign_in_throttle.h).
const QString kUserColumns = QStringLiteral(
    "u.id, u.username, u.role, u.scope_org_id, u.member_id, u.password_changed_at, u.version, u.created_at, "
    "u.disabled_at, u.must_change_password");

QDateTime readTimestamp(const QVariant& value)
{
    if (value.isNull())
        return {};
    if (value.metaType() == QMetaType::fromType<QDateTime>())
        return value.toDateTime().toUTC();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

User readUser(const QSqlQuery& q, int first)
{
    User user;
    user.id = q.value(first).toLongLong();
    user.username = q.value(first + 1).toString();
    user.role = roleFromCode(q.value(first + 2).toString()).value_or(Role::Member);
    user.scopeOrgId = sql::toOptionalId(q.value(first + 3));
    user.memberId = sql::toOptionalId(q.value(first + 4));
    user.passwordChangedAt = readTimestamp(q.value(first + 5));
    user.version = q.value(first + 6).toLongLong();
    user.createdAt = readTimestamp(q.value(first + 7));
    user.disabledAt = readTimestamp(q.value(first + 8));
    user.mustChangePassword = q.value(first + 9).toBool();
    return user;
}

QJsonObject userAuditJson(const User& user)
{
    return { { QStringLiteral("username"), user.username }, { QStringLiteral("role"), toCode(user.role) },
        { QStringLiteral("scopeOrgId"), user.scopeOrgId ? QJsonValue(*user.scopeOrgId) : QJsonValue() },
        { QStringLiteral("memberId"), user.memberId ? QJsonValue(*user.memberId) : QJsonValue() },
        { QStringLiteral("disabled"), user.disabled() },
        { QStringLiteral("mustChangePassword"), user.mustChangePassword } };
}

} // namespace sotay
