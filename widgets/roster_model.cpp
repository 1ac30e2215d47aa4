// SPDX-License-Identifier: GPL-3.0-or-later
#include "roster_model.h"

#include "member_labels.h"
#include "store/member_repository.h"
#include "store/sql.h"
#include "store/sqlite_rows.h"
#include "text/vietnamese_text.h"

namespace sotay::widgets {
namespace {

int wholeYears(QDate from, QDate to)
{
    if (!from.isValid())
        return -1;
    int years = to.year() - from.year();
    if (to.month() < from.month() || (to.month() == from.month() && to.day() < from.day()))
        --years;
    return years;
}

QString shortDate(QDate date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

// Each unit's category: its own, or that of the nearest unit above it that has one.
Result<QHash<qint64, qint64>> categoryOfUnits(const QSqlDatabase& db)
{
    auto query
        = sql::exec(db, QStringLiteral("SELECT id, parent_id, category_id FROM org_unit ORDER BY path"));
    if (!query)
        return query.error();
    QHash<qint64, qint64> categoryOf;
    while (query->next()) {
        qint64 category = query->value(2).toLongLong();
        if (category == 0 && !query->value(1).isNull())
            category = categoryOf.value(query->value(1).toLongLong());
        categoryOf.insert(query->value(0).toLongLong(), category);
    }
    return categoryOf;
}

// One roster row from the columns RosterModel::read selects.
// A row read through Qt SQL, with the accessors SqliteRows has.
struct QtRow {
    const QSqlQuery& query;
    qint64 integer(int column) const { return query.value(column).toLongLong(); }
    QString text(int column) const { return query.value(column).toString(); }
    QDate date(int column) const { return sql::toDate(query.value(column)); }
};

template <typename Source>
RosterModel::Row rowFrom(const Source& source, const QHash<qint64, qint64>& categories, QDate today)
{
    RosterModel::Row row;
    row.id = source.integer(0);
    const QString middle = source.text(2);
    row.fullName = source.text(1) + u' ';
    if (!middle.isEmpty())
        row.fullName += middle + u' ';
    row.fullName += source.text(3);
    row.folded = source.text(4);
    row.cardNumber = source.text(5);
    row.unitName = source.text(6);
    row.birthDate = source.date(7);
    row.admittedOn = source.date(8);
    row.officialOn = source.date(9);
    row.age = wholeYears(row.birthDate, today);
    row.gender = genderFromCode(source.text(10)).value_or(Gender::Male);
    row.status = memberStatusFromCode(source.text(11)).value_or(MemberStatus::Official);
    row.exempt = source.integer(12) != 0;
    row.categoryId = categories.value(source.integer(13));
    return row;
}

} // namespace

RosterModel::RosterModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

Status RosterModel::load(const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today)
{
    auto snapshot = read(db, unitId, subtree, today);
    if (!snapshot)
        return snapshot.error();
    take(std::move(*snapshot));
    return success();
}

Result<RosterModel::Snapshot> RosterModel::read(
    const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today)
{
    auto categories = categoryOfUnits(db);
    if (!categories)
        return categories.error();
    MemberQuery roster;
    roster.orgUnitId = unitId;
    roster.subtree = subtree;
    auto selection = MemberRepository(db).rosterSelection(roster);
    if (!selection) {
        if (selection.error().code == ErrorCode::NotFound)
            return Snapshot { {}, unitId,
                subtree }; // a unit no longer in the replica has no one on its roster
        return selection.error();
    }
    const QString statement
        = QStringLiteral(
              "SELECT m.id, m.family_name, m.middle_name, m.given_name, m.name_folded, m.card_number, "
              "u.name, m.birth_date, m.admitted_on, m.official_on, m.gender, m.status, m.exempt, "
              "m.org_unit_id")
        + selection->from + QStringLiteral(" ORDER BY m.sort_key, m.id");
    const QVariantList& values = selection->values;
    // Through SQLite's own API where this build can (a province's roster is 200,000 rows), else Qt SQL.
    auto direct = SqliteRows::prepare(db, statement, values);
    if (!direct)
        return direct.error();
    std::vector<Row> rows;
    if (*direct) {
        for (;;) {
            auto more = (*direct)->next();
            if (!more)
                return more.error();
            if (!*more)
                break;
            rows.push_back(rowFrom(**direct, *categories, today));
        }
    } else {
        auto query = sql::exec(db, statement, values);
        if (!query)
            return query.error();
        const QtRow row { *query };
        while (query->next())
            rows.push_back(rowFrom(row, *categories, today));
    }
    return Snapshot { std::move(rows), unitId, subtree };
}

void RosterModel::take(Snapshot snapshot)
{
    beginResetModel();
    m_rows = std::move(snapshot.rows);
    m_unitId = snapshot.unitId;
    m_subtree = snapshot.subtree;
    m_folded = text::fold(m_filter.text);
    m_shown = rowsPassing(m_folded, nullptr);
    endResetModel();
}

bool RosterModel::accepts(const Row& row, const QString& foldedText) const
{
    if (m_filter.status && row.status != *m_filter.status)
        return false;
    if (m_filter.gender && row.gender != *m_filter.gender)
        return false;
    if (m_filter.exempt && row.exempt != *m_filter.exempt)
        return false;
    if (m_filter.categoryId && row.categoryId != *m_filter.categoryId)
        return false;
    if (m_filter.minimumAge >= 0 && row.age < m_filter.minimumAge)
        return false;
    if (m_filter.maximumAge >= 0 && row.age > m_filter.maximumAge)
        return false;
    if (!foldedText.isEmpty() && !row.folded.contains(foldedText)
        && !row.cardNumber.startsWith(foldedText, Qt::CaseInsensitive))
        return false;
    return true;
}

void RosterModel::setFilter(const Filter& filter)
{
    if (filter == m_filter)
        return;
    const QString folded = text::fold(filter.text);
    // Typing one more letter only narrows: the rows it keeps are among those shown now, so only those are
    // tested again (a name containing "nguyen t" contains "nguyen"; a card number starting with it too).
    Filter otherwiseSame = m_filter;
    otherwiseSame.text = filter.text;
    const bool narrowing = otherwiseSame == filter && folded.startsWith(m_folded);
    m_filter = filter;
    m_folded = folded;
    std::vector<int> shown = rowsPassing(folded, narrowing ? &m_shown : nullptr);
    beginResetModel();
    m_shown = std::move(shown);
    endResetModel();
}

std::vector<int> RosterModel::rowsPassing(const QString& foldedText, const std::vector<int>* among) const
{
    std::vector<int> passing;
    if (among) {
        passing.reserve(among->size());
        for (const int i : *among)
            if (accepts(m_rows[static_cast<std::size_t>(i)], foldedText))
                passing.push_back(i);
    } else {
        passing.reserve(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            if (accepts(m_rows[i], foldedText))
                passing.push_back(static_cast<int>(i));
    }
    return passing;
}

int RosterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

int RosterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RosterModel::text(const Row& row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.fullName;
    case GenderColumn:
        return genderLabel(row.gender);
    case BirthDateColumn:
        return shortDate(row.birthDate);
    case StatusColumn:
        return memberStatusLabel(row.status);
    case ExemptColumn:
        return row.exempt ? tr("Miễn sinh hoạt") : QString();
    case CardNumberColumn:
        return row.cardNumber;
    case UnitColumn:
        return row.unitName;
    case AdmittedColumn:
        return shortDate(row.admittedOn);
    case OfficialColumn:
        return shortDate(row.officialOn);
    default:
        return {};
    }
}

QVariant RosterModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_shown.size()))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(m_shown[static_cast<std::size_t>(index.row())])];
    switch (role) {
    case Qt::DisplayRole:
        return text(row, index.column());
    case MemberIdRole:
        return row.id;
    default:
        return {};
    }
}

