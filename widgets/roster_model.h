// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "field_cipher.h"
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
        QString citizenId;     // empty unless read with the sensitive fields
        QString citizenIdHash; // its keyed hash, read from a sealed replica: the search finds an id by it
        // Texts that repeat across rows (some sixty distinct hometowns among 200,000 members), as positions
        // in Snapshot::texts, so that a row stays small: 0 is the empty text.
        quint32 hometown = 0;
        quint32 generalEducation = 0;
        quint32 professionalQualification = 0;
        quint32 ethnicity = 0; // 0 unless read with the sensitive fields
        quint32 religion = 0;  // same
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
    // What a read brings besides the nine columns shown by default. A whole province's roster reads in about
    // half the time without the details, so they are read only while one of their columns is shown.
    struct Reading {
        bool details = false;   // profile number, hometown, education, political theory, exemption date
        bool sensitive = false; // with the details: ethnicity, religion and the citizen id
        friend bool operator==(const Reading&, const Reading&) = default;
    };
    // The rows of one roster, read on any thread (through that thread's own connection) and then taken by the
    // model on the GUI thread, so that reading a province's roster never freezes the window.
    struct Snapshot {
        std::vector<Row> rows;
        // What the unit column says for each unit of the rows: its name, and in a list wider than one
        // commune the commune it belongs to (unitLabel()).
        QHash<qint64, QString> unitLabels;
        QStringList texts; // the repeated texts the rows point into; texts[0] is empty
        qint64 unitId = 0;
        bool subtree = false;
        Reading reading; // what was read besides the columns shown by default
    };
    // With a sealer (the replica's key), the sensitive fields are opened as they are read.
    static Result<Snapshot> read(const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today,
        Reading reading, const FieldSealer* sealer = nullptr);
    // The columns shown by default only.
    static Result<Snapshot> read(
        const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today = QDate::currentDate())
    {
        return read(db, unitId, subtree, today, Reading {});
    }
    void take(Snapshot snapshot);

    explicit RosterModel(QObject* parent = nullptr);

    // read() and take() at once.
    Status load(const QSqlDatabase& db, qint64 unitId, bool subtree, QDate today = QDate::currentDate());
    void setFilter(const Filter& filter);
    // The key of a sealed replica: load() opens the sensitive fields with it, and a search for a whole
    // citizen id (12 digits) finds the member by the id's keyed hash.
    void setCipher(const FieldCipher& cipher);
    // Whether the sensitive columns may be read and shown (the role may see them); off by default.
    void setSensitiveShown(bool shown) { m_sensitive = shown; }
    bool sensitiveShown() const { return m_sensitive; }
    // Whether a column beyond the default ones is shown, so that the next read brings the details.
    void setDetailsShown(bool shown) { m_details = shown; }
    // What the next read is to bring, and what the rows now held were read with.
    Reading reading() const { return { m_details, m_details && m_sensitive }; }
    Reading loadedReading() const { return m_loaded; }
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
    QString citizenHashOf(const QString& text) const;
    // The positions of the rows that pass the filter, among `among` (all rows when null).
    std::vector<int> rowsPassing(const QString& foldedText, const std::vector<int>* among) const;
    QString text(const Row& row, int column) const;

    std::vector<Row> m_rows;
    std::vector<int> m_shown; // positions in m_rows that pass the filter
    Filter m_filter;
    QString m_folded; // m_filter.text folded
    std::optional<FieldCipher> m_cipher;
    QString m_citizenHash; // the keyed hash of m_filter.text when it is a whole citizen id, else empty
    QHash<qint64, QString> m_unitLabels;
    QStringList m_texts; // Snapshot::texts
    qint64 m_unitId = 0;
    bool m_subtree = false;
    bool m_sensitive = false;
    bool m_details = false;
    Reading m_loaded;
};

} // namespace sotay::widgets
