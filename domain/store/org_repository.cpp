// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/org_repository.h"

#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/org_columns.h"
#include "store/sql.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sotay {
namespace {

Result<QList<OrgUnit>> readUnits(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    QList<OrgUnit> units;
    while (query->next())
        units.append(readOrgUnit(*query));
    return units;
}

Result<OrgUnit> selectUnit(const QSqlDatabase& db, qint64 id)
{
    auto query = sql::execCached(db,
        QStringLiteral("SELECT ") + kOrgUnitColumns + QStringLiteral(" FROM org_unit WHERE id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("OrgRepository", "Không tìm thấy tổ chức đảng có mã số %1.").arg(id));
    return readOrgUnit(*query);
}

Result<OrgUnit> selectActiveUnit(const QSqlDatabase& db, qint64 id, const QString& field)
{
    auto unit = selectUnit(db, id);
    if (!unit)
        return Error::invalid(unit.error().message, { { field, unit.error().message } });
    if (!unit->active()) {
        const QString message
            = QCoreApplication::translate("OrgRepository", "%1 đã kết thúc hoạt động từ ngày %2.")
                  .arg(unit->displayName(), unit->validTo.toString(QStringLiteral("dd/MM/yyyy")));
        return Error::invalid(message, { { field, message } });
    }
    return unit;
}

// Takes the unit's row lock before a write reads the unit: a concurrent write of the same unit waits here,
// and the read that follows sees its result. PostgreSQL reads committed data statement by statement, so
// without the lock two writers could both pass the version check; SQLite's write lock already serialises
// writers.
Status lockUnit(const QSqlDatabase& db, qint64 id)
{
    const auto locked
        = sql::exec(db, QStringLiteral("UPDATE org_unit SET version = version WHERE id = ?"), { id });
    if (!locked)
        return locked.error();
    return success();
}

Status checkVersion(const OrgUnit& unit, std::optional<qint64> expectedVersion)
{
    if (!expectedVersion || unit.version == *expectedVersion)
        return success();
    return Error::conflict(QCoreApplication::translate(
        "OrgRepository", "%1 đã được người khác thay đổi (phiên bản %2). Hãy tải lại rồi làm tiếp.")
                               .arg(unit.displayName())
                               .arg(unit.version));
}

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, { { field, message } });
}

Error invalidFields(QList<FieldError> fields)
{
    const QString summary = fields.size() == 1
        ? fields.front().message
        : QCoreApplication::translate(
            "OrgRepository", "Dữ liệu chưa hợp lệ ở %n trường.", nullptr, int(fields.size()));
    return Error::invalid(summary, std::move(fields));
}

Status recordUnitChange(const QSqlDatabase& db, const OrgUnit* before, qint64 id, const QString& action,
    const WriteContext& context);

// The newest day on which anything in these subtrees changed: an operation may not be dated before it,
// or the recorded history would stop being a sequence.
Status checkEffectiveDate(const QSqlDatabase& db, const QStringList& paths, QDate effectiveOn,
    std::optional<qint64> onlyUnit = std::nullopt)
{
    for (const auto& path : paths) {
        auto query = onlyUnit
            ? sql::exec(db,
                QStringLiteral(
                    "SELECT MAX(valid_from) FROM org_unit_period WHERE valid_to IS NULL AND unit_id = ?"),
                { *onlyUnit })
            : sql::exec(db,
                QStringLiteral("SELECT MAX(p.valid_from) FROM org_unit_period p JOIN org_unit u ON u.id = "
                               "p.unit_id WHERE p.valid_to IS NULL AND u.path >= ? AND u.path < ?"),
                { path, subtreeEnd(path) });
        if (!query)
            return query.error();
        if (query->next())
            if (const auto early = checkNotBeforeLatestChange(effectiveOn, sql::toDate(query->value(0))))
                return invalidField(early->field, early->message);
    }
    return success();
}

Status openPeriods(const QSqlDatabase& db, const QString& path, QDate from)
{
    const auto inserted = sql::exec(db,
        QStringLiteral("INSERT INTO org_unit_period (unit_id, parent_id, kind, category_id, code, name, "
                       "path, valid_from) "
                       "SELECT id, parent_id, kind, category_id, code, name, path, ? FROM org_unit "
                       "WHERE path >= ? AND path < ? AND valid_to IS NULL"),
        { sql::date(from), path, subtreeEnd(path) });
    if (!inserted)
        return inserted.error();
    return success();
}

Status openPeriod(const QSqlDatabase& db, qint64 unitId, QDate from)
{
    const auto inserted = sql::exec(db,
        QStringLiteral(
            "INSERT INTO org_unit_period (unit_id, parent_id, kind, category_id, code, name, path, "
            "valid_from) "
            "SELECT id, parent_id, kind, category_id, code, name, path, ? FROM org_unit WHERE id = ?"),
        { sql::date(from), unitId });
    if (!inserted)
        return inserted.error();
    return success();
}

// Closes the open periods of the listed units on `on`; a period that would last no day at all is dropped.
Status closePeriods(const QSqlDatabase& db, const QList<qint64>& unitIds, QDate on)
{
    for (const qint64 id : unitIds) {
        const auto closed = sql::exec(db,
            QStringLiteral("UPDATE org_unit_period SET valid_to = ? "
                           "WHERE unit_id = ? AND valid_to IS NULL"),
            { sql::date(on), id });
        if (!closed)
            return closed.error();
        const auto empty = sql::exec(db,
            QStringLiteral("DELETE FROM org_unit_period WHERE unit_id = ? AND valid_to IS NOT NULL AND "
                           "valid_to <= valid_from"),
            { id });
        if (!empty)
            return empty.error();
    }
    return success();
}

Result<QList<OrgUnit>> activeSubtree(const QSqlDatabase& db, const QString& path)
{
    return readUnits(sql::exec(db,
        QStringLiteral("SELECT ") + kOrgUnitColumns
            + QStringLiteral(" FROM org_unit WHERE path >= ? AND path < ? AND valid_to IS NULL "
                             "ORDER BY path"),
        { path, subtreeEnd(path) }));
}

QList<qint64> idsOf(const QList<OrgUnit>& units)
{
    QList<qint64> ids;
    ids.reserve(units.size());
    for (const auto& unit : units)
        ids.append(unit.id);
    return ids;
}

// Puts `unit` and its active subtree under `newParent` from `on`: new paths, new periods, feed rows.
Status relocateSubtree(const QSqlDatabase& db, const OrgUnit& unit, const OrgUnit& newParent, QDate on,
    const WriteContext& context)
{
    const auto subtree = activeSubtree(db, unit.path);
    if (!subtree)
        return subtree.error();
    if (const Status closed = closePeriods(db, idsOf(*subtree), on); !closed)
        return closed;
    // Members on the rosters of the moving units move with them (those who left included: they stay
    // readable).
    auto carried = sql::exec(db,
        QStringLiteral("SELECT m.id, u.path FROM member m JOIN org_unit u ON u.id = m.org_unit_id "
                       "WHERE u.path >= ? AND u.path < ? AND u.valid_to IS NULL ORDER BY m.id"),
        { unit.path, subtreeEnd(unit.path) });
    if (!carried)
        return carried.error();
    QList<std::pair<qint64, QString>> members;
    while (carried->next())
        members.append({ carried->value(0).toLongLong(), carried->value(1).toString() });
    carried->finish();

    const QString newPath = childPath(newParent.path, unit.id);
    const auto moved = sql::exec(db,
        QStringLiteral("UPDATE org_unit SET path = ? || substr(path, ?), version = version + 1 "
                       "WHERE path >= ? AND path < ? AND valid_to IS NULL"),
        { newPath, unit.path.size() + 1, unit.path, subtreeEnd(unit.path) });
    if (!moved)
        return moved.error();
    const auto reparented = sql::exec(
        db, QStringLiteral("UPDATE org_unit SET parent_id = ? WHERE id = ?"), { newParent.id, unit.id });
    if (!reparented)
        return reparented.error();
    if (const Status opened = openPeriods(db, newPath, on); !opened)
        return opened;

    for (const auto& old : *subtree) {
        if (old.id == unit.id) {
            if (const Status recorded
                = recordUnitChange(db, &old, old.id, QStringLiteral("org.move"), context);
                !recorded)
                return recorded;
            continue;
        }
        // Descendants move with their parent: their feed rows say where they went.
        const QString path = newPath + old.path.mid(unit.path.size());
        if (const auto recorded = recordChange(db,
                { QStringLiteral("org_unit"), old.id, QStringLiteral("upsert"), path, old.path,
                    QStringLiteral("org.move"), {}, {} },
                context);
            !recorded)
            return recorded.error();
    }
    // So do their members: a client whose scope they left (or entered) learns it from the feed.
    for (const auto& [memberId, oldPath] : members) {
        const QString path = newPath + oldPath.mid(unit.path.size());
        if (const auto recorded = recordChange(db,
                { QStringLiteral("member"), memberId, QStringLiteral("upsert"), path, oldPath,
                    QStringLiteral("org.move"), {}, {} },
                context);
            !recorded)
            return recorded.error();
    }
    return success();
}

Result<qint64> recordOperation(const QSqlDatabase& db, const QString& type, qint64 unitId,
    std::optional<qint64> otherUnitId, const Decision& decision, const QJsonObject& details,
    const WriteContext& context)
{
    auto query = sql::exec(db,
        QStringLiteral("INSERT INTO org_operation (type, unit_id, other_unit_id, decision_number, "
                       "effective_on, details, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        { type, unitId, sql::optionalId(otherUnitId), text::cleanText(decision.number),
            sql::date(decision.effectiveOn),
            sql::text(details.isEmpty()
                    ? QString()
                    : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))),
            sql::timestamp(context.now), context.actor });
    if (!query)
        return query.error();
    if (!query->next())
        return sql::storageError(*query);
    return query->value(0).toLongLong();
}