QVariant RosterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Họ và tên");
    case GenderColumn:
        return tr("Giới tính");
    case BirthDateColumn:
        return tr("Ngày sinh");
    case StatusColumn:
        return tr("Đảng viên");
    case ExemptColumn:
        return tr("Miễn sinh hoạt");
    case CardNumberColumn:
        return tr("Số thẻ đảng");
    case UnitColumn:
        return tr("Chi bộ");
    case AdmittedColumn:
        return tr("Ngày vào Đảng");
    case OfficialColumn:
        return tr("Ngày chính thức");
    default:
        return {};
    }
}

QString RosterModel::asTabSeparated(const QList<int>& rows, const QList<int>& columns) const
{
    const auto cell = [](QString value) {
        // A tab or a line break inside a cell would split it in Excel.
        value.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
        return value;
    };
    QStringList lines;
    QStringList header;
    for (const int column : columns)
        header.append(headerData(column, Qt::Horizontal).toString());
    lines.append(header.join(u'\t'));
    for (const int shownRow : rows) {
        if (shownRow < 0 || shownRow >= static_cast<int>(m_shown.size()))
            continue;
        const Row& row = m_rows[static_cast<std::size_t>(m_shown[static_cast<std::size_t>(shownRow)])];
        QStringList cells;
        for (const int column : columns)
            cells.append(cell(text(row, column)));
        lines.append(cells.join(u'\t'));
    }
    return lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n");
}

} // namespace sotay::widgets
