// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "org/org_unit.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QHash>
#include <QSqlDatabase>

#include <optional>
#include <vector>

namespace sotay::widgets {

// The organisation tree held by the replica: every active unit, with its kind and the active members of its
// whole subtree. Read in two queries and kept in memory (about 7,600 units for the province).
class OrgTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgTreeModel)

public:
    enum Column { NameColumn, MembersColumn, ColumnCount };
    enum Role {
        UnitIdRole = Qt::UserRole + 1, // qint64
        KindRole,                      // OrgKind as int
        SearchKeyRole,                 // folded "code name", for searching without diacritics
        FullNameRole,                  // the whole name (the tree shows the part that tells units apart)
    };

    // What a search shows, by position (the internal id of the model's indexes): each match with the
    // units above it and its whole subtree; and the units above a match, which the view expands.
    struct SearchResult {
        std::vector<char> shown;
        std::vector<int> aboveMatches; // parents before children
        qsizetype matches = 0;
    };

    explicit OrgTreeModel(QObject* parent = nullptr);

    // The tree as it stands, or as it stood on `asOf` (from the history in the replica; without member
    // counts, which the replica holds only for today).
    Status load(const QSqlDatabase& db, std::optional<QDate> asOf = std::nullopt);
    std::optional<QDate> asOf() const { return m_asOf; }
    QModelIndex indexOfUnit(qint64 unitId) const;
    qsizetype unitCount() const { return static_cast<qsizetype>(m_units.size()); }
    qint64 memberCount(qint64 unitId) const; // active members of the subtree
    // Active members on the unit's own roster or taking part there temporarily (what keeps it from being
    // dissolved or merged into a unit without a roster); only for today's tree.
    qint64 heldMemberCount(qint64 unitId) const;
    // The unit's active sub-units.
    QList<OrgUnit> children(qint64 unitId) const;
    // The newest day on which the unit (or, with `subtree`, anything below it) changed, from the replica's
    // history; invalid when the replica does not know it.
    QDate latestChange(qint64 unitId, bool subtree) const;
    // The first day of the replica's recorded history of the tree; invalid when it holds none.
    QDate firstRecordedDay() const { return m_firstDay; }
    SearchResult search(const QString& folded) const;
    QModelIndex indexAtPosition(int position) const;
    // The unit as the replica holds it (id, parent, kind, code, name, version), for the tree operations.
    std::optional<OrgUnit> unit(qint64 unitId) const;
    // Every unit, by name; and whether `unitId` is `ancestorId` or lies below it.
    QList<OrgUnit> units() const;
    bool within(qint64 unitId, qint64 ancestorId) const;
    // Whether unit `unitId` may be moved under `parentId` by the tree's rules (a kind that can hold it, not
    // inside itself, not its parent already).
    bool canMoveUnder(qint64 unitId, qint64 parentId) const;

    // Drag and drop: a unit dropped on another asks for a move (moveRequested); the tree itself changes only
    // once the server has taken the move, so a drop never changes the model.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void moveRequested(qint64 unitId, qint64 newParentId);

private:
    qint64 droppedUnit(const QMimeData* data) const;

    struct Unit {
        qint64 id = 0;
        int parent = -1; // position in m_units, -1 for a top unit
        int row = 0;     // position among its siblings
        OrgKind kind = OrgKind::Cell;
        QString code;
        QString name;
        QString shortName;
        QString searchKey;
        qint64 members = 0;
        qint64 held = 0;
        QDate latest;      // its own newest change
        QDate latestBelow; // the newest change of its subtree, itself included
        qint64 version = 0;
        QDate validFrom; // founded (today's tree), or the start of the period shown (a past tree)
        std::vector<int> children;
    };
    OrgUnit toOrgUnit(const Unit& held) const;

    std::optional<QDate> m_asOf;
    QDate m_firstDay;
    std::vector<Unit> m_units;
    std::vector<int> m_top;
    QHash<qint64, int> m_byId;
};

// The part of a unit's name that tells it from its siblings, without the kind it begins with (the kind is the
// icon): "Đảng bộ xã Bình Minh" is "xã Bình Minh", "Chi bộ ấp 3" is "ấp 3". A name that would be left as a
// bare number ("Chi bộ 3") stays whole.
QString orgShortName(const QString& name);

// A small round icon per kind of unit, drawn once (no image files to ship).
QIcon orgKindIcon(OrgKind kind);

} // namespace sotay::widgets