// The feed and audit rows of a change to one unit, with the unit as it was (if it existed) and as it is now.
Status recordUnitChange(const QSqlDatabase& db, const OrgUnit* before, qint64 id, const QString& action,
    const WriteContext& context)
{
    auto after = selectUnit(db, id);
    if (!after)
        return after.error();
    const auto recorded = recordChange(db,
        { QStringLiteral("org_unit"), id, QStringLiteral("upsert"), after->path,
            before ? before->path : QString(), action, before ? toJson(*before) : QJsonObject(),
            toJson(*after) },
        context);
    if (!recorded)
        return recorded.error();
    return success();
}

Status checkCodeFree(const QSqlDatabase& db, const QString& code, const QString& field)
{
    auto query = sql::exec(
        db, QStringLiteral("SELECT name FROM org_unit WHERE code = ? AND valid_to IS NULL"), { code });
    if (!query)
        return query.error();
    if (query->next())
        return invalidField(field,
            QCoreApplication::translate("OrgRepository", "Mã đơn vị %1 đã được dùng cho %2.")
                .arg(code, query->value(0).toString()));
    return success();
}

Result<OrgUnit> insertUnit(const QSqlDatabase& db, const NewOrgUnit& unit, const OrgUnit* parent,
    QDate validFrom, const WriteContext& context)
{
    const QString name = text::cleanText(unit.name);
    const QString code = text::cleanText(unit.code);
    auto inserted = sql::exec(db,
        QStringLiteral("INSERT INTO org_unit (parent_id, kind, category_id, code, name, name_folded, "
                       "path, valid_from) VALUES (?, ?, ?, ?, ?, ?, '', ?) RETURNING id"),
        { parent ? QVariant(parent->id) : sql::optionalId(std::nullopt), toCode(unit.kind),
            sql::optionalId(unit.categoryId), code, name, text::fold(name), sql::date(validFrom) });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();

    const QString path = childPath(parent ? parent->path : QString(), id);
    if (const auto pathSet
        = sql::exec(db, QStringLiteral("UPDATE org_unit SET path = ? WHERE id = ?"), { path, id });
        !pathSet)
        return pathSet.error();
    if (const Status opened = openPeriod(db, id, validFrom); !opened)
        return opened.error();
    auto created = selectUnit(db, id);
    if (!created)
        return created;
    if (const Status recorded = recordUnitChange(db, nullptr, id, QStringLiteral("org.create"), context);
        !recorded)
        return recorded.error();
    return created;
}

