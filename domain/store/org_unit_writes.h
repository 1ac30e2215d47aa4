// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"
#include "store/org_repository.h"
#include "store/write_context.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

// The steps OrgRepository's writes share: reading and locking units, their dated periods, the operation
// log and the change feed. Only the repository's own files use them.
namespace sotay::org_writes {

Result<QList<OrgUnit>> readUnits(Result<QSqlQuery> query);
Result<OrgUnit> selectUnit(const QSqlDatabase& db, qint64 id);
// The unit if it is active, or a field error on `field`.
Result<OrgUnit> selectActiveUnit(const QSqlDatabase& db, qint64 id, const QString& field);
// Takes the unit's row lock before a write reads the unit (see lockUnit in the .cpp).
Status lockUnit(const QSqlDatabase& db, qint64 id);
Status checkVersion(const OrgUnit& unit, std::optional<qint64> expectedVersion);
Error invalidFields(QList<FieldError> fields);

// Refuses a decision dated before the newest change in these subtrees (or of `onlyUnit` alone).
Status checkEffectiveDate(const QSqlDatabase& db, const QStringList& paths, QDate effectiveOn,
    std::optional<qint64> onlyUnit = std::nullopt);
Status openPeriod(const QSqlDatabase& db, qint64 unitId, QDate from);
Status closePeriods(const QSqlDatabase& db, const QList<qint64>& unitIds, QDate on);

Result<qint64> recordOperation(const QSqlDatabase& db, const QString& type, qint64 unitId,
    std::optional<qint64> otherUnitId, const Decision& decision, const QJsonObject& details,
    const WriteContext& context);
Status recordUnitChange(const QSqlDatabase& db, const OrgUnit* before, qint64 id, const QString& action,
    const WriteContext& context);

Status checkCodeFree(const QSqlDatabase& db, const QString& code, const QString& field);
Status checkCategory(const QSqlDatabase& db, std::optional<qint64> categoryId, const QString& field);
// Inserts the unit under `parent` with its first period and feed row.
Result<OrgUnit> insertUnit(const QSqlDatabase& db, const NewOrgUnit& unit, const OrgUnit* parent,
    QDate validFrom, const WriteContext& context);

} // namespace sotay::org_writes
