// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/org_unit_writes.h"

#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/org_columns.h"
#include "store/sql.h"
#include "store/tree_locks.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace sotay::org_writes {

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
    return tree_locks::lockUnitsForChange(db, {}, { id });
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

Error invalidFields(QList<FieldError> fields)
{
    const QString summary = fields.size() == 1
        ? fields.front().message
        : QCoreApplication::translate(
            "OrgRepository", "Dữ liệu chưa hợp lệ ở %n trường.", nullptr, int(fields.size()));
    return Error::invalid(summary, std::move(fields));
}

// The newest day on which anything in these subtrees changed: an operation may not be dated before it,
// or the recorded history would stop being a sequence.
Status checkEffectiveDate(
    const QSqlDatabase& db, const QStringList& paths, QDate effectiveOn, std::optional<qint64> onlyUnit)
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
                return Error::invalidField(early->field, early->message);
    }
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
        return Error::invalidField(field,
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
        return Error::invalidField(field,
            QCoreApplication::translate("OrgRepository", "Không có loại hình cơ sở có mã số %1.")
                .arg(*categoryId));
    return success();
}

} // namespace sotay::org_writes
