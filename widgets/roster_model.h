// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QSqlDatabase>

#include <optional>
#include <vector>

namespace sotay::widgets {

// The members of a unit, or of its whole subtree, from the replica, in Vietnamese name order. All rows are
// held in memory (a whole province is about 200,000) as compact rows, texts shared where many members have
// the same (ethnicity, hometown, education…), and filtered there, so that searching as the user types never
// goes back to the database. The nine columns the roster shows by default come first; the others are
// offered in the column chooser. Ethnicity, religion and the citizen id are sensitive: the model reads and
// shows them only while setSensitiveShown(true) (the roles that may see them: seesSensitiveFields()).
class RosterModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RosterModel)

public:
    enum Column {
        NameColumn,
        GenderColumn,
        BirthDateColumn,
        StatusColumn,
        ExemptColumn,
        CardNumberColumn,
        UnitColumn,
        AdmittedColumn,
        OfficialColumn,
        DefaultColumnCount, // the columns above show by default; those below are chosen by the user
        ProfileNumberColumn = DefaultColumnCount,
        HometownColumn,
        GeneralEducationColumn,
        ProfessionalColumn,
        PoliticalTheoryColumn,
        ExemptSinceColumn,
        EthnicityColumn,
        ReligionColumn,
        CitizenIdColumn,
        ColumnCount
    };
    // Ethnicity, religion and the citizen id: only for the roles that may see them.
    static bool isSensitive(int column);
    enum Role { MemberIdRole = Qt::UserRole + 1 };

    // Which members show. Text is matched without diacritics against the full name and as the start of
    // the card number; ages are whole years on `today`; a member's category is that of the nearest unit at
    // or above their cell that has one (a cell takes its base organisation's).
    struct Filter {
        QString text;
        std::optional<MemberStatus> status;
        std::optional<Gender> gender;
        std::optional<bool> exempt;
        std::optional<qint64> categoryId; // loại hình cơ sở of the member's base organisation
        int minimumAge = -1;
        int maximumAge = -1;
        friend bool operator==(const Filter&, const Filter&) = default;
    };

    // One member as the roster shows them.
    struct Row {
        qint64 id = 0;
        qint64 unitId = 0; // the cell whose roster holds the member; its label is in Snapshot::unitLabels
        QString fullName;
        QString folded;
        QString cardNumber;
        QString profileNumber;
        // Shared with every other row of the same value (few distinct ones among 200,000 rows).
        QString hometown;
        QString generalEducation;
        QString professionalQualification;
        QString ethnicity; // empty unless read with the sensitive fields
        QString religion;  // same
        QString citizenId; // same
        QDate birthDate;
        QDate admittedOn;
        QDate officialOn;
        QDate exemptSince;
        int age = 0;
        Gender gender = Gender::Male;
        MemberStatus status = MemberStatus::Official;
        PoliticalTheoryLevel politicalTheory = PoliticalTheoryLevel::None;
        bool exempt = false;
        qint64 categoryId = 0; // 0: none recorded
    };
    // The rows of one roster, read on any thread (through that thread's own connection) and then taken by the
    // model on the GUI thread, so that reading a province's roster never freezes the window.
    struct Snapshot {
        std::vector<Row> rows;
        // What the unit column says for each unit of the rows: its name, and in a list wider than one
        // commune the commune it belongs to (unitLabel()).
        QHash<qint64, QString> unitLabels;
        qint64 unitId = 0;
        bool subtree = false;
        bool sensitive = false; // read with ethnicity, religion and the citizen id
    };
    static Result<Snapshot> read(const QSqlDatabase& db, qint64 unitId, bool subtree,
        QDate today = QDate::currentDate(), bool withSensitive = false);
    void take(Snapshot snapshot);

    explicit RosterModel(QObject* parent = nullptr);

    // read() and take() at once.
    Status load(const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today = QDate::currentDate());
    void setFilter(const Filter& filter);
    // Whether the sensitive columns are read and shown (from the next load); off by default.
    void setSensitiveShown(bool shown) { m_sensitive = shown; }
    bool sensitiveShown() const { return m_sensitive; }
    const Filter& filter() const { return m_filter; }
    qsizetype loadedCount() const { return static_cast<qsizetype>(m_rows.size()); }
    qint64 unitId() const { return m_unitId; }
    bool subtree() const { return m_subtree; }

    // The rows as tab-separated text with a header line, as Excel pastes it (dates as dd/MM/yyyy).
    QString asTabSeparated(const QList<int>& rows, const QList<int>& columns) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool accepts(const Row& row, const QString& foldedText) const;
    // The positions of the rows that pass the filter, among `among` (all rows when null).
    std::vector<int> rowsPassing(const QString& foldedText, const std::vector<int>* among) const;
    QString text(const Row& row, int column) const;

    std::vector<Row> m_rows;
    std::vector<int> m_shown; // positions in m_rows that pass the filter
    Filter m_filter;
    QString m_folded; // m_filter.text folded
    QHash<qint64, QString> m_unitLabels;
    qint64 m_unitId = 0;
    bool m_subtree = false;
    bool m_sensitive = false;
};

} // namespace sotay::widgets