Status checkCategory(const QSqlDatabase& db, std::optional<qint64> categoryId, const QString& field)
{
    if (!categoryId)
        return success();
    auto query = sql::exec(db, QStringLiteral("SELECT 1 FROM org_category WHERE id = ?"), { *categoryId });
    if (!query)
        return query.error();
    if (!query->next())
        return invalidField(field,
            QCoreApplication::translate("OrgRepository", "Không có loại hình cơ sở có mã số %1.")
                .arg(*categoryId));
    return success();
}

// Moves members (on the roster of `from`, or taking part there temporarily) to `to`, with feed rows.
Status moveMembers(const QSqlDatabase& db, const QList<qint64>& memberIds, const OrgUnit& from,
    const OrgUnit& to, const WriteContext& context)
{
    for (const qint64 memberId : memberIds) {
        const auto onRoster = sql::exec(db,
            QStringLiteral("UPDATE member SET org_unit_id = ?, version = version + 1 "
                           "WHERE id = ? AND org_unit_id = ? AND left_reason IS NULL"),
            { to.id, memberId, from.id });
        if (!onRoster)
            return onRoster.error();
        const bool moved = onRoster->numRowsAffected() > 0;
        const auto temporary = sql::exec(db,
            QStringLiteral("UPDATE member SET temporary_org_unit_id = ?, version = version + 1 "
                           "WHERE id = ? AND temporary_org_unit_id = ? AND left_reason IS NULL"),
            { to.id, memberId, from.id });
        if (!temporary)
            return temporary.error();
        const QString field = moved ? QStringLiteral("orgUnitId") : QStringLiteral("temporaryOrgUnitId");
        Change recorded { QStringLiteral("member"), memberId, QStringLiteral("upsert"),
            moved ? to.path : QString(), moved ? from.path : QString(), QStringLiteral("member.move"),
            { { field, from.id } }, { { field, to.id } } };
        if (!moved) {
            // Only the temporary place changed: the member stays where its roster is.
            auto path = sql::exec(db,
                QStringLiteral("SELECT u.path FROM member m JOIN org_unit u ON u.id = m.org_unit_id "
                               "WHERE m.id = ?"),
                { memberId });
            if (!path)
                return path.error();
            recorded.path = path->next() ? path->value(0).toString() : to.path;
        }
        if (const auto feed = recordChange(db, recorded, context); !feed)
            return feed.error();
    }
    return success();
}

