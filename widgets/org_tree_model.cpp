// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_tree_model.h"

#include "org/org_rules.h"
#include "store/sql.h"
#include "text/vietnamese_text.h"

#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>
#include <QTimer>

#include <algorithm>

namespace sotay::widgets {

OrgTreeModel::OrgTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

Status OrgTreeModel::load(const QSqlDatabase& db, std::optional<QDate> asOf)
{
    // Parents before children: the path of a parent is a prefix of its children's paths.
    auto units = asOf ? sql::exec(db,
                     QStringLiteral("SELECT unit_id, parent_id, kind, code, name, 0, valid_from FROM "
                                    "org_unit_period WHERE valid_from <= ? "
                                    "AND (valid_to IS NULL OR valid_to > ?) ORDER BY path"),
                     { sql::date(*asOf), sql::date(*asOf) })
                      : sql::exec(db,
                          QStringLiteral("SELECT id, parent_id, kind, code, name, version, valid_from FROM "
                                         "org_unit WHERE valid_to IS NULL "
                                         "ORDER BY path"));
    if (!units)
        return units.error();
    // Members are counted for today's tree only: on each roster, and held there (on the roster or taking
    // part temporarily), in one reading of the members.
    QHash<qint64, qint64> counts;
    QHash<qint64, qint64> held;
    QHash<qint64, QDate> latest;
    if (!asOf) {
        // Two readings that indexes answer: grouping by both units at once would sort every member.
        auto query = sql::exec(db,
            QStringLiteral(
                "SELECT org_unit_id, COUNT(*) FROM member WHERE left_reason IS NULL GROUP BY org_unit_id"));
        if (!query)
            return query.error();
        while (query->next()) {
            const qint64 unit = query->value(0).toLongLong();
            const qint64 count = query->value(1).toLongLong();
            counts[unit] += count;
            held[unit] += count;
        }
        auto temporary = sql::exec(db,
            QStringLiteral(
                "SELECT temporary_org_unit_id, COUNT(*) FROM member WHERE temporary_org_unit_id IS NOT "
                "NULL AND left_reason IS NULL AND temporary_org_unit_id <> org_unit_id GROUP BY "
                "temporary_org_unit_id"));
        if (!temporary)
            return temporary.error();
        while (temporary->next())
            held[temporary->value(0).toLongLong()] += temporary->value(1).toLongLong();
        // Each unit's newest change, which no operation on it may precede (as the server checks).
        auto changes = sql::exec(db,
            QStringLiteral("SELECT unit_id, MAX(valid_from) FROM org_unit_period WHERE valid_to IS NULL "
                           "GROUP BY unit_id"));
        if (!changes)
            return changes.error();
        while (changes->next())
            latest.insert(changes->value(0).toLongLong(), sql::toDate(changes->value(1)));
    }
    auto first = sql::exec(db, QStringLiteral("SELECT MIN(valid_from) FROM org_unit_period"));
    if (!first)
        return first.error();
    const QDate firstDay = first->next() ? sql::toDate(first->value(0)) : QDate();

    std::vector<Unit> loaded;
    std::vector<int> top;
    QHash<qint64, int> byId;
    while (units->next()) {
        Unit unit;
        unit.id = units->value(0).toLongLong();
        const QVariant parentId = units->value(1);
        unit.kind = orgKindFromCode(units->value(2).toString()).value_or(OrgKind::Cell);
        unit.code = units->value(3).toString();
        unit.name = units->value(4).toString();
        unit.version = units->value(5).toLongLong();
        unit.validFrom = sql::toDate(units->value(6));
        unit.shortName = orgShortName(unit.name);
        unit.searchKey = text::fold(unit.code + u' ' + unit.name);
        unit.held = held.value(unit.id);
        unit.latest = latest.value(unit.id);
        unit.latestBelow = unit.latest;
        const int position = static_cast<int>(loaded.size());
        const auto parent = parentId.isNull() ? byId.constEnd() : byId.constFind(parentId.toLongLong());
        if (parent != byId.constEnd()) {
            unit.parent = *parent;
            unit.row = static_cast<int>(loaded[static_cast<std::size_t>(*parent)].children.size());
            loaded[static_cast<std::size_t>(*parent)].children.push_back(position);
        } else {
            // The scope's top unit (its parent lies outside the replica), or the province root.
            unit.row = static_cast<int>(top.size());
            top.push_back(position);
        }
        byId.insert(unit.id, position);
        loaded.push_back(std::move(unit));
    }
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (const auto at = byId.constFind(it.key()); at != byId.constEnd())
            loaded[static_cast<std::size_t>(*at)].members = it.value();
    // Subtree totals: children come after their parents, so one pass from the end adds each into its parent.
    for (auto it = loaded.rbegin(); it != loaded.rend(); ++it)
        if (it->parent >= 0) {
            Unit& parent = loaded[static_cast<std::size_t>(it->parent)];
            parent.members += it->members;
            if (it->latestBelow.isValid() && !(parent.latestBelow >= it->latestBelow))
                parent.latestBelow = it->latestBelow;
        }
    // Siblings by name, the way the users look for them.
    const auto byName = [&loaded](int a, int b) {
        return QString::localeAwareCompare(
                   loaded[static_cast<std::size_t>(a)].name, loaded[static_cast<std::size_t>(b)].name)
            < 0;
    };
    for (auto& unit : loaded) {
        std::sort(unit.children.begin(), unit.children.end(), byName);
        for (std::size_t row = 0; row < unit.children.size(); ++row)
            loaded[static_cast<std::size_t>(unit.children[row])].row = static_cast<int>(row);
    }

    beginResetModel();
    m_asOf = asOf;
    m_firstDay = firstDay;
    m_units = std::move(loaded);
    m_top = std::move(top);
    m_byId = std::move(byId);
    endResetModel();
    return success();
}

QModelIndex OrgTreeModel::indexOfUnit(qint64 unitId) const
{
    const auto at = m_byId.constFind(unitId);
    if (at == m_byId.constEnd())
        return {};
    return createIndex(m_units[static_cast<std::size_t>(*at)].row, NameColumn, quintptr(*at));
}

qint64 OrgTreeModel::memberCount(qint64 unitId) const
{
    const auto at = m_byId.constFind(unitId);
    return at == m_byId.constEnd() ? 0 : m_units[static_cast<std::size_t>(*at)].members;
}

qint64 OrgTreeModel::heldMemberCount(qint64 unitId) const
{
    const auto at = m_byId.constFind(unitId);
    return at == m_byId.constEnd() ? 0 : m_units[static_cast<std::size_t>(*at)].held;
}

QList<OrgUnit> OrgTreeModel::children(qint64 unitId) const
{
    QList<OrgUnit> below;
    if (const auto at = m_byId.constFind(unitId); at != m_byId.constEnd())
        for (const int child : m_units[static_cast<std::size_t>(*at)].children)
            below.append(toOrgUnit(m_units[static_cast<std::size_t>(child)]));
    return below;
}

QDate OrgTreeModel::latestChange(qint64 unitId, bool subtree) const
{
    const auto at = m_byId.constFind(unitId);
    if (at == m_byId.constEnd())
        return {};
    const Unit& held = m_units[static_cast<std::size_t>(*at)];
    return subtree ? held.latestBelow : held.latest;
}

OrgTreeModel::SearchResult OrgTreeModel::search(const QString& folded) const
{
    // Units come parents first: one pass down marks what lies below a match, one pass up what lies above.
    const std::size_t count = m_units.size();
    SearchResult result;
    result.shown.assign(count, 1);
    if (folded.isEmpty())
        return result;
    std::vector<char> match(count, 0);
    std::vector<char> below(count, 0); // a match or below one
    std::vector<char> above(count, 0); // above a match
    for (std::size_t i = 0; i < count; ++i) {
        const Unit& unit = m_units[i];
        match[i] = unit.searchKey.contains(folded) ? 1 : 0;
        result.matches += match[i];
        below[i] = match[i] || (unit.parent >= 0 && below[static_cast<std::size_t>(unit.parent)]);
    }
    for (std::size_t i = count; i-- > 0;)
        if ((match[i] || above[i]) && m_units[i].parent >= 0)
            above[static_cast<std::size_t>(m_units[i].parent)] = 1;
    for (std::size_t i = 0; i < count; ++i) {
        result.shown[i] = below[i] || above[i];
        if (above[i])
            result.aboveMatches.push_back(static_cast<int>(i));
    }
    return result;
}

QModelIndex OrgTreeModel::indexAtPosition(int position) const
{
    if (position < 0 || position >= static_cast<int>(m_units.size()))
        return {};
    return createIndex(m_units[static_cast<std::size_t>(position)].row, NameColumn, quintptr(position));
}

std::optional<OrgUnit> OrgTreeModel::unit(qint64 unitId) const
{
    const auto at = m_byId.constFind(unitId);
    if (at == m_byId.constEnd())
        return std::nullopt;
    return toOrgUnit(m_units[static_cast<std::size_t>(*at)]);
}

OrgUnit OrgTreeModel::toOrgUnit(const Unit& held) const
{
    OrgUnit unit;
    unit.id = held.id;
    if (held.parent >= 0)
        unit.parentId = m_units[static_cast<std::size_t>(held.parent)].id;
    unit.kind = held.kind;
    unit.code = held.code;
    unit.name = held.name;
    unit.version = held.version;
    unit.validFrom = held.validFrom;
    return unit;
}

QList<OrgUnit> OrgTreeModel::units() const
{
    QList<OrgUnit> all;
    all.reserve(static_cast<qsizetype>(m_units.size()));
    for (const Unit& held : m_units)
        all.append(toOrgUnit(held));
    std::sort(all.begin(), all.end(),
        [](const OrgUnit& a, const OrgUnit& b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    return all;
}

bool OrgTreeModel::within(qint64 unitId, qint64 ancestorId) const
{
    for (auto at = m_byId.constFind(unitId); at != m_byId.constEnd();) {
        const Unit& held = m_units[static_cast<std::size_t>(*at)];
        if (held.id == ancestorId)
            return true;
        if (held.parent < 0)
            return false;
        at = m_byId.constFind(m_units[static_cast<std::size_t>(held.parent)].id);
    }
    return false;
}

QModelIndex OrgTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::vector<int>& siblings
        = parent.isValid() ? m_units[static_cast<std::size_t>(parent.internalId())].children : m_top;
    if (row >= static_cast<int>(siblings.size()))
        return {};
    return createIndex(row, column, quintptr(siblings[static_cast<std::size_t>(row)]));
}

QModelIndex OrgTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_units[static_cast<std::size_t>(child.internalId())].parent;
    if (parent < 0)
        return {};
    return createIndex(m_units[static_cast<std::size_t>(parent)].row, NameColumn, quintptr(parent));
}

int OrgTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_top.size());
    if (parent.column() != NameColumn)
        return 0;
    return static_cast<int>(m_units[static_cast<std::size_t>(parent.internalId())].children.size());
}

int OrgTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant OrgTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Unit& unit = m_units[static_cast<std::size_t>(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return unit.shortName;
        return m_asOf ? QString() : QLocale().toString(unit.members);
    case Qt::ToolTipRole:
        if (m_asOf)
            return tr("%1 - %2 (%3), ngày %4")
                .arg(unit.code, unit.name, orgKindLabel(unit.kind),
                    m_asOf->toString(QStringLiteral("dd/MM/yyyy")));
        return tr("%1 - %2 (%3): %n đảng viên", nullptr, static_cast<int>(unit.members))
            .arg(unit.code, unit.name, orgKindLabel(unit.kind));
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(orgKindIcon(unit.kind)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == MembersColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                               : QVariant();
    case UnitIdRole:
        return unit.id;
    case KindRole:
        return static_cast<int>(unit.kind);
    case SearchKeyRole:
        return unit.searchKey;
    case FullNameRole:
        return unit.name;
    default:
        return {};
    }
}

QVariant OrgTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Tổ chức đảng") : tr("Đảng viên");
}

QString orgShortName(const QString& name)
{
    // The longer prefixes first: "Đảng bộ bộ phận" before "Đảng bộ". Both spellings of "ủy".
    static const QStringList prefixes { QStringLiteral("Đảng bộ bộ phận "), QStringLiteral("Đảng bộ cơ sở "),
        QStringLiteral("Chi bộ cơ sở "), QStringLiteral("Đảng bộ "), QStringLiteral("Đảng ủy "),
        QStringLiteral("Đảng uỷ "), QStringLiteral("Chi bộ "), QStringLiteral("Tổ đảng ") };
    for (const QString& prefix : prefixes) {
        if (!name.startsWith(prefix, Qt::CaseInsensitive))
            continue;
        const QString rest = name.mid(prefix.size()).trimmed();
        if (rest.isEmpty() || rest.front().isDigit())
            return name;
        return rest;
    }
    return name;
}

