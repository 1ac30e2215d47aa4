// SPDX-License-Identifier: GPL-3.0-or-later
// The changes of the tree's shape that move or end units: move, merge, split and dissolve. Each takes the
// tree lock and then the rows it will change (store/tree_locks.h) before it reads anything it checks.
#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/content_repository.h"
#include "store/org_columns.h"
#include "store/org_repository.h"
#include "store/org_unit_writes.h"
#include "store/sql.h"
#include "store/tree_locks.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace sotay {

using namespace org_writes;

namespace {

// Takes the tree lock, then the unit's active subtree and the units `alsoUnits` for update, and reads the
// unit, which must be active and at `expectedVersion` if one is given: what the change of shape reads from
// here on stays as read until it commits.
Result<OrgUnit> lockForShapeChange(const QSqlDatabase& db, qint64 unitId, const QList<qint64>& alsoUnits,
    std::optional<qint64> expectedVersion)
{
    if (const Status shape = tree_locks::lockTreeShape(db); !shape)
        return shape.error();
    // A unit that is not there is left to selectActiveUnit to report.
    if (auto path = OrgRepository(db).path(unitId); path) {
        if (const Status locked = tree_locks::lockUnitsForChange(db, { *path }, alsoUnits); !locked)
            return locked.error();
    } else if (path.error().code != ErrorCode::NotFound) {
        return path.error();
    }
    auto unit = selectActiveUnit(db, unitId, QStringLiteral("id"));
    if (!unit)
        return unit;
    if (const Status current = checkVersion(*unit, expectedVersion); !current)
        return current.error();
    return unit;
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

// What the ended unit became (the merge's target, or the parts of a split), and the content published to it
// goes to them.
Status recordSuccessors(
    const QSqlDatabase& db, qint64 endedId, const QList<qint64>& successorIds, const WriteContext& context)
{
    for (const qint64 successor : successorIds)
        if (auto inserted = sql::exec(db,
                QStringLiteral("INSERT INTO org_unit_successor (unit_id, successor_id) VALUES (?, ?)"),
                { endedId, successor });
            !inserted)
            return inserted.error();
    return followAudience(db, endedId, successorIds, context);
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

} // namespace

Result<OrgUnit> OrgRepository::move(qint64 id, qint64 newParentId, const Decision& decision,
    const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto unit = lockForShapeChange(m_db, id, { newParentId }, expectedVersion);
    if (!unit)
        return unit;
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
    return sql::commitWith(transaction, selectUnit(m_db, id));
}

Result<OrgUnit> OrgRepository::merge(qint64 sourceId, qint64 targetId, const Decision& decision,
    const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto source = lockForShapeChange(m_db, sourceId, { targetId }, expectedVersion);
    if (!source)
        return source;
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
    if (const Status followed = recordSuccessors(m_db, source->id, { target->id }, context); !followed)
        return followed.error();
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
    return sql::commitWith(transaction, selectUnit(m_db, target->id));
}

Result<QList<OrgUnit>> OrgRepository::split(
    qint64 sourceId, const QList<SplitPart>& parts, const Decision& decision, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto source = lockForShapeChange(m_db, sourceId, {}, std::nullopt);
    if (!source)
        return source.error();
    if (!source->parentId)
        return Error::invalidField(QStringLiteral("id"),
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
    if (const Status followed = recordSuccessors(m_db, source->id, idsOf(created), context); !followed)
        return followed.error();
    if (const auto op = recordOperation(m_db, QStringLiteral("split"), source->id, std::nullopt, decision,
            { { QStringLiteral("parts"), partIds } }, context);
        !op)
        return op.error();
    return sql::commitWith(transaction, Result<QList<OrgUnit>>(created));
}

Result<OrgUnit> OrgRepository::dissolve(
    qint64 id, const Decision& decision, const WriteContext& context, std::optional<qint64> expectedVersion)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto unit = lockForShapeChange(m_db, id, {}, expectedVersion);
    if (!unit)
        return unit;
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
    return sql::commitWith(transaction, selectUnit(m_db, id));
}

} // namespace sotay
