// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/handbook_accounts.h"

#include "org/org_rules.h"
#include "store/account_repository.h"
#include "store/member_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sotay {
namespace {

const QString kNameColumns = QStringLiteral("m.family_name, m.middle_name, m.given_name");

QString fullNameOf(const QSqlQuery& row, int first)
{
    QStringList parts;
    for (int i = first; i < first + 3; ++i)
        if (const QString part = row.value(i).toString().simplified(); !part.isEmpty())
            parts.append(part);
    return parts.join(u' ');
}

// The number a member signs in with: the card's, or the profile's while there is no card.
QString numberOf(const QString& card, const QString& profile)
{
    return card.isEmpty() ? profile : card;
}

Error holderConflict(const QString& message)
{
    return { ErrorCode::Conflict, message, { { QStringLiteral("memberId"), message } } };
}

Status audit(const QSqlDatabase& db, const QString& action, qint64 memberId, const QJsonObject& after,
    const WriteContext& context)
{
    auto inserted = sql::exec(db,
        QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) "
                       "VALUES (?, ?, ?, 'member', ?, ?)"),
        { sql::timestamp(context.now), context.actor, action, memberId,
            QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)) });
    if (!inserted)
        return inserted.error();
    return success();
}

// The numbers among `numbers` that more than one member on the roster signs in with.
Result<QSet<QString>> sharedNumbers(const QSqlDatabase& db, const QStringList& numbers)
{
    QSet<QString> shared;
    for (qsizetype from = 0; from < numbers.size(); from += 500) {
        const QStringList chunk = numbers.mid(from, 500);
        QVariantList values;
        for (const QString& number : chunk)
            values << number;
        const QVariantList twice = values + values;
        auto query = sql::exec(db,
            QStringLiteral(
                "SELECT CASE WHEN card_number <> '' THEN card_number ELSE profile_number END AS number "
                "FROM member WHERE left_reason IS NULL AND (card_number IN (")
                + sql::placeholders(chunk.size())
                + QStringLiteral(") OR (card_number = '' AND profile_number IN (")
                + sql::placeholders(chunk.size())
                + QStringLiteral(
                    "))) GROUP BY CASE WHEN card_number <> '' THEN card_number ELSE profile_number END "
                    "HAVING COUNT(*) > 1"),
            twice);
        if (!query)
            return query.error();
        while (query->next())
            shared.insert(query->value(0).toString());
    }
    return shared;
}

Result<bool> usernameTaken(const QSqlDatabase& db, const QString& number)
{
    auto found = UserRepository(db).findByUsername(usernameKey(number));
    if (!found)
        return found.error();
    return found->has_value();
}

HandbookAccountState stateOf(const QSqlQuery& row, const QDateTime& now)
{
    if (!row.value(8).isNull())
        return row.value(10).isNull() ? HandbookAccountState::Active : HandbookAccountState::Disabled;
    if (row.value(11).isNull())
        return HandbookAccountState::None;
    return readTimestamp(row.value(11)) > now ? HandbookAccountState::CodeIssued
                                              : HandbookAccountState::CodeExpired;
}

} // namespace

