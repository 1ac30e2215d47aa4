// SPDX-License-Identifier: GPL-3.0-or-later
#include "roster_model.h"

#include "member_labels.h"
#include "store/member_repository.h"
#include "store/sealed_fields.h"
#include "store/sql.h"
#include "store/sqlite_rows.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

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

// What read() needs to know of every unit: its category (its own, or that of the nearest unit above it
// that has one) and the commune it belongs to.
struct UnitFacts {
    qint64 categoryId = 0;
    qint64 anchorId = 0; // the nearest unit at or above it of kind upper, else of a grassroots kind; 0: none
    QString name;
    QString path;
};

Result<QHash<qint64, UnitFacts>> readUnits(const QSqlDatabase& db)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT id, parent_id, category_id, kind, name, path FROM org_unit ORDER BY path"));
    if (!query)
        return query.error();
    QHash<qint64, UnitFacts> units;
    while (query->next()) {
        UnitFacts facts;
        const qint64 id = query->value(0).toLongLong();
        const UnitFacts parent
            = query->value(1).isNull() ? UnitFacts {} : units.value(query->value(1).toLongLong());
        facts.categoryId = query->value(2).toLongLong();
        if (facts.categoryId == 0)
            facts.categoryId = parent.categoryId;
        const QString kind = query->value(3).toString();
        // An upper unit is the anchor of everything under it; a grassroots organisation only where no upper
        // unit is above it (a parent's anchor, once upper, stays).
        if (kind == u"upper")
            facts.anchorId = id;
        else if (parent.anchorId != 0)
            facts.anchorId = parent.anchorId;
        else if (kind == u"base_committee" || kind == u"base_cell")
            facts.anchorId = id;
        facts.name = query->value(4).toString();
        facts.path = query->value(5).toString();
        units.insert(id, facts);
    }
    return units;
}

// A commune's name without the words that every such unit starts with: "Đảng bộ xã Bình Minh" reads
// "xã Bình Minh". A name that does not go on in lower case ("Đảng bộ Quân sự tỉnh") stays whole.
QString communeName(const QString& name)
{
    for (const QString& prefix :
        { QStringLiteral("Đảng bộ "), QStringLiteral("Đảng ủy "), QStringLiteral("Chi bộ ") }) {
        if (name.startsWith(prefix) && name.size() > prefix.size() && name.at(prefix.size()).isLower())
            return name.mid(prefix.size());
    }
    return name;
}

// Numbers the texts that repeat between rows: a province's roster has 200,000 hometowns but some sixty
// distinct ones. A text seen before costs a lookup, without a copy of its own.
class SharedTexts {
public:
    SharedTexts() { m_texts.append(QString()); }

    quint32 take(QStringView text)
    {
        if (text.isEmpty())
            return 0;
        // Looked up without copying the characters; copied once, when new.
        const auto found = m_positions.constFind(QString::fromRawData(text.data(), text.size()));
        if (found != m_positions.cend())
            return *found;
        const auto position = static_cast<quint32>(m_texts.size());
        m_texts.append(text.toString());
        m_positions.insert(m_texts.constLast(), position);
        return position;
    }
    const QString& at(quint32 position) const { return m_texts.at(position); }
    QStringList taken() && { return std::move(m_texts); }

private:
    QStringList m_texts;
    QHash<QString, quint32> m_positions;
};

// The columns read() selects, in the order rowFrom() reads them: those shown by default, the details, the
// sensitive ones.
const QString kRosterColumns = QStringLiteral(
    "SELECT m.id, m.family_name, m.middle_name, m.given_name, m.name_folded, m.card_number, m.org_unit_id, "
    "m.birth_date, m.admitted_on, m.official_on, m.gender, m.status, m.exempt");
const QString kDetailColumns
    = QStringLiteral(", m.profile_number, m.hometown, m.general_education, "
                     "m.professional_qualification, m.political_theory, m.exempt_since");
const QString kSensitiveColumns = QStringLiteral(", m.ethnicity, m.religion, m.citizen_id");

// A row read through Qt SQL, with the accessors SqliteRows has.
struct QtRow {
    const QSqlQuery& query;
    qint64 integer(int column) const { return query.value(column).toLongLong(); }
    QString text(int column) const { return query.value(column).toString(); }
    QDate date(int column) const { return sql::toDate(query.value(column)); }
};

quint32 sharedText(const SqliteRows& source, int column, SharedTexts& shared)
{
    return shared.take(source.textView(column));
}

quint32 sharedText(const QtRow& source, int column, SharedTexts& shared)
{
    return shared.take(source.text(column));
}

// How a read opens a sealed replica's sensitive fields, and where the citizen id's keyed hash is.
struct Opening {
    const FieldSealer* sealer = nullptr;
    int hashColumn = -1;
    bool damaged = false; // a sealed value did not open
};

