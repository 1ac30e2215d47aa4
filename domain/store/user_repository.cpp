// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/user_repository.h"

#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/sql.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sotay {
namespace {

// app_user.failed_sign_ins and locked_until are no longer read or written: sign-in failures are counted
// per address and account in the server's memory (server/sign_in_throttle.h).
const QString kUserColumns = QStringLiteral(
    "u.id, u.username, u.role, u.scope_org_id, u.member_id, u.password_changed_at, u.version");

QDateTime toDateTime(const QVariant& value)
{
    if (value.isNull())
        return {};
    if (value.metaType() == QMetaType::fromType<QDateTime>())
        return value.toDateTime().toUTC();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

User readUser(const QSqlQuery& q, int first = 0)
{
    User user;
    user.id = q.value(first).toLongLong();
    user.username = q.value(first + 1).toString();
    user.role = roleFromCode(q.value(first + 2).toString()).value_or(Role::Member);
    user.scopeOrgId = sql::toOptionalId(q.value(first + 3));
    user.memberId = sql::toOptionalId(q.value(first + 4));
    user.passwordChangedAt = toDateTime(q.value(first + 5));
    user.version = q.value(first + 6).toLongLong();
    return user;
}

QJsonObject auditJson(const User& user)
{
    return { { QStringLiteral("username"), user.username }, { QStringLiteral("role"), toCode(user.role) },
        { QStringLiteral("scopeOrgId"), user.scopeOrgId ? QJsonValue(*user.scopeOrgId) : QJsonValue() },
        { QStringLiteral("memberId"), user.memberId ? QJsonValue(*user.memberId) : QJsonValue() } };
}

Status done(const Result<QSqlQuery>& query)
{
    if (!query)
        return query.error();
    return success();
}

} // namespace

UserRepository::UserRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<qint64> UserRepository::count() const
{
    auto query = sql::exec(m_db, QStringLiteral("SELECT COUNT(*) FROM app_user"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<User> UserRepository::find(qint64 id) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM app_user u WHERE u.id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("UserRepository", "Không tìm thấy tài khoản có mã số %1.").arg(id));
    return readUser(*query);
}

Result<std::optional<User>> UserRepository::findByUsername(const QString& username) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM app_user u WHERE u.username = ?"),
        { username.trimmed().toLower() });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<User> {};
    return std::optional<User> { readUser(*query) };
}

Result<QString> UserRepository::passwordHash(qint64 userId) const
{
    auto query
        = sql::exec(m_db, QStringLiteral("SELECT password_hash FROM app_user WHERE id = ?"), { userId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("user"));
    return query->value(0).toString();
}

Result<QList<User>> UserRepository::listInScope(const QString& path) const
{
    QString statement = QStringLiteral("SELECT ") + kUserColumns
        + QStringLiteral(" FROM app_user u LEFT JOIN org_unit o ON o.id = u.scope_org_id");
    QVariantList values;
    if (!path.isEmpty()) {
        statement += QStringLiteral(" WHERE o.path >= ? AND o.path < ?");
        values << path << subtreeEnd(path);
    }
    statement += QStringLiteral(" ORDER BY u.username");
    auto query = sql::exec(m_db, statement, values);
    if (!query)
        return query.error();
    QList<User> users;
    while (query->next())
        users.append(readUser(*query));
    return users;
}

Result<QString> UserRepository::scopePath(const User& user) const
{
    // A member's account works wherever the member's roster is now, so it follows transfers.
    if (user.role == Role::Member && user.memberId) {
        auto member = sql::execCached(m_db,
            QStringLiteral(
                "SELECT o.path FROM member m JOIN org_unit o ON o.id = m.org_unit_id WHERE m.id = ?"),
            { *user.memberId });
        if (!member)
            return member.error();
        return member->next() ? member->value(0).toString() : QString();
    }
    if (!user.scopeOrgId)
        return QString();
    auto query = sql::execCached(
        m_db, QStringLiteral("SELECT path FROM org_unit WHERE id = ?"), { *user.scopeOrgId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("scope"));
    return query->value(0).toString();
}

Result<User> UserRepository::create(const NewUser& input, const WriteContext& context)
{
    const QString username = input.username.trimmed().toLower();
    QList<FieldError> errors;
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{2,39}$"));
    if (!pattern.match(username).hasMatch())
        errors.append({ QStringLiteral("username"),
            QCoreApplication::translate("UserRepository",
                "Tên đăng nhập dài 3 đến 40 ký tự, chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch "
                "dưới.") });
    if (input.role != Role::Admin && !input.scopeOrgId)
        errors.append({ QStringLiteral("scopeOrgId"),
            QCoreApplication::translate(
                "UserRepository", "Cần chọn tổ chức đảng mà tài khoản được làm việc.") });
    if (input.role == Role::Member && !input.memberId)
        errors.append({ QStringLiteral("memberId"),
            QCoreApplication::translate(
                "UserRepository", "Tài khoản đảng viên phải gắn với một đảng viên.") });
    if (!errors.isEmpty())
        return Error::invalid(errors.front().message, errors);

    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto existing = findByUsername(username);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        const QString message
            = QCoreApplication::translate("UserRepository", "Tên đăng nhập %1 đã có người dùng.")
                  .arg(username);
        return Error::invalid(message, { { QStringLiteral("username"), message } });
    }
    auto inserted = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO app_user (username, password_hash, role, scope_org_id, member_id, "
            "password_changed_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { username, input.passwordHash, toCode(input.role), sql::optionalId(input.scopeOrgId),
            sql::optionalId(input.memberId), sql::timestamp(context.now), sql::timestamp(context.now),
            context.actor });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    auto user = find(id);
    if (!user)
        return user;
    auto path = scopePath(*user);
    if (!path)
        return path.error();
    if (const auto recorded = recordChange(m_db,
            { QStringLiteral("user"), id, QStringLiteral("upsert"),
                path->isEmpty() ? QStringLiteral("/") : *path, {}, QStringLiteral("user.create"), {},
                auditJson(*user) },
            context);
        !recorded)
        return recorded.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return user;
}

