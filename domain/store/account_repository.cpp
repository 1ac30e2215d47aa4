// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/account_repository.h"

#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "store/user_repository.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringList>

namespace sotay {
namespace {

// The account with the unit it works in now: a member's account works in the member's cell; a staff account
// linked to its holder's member record works in its own scope, never the record's cell. (A function:
// kUserColumns lives in another file, so it may not be initialised yet when this file's statics are.)
QString accountSelect()
{
    return QStringLiteral("SELECT ") + kUserColumns
        + QStringLiteral(", o.id, o.name, o.path, m.family_name, m.middle_name, m.given_name "
                         "FROM app_user u LEFT JOIN member m ON m.id = u.member_id "
                         "LEFT JOIN org_unit o ON o.id = CASE WHEN u.role = 'member' THEN m.org_unit_id ELSE "
                         "u.scope_org_id END");
}

Account readAccount(const QSqlQuery& q)
{
    Account account;
    account.user = readUser(q);
    int column = kUserColumnCount;
    account.unitId = sql::toOptionalId(q.value(column++));
    account.unitName = q.value(column++).toString();
    account.unitPath = q.value(column++).toString();
    QStringList name;
    for (int i = 0; i < 3; ++i)
        if (const QString part = q.value(column++).toString().simplified(); !part.isEmpty())
            name.append(part);
    account.memberName = name.join(u' ');
    return account;
}

Status done(const Result<QSqlQuery>& query)
{
    if (!query)
        return query.error();
    return success();
}

Status audit(const QSqlDatabase& db, const QString& action, qint64 userId, const QJsonObject& after,
    const WriteContext& context)
{
    return done(sql::exec(db,
        QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        { sql::timestamp(context.now), context.actor, action, QStringLiteral("user"), userId,
            QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)) }));
}

Result<int> revokeAll(const QSqlDatabase& db, qint64 userId, const QDateTime& now)
{
    auto revoked = sql::exec(db,
        QStringLiteral("UPDATE app_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"),
        { sql::timestamp(now), userId });
    if (!revoked)
        return revoked.error();
    return revoked->numRowsAffected();
}

// The feed and audit rows of a change to an account, placed where the account works before and after.
Status recordAccountChange(const QSqlDatabase& db, const QString& action, const User& before,
    const User& after, const WriteContext& context)
{
    UserRepository users(db);
    auto oldPath = users.scopePath(before);
    if (!oldPath)
        return oldPath.error();
    auto path = users.scopePath(after);
    if (!path)
        return path.error();
    const auto slash = [](const QString& p) { return p.isEmpty() ? QStringLiteral("/") : p; };
    const auto recorded = recordChange(db,
        { QStringLiteral("user"), after.id, QStringLiteral("upsert"), slash(*path), slash(*oldPath), action,
            userAuditJson(before), userAuditJson(after) },
        context);
    if (!recorded)
        return recorded.error();
    return success();
}

// The statement of a page and its values, in placeholder order.
std::pair<QString, QVariantList> listStatement(const AccountQuery& request)
{
    // Administrators walk the user-name index (or the role's). An officer's accounts are found from the units
    // of the officer's subtree, through the scope index for officers and secretaries and through the members
    // for members' accounts, so a page costs what the subtree holds, not what the province holds.
    QString statement = accountSelect() + QStringLiteral(" WHERE u.username > ?");
    QVariantList values { sql::text(request.after) };
    if (!request.scopePath.isEmpty()) {
        const QString end = subtreeEnd(request.scopePath);
        statement += QStringLiteral(" AND u.role <> 'admin' AND u.id IN ("
                                    "SELECT a.id FROM org_unit s JOIN app_user a ON a.scope_org_id = s.id "
                                    "WHERE s.path >= ? AND s.path < ? AND a.role <> 'member' "
                                    "UNION ALL "
                                    "SELECT a.id FROM org_unit s JOIN member sm ON sm.org_unit_id = s.id "
                                    "JOIN app_user a ON a.member_id = sm.id WHERE s.path >= ? AND s.path < ? "
                                    // Written so that the planner keeps the member index rather than the
                                    // role index: the subtree's members find their accounts.
                                    "AND a.role || '' = 'member')");
        values << request.scopePath << end << request.scopePath << end;
    }
    if (request.role) {
        statement += QStringLiteral(" AND u.role = ?");
        values << toCode(*request.role);
    }
    if (request.state)
        statement += *request.state == AccountState::Active
            ? QStringLiteral(" AND u.disabled_at IS NULL")
            : QStringLiteral(" AND u.disabled_at IS NOT NULL");
    if (const QString folded = text::fold(request.text); !folded.isEmpty()) {
        QString escaped = folded;
        escaped.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        statement
            += QStringLiteral(" AND (u.username LIKE ? ESCAPE '\\' OR m.name_folded LIKE ? ESCAPE '\\')");
        const QString pattern = u'%' + escaped + u'%';
        values << pattern << pattern;
    }
    statement += QStringLiteral(" ORDER BY u.username LIMIT ?");
    values << request.limit + 1;
    return { statement, values };
}

} // namespace

AccountRepository::AccountRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<AccountPage> AccountRepository::list(const AccountQuery& request) const
{
    const auto [statement, values] = listStatement(request);
    auto query = sql::exec(m_db, statement, values);
    if (!query)
        return query.error();
    AccountPage page;
    while (query->next())
        page.accounts.append(readAccount(*query));
    if (page.accounts.size() > request.limit) {
        page.accounts.removeLast();
        page.next = page.accounts.back().user.username;
    }
    return page;
}