template <typename Source>
RosterModel::Row rowFrom(const Source& source, const QHash<qint64, UnitFacts>& units, SharedTexts& shared,
    RosterModel::Reading reading, QDate today, Opening& opening)
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
    row.unitId = source.integer(6);
    row.birthDate = source.date(7);
    row.admittedOn = source.date(8);
    row.officialOn = source.date(9);
    row.age = wholeYears(row.birthDate, today);
    row.gender = genderFromCode(source.text(10)).value_or(Gender::Male);
    row.status = memberStatusFromCode(source.text(11)).value_or(MemberStatus::Official);
    row.exempt = source.integer(12) != 0;
    // Looked up in place: a copy of the unit's facts per row would cost two reference counts each.
    if (const auto unit = units.constFind(row.unitId); unit != units.cend())
        row.categoryId = unit->categoryId;
    if (opening.hashColumn >= 0)
        row.citizenIdHash = source.text(opening.hashColumn);
    if (!reading.details)
        return row;
    row.profileNumber = source.text(13);
    row.hometown = sharedText(source, 14, shared);
    row.generalEducation = sharedText(source, 15, shared);
    row.professionalQualification = sharedText(source, 16, shared);
    row.politicalTheory = politicalTheoryFromCode(shared.at(sharedText(source, 17, shared)))
                              .value_or(PoliticalTheoryLevel::None);
    row.exemptSince = source.date(18);
    if (reading.sensitive && opening.sealer) {
        const auto opened = [&](int column, const char* name) {
            const QString sealed = source.text(column);
            auto plain = opening.sealer->unseal(QStringView(sealed), MemberPlace(row.id, name).view());
            opening.damaged = opening.damaged || !plain;
            return plain ? *plain : QString();
        };
        row.ethnicity = shared.take(opened(19, "ethnicity"));
        row.religion = shared.take(opened(20, "religion"));
        row.citizenId = opened(21, "citizen_id");
    } else if (reading.sensitive) {
        row.ethnicity = sharedText(source, 19, shared);
        row.religion = sharedText(source, 20, shared);
        row.citizenId = source.text(21);
    }
    return row;
}

// What the unit column says for each unit of `rows`: the unit's name, followed by its commune's when the
// commune lies below the unit whose roster this is (a province-wide list, a bloc's), so that "Chi bộ ấp 3"
// of two communes can be told apart.
QHash<qint64, QString> labelUnits(
    const std::vector<RosterModel::Row>& rows, const QHash<qint64, UnitFacts>& units, qint64 chosenId)
{
    const QString chosenPath = units.value(chosenId).path;
    QHash<qint64, QString> labels;
    qint64 previous = 0; // rows of one cell often follow each other
    for (const RosterModel::Row& row : rows) {
        if (row.unitId == previous || labels.contains(row.unitId))
            continue;
        previous = row.unitId;
        const auto unit = units.constFind(row.unitId);
        if (unit == units.cend()) {
            labels.insert(row.unitId, QString());
            continue;
        }
        QString label = unit->name;
        if (unit->anchorId != 0 && unit->anchorId != row.unitId) {
            // The chosen unit's own commune, or one above it, goes without saying.
            const auto anchor = units.constFind(unit->anchorId);
            if (anchor != units.cend() && !chosenPath.startsWith(anchor->path))
                label = QStringLiteral("%1 — %2").arg(unit->name, communeName(anchor->name));
        }
        labels.insert(row.unitId, label);
    }
    return labels;
}

} // namespace

RosterModel::RosterModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

Status RosterModel::load(const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today)
{
    auto snapshot = read(db, unitId, subtree, today, reading(), m_cipher ? &*m_cipher : nullptr);
    if (!snapshot)
        return snapshot.error();
    take(std::move(*snapshot));
    return success();
}