QIcon orgKindIcon(OrgKind kind)
{
    static QHash<int, QIcon> icons;
    if (const auto found = icons.constFind(static_cast<int>(kind)); found != icons.constEnd())
        return *found;
    // A letter on a coloured disc: Đ for committees, C for cells, T for groups, by level.
    struct Look {
        QColor colour;
        QChar letter;
    };
    Look look { QColor(0x6b, 0x72, 0x80), u'T' };
    switch (kind) {
    case OrgKind::Province:
        look = { QColor(0xb9, 0x1c, 0x1c), u'T' };
        break;
    case OrgKind::Upper:
        look = { QColor(0xc2, 0x41, 0x0c), u'Đ' };
        break;
    case OrgKind::BaseCommittee:
        look = { QColor(0x1d, 0x4e, 0xd8), u'Đ' };
        break;
    case OrgKind::SectionCommittee:
        look = { QColor(0x03, 0x69, 0xa1), u'Đ' };
        break;
    case OrgKind::BaseCell:
        look = { QColor(0x15, 0x80, 0x3d), u'C' };
        break;
    case OrgKind::Cell:
        look = { QColor(0x4d, 0x7c, 0x0f), u'C' };
        break;
    case OrgKind::Group:
        break;
    }
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(look.colour);
        painter.drawEllipse(1, 1, 30, 30);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(18);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(0, 0, 32, 32), Qt::AlignCenter, QString(look.letter));
    }
    const QIcon icon(pixmap);
    icons.insert(static_cast<int>(kind), icon);
    return icon;
}

} // namespace sotay::widgets

