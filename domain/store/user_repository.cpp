// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/user_repository.h"

#include "store/change_recorder.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sotay {
namespace {

Status done(const Result<QSqlQuery>& query)
{
    if (!query)
        return query.error();
    return success();
}

} // namespace

QString usernameKey(const QString& typed)
{
    return text::fold(typed);
}

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
        { usernameKey(username) });
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
    if (input.memberId) {
        auto linked = sql::exec(
            m_db, QStringLiteral("SELECT COUNT(*) FROM app_user WHERE member_id = ?"), { *input.memberId });
        if (!linked)
            return linked.error();
        if (linked->next() && linked->value(0).toLongLong() > 0) {
            const QString message
                = QCoreApplication::translate("UserRepository", "Đảng viên này đã có tài khoản.");
            return Error::invalid(message, { { QStringLiteral("memberId"), message } });
        }
    }
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
                userAuditJson(*user) },
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
                "UPDATE app_user SET password_hash = ?, password_changed_at = ?, must_change_password = ?, "
                "version = version + 1 WHERE id = ?"),
            { passwordHash, sql::timestamp(context.now), false, userId }));
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
    Session session { query->value(0).toLongLong(), query->value(1).toLongLong(),
        readTimestamp(query->value(2)), readTimestamp(query->value(3)), readTimestamp(query->value(4)),
        readTimestamp(query->value(5)) };
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
