// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"
#include "store/write_context.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace sotay {

struct NewOrgUnit {
    std::optional<qint64> parentId;
    OrgKind kind = OrgKind::Cell;
    std::optional<qint64> categoryId;
    QString code;
    QString name;
};

// One new unit of a split, with the children and members it takes over from the unit being split.
struct SplitPart {
    NewOrgUnit unit; // parentId is ignored: parts sit where the split unit sat
    QList<qint64> childIds;
    QList<qint64> memberIds;
};

// The organisation tree in the database. Every operation is dated by its decision, runs in one
// transaction with its change-feed rows, and keeps the history that treeAsOf() reads.
class OrgRepository final {
public:
    explicit OrgRepository(const QSqlDatabase& db);

    Result<OrgUnit> find(qint64 id) const;
    // Only the unit's path: what scope checks need, at a fraction of a whole unit's reading.
    Result<QString> path(qint64 id) const;
    Result<QList<OrgUnit>> children(qint64 parentId) const; // active children, by name
    Result<std::optional<OrgUnit>> root() const;            // the active unit with no parent
    // The tree as it stood on `date` (the whole tree, or the subtree at `path`), parents before children.
    Result<QList<OrgUnit>> treeAsOf(QDate date, const QString& path = {}) const;
    // Active units whose folded name or code contains the folded query, within `path` if given.
    Result<QList<OrgUnit>> search(const QString& query, const QString& path = {}, int limit = 50) const;
    // Members on the roster in the subtree of the unit.
    Result<qint64> memberCount(qint64 id) const;

    Result<OrgCategory> ensureCategory(const QString& code, const QString& name);
    Result<QList<OrgCategory>> categories() const;

    // `expectedVersion`, when given, must be the unit's version, or the answer is a conflict and nothing
    // changes.
    Result<OrgUnit> create(const NewOrgUnit& unit, const Decision& decision, const WriteContext& context);
    Result<OrgUnit> rename(qint64 id, const QString& name, const Decision& decision,
        const WriteContext& context, std::optional<qint64> expectedVersion = std::nullopt);
    Result<OrgUnit> move(qint64 id, qint64 newParentId, const Decision& decision, const WriteContext& context,
        std::optional<qint64> expectedVersion = std::nullopt);
    // Children and members of `sourceId` go to `targetId`; the source ends as merged.
    Result<OrgUnit> merge(qint64 sourceId, qint64 targetId, const Decision& decision,
        const WriteContext& context, std::optional<qint64> expectedVersion = std::nullopt);
    // The source ends as split; its children and members go to the new parts, each exactly once.
    Result<QList<OrgUnit>> split(qint64 sourceId, const QList<SplitPart>& parts, const Decision& decision,
        const WriteContext& context);
    // Only a unit with no active children and no members on its roster can be dissolved.
    Result<OrgUnit> dissolve(qint64 id, const Decision& decision, const WriteContext& context,
        std::optional<qint64> expectedVersion = std::nullopt);

private:
    QSqlDatabase m_db;
};

} // namespace sotay