// Members on the roster of the unit, and those taking part there temporarily.
Result<QList<qint64>> membersOf(const QSqlDatabase& db, qint64 unitId)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT id FROM member WHERE left_reason IS NULL AND "
                       "(org_unit_id = ? OR temporary_org_unit_id = ?) ORDER BY id"),
        { unitId, unitId });
    if (!query)
        return query.error();
    QList<qint64> ids;
    while (query->next())
        ids.append(query->value(0).toLongLong());
    return ids;
}

Result<QList<OrgUnit>> activeChildren(const QSqlDatabase& db, qint64 parentId)
{
    return readUnits(sql::exec(db,
        QStringLiteral("SELECT ") + kOrgUnitColumns
            + QStringLiteral(" FROM org_unit WHERE parent_id = ? AND valid_to IS NULL ORDER BY id"),
        { parentId }));
}

Status endUnit(const QSqlDatabase& db, const OrgUnit& unit, OrgEndReason reason,
    std::optional<qint64> successor, QDate on, const WriteContext& context)
{
    if (const Status closed = closePeriods(db, { unit.id }, on); !closed)
        return closed;
    const auto ended = sql::exec(db,
        QStringLiteral("UPDATE org_unit SET valid_to = ?, end_reason = ?, successor_id = ?, "
                       "version = version + 1 WHERE id = ?"),
        { sql::date(on), toCode(reason), sql::optionalId(successor), unit.id });
    if (!ended)
        return ended.error();
    return recordUnitChange(db, &unit, unit.id, QStringLiteral("org.") + toCode(reason), context);
}

template <typename T> Result<T> commitWith(sql::Transaction& transaction, Result<T> value)
{
    if (!value)
        return value;
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return value;
}

} // namespace

OrgRepository::OrgRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<OrgUnit> OrgRepository::find(qint64 id) const
{
    return selectUnit(m_db, id);
}