QString toCode(HandbookAccountState state)
{
    switch (state) {
    case HandbookAccountState::None:
        return QStringLiteral("none");
    case HandbookAccountState::CodeIssued:
        return QStringLiteral("code_issued");
    case HandbookAccountState::CodeExpired:
        return QStringLiteral("code_expired");
    case HandbookAccountState::Active:
        return QStringLiteral("active");
    case HandbookAccountState::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

HandbookAccounts::HandbookAccounts(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<CodeHolder> HandbookAccounts::holder(qint64 memberId) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT m.id, ") + kNameColumns
            + QStringLiteral(
                ", m.card_number, m.profile_number, m.left_reason, (SELECT COUNT(*) FROM app_user u WHERE "
                "u.member_id = m.id) FROM member m WHERE m.id = ?"),
        { memberId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QCoreApplication::translate("HandbookAccounts", "Không tìm thấy đảng viên."));
    const CodeHolder holder { memberId, fullNameOf(*query, 1),
        numberOf(query->value(4).toString(), query->value(5).toString()) };
    if (!query->value(6).isNull())
        return holderConflict(QCoreApplication::translate("HandbookAccounts",
            "Đảng viên %1 không còn trong danh sách sinh hoạt nên không cấp mã kích hoạt.")
                                  .arg(holder.fullName));
    if (query->value(7).toLongLong() > 0)
        return holderConflict(QCoreApplication::translate("HandbookAccounts",
            "Đảng viên %1 đã có tài khoản Sổ tay; nếu quên mật khẩu, hãy cấp mật khẩu tạm thời cho tài khoản "
            "đó.")
                                  .arg(holder.fullName));
    query->finish();
    if (holder.number.isEmpty())
        return holderConflict(QCoreApplication::translate("HandbookAccounts",
            "Đảng viên %1 chưa có số thẻ đảng viên hay số lý lịch: hãy bổ sung vào hồ sơ trước khi cấp mã.")
                                  .arg(holder.fullName));
    auto shared = sharedNumbers(m_db, { holder.number });
    if (!shared)
        return shared.error();
    if (!shared->isEmpty())
        return holderConflict(QCoreApplication::translate("HandbookAccounts",
            "Số %1 của đảng viên %2 trùng với một đảng viên khác trong danh sách: hãy sửa hồ sơ trước khi "
            "cấp mã.")
                                  .arg(holder.number, holder.fullName));
    auto taken = usernameTaken(m_db, holder.number);
    if (!taken)
        return taken.error();
    if (*taken)
        return holderConflict(QCoreApplication::translate("HandbookAccounts",
            "Số %1 đã là tên đăng nhập của một tài khoản khác: hãy liên hệ người quản trị.")
                                  .arg(holder.number));
    return holder;
}

Result<HolderBatch> HandbookAccounts::holdersIn(
    const QString& unitPath, bool replaceLive, const QDateTime& now, int limit) const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT m.id, ") + kNameColumns
            + QStringLiteral(
                ", m.card_number, m.profile_number, c.expires_at FROM member m JOIN org_unit o ON o.id = "
                "m.org_unit_id LEFT JOIN activation_code c ON c.member_id = m.id WHERE o.path >= ? AND "
                "o.path < ? AND m.left_reason IS NULL AND NOT EXISTS (SELECT 1 FROM app_user u WHERE "
                "u.member_id = m.id) ORDER BY m.sort_key, m.id"),
        { unitPath, subtreeEnd(unitPath) });
    if (!query)
        return query.error();
    HolderBatch batch;
    QStringList numbers;
    while (query->next()) {
        if (!replaceLive && !query->value(6).isNull() && readTimestamp(query->value(6)) > now)
            continue;
        const CodeHolder holder { query->value(0).toLongLong(), fullNameOf(*query, 1),
            numberOf(query->value(4).toString(), query->value(5).toString()) };
        if (holder.number.isEmpty()) {
            batch.skipped.append({ holder.memberId, holder.fullName,
                QCoreApplication::translate(
                    "HandbookAccounts", "Chưa có số thẻ đảng viên hay số lý lịch.") });
            continue;
        }
        batch.holders.append(holder);
        numbers.append(holder.number);
        if (batch.holders.size() > limit) {
            const QString message = QCoreApplication::translate("HandbookAccounts",
                "Tổ chức này có hơn %1 đảng viên cần cấp mã: hãy cấp theo từng tổ chức trực thuộc.")
                                        .arg(limit);
            return Error::invalid(message, { { QStringLiteral("limit"), message } });
        }
    }
    query->finish();
    auto shared = sharedNumbers(m_db, numbers);
    if (!shared)
        return shared.error();
    QList<CodeHolder> kept;
    for (const CodeHolder& holder : batch.holders) {
        auto taken = usernameTaken(m_db, holder.number);
        if (!taken)
            return taken.error();
        if (shared->contains(holder.number) || *taken)
            batch.skipped.append({ holder.memberId, holder.fullName,
                QCoreApplication::translate("HandbookAccounts", "Số %1 trùng với người khác: hãy sửa hồ sơ.")
                    .arg(holder.number) });
        else
            kept.append(holder);
    }
    batch.holders = kept;
    return batch;
}

Status HandbookAccounts::storeCodes(
    const QList<StoredCode>& codes, const QDateTime& expiresAt, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    for (const StoredCode& code : codes) {
        if (auto removed = sql::exec(
                m_db, QStringLiteral("DELETE FROM activation_code WHERE member_id = ?"), { code.memberId });
            !removed)
            return removed.error();
        if (auto inserted = sql::exec(m_db,
                QStringLiteral(
                    "INSERT INTO activation_code (member_id, code_hash, salt, issued_at, expires_at, "
                    "issued_by) VALUES (?, ?, ?, ?, ?, ?)"),
                { code.memberId, code.codeHash, code.salt, sql::timestamp(context.now),
                    sql::timestamp(expiresAt), context.actor });
            !inserted)
            return inserted.error();
        if (const Status audited = audit(m_db, QStringLiteral("member.activation_code"), code.memberId,
                { { QStringLiteral("expiresAt"), expiresAt.toUTC().toString(Qt::ISODate) } }, context);
            !audited)
            return audited;
    }
    return transaction.commit();
}

Result<QList<ActivationCandidate>> HandbookAccounts::candidates(
    const QString& number, const QDateTime& now) const
{
    auto query = sql::exec(m_db,
        QStringLiteral(
            "SELECT m.id, m.org_unit_id, c.code_hash, c.salt FROM member m JOIN activation_code c ON "
            "c.member_id = m.id WHERE m.left_reason IS NULL AND c.expires_at > ? AND (m.card_number = ? "
            "OR (m.card_number = '' AND m.profile_number = ?))"),
        { sql::timestamp(now), number, number });
    if (!query)
        return query.error();
    QList<ActivationCandidate> found;
    while (query->next())
        found.append({ query->value(0).toLongLong(), query->value(1).toLongLong(), query->value(2).toString(),
            query->value(3).toString() });
    return found;
}

