// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"

#include <optional>

namespace sotay {

// The shape rules of the tree: which kind may sit under which. A cell holds only party groups.
bool canContain(OrgKind parent, OrgKind child);

// Materialised paths: "/1/5/23/". A subtree is every path in [path, subtreeEnd(path)).
QString childPath(const QString& parentPath, qint64 id);
QString subtreeEnd(const QString& path);
bool isInSubtree(const QString& path, const QString& ancestorPath);

// Checks of a proposed unit's own fields (name, code, kind under its parent); every failing field.
QList<FieldError> validateUnitFields(
    const QString& name, const QString& code, OrgKind kind, std::optional<OrgKind> parentKind);

// Checks of a decision: number present, date present and not in the future.
QList<FieldError> validateDecision(const Decision& decision, QDate today);

} // namespace sotay

namespace sotay {

// Members sit on the roster of a cell: a chi bộ trực thuộc or a chi bộ cơ sở.
bool canHoldMembers(OrgKind kind);

} // namespace sotay