Status UserRepository::changePassword(qint64 userId, const QString& passwordHash, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    if (const Status changed = done(sql::exec(m_db,
            QStringLiteral(
                "UPDATE app_user SET password_hash = ?, password_changed_at = ?, version = version + 1 "
                "WHERE id = ?"),
            { passwordHash, sql::timestamp(context.now), userId }));
        !changed)
        return changed;
    if (const Status revoked = done(sql::exec(m_db,
            QStringLiteral("UPDATE app_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"),
            { sql::timestamp(context.now), userId }));
        !revoked)
        return revoked;
    const auto audited = sql::exec(m_db,
        QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, ?, ?, ?)"),
        { sql::timestamp(context.now), context.actor, QStringLiteral("user.password"), QStringLiteral("user"),
            userId });
    if (!audited)
        return audited.error();
    return transaction.commit();
}

Status UserRepository::createSession(
    const QString& tokenHash, qint64 userId, const QDateTime& now, const QDateTime& expiresAt)
{
    return done(sql::exec(m_db,
        QStringLiteral("INSERT INTO app_session (token_hash, user_id, created_at, last_seen_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        { tokenHash, userId, sql::timestamp(now), sql::timestamp(now), sql::timestamp(expiresAt) }));
}

Result<std::optional<std::pair<Session, User>>> UserRepository::findSession(const QString& tokenHash) const
{
    auto query = sql::execCached(m_db,
        QStringLiteral("SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, ")
            + kUserColumns
            + QStringLiteral(
                " FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?"),
        { tokenHash });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<std::pair<Session, User>> {};
    Session session { query->value(0).toLongLong(), query->value(1).toLongLong(), toDateTime(query->value(2)),
        toDateTime(query->value(3)), toDateTime(query->value(4)), toDateTime(query->value(5)) };
    return std::optional<std::pair<Session, User>> { std::pair { session, readUser(*query, 6) } };
}

Status UserRepository::touchSession(qint64 sessionId, const QDateTime& now)
{
    return done(sql::exec(m_db, QStringLiteral("UPDATE app_session SET last_seen_at = ? WHERE id = ?"),
        { sql::timestamp(now), sessionId }));
}

Status UserRepository::revokeSession(qint64 sessionId, const QDateTime& now)
{
    return done(sql::exec(m_db,
        QStringLiteral("UPDATE app_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
        { sql::timestamp(now), sessionId }));
}

} // namespace sotay