Result<User> HandbookAccounts::activate(qint64 memberId, const QString& codeHash, const QString& username,
    const QString& passwordHash, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    // Spent here, whoever else tries the same code at the same moment: only one transaction deletes the row.
    auto spent = sql::exec(m_db,
        QStringLiteral(
            "DELETE FROM activation_code WHERE member_id = ? AND code_hash = ? AND expires_at > ?"),
        { memberId, codeHash, sql::timestamp(context.now) });
    if (!spent)
        return spent.error();
    if (spent->numRowsAffected() != 1)
        return Error::conflict(
            QCoreApplication::translate("HandbookAccounts", "Mã kích hoạt đã được dùng hoặc đã hết hạn."));
    auto member = MemberRepository(m_db).find(memberId);
    if (!member)
        return member.error();
    if (!member->onRoster())
        return Error::conflict(QCoreApplication::translate(
            "HandbookAccounts", "Đảng viên không còn trong danh sách sinh hoạt."));
    auto user = UserRepository(m_db).create(
        { username, passwordHash, Role::Member, member->orgUnitId, memberId }, context);
    if (!user) {
        if (user.error().hasField(QStringLiteral("username")))
            return Error::invalid(
                user.error().message, { { QStringLiteral("number"), user.error().message } });
        return user.error();
    }
    // A participation act of the member's cell (the cell of a temporary stay while there is one); the audit
    // row keeps where and when it counted, so the aggregates can be recomputed from it.
    const qint64 cell
        = member->temporaryOrgUnitId.value_or(0) > 0 ? *member->temporaryOrgUnitId : member->orgUnitId;
    if (const Status counted = ParticipationRepository(m_db).recordActivation(cell, context); !counted)
        return counted.error();
    if (const Status audited = audit(m_db, QStringLiteral("member.handbook_activated"), memberId,
            { { QStringLiteral("userId"), user->id }, { QStringLiteral("username"), user->username },
                { QStringLiteral("cellId"), cell },
                { QStringLiteral("month"), participationMonth(context) } },
            context);
        !audited)
        return audited.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return user;
}

Result<HandbookAccountPage> HandbookAccounts::list(
    const QString& unitPath, const QString& after, int limit, const QDateTime& now) const
{
    QString statement = QStringLiteral("SELECT m.id, ") + kNameColumns
        + QStringLiteral(
            ", m.card_number, m.profile_number, m.org_unit_id, m.sort_key, u.id, u.username, "
            "u.disabled_at, c.expires_at FROM member m JOIN org_unit o ON o.id = m.org_unit_id LEFT JOIN "
            "app_user u ON u.member_id = m.id LEFT JOIN activation_code c ON c.member_id = m.id WHERE "
            "o.path >= ? AND o.path < ? AND m.left_reason IS NULL");
    QVariantList values { unitPath, subtreeEnd(unitPath) };
    if (!after.isEmpty()) {
        const auto cursor = parseRosterCursor(after);
        if (!cursor)
            return invalidCursor();
        statement += QStringLiteral(" AND (m.sort_key > ? OR (m.sort_key = ? AND m.id > ?))");
        values << cursor->sortKey << cursor->sortKey << cursor->id;
    }
    statement += QStringLiteral(" ORDER BY m.sort_key, m.id LIMIT ?");
    values << limit + 1;
    auto query = sql::exec(m_db, statement, values);
    if (!query)
        return query.error();
    HandbookAccountPage page;
    while (query->next()) {
        HandbookAccountRow row;
        row.memberId = query->value(0).toLongLong();
        row.fullName = fullNameOf(*query, 1);
        row.number = numberOf(query->value(4).toString(), query->value(5).toString());
        row.orgUnitId = query->value(6).toLongLong();
        row.sortKey = query->value(7).toString();
        row.userId = sql::toOptionalId(query->value(8));
        row.username = query->value(9).toString();
        row.state = stateOf(*query, now);
        if (!query->value(11).isNull() && !row.userId)
            row.codeExpiresAt = readTimestamp(query->value(11));
        page.rows.append(row);
    }
    if (page.rows.size() > limit) {
        page.rows.removeLast();
        page.next = rosterCursor({ page.rows.back().sortKey, page.rows.back().memberId, 0, {}, {} });
    }
    return page;
}

Status endHandbookAccess(const QSqlDatabase& db, qint64 memberId, const WriteContext& context)
{
    if (auto removed
        = sql::exec(db, QStringLiteral("DELETE FROM activation_code WHERE member_id = ?"), { memberId });
        !removed)
        return removed.error();
    auto accounts = sql::exec(db,
        QStringLiteral("SELECT id, version FROM app_user WHERE member_id = ? AND role = 'member' AND "
                       "disabled_at IS NULL"),
        { memberId });
    if (!accounts)
        return accounts.error();
    QList<std::pair<qint64, qint64>> live;
    while (accounts->next())
        live.append({ accounts->value(0).toLongLong(), accounts->value(1).toLongLong() });
    accounts->finish();
    for (const auto& [id, version] : live) {
        AccountChange change;
        change.disabled = true;
        if (auto disabled = AccountRepository(db).update(id, change, version, context); !disabled)
            return disabled.error();
    }
    return success();
}

} // namespace sotay