Result<QString> OrgRepository::path(qint64 id) const
{
    auto query = sql::execCached(m_db, QStringLiteral("SELECT path FROM org_unit WHERE id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("OrgRepository", "Không tìm thấy tổ chức đảng có mã số %1.").arg(id));
    return query->value(0).toString();
}

Result<QList<OrgUnit>> OrgRepository::children(qint64 parentId) const
{
    return readUnits(sql::exec(m_db,
        QStringLiteral("SELECT ") + kOrgUnitColumns
            + QStringLiteral(" FROM org_unit WHERE parent_id = ? AND valid_to IS NULL "
                             "ORDER BY name_folded, code"),
        { parentId }));
}

Result<std::optional<OrgUnit>> OrgRepository::root() const
{
    auto units = readUnits(sql::exec(m_db,
        QStringLiteral("SELECT ") + kOrgUnitColumns
            + QStringLiteral(" FROM org_unit WHERE parent_id IS NULL AND valid_to IS NULL "
                             "ORDER BY id")));
    if (!units)
        return units.error();
    if (units->isEmpty())
        return std::optional<OrgUnit> {};
    return std::optional<OrgUnit> { units->front() };
}

Result<QList<OrgUnit>> OrgRepository::treeAsOf(QDate date, const QString& path) const
{
    QString statement
        = QStringLiteral("SELECT unit_id, parent_id, kind, category_id, code, name, path, valid_from, "
                         "NULL, NULL, NULL, 0 FROM org_unit_period "
                         "WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)");
    QVariantList values { sql::date(date), sql::date(date) };
    if (!path.isEmpty()) {
        statement += QStringLiteral(" AND path >= ? AND path < ?");
        values << path << subtreeEnd(path);
    }
    statement += QStringLiteral(" ORDER BY path");
    return readUnits(sql::exec(m_db, statement, values));
}

Result<QList<OrgUnit>> OrgRepository::search(const QString& query, const QString& path, int limit) const
{
    const QString folded = text::fold(query);
    QString escaped = folded;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    const QString pattern = u'%' + escaped + u'%';
    QString statement = QStringLiteral("SELECT ") + kOrgUnitColumns
        + QStringLiteral(
            " FROM org_unit WHERE valid_to IS NULL AND (name_folded LIKE ? ESCAPE '\\' OR lower(code) LIKE ? "
            "ESCAPE '\\')");
    QVariantList values { pattern, pattern };
    if (!path.isEmpty()) {
        statement += QStringLiteral(" AND path >= ? AND path < ?");
        values << path << subtreeEnd(path);
    }
    statement += QStringLiteral(" ORDER BY name_folded, id LIMIT ?");
    values << qBound(1, limit, 500);
    return readUnits(sql::exec(m_db, statement, values));
}

Result<qint64> OrgRepository::memberCount(qint64 id) const
{
    auto unit = selectUnit(m_db, id);
    if (!unit)
        return unit.error();
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT COUNT(*) FROM member m JOIN org_unit u ON u.id = m.org_unit_id "
                       "WHERE m.left_reason IS NULL AND u.path >= ? AND u.path < ?"),
        { unit->path, subtreeEnd(unit->path) });
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<OrgCategory> OrgRepository::ensureCategory(const QString& code, const QString& name)
{
    auto existing = sql::exec(
        m_db, QStringLiteral("SELECT id, code, name, active FROM org_category WHERE code = ?"), { code });
    if (!existing)
        return existing.error();
    if (existing->next())
        return OrgCategory { existing->value(0).toLongLong(), existing->value(1).toString(),
            existing->value(2).toString(), existing->value(3).toBool() };
    auto inserted
        = sql::exec(m_db, QStringLiteral("INSERT INTO org_category (code, name) VALUES (?, ?) RETURNING id"),
            { code, text::cleanText(name) });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    return OrgCategory { inserted->value(0).toLongLong(), code, text::cleanText(name), true };
}

Result<QList<OrgCategory>> OrgRepository::categories() const
{
    auto query
        = sql::exec(m_db, QStringLiteral("SELECT id, code, name, active FROM org_category ORDER BY code"));
    if (!query)
        return query.error();
    QList<OrgCategory> list;
    while (query->next())
        list.append({ query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString(),
            query->value(3).toBool() });
    return list;
}

Result<OrgUnit> OrgRepository::create(
    const NewOrgUnit& unit, const Decision& decision, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();

    QList<FieldError> errors = validateDecision(decision, context.today());
    std::optional<OrgUnit> parent;
    if (unit.parentId) {
        auto found = selectActiveUnit(m_db, *unit.parentId, QStringLiteral("parentId"));
        if (!found)
            errors += found.error().fields;
        else
            parent = *found;
    } else if (auto existingRoot = root(); existingRoot && existingRoot->has_value()) {
        errors.append({ QStringLiteral("parentId"),
            QCoreApplication::translate("OrgRepository", "Cây tổ chức đã có gốc là %1.")
                .arg(existingRoot->value().displayName()) });
    }
    if (!unit.parentId || parent)
        errors += validateUnitFields(text::cleanText(unit.name), text::cleanText(unit.code), unit.kind,
            parent ? std::optional(parent->kind) : std::nullopt);
    if (const Status category = checkCategory(m_db, unit.categoryId, QStringLiteral("categoryId")); !category)
        errors += category.error().fields;
    if (!errors.isEmpty())
        return invalidFields(errors);
    if (const Status free = checkCodeFree(m_db, text::cleanText(unit.code), QStringLiteral("code")); !free)
        return free.error();
    if (const auto early = parent ? checkNotBeforeFounded(*parent, decision.effectiveOn) : std::nullopt)
        return invalidField(early->field, early->message);

    auto created = insertUnit(m_db, unit, parent ? &*parent : nullptr, decision.effectiveOn, context);
    if (!created)
        return created;
    if (const auto op
        = recordOperation(m_db, QStringLiteral("create"), created->id, unit.parentId, decision, {}, context);
        !op)
        return op.error();
    return commitWith(transaction, std::move(created));
}

Result<OrgUnit> OrgRepository::rename(qint64 id, const QString& name, const Decision& decision,
    const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status locked = lockUnit(m_db, id); !locked)
        return locked.error();
    auto unit = selectActiveUnit(m_db, id, QStringLiteral("id"));
    if (!unit)
        return unit;
    if (const Status current = checkVersion(*unit, expectedVersion); !current)
        return current.error();
    const QString cleaned = text::cleanText(name);
    QList<FieldError> errors = validateDecision(decision, context.today());
    for (const auto& error : validateUnitFields(cleaned, unit->code, unit->kind, std::nullopt))
        if (error.field == u"name")
            errors.append(error);
    if (const auto same = checkRename(*unit, cleaned))
        errors.append(*same);
    if (!errors.isEmpty())
        return invalidFields(errors);
    // A rename touches only the unit's own history, not its descendants'.
    if (const Status dated = checkEffectiveDate(m_db, { unit->path }, decision.effectiveOn, unit->id); !dated)
        return dated.error();

    if (const Status closed = closePeriods(m_db, { id }, decision.effectiveOn); !closed)
        return closed.error();
    const auto renamed = sql::exec(m_db,
        QStringLiteral("UPDATE org_unit SET name = ?, name_folded = ?, version = version + 1 "
                       "WHERE id = ?"),
        { cleaned, text::fold(cleaned), id });
    if (!renamed)
        return renamed.error();
    if (const Status opened = openPeriod(m_db, id, decision.effectiveOn); !opened)
        return opened.error();
    QJsonObject details { { QStringLiteral("from"), unit->name }, { QStringLiteral("to"), cleaned } };
    if (const auto op
        = recordOperation(m_db, QStringLiteral("rename"), id, std::nullopt, decision, details, context);
        !op)
        return op.error();
    if (const Status recorded = recordUnitChange(m_db, &*unit, id, QStringLiteral("org.rename"), context);
        !recorded)
        return recorded.error();
    return commitWith(transaction, selectUnit(m_db, id));
}