Result<QStringList> AccountRepository::listPlan(const AccountQuery& request) const
{
    const auto [statement, values] = listStatement(request);
    const bool postgres = sql::dialectOf(m_db) == Dialect::Postgres;
    auto query = sql::exec(m_db,
        (postgres ? QStringLiteral("EXPLAIN ") : QStringLiteral("EXPLAIN QUERY PLAN ")) + statement, values);
    if (!query)
        return query.error();
    QStringList lines;
    while (query->next())
        lines.append(query->value(postgres ? 0 : 3).toString());
    return lines;
}

Result<Account> AccountRepository::find(qint64 id) const
{
    auto query = sql::exec(m_db, accountSelect() + QStringLiteral(" WHERE u.id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("UserRepository", "Không tìm thấy tài khoản có mã số %1.").arg(id));
    return readAccount(*query);
}

Result<User> AccountRepository::update(
    qint64 id, const AccountChange& change, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    UserRepository users(m_db);
    auto current = users.find(id);
    if (!current)
        return current.error();
    if (current->version != expectedVersion)
        return Error::conflict(QCoreApplication::translate(
            "UserRepository", "Tài khoản vừa được người khác thay đổi. Hãy xem lại rồi làm lại thao tác."));

    User next = *current;
    if (change.role)
        next.role = *change.role;
    if (change.scopeOrgId)
        next.scopeOrgId = *change.scopeOrgId;
    if (next.role == Role::Admin)
        next.scopeOrgId.reset();
    if (change.disabled && *change.disabled != current->disabled())
        next.disabledAt = *change.disabled ? context.now : QDateTime();
    if (next.role != Role::Admin && !next.scopeOrgId) {
        const QString message = QCoreApplication::translate(
            "UserRepository", "Cần chọn tổ chức đảng mà tài khoản được làm việc.");
        return Error::invalid(message, { { QStringLiteral("scopeOrgId"), message } });
    }
    if (next.role == current->role && next.scopeOrgId == current->scopeOrgId
        && next.disabled() == current->disabled()) {
        if (const Status committed = transaction.commit(); !committed)
            return committed.error();
        return *current;
    }

    // The province keeps at least one administrator who can sign in. The other administrators' rows are
    // locked on PostgreSQL (SQLite has one writer at a time), so two administrators disabling each other at
    // once cannot both succeed.
    const bool wasActiveAdmin = current->role == Role::Admin && !current->disabled();
    const bool staysActiveAdmin = next.role == Role::Admin && !next.disabled();
    if (wasActiveAdmin && !staysActiveAdmin) {
        const bool postgres = sql::dialectOf(m_db) == Dialect::Postgres;
        auto others = sql::exec(m_db,
            QStringLiteral("SELECT id FROM app_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?")
                + (postgres ? QStringLiteral(" FOR UPDATE") : QString()),
            { id });
        if (!others)
            return others.error();
        if (!others->next()) {
            const QString field
                = next.role != Role::Admin ? QStringLiteral("role") : QStringLiteral("disabled");
            const QString message = QCoreApplication::translate("UserRepository",
                "Đây là tài khoản quản trị cuối cùng còn hoạt động: không thể khóa hoặc hạ quyền tài khoản "
                "này. Hãy tạo hoặc mở lại một tài khoản quản trị khác trước.");
            return Error { ErrorCode::Conflict, message, { { field, message } } };
        }
    }

    auto updated = sql::exec(m_db,
        QStringLiteral(
            "UPDATE app_user SET role = ?, scope_org_id = ?, disabled_at = ?, version = version + 1 "
            "WHERE id = ? AND version = ?"),
        { toCode(next.role), sql::optionalId(next.scopeOrgId), sql::timestamp(next.disabledAt), id,
            expectedVersion });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return Error::conflict(QCoreApplication::translate(
            "UserRepository", "Tài khoản vừa được người khác thay đổi. Hãy xem lại rồi làm lại thao tác."));
    updated->finish();
    if (next.disabled() && !current->disabled())
        if (auto revoked = revokeAll(m_db, id, context.now); !revoked)
            return revoked.error();
    auto after = users.find(id);
    if (!after)
        return after;
    if (const Status recorded
        = recordAccountChange(m_db, QStringLiteral("user.update"), *current, *after, context);
        !recorded)
        return recorded.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return after;
}

Result<User> AccountRepository::setTemporaryPassword(
    qint64 id, const QString& passwordHash, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    UserRepository users(m_db);
    auto before = users.find(id);
    if (!before)
        return before.error();
    if (const Status changed = done(sql::exec(m_db,
            QStringLiteral("UPDATE app_user SET password_hash = ?, password_changed_at = ?, "
                           "must_change_password = ?, version = version + 1 WHERE id = ?"),
            { passwordHash, sql::timestamp(context.now), true, id }));
        !changed)
        return changed.error();
    if (auto revoked = revokeAll(m_db, id, context.now); !revoked)
        return revoked.error();
    auto after = users.find(id);
    if (!after)
        return after;
    if (const Status recorded
        = recordAccountChange(m_db, QStringLiteral("user.password_reset"), *before, *after, context);
        !recorded)
        return recorded.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return after;
}

Result<int> AccountRepository::revokeSessions(qint64 id, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto revoked = revokeAll(m_db, id, context.now);
    if (!revoked)
        return revoked;
    if (const Status audited = audit(m_db, QStringLiteral("user.sign_out_everywhere"), id,
            { { QStringLiteral("sessions"), *revoked } }, context);
        !audited)
        return audited.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return revoked;
}

Status AccountRepository::recordUnlock(qint64 id, const WriteContext& context)
{
    return audit(m_db, QStringLiteral("user.unlock"), id, {}, context);
}

} // namespace sotay
