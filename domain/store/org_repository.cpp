// SPDX-License-Identifier: GPL-3.0-or-later
// The tree's reads, and the writes that keep its shape: creating and renaming a unit. The changes of shape
// that move or end units are in org_structure_changes.cpp.
#include "store/org_repository.h"

#include "org/org_rules.h"
#include "store/org_columns.h"
#include "store/org_unit_writes.h"
#include "store/sql.h"
#include "store/tree_locks.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sotay {

using namespace org_writes;

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
    // A change of shape: the parent stays active and the code free until this commits.
    if (const Status shape = tree_locks::lockTreeShape(m_db); !shape)
        return shape.error();

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
        return Error::invalidField(early->field, early->message);

    auto created = insertUnit(m_db, unit, parent ? &*parent : nullptr, decision.effectiveOn, context);
    if (!created)
        return created;
    if (const auto op
        = recordOperation(m_db, QStringLiteral("create"), created->id, unit.parentId, decision, {}, context);
        !op)
        return op.error();
    return sql::commitWith(transaction, std::move(created));
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
    return sql::commitWith(transaction, selectUnit(m_db, id));
}

} // namespace sotay