Result<OrgUnit> OrgRepository::move(qint64 id, qint64 newParentId, const Decision& decision,
    const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status locked = lockUnit(m_db, id); !locked)
        return locked.error();
    auto unit = selectActiveUnit(m_db, id, QStringLiteral("id"));
    if (!unit)
        return unit;
    if (const Status current = checkVersion(*unit, expectedVersion); !current)
        return current.error();
    auto parent = selectActiveUnit(m_db, newParentId, QStringLiteral("parentId"));
    if (!parent)
        return parent;

    QList<FieldError> errors = validateDecision(decision, context.today());
    if (const auto refused = checkMove(*unit, *parent, isInSubtree(parent->path, unit->path)))
        errors.append(*refused);
    if (!errors.isEmpty())
        return invalidFields(errors);
    if (const Status dated = checkEffectiveDate(m_db, { unit->path }, decision.effectiveOn); !dated)
        return dated.error();

    if (const Status moved = relocateSubtree(m_db, *unit, *parent, decision.effectiveOn, context); !moved)
        return moved.error();
    QJsonObject details { { QStringLiteral("fromParentId"), *unit->parentId },
        { QStringLiteral("toParentId"), parent->id } };
    if (const auto op
        = recordOperation(m_db, QStringLiteral("move"), id, parent->id, decision, details, context);
        !op)
        return op.error();
    return commitWith(transaction, selectUnit(m_db, id));
}