namespace sotay::widgets {
namespace {

const QString kUnitMimeType = QStringLiteral("application/x-sotay-org-unit");

} // namespace

bool OrgTreeModel::canMoveUnder(qint64 unitId, qint64 parentId) const
{
    const auto moved = m_byId.constFind(unitId);
    const auto target = m_byId.constFind(parentId);
    if (moved == m_byId.constEnd() || target == m_byId.constEnd())
        return false;
    const Unit& unit = m_units[static_cast<std::size_t>(*moved)];
    const Unit& parent = m_units[static_cast<std::size_t>(*target)];
    const bool alreadyThere
        = unit.parent >= 0 && m_units[static_cast<std::size_t>(unit.parent)].id == parentId;
    return !alreadyThere && !within(parentId, unitId) && canContain(parent.kind, unit.kind);
}

Qt::ItemFlags OrgTreeModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags result = QAbstractItemModel::flags(index);
    if (!index.isValid() || m_asOf)
        return result; // the past is not edited
    result |= Qt::ItemIsDropEnabled;
    if (m_units[static_cast<std::size_t>(index.internalId())].parent >= 0)
        result |= Qt::ItemIsDragEnabled; // the top of the scope stays where it is
    return result;
}

QStringList OrgTreeModel::mimeTypes() const
{
    return { kUnitMimeType };
}

QMimeData* OrgTreeModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty() || !indexes.first().isValid())
        return nullptr;
    auto* data = new QMimeData; // owned by the drag, as Qt's item views expect
    data->setData(kUnitMimeType, QByteArray::number(indexes.first().data(UnitIdRole).toLongLong()));
    return data;
}

qint64 OrgTreeModel::droppedUnit(const QMimeData* data) const
{
    return data && data->hasFormat(kUnitMimeType) ? data->data(kUnitMimeType).toLongLong() : 0;
}

bool OrgTreeModel::canDropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    return action == Qt::MoveAction && parent.isValid()
        && canMoveUnder(droppedUnit(data), parent.data(UnitIdRole).toLongLong());
}

bool OrgTreeModel::dropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const qint64 unitId = droppedUnit(data);
    const qint64 parentId = parent.data(UnitIdRole).toLongLong();
    // After the drag has ended: the confirmation is a dialog. False, so that the view removes nothing.
    QTimer::singleShot(0, this, [this, unitId, parentId] { emit moveRequested(unitId, parentId); });
    return false;
}

Qt::DropActions OrgTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions OrgTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace sotay::widgets