Result<RosterModel::Snapshot> RosterModel::read(const QSqlDatabase& db, qint64 unitId, bool subtree,
    QDate today, Reading reading, const FieldSealer* sealer)
{
    auto units = readUnits(db);
    if (!units)
        return units.error();
    MemberQuery roster;
    roster.orgUnitId = unitId;
    roster.subtree = subtree;
    auto selection = MemberRepository(db).rosterSelection(roster);
    if (!selection) {
        if (selection.error().code == ErrorCode::NotFound) // a unit no longer in the replica has no one
            return Snapshot { {}, {}, QStringList { QString() }, unitId, subtree, reading };
        return selection.error();
    }
    reading.sensitive = reading.sensitive && reading.details;
    Opening opening { sealer, -1, false };
    if (sealer) // after the columns above: 13, the 6 details, the 3 sensitive ones
        opening.hashColumn = 13 + (reading.details ? 6 : 0) + (reading.sensitive ? 3 : 0);
    const QString statement = kRosterColumns + (reading.details ? kDetailColumns : QString())
        + (reading.sensitive ? kSensitiveColumns : QString())
        + (sealer ? QStringLiteral(", m.citizen_id_hash") : QString()) + selection->from
        + QStringLiteral(" ORDER BY m.sort_key, m.id");
    const QVariantList& values = selection->values;
    SharedTexts shared;
    // Counted first: growing a vector of 200,000 rows step by step would move them all several times.
    std::vector<Row> rows;
    if (auto counted = sql::exec(db, QStringLiteral("SELECT COUNT(*)") + selection->from, values);
        counted && counted->next())
        rows.reserve(static_cast<std::size_t>(std::max<qint64>(0, counted->value(0).toLongLong())));
    // Through SQLite's own API where this build can (a province's roster is 200,000 rows), else Qt SQL.
    auto direct = SqliteRows::prepare(db, statement, values);
    if (!direct)
        return direct.error();
    if (*direct) {
        for (;;) {
            auto more = (*direct)->next();
            if (!more)
                return more.error();
            if (!*more)
                break;
            rows.push_back(rowFrom(**direct, *units, shared, reading, today, opening));
        }
    } else {
        auto query = sql::exec(db, statement, values);
        if (!query)
            return query.error();
        const QtRow row { *query };
        while (query->next())
            rows.push_back(rowFrom(row, *units, shared, reading, today, opening));
    }
    if (opening.damaged)
        return Error { ErrorCode::Storage,
            QCoreApplication::translate("RosterModel",
                "Một số trường dữ liệu đã mã hóa trên máy này bị hỏng hoặc bị thay đổi, nên không mở được. "
                "Hãy đồng bộ lại với máy chủ."),
            {} };
    QHash<qint64, QString> labels = labelUnits(rows, *units, unitId);
    return Snapshot { std::move(rows), std::move(labels), std::move(shared).taken(), unitId, subtree,
        reading };
}

void RosterModel::take(Snapshot snapshot)
{
    beginResetModel();
    m_rows = std::move(snapshot.rows);
    m_unitLabels = std::move(snapshot.unitLabels);
    m_texts = std::move(snapshot.texts);
    m_loaded = snapshot.reading;
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
        && !row.cardNumber.startsWith(foldedText, Qt::CaseInsensitive)
        && (m_citizenHash.isEmpty() || row.citizenIdHash != m_citizenHash))
        return false;
    return true;
}

void RosterModel::setCipher(const FieldCipher& cipher)
{
    m_cipher = cipher;
    m_citizenHash = citizenHashOf(m_filter.text);
}

QString RosterModel::citizenHashOf(const QString& text) const
{
    QString digits = text;
    digits.remove(u' ');
    static const QRegularExpression citizenId(QStringLiteral("^[0-9]{12}$"));
    if (!m_cipher || !citizenId.match(digits).hasMatch())
        return {};
    return m_cipher->citizenIdHash(digits);
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
    m_citizenHash = citizenHashOf(filter.text);
    // A whole citizen id also finds members by its hash, which the shorter text before it did not.
    std::vector<int> shown = rowsPassing(folded, narrowing && m_citizenHash.isEmpty() ? &m_shown : nullptr);
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
        return m_unitLabels.value(row.unitId);
    case AdmittedColumn:
        return shortDate(row.admittedOn);
    case OfficialColumn:
        return shortDate(row.officialOn);
    case ProfileNumberColumn:
        return row.profileNumber;
    case HometownColumn:
        return m_texts.value(row.hometown);
    case GeneralEducationColumn:
        return m_texts.value(row.generalEducation);
    case ProfessionalColumn:
        return m_texts.value(row.professionalQualification);
    case PoliticalTheoryColumn:
        return politicalTheoryLabel(row.politicalTheory);
    case ExemptSinceColumn:
        return row.exempt ? shortDate(row.exemptSince) : QString();
    case EthnicityColumn:
        return m_sensitive ? m_texts.value(row.ethnicity) : QString();
    case ReligionColumn:
        return m_sensitive ? m_texts.value(row.religion) : QString();
    case CitizenIdColumn:
        return m_sensitive ? row.citizenId : QString();
    default:
        return {};
    }
}

bool RosterModel::isSensitive(int column)
{
    return column == EthnicityColumn || column == ReligionColumn || column == CitizenIdColumn;
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
        return tr("Loại đảng viên");
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
    case ProfileNumberColumn:
        return tr("Số lý lịch");
    case HometownColumn:
        return tr("Quê quán");
    case GeneralEducationColumn:
        return tr("Giáo dục phổ thông");
    case ProfessionalColumn:
        return tr("Chuyên môn, nghiệp vụ");
    case PoliticalTheoryColumn:
        return tr("Lý luận chính trị");
    case ExemptSinceColumn:
        return tr("Miễn sinh hoạt từ ngày");
    case EthnicityColumn:
        return tr("Dân tộc");
    case ReligionColumn:
        return tr("Tôn giáo");
    case CitizenIdColumn:
        return tr("Số CCCD");
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