Result<OrgUnit> OrgRepository::merge(qint64 sourceId, qint64 targetId, const Decision& decision,
    const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status locked = lockUnit(m_db, sourceId); !locked)
        return locked.error();
    auto source = selectActiveUnit(m_db, sourceId, QStringLiteral("id"));
    if (!source)
        return source;
    if (const Status current = checkVersion(*source, expectedVersion); !current)
        return current.error();
    auto target = selectActiveUnit(m_db, targetId, QStringLiteral("targetId"));
    if (!target)
        return target;

    QList<FieldError> errors = validateDecision(decision, context.today());
    auto children = activeChildren(m_db, source->id);
    if (!children)
        return children.error();
    auto members = membersOf(m_db, source->id);
    if (!members)
        return members.error();
    errors.append(
        checkMerge(*source, *target, isInSubtree(target->path, source->path), *children, members->size()));
    if (!errors.isEmpty())
        return invalidFields(errors);
    if (const Status dated = checkEffectiveDate(m_db, { source->path, target->path }, decision.effectiveOn);
        !dated)
        return dated.error();

    for (const auto& child : *children) {
        auto current
            = selectUnit(m_db, child.id); // paths of later children do not change, but read fresh anyway
        if (!current)
            return current;
        if (const Status moved = relocateSubtree(m_db, *current, *target, decision.effectiveOn, context);
            !moved)
            return moved.error();
    }
    if (const Status moved = moveMembers(m_db, *members, *source, *target, context); !moved)
        return moved.error();
    if (const Status ended
        = endUnit(m_db, *source, OrgEndReason::Merged, target->id, decision.effectiveOn, context);
        !ended)
        return ended.error();
    QJsonObject details { { QStringLiteral("children"), static_cast<qint64>(children->size()) },
        { QStringLiteral("members"), static_cast<qint64>(members->size()) } };
    if (const auto op
        = recordOperation(m_db, QStringLiteral("merge"), source->id, target->id, decision, details, context);
        !op)
        return op.error();
    return commitWith(transaction, selectUnit(m_db, target->id));
}

