// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/member_repository.h"

#include "member/member_json.h"
#include "member/member_rules.h"
#include "member/member_validation.h"
#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/handbook_accounts.h"
#include "store/member_columns.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "store/tree_locks.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>

#include <algorithm>

namespace sotay {
namespace {

Result<Member> selectMember(const QSqlDatabase& db, qint64 id)
{
    auto query = sql::execCached(db,
        QStringLiteral("SELECT ") + memberSelectColumns({}) + QStringLiteral(" FROM member WHERE id = ?"),
        { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("MemberRepository", "Không tìm thấy đảng viên có mã số %1.").arg(id));
    return readMember(*query);
}

// Takes the member's row lock before a write reads the record: a concurrent write of the same record waits
// here, and the read that follows sees its result. PostgreSQL reads committed data statement by statement, so
// without the lock two writers could both pass the version check; SQLite's write lock already serialises
// them.
Status lockMember(const QSqlDatabase& db, qint64 id)
{
    const auto locked
        = sql::exec(db, QStringLiteral("UPDATE member SET version = version WHERE id = ?"), { id });
    if (!locked)
        return locked.error();
    return success();
}

Error invalidFields(QList<FieldError> fields)
{
    const QString summary = fields.size() == 1
        ? fields.front().message
        : QCoreApplication::translate(
            "MemberRepository", "Dữ liệu chưa hợp lệ ở %n trường.", nullptr, int(fields.size()));
    return Error::invalid(summary, std::move(fields));
}

// The path of a unit that can hold members now, or a field error.
Result<QString> rosterUnitPath(const QSqlDatabase& db, qint64 unitId, const QString& field)
{
    auto query = sql::exec(
        db, QStringLiteral("SELECT kind, path, valid_to, code, name FROM org_unit WHERE id = ?"), { unitId });
    if (!query)
        return query.error();
    QString message;
    if (!query->next())
        message = QCoreApplication::translate("MemberRepository", "Không tìm thấy tổ chức đảng có mã số %1.")
                      .arg(unitId);
    else if (!query->value(2).isNull())
        message = QCoreApplication::translate("MemberRepository", "%1 - %2 đã kết thúc hoạt động.")
                      .arg(query->value(3).toString(), query->value(4).toString());
    else if (!canHoldMembers(orgKindFromCode(query->value(0).toString()).value_or(OrgKind::Group)))
        message = QCoreApplication::translate(
            "MemberRepository", "Đảng viên chỉ sinh hoạt tại chi bộ; %1 - %2 không phải chi bộ.")
                      .arg(query->value(3).toString(), query->value(4).toString());
    if (!message.isEmpty())
        return Error::invalid(message, { { field, message } });
    return query->value(1).toString();
}

Status insertEvent(const QSqlDatabase& db, qint64 memberId, const MemberEvent& e, const WriteContext& context)
{
    const auto inserted = sql::exec(db,
        QStringLiteral("INSERT INTO member_event (member_id, type, occurred_on, decision_number, permanent, "
                       "from_org_unit_id, to_org_unit_id, note, recorded_at, recorded_by) VALUES (?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?)"),
        { memberId, toCode(e.type), sql::date(e.occurredOn), sql::text(text::cleanText(e.decisionNumber)),
            e.permanent, sql::optionalId(e.fromOrgUnitId), sql::optionalId(e.toOrgUnitId),
            sql::text(e.note.trimmed()), sql::timestamp(context.now), context.actor });
    if (!inserted)
        return inserted.error();
    return success();
}

Status writeMember(const QSqlDatabase& db, const Member& m)
{
    QStringList assignments;
    for (const auto& column : kMemberDataColumns)
        assignments.append(column + QStringLiteral(" = ?"));
    QVariantList values = bindMember(m);
    values << m.id;
    const auto updated = sql::exec(db,
        QStringLiteral("UPDATE member SET ") + assignments.join(QStringLiteral(", "))
            + QStringLiteral(", version = version + 1 WHERE id = ?"),
        values);
    if (!updated)
        return updated.error();
    return success();
}

Status recordMemberChange(const QSqlDatabase& db, const QString& action, const Member* before,
    const Member& after, const QString& path, const QString& oldPath, const WriteContext& context)
{
    const auto recorded = recordChange(db,
        { QStringLiteral("member"), after.id, QStringLiteral("upsert"), path, oldPath, action,
            before ? toJson(*before) : QJsonObject(), toJson(after) },
        context);
    if (!recorded)
        return recorded.error();
    return success();
}

Error staleVersion(const Member& current)
{
    return Error::conflict(QCoreApplication::translate("MemberRepository",
        "Hồ sơ của đồng chí %1 đã được người khác sửa (phiên bản %2). Hãy tải lại rồi "
        "sửa tiếp.")
                               .arg(current.fullName())
                               .arg(current.version));
}

QList<qint64> unitsOf(const Member& member)
{
    return { member.orgUnitId, member.temporaryOrgUnitId.value_or(0) };
}

// Locks, in the order every write of the tree keeps (store/tree_locks.h), the units the member's record names
// and `alsoUnits` for share, then the record itself, and reads it. Should the record have changed units
// between the first reading and the lock, the write is refused as stale: its caller saw an older record.
Result<Member> lockMemberAndUnits(const QSqlDatabase& db, qint64 id, const QList<qint64>& alsoUnits = {})
{
    auto seen = selectMember(db, id);
    if (!seen)
        return seen;
    if (const Status units = tree_locks::lockUnitsForShare(db, unitsOf(*seen) + alsoUnits); !units)
        return units.error();
    if (const Status locked = lockMember(db, id); !locked)
        return locked.error();
    auto current = selectMember(db, id);
    if (current && unitsOf(*current) != unitsOf(*seen))
        return staleVersion(*current);
    return current;
}

} // namespace

Error invalidCursor()
{
    const QString message
        = QCoreApplication::translate("MemberRepository", "Con trỏ phân trang không hợp lệ.");
    return Error::invalid(message, { { QStringLiteral("after"), message } });
}

QString rosterCursor(const RosterEntry& last)
{
    const QString raw = last.sortKey + u'\n' + QString::number(last.id);
    return QString::fromLatin1(
        raw.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<RosterEntry> parseRosterCursor(const QString& cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QString raw = QString::fromUtf8(*decoded);
    const qsizetype split = raw.lastIndexOf(u'\n');
    bool ok = false;
    const qint64 id = raw.mid(split + 1).toLongLong(&ok);
    if (split < 0 || !ok)
        return std::nullopt;
    // Sort keys are printable ASCII (and ' '): anything else is no cursor this server made.
    const QString key = raw.left(split);
    if (std::any_of(key.begin(), key.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() > 0x7e; }))
        return std::nullopt;
    return RosterEntry { key, id, 0, {}, {} };
}

MemberRepository::MemberRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<Member> MemberRepository::find(qint64 id) const
{
    return selectMember(m_db, id);
}

Result<MemberRepository::RosterSelection> MemberRepository::rosterSelection(const MemberQuery& request) const
{
    RosterSelection selection;
    selection.from = QStringLiteral(" FROM member m JOIN org_unit u ON u.id = m.org_unit_id WHERE ");
    if (request.subtree) {
        auto path = OrgRepository(m_db).path(request.orgUnitId);
        if (!path)
            return path.error();
        selection.from += QStringLiteral("u.path >= ? AND u.path < ?");
        selection.values << *path << subtreeEnd(*path);
    } else {
        selection.from += QStringLiteral("m.org_unit_id = ?");
        selection.values << request.orgUnitId;
    }
    if (!request.includeLeft)
        selection.from += QStringLiteral(" AND m.left_reason IS NULL");
    if (request.status) {
        selection.from += QStringLiteral(" AND m.status = ?");
        selection.values << toCode(*request.status);
    }
    if (const QString folded = text::fold(request.text); !folded.isEmpty()) {
        QString escaped = folded;
        escaped.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        selection.from
            += QStringLiteral(" AND (m.name_folded LIKE ? ESCAPE '\\' OR m.card_number LIKE ? ESCAPE '\\')");
        selection.values << QString(u'%' + escaped + u'%') << QString(escaped + u'%');
    }
    return selection;
}

Result<MemberPage> MemberRepository::list(const MemberQuery& request) const
{
    if (request.limit < 1 || request.limit > 500) {
        const QString message
            = QCoreApplication::translate("MemberRepository", "Số dòng mỗi trang phải từ 1 đến 500.");
        return Error::invalid(message, { { QStringLiteral("limit"), message } });
    }
    auto selection = rosterSelection(request);
    if (!selection)
        return selection.error();
    // The page's ids first: sorting (sort_key, id) pairs is cheap; whole rows are read for the page only.
    QString statement = QStringLiteral("SELECT m.id") + selection->from;
    QVariantList values = selection->values;
    if (!request.after.isEmpty()) {
        const auto cursor = parseRosterCursor(request.after);
        if (!cursor)
            return invalidCursor();
        statement += QStringLiteral(" AND (m.sort_key > ? OR (m.sort_key = ? AND m.id > ?))");
        values << cursor->sortKey << cursor->sortKey << cursor->id;
    }
    statement += QStringLiteral(" ORDER BY m.sort_key, m.id LIMIT ?");
    values << request.limit + 1;
    statement = QStringLiteral("SELECT ") + memberSelectColumns(QStringLiteral("m."))
        + QStringLiteral(" FROM member m WHERE m.id IN (") + statement
        + QStringLiteral(") ORDER BY m.sort_key, m.id");

    auto query = sql::execCached(m_db, statement, values);
    if (!query)
        return query.error();
    MemberPage page;
    while (query->next())
        page.members.append(readMember(*query));
    if (page.members.size() > request.limit) {
        page.members.removeLast();
        const Member& last = page.members.back();
        page.next = rosterCursor(
            { text::nameSortKey(last.givenName, last.middleName, last.familyName), last.id, 0, {}, {} });
    }
    return page;
}

Result<QList<RosterEntry>> MemberRepository::rosterOrder(const MemberQuery& request) const
{
    auto selection = rosterSelection(request);
    if (!selection)
        return selection.error();
    auto query = sql::execCached(m_db,
        QStringLiteral("SELECT m.sort_key, m.id, m.version, m.name_folded, m.card_number") + selection->from
            + QStringLiteral(" ORDER BY m.sort_key, m.id"),
        selection->values);
    if (!query)
        return query.error();
    QList<RosterEntry> order;
    while (query->next())
        order.append({ query->value(0).toString(), query->value(1).toLongLong(), query->value(2).toLongLong(),
            query->value(3).toString(), query->value(4).toString() });
    return order;
}

namespace {

} // namespace

Result<QList<Member>> MemberRepository::findMany(const QList<qint64>& ids) const
{
    QList<Member> members;
    if (ids.isEmpty())
        return members;
    auto query = sql::execCached(m_db,
        QStringLiteral("SELECT ") + memberSelectColumns({}) + QStringLiteral(" FROM member WHERE id IN (")
            + sql::placeholders(ids.size()) + QStringLiteral(")"),
        sql::idValues(ids));
    if (!query)
        return query.error();
    while (query->next())
        members.append(readMember(*query));
    return members;
}

Result<QList<MemberEvent>> MemberRepository::events(qint64 memberId) const
{
    auto query = sql::execCached(m_db,
        QStringLiteral(
            "SELECT id, member_id, type, occurred_on, decision_number, permanent, from_org_unit_id, "
            "to_org_unit_id, note FROM member_event WHERE member_id = ? ORDER BY occurred_on, id"),
        { memberId });
    if (!query)
        return query.error();
    QList<MemberEvent> list;
    while (query->next()) {
        MemberEvent e;
        e.id = query->value(0).toLongLong();
        e.memberId = query->value(1).toLongLong();
        e.type = memberEventTypeFromCode(query->value(2).toString()).value_or(MemberEventType::Admission);
        e.occurredOn = sql::toDate(query->value(3));
        e.decisionNumber = query->value(4).toString();
        e.permanent = query->value(5).toBool();
        e.fromOrgUnitId = sql::toOptionalId(query->value(6));
        e.toOrgUnitId = sql::toOptionalId(query->value(7));
        e.note = query->value(8).toString();
        list.append(e);
    }
    return list;
}

Result<Member> MemberRepository::create(
    const Member& input, const MemberEvent& arrival, const WriteContext& context)
{
    if (arrival.type != MemberEventType::Admission
        && !(arrival.type == MemberEventType::TransferIn && arrival.permanent)) {
        const QString message = QCoreApplication::translate("MemberRepository",
            "Hồ sơ đảng viên mới chỉ bắt đầu bằng kết nạp hoặc chuyển sinh hoạt chính thức đến.");
        return Error::invalid(message, { { QStringLiteral("type"), message } });
    }
    Member fresh = cleanedMember(input);
    fresh.id = 0;
    fresh.version = 0;
    MemberEvent event = arrival;
    if (event.type == MemberEventType::Admission && !event.occurredOn.isValid())
        event.occurredOn = fresh.admittedOn;
    if (!event.toOrgUnitId)
        event.toOrgUnitId = fresh.orgUnitId;

    // The record is entered as it stands today; the arrival is its first event.
    QList<FieldError> errors = validateEvent(fresh, event, context.today());
    if (event.type == MemberEventType::Admission && event.occurredOn != fresh.admittedOn)
        errors.append({ QStringLiteral("occurredOn"),
            QCoreApplication::translate("MemberRepository", "Ngày kết nạp phải trùng với ngày vào Đảng.") });
    if (event.toOrgUnitId != fresh.orgUnitId)
        errors.append({ QStringLiteral("toOrgUnitId"),
            QCoreApplication::translate("MemberRepository", "Đơn vị nhận phải là chi bộ ghi trong hồ sơ.") });
    if (!fresh.onRoster() || fresh.temporaryOrgUnitId)
        errors.append({ QStringLiteral("leftReason"),
            QCoreApplication::translate("MemberRepository",
                "Hồ sơ mới phải đang sinh hoạt tại chi bộ; các thay đổi sau đó ghi bằng sự kiện.") });
    errors += validateMember(fresh, context.today());
    if (!errors.isEmpty())
        return invalidFields(errors);

    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status unit = tree_locks::lockUnitsForShare(m_db, { fresh.orgUnitId }); !unit)
        return unit.error();
    auto path = rosterUnitPath(m_db, fresh.orgUnitId, QStringLiteral("orgUnitId"));
    if (!path)
        return path.error();

    auto inserted = sql::exec(m_db,
        QStringLiteral("INSERT INTO member (") + kMemberDataColumns.join(QStringLiteral(", "))
            + QStringLiteral(") VALUES (") + sql::placeholders(kMemberDataColumns.size())
            + QStringLiteral(") RETURNING id"),
        bindMember(fresh));
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();

    // Past events implied by the record's dates; their decisions were not entered, and the note says so.
    const QString enteredWithRecord = QCoreApplication::translate(
        "MemberRepository", "Ghi theo các ngày trong hồ sơ khi nhập đảng viên.");
    QList<MemberEvent> history { event };
    if (event.type == MemberEventType::Admission && fresh.status == MemberStatus::Official)
        history.append({ 0, id, MemberEventType::BecameOfficial, fresh.officialOn, {}, true, {}, {},
            enteredWithRecord });
    if (fresh.exempt)
        history.append(
            { 0, id, MemberEventType::Exemption, fresh.exemptSince, {}, true, {}, {}, enteredWithRecord });
    for (const auto& past : history)
        if (const Status recorded = insertEvent(m_db, id, past, context); !recorded)
            return recorded.error();
    auto stored = selectMember(m_db, id);
    if (!stored)
        return stored;
    if (const Status changed
        = recordMemberChange(m_db, QStringLiteral("member.create"), nullptr, *stored, *path, {}, context);
        !changed)
        return changed.error();
    return sql::commitWith(transaction, std::move(stored));
}

Result<Member> MemberRepository::update(
    const Member& input, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = lockMemberAndUnits(m_db, input.id);
    if (!current)
        return current;
    if (current->version != expectedVersion)
        return staleVersion(*current);

    Member next = cleanedMember(input);
    next.version = current->version;
    // These change only through recorded events, so that every change of standing has a date and a decision.
    QList<FieldError> errors;
    const auto eventOnly = [&errors](bool changed, const QString& field) {
        if (changed)
            errors.append({ field,
                QCoreApplication::translate("MemberRepository",
                    "Trường này chỉ thay đổi qua một sự kiện (chuyển sinh hoạt, "
                    "công nhận chính thức, miễn sinh hoạt, ...).") });
    };
    eventOnly(next.orgUnitId != current->orgUnitId, QStringLiteral("orgUnitId"));
    eventOnly(next.temporaryOrgUnitId != current->temporaryOrgUnitId, QStringLiteral("temporaryOrgUnitId"));
    eventOnly(next.status != current->status, QStringLiteral("status"));
    eventOnly(
        next.exempt != current->exempt || next.exemptSince != current->exemptSince, QStringLiteral("exempt"));
    eventOnly(next.leftOn != current->leftOn || next.leftReason != current->leftReason,
        QStringLiteral("leftReason"));
    errors += validateMember(next, context.today());
    if (!errors.isEmpty())
        return invalidFields(errors);
    if (next == *current)
        return current;

    if (const Status written = writeMember(m_db, next); !written)
        return written.error();
    auto path = OrgRepository(m_db).path(next.orgUnitId);
    if (!path)
        return path.error();
    auto stored = selectMember(m_db, next.id);
    if (!stored)
        return stored;
    if (const Status changed
        = recordMemberChange(m_db, QStringLiteral("member.update"), &*current, *stored, *path, {}, context);
        !changed)
        return changed.error();
    return sql::commitWith(transaction, std::move(stored));
}

Result<Member> MemberRepository::recordEvent(qint64 memberId, const MemberEvent& input,
    std::optional<qint64> expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = lockMemberAndUnits(m_db, memberId, { input.toOrgUnitId.value_or(0) });
    if (!current)
        return current;
    if (expectedVersion && current->version != *expectedVersion)
        return staleVersion(*current);

    MemberEvent event = input;
    event.memberId = memberId;
    if (!event.fromOrgUnitId) {
        if (event.type == MemberEventType::TransferOut)
            event.fromOrgUnitId = current->orgUnitId;
        else if (event.type == MemberEventType::TransferIn && !event.permanent
            && current->temporaryOrgUnitId.value_or(0) > 0)
            event.fromOrgUnitId = current->temporaryOrgUnitId;
    }
    QList<FieldError> errors = validateEvent(*current, event, context.today());
    if (!errors.isEmpty())
        return invalidFields(errors);
    auto after = applyEvent(*current, event);
    if (!after)
        return after.error();
    errors = validateMember(*after, context.today());
    if (!errors.isEmpty())
        return invalidFields(errors);

    auto oldPath = OrgRepository(m_db).path(current->orgUnitId);
    if (!oldPath)
        return oldPath.error();
    QString newPath = *oldPath;
    if (after->orgUnitId != current->orgUnitId) {
        auto path = rosterUnitPath(m_db, after->orgUnitId, QStringLiteral("toOrgUnitId"));
        if (!path)
            return path.error();
        newPath = *path;
    }
    if (after->temporaryOrgUnitId.value_or(0) > 0
        && after->temporaryOrgUnitId != current->temporaryOrgUnitId) {
        if (auto path = rosterUnitPath(m_db, *after->temporaryOrgUnitId, QStringLiteral("toOrgUnitId"));
            !path)
            return path.error();
    }

    if (const Status written = writeMember(m_db, *after); !written)
        return written.error();
    if (const Status recorded = insertEvent(m_db, memberId, event, context); !recorded)
        return recorded.error();
    auto stored = selectMember(m_db, memberId);
    if (!stored)
        return stored;
    if (const Status changed = recordMemberChange(m_db, QStringLiteral("member.") + toCode(event.type),
            &*current, *stored, newPath, *oldPath, context);
        !changed)
        return changed.error();
    // Leaving the roster ends the member's handbook access in the same transaction: at once, not at a sweep.
    if (current->onRoster() && !stored->onRoster())
        if (const Status ended = endHandbookAccess(m_db, memberId, context); !ended)
            return ended.error();
    return sql::commitWith(transaction, std::move(stored));
}

} // namespace sotay
