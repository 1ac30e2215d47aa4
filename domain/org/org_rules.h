// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"

#include <QStringList>

#include <optional>

namespace sotay {

// The shape rules of the tree: which kind may sit under which. A cell holds only party groups.
bool canContain(OrgKind parent, OrgKind child);

// Materialised paths: "/1/5/23/". A subtree is every path in [path, subtreeEnd(path)).
QString childPath(const QString& parentPath, qint64 id);
QString subtreeEnd(const QString& path);
bool isInSubtree(const QString& path, const QString& ancestorPath);
// The paths of the units above `path`, root first: "/1/5/23/" -> "/1/", "/1/5/".
QStringList ancestorPaths(const QString& path);

// Checks of a proposed unit's own fields (name, code, kind under its parent); every failing field.
QList<FieldError> validateUnitFields(
    const QString& name, const QString& code, OrgKind kind, std::optional<OrgKind> parentKind);

// Checks of a decision: number present, date present and not in the future.
QList<FieldError> validateDecision(const Decision& decision, QDate today);

// The checks of each tree operation that need only the units concerned: the server makes them, and the
// console makes them in its dialogs before sending, so both refuse in the same words. `insideUnit`: the
// other unit is the unit itself or lies below it. `members`: those on the unit's roster or taking part
// there temporarily; `children`: its active sub-units.
std::optional<FieldError> checkRename(const OrgUnit& unit, const QString& cleanedName);
std::optional<FieldError> checkMove(const OrgUnit& unit, const OrgUnit& parent, bool insideUnit);
QList<FieldError> checkMerge(const OrgUnit& source, const OrgUnit& target, bool insideSource,
    const QList<OrgUnit>& children, qsizetype members);
std::optional<FieldError> checkDissolvable(const OrgUnit& unit);
// Empty when the unit may be dissolved; else why not (the server answers it as a conflict).
QString dissolveRefusal(const OrgUnit& unit, qsizetype children, qsizetype members);
// A new unit may not be dated before its parent was founded.
std::optional<FieldError> checkNotBeforeFounded(const OrgUnit& parent, QDate effectiveOn);
// An operation may not be dated before the newest recorded change of the units it concerns.
std::optional<FieldError> checkNotBeforeLatestChange(QDate effectiveOn, QDate latestChange);

} // namespace sotay

namespace sotay {

// Members sit on the roster of a cell: a chi bộ trực thuộc or a chi bộ cơ sở.
bool canHoldMembers(OrgKind kind);

} // namespace sotay