Result<QList<OrgUnit>> OrgRepository::split(
    qint64 sourceId, const QList<SplitPart>& parts, const Decision& decision, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status locked = lockUnit(m_db, sourceId); !locked)
        return locked.error();
    auto source = selectActiveUnit(m_db, sourceId, QStringLiteral("id"));
    if (!source)
        return source.error();
    if (!source->parentId)
        return invalidField(QStringLiteral("id"),
            QCoreApplication::translate("OrgRepository", "Không thể chia tách Đảng bộ tỉnh."));
    auto parent = selectUnit(m_db, *source->parentId);
    if (!parent)
        return parent.error();

    QList<FieldError> errors = validateDecision(decision, context.today());
    if (parts.size() < 2)
        errors.append({ QStringLiteral("parts"),
            QCoreApplication::translate("OrgRepository", "Chia tách cần ít nhất hai tổ chức mới.") });
    auto children = activeChildren(m_db, source->id);
    if (!children)
        return children.error();
    auto members = membersOf(m_db, source->id);
    if (!members)
        return members.error();

    QSet<qint64> childIds;
    for (const auto& child : *children)
        childIds.insert(child.id);
    const QSet<qint64> memberIds(members->begin(), members->end());
    QSet<qint64> assignedChildren;
    QSet<qint64> assignedMembers;
    QSet<QString> codes;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const auto& part = parts[i];
        const QString prefix = QStringLiteral("parts[%1].").arg(i);
        for (const auto& error : validateUnitFields(text::cleanText(part.unit.name),
                 text::cleanText(part.unit.code), part.unit.kind, parent->kind))
            errors.append({ prefix + error.field, error.message });
        const QString code = text::cleanText(part.unit.code);
        if (!code.isEmpty() && codes.contains(code))
            errors.append({ prefix + QStringLiteral("code"),
                QCoreApplication::translate("OrgRepository", "Mã đơn vị %1 bị trùng giữa các tổ chức mới.")
                    .arg(code) });
        codes.insert(code);
        for (const qint64 childId : part.childIds) {
            const auto child = std::find_if(
                children->begin(), children->end(), [childId](const OrgUnit& u) { return u.id == childId; });
            if (child == children->end() || assignedChildren.contains(childId))
                errors.append({ prefix + QStringLiteral("childIds"),
                    QCoreApplication::translate("OrgRepository",
                        "Tổ chức có mã số %1 không trực thuộc %2 hoặc đã được giao cho tổ chức khác.")
                        .arg(childId)
                        .arg(source->displayName()) });
            else if (!canContain(part.unit.kind, child->kind))
                errors.append({ prefix + QStringLiteral("childIds"),
                    QCoreApplication::translate("OrgRepository", "%1 không thể trực thuộc %2.")
                        .arg(child->displayName(), orgKindLabel(part.unit.kind).toLower()) });
            assignedChildren.insert(childId);
        }
        for (const qint64 memberId : part.memberIds) {
            if (!memberIds.contains(memberId) || assignedMembers.contains(memberId))
                errors.append({ prefix + QStringLiteral("memberIds"),
                    QCoreApplication::translate("OrgRepository",
                        "Đảng viên có mã số %1 không thuộc %2 hoặc đã được giao cho tổ chức khác.")
                        .arg(memberId)
                        .arg(source->displayName()) });
            assignedMembers.insert(memberId);
        }
        if (!part.memberIds.isEmpty() && !canHoldMembers(part.unit.kind))
            errors.append({ prefix + QStringLiteral("memberIds"),
                QCoreApplication::translate("OrgRepository", "%1 không có danh sách đảng viên.")
                    .arg(orgKindLabel(part.unit.kind)) });
    }
    if (assignedChildren != childIds)
        errors.append({ QStringLiteral("parts"),
            QCoreApplication::translate("OrgRepository",
                "Còn %n tổ chức trực thuộc chưa được giao cho tổ chức mới.", nullptr,
                int((childIds - assignedChildren).size())) });
    if (assignedMembers != memberIds)
        errors.append({ QStringLiteral("parts"),
            QCoreApplication::translate("OrgRepository", "Còn %n đảng viên chưa được giao cho tổ chức mới.",
                nullptr, int((memberIds - assignedMembers).size())) });
    if (!errors.isEmpty())
        return invalidFields(errors);
    if (const Status dated = checkEffectiveDate(m_db, { source->path }, decision.effectiveOn); !dated)
        return dated.error();

    // End the source first so that a part may take over its code.
    if (const Status ended
        = endUnit(m_db, *source, OrgEndReason::Split, std::nullopt, decision.effectiveOn, context);
        !ended)
        return ended.error();
    QList<OrgUnit> created;
    QJsonArray partIds;
    for (const auto& part : parts) {
        if (const Status free = checkCodeFree(m_db, text::cleanText(part.unit.code), QStringLiteral("parts"));
            !free)
            return free.error();
        if (const Status category = checkCategory(m_db, part.unit.categoryId, QStringLiteral("parts"));
            !category)
            return category.error();
        auto unit = insertUnit(m_db, part.unit, &*parent, decision.effectiveOn, context);
        if (!unit)
            return unit.error();
        for (const qint64 childId : part.childIds) {
            auto child = selectUnit(m_db, childId);
            if (!child)
                return child.error();
            if (const Status moved = relocateSubtree(m_db, *child, *unit, decision.effectiveOn, context);
                !moved)
                return moved.error();
        }
        if (const Status moved = moveMembers(m_db, part.memberIds, *source, *unit, context); !moved)
            return moved.error();
        partIds.append(unit->id);
        created.append(*unit);
    }
    if (const auto op = recordOperation(m_db, QStringLiteral("split"), source->id, std::nullopt, decision,
            { { QStringLiteral("parts"), partIds } }, context);
        !op)
        return op.error();
    return commitWith(transaction, Result<QList<OrgUnit>>(created));
}

Result<OrgUnit> OrgRepository::dissolve(
    qint64 id, const Decision& decision, const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status locked = lockUnit(m_db, id); !locked)
        return locked.error();
    auto unit = selectActiveUnit(m_db, id, QStringLiteral("id"));
    if (!unit)
        return unit;
    if (const Status current = checkVersion(*unit, expectedVersion); !current)
        return current.error();
    QList<FieldError> errors = validateDecision(decision, context.today());
    if (const auto root = checkDissolvable(*unit))
        errors.append(*root);
    if (!errors.isEmpty())
        return invalidFields(errors);

    auto children = activeChildren(m_db, id);
    if (!children)
        return children.error();
    auto members = membersOf(m_db, id);
    if (!members)
        return members.error();
    if (const QString refusal = dissolveRefusal(*unit, children->size(), members->size()); !refusal.isEmpty())
        return Error::conflict(refusal);
    if (const Status dated = checkEffectiveDate(m_db, { unit->path }, decision.effectiveOn); !dated)
        return dated.error();
    if (const Status ended
        = endUnit(m_db, *unit, OrgEndReason::Dissolved, std::nullopt, decision.effectiveOn, context);
        !ended)
        return ended.error();
    if (const auto op
        = recordOperation(m_db, QStringLiteral("dissolve"), id, std::nullopt, decision, {}, context);
        !op)
        return op.error();
    return commitWith(transaction, selectUnit(m_db, id));
}

} // namespace sotay
