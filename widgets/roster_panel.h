// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "field_cipher.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QSqlDatabase;

namespace sotay::widgets {

class RosterModel;

// The roster of the unit chosen in the tree: search as you type (without diacritics) on a row of its own,
// filters by status, gender, exemption, age band and category (loại hình cơ sở) and the whole subtree or the
// unit alone on rows that wrap when the window is narrow, columns the user can show, hide and reorder
// (remembered; nine by default, the others offered in the column chooser, the sensitive ones only to the
// roles that may see them), and Ctrl+C copying the selected rows as tab-separated text for Excel.
class RosterPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RosterPanel)

public:
    explicit RosterPanel(RosterModel* model, QWidget* parent = nullptr);
    ~RosterPanel() override;

    // Reads the roster of `unitId` from the replica, keeping the filters.
    void showUnit(const QSqlDatabase& db, qint64 unitId, const QString& unitName);
    void copySelection() const;
    // The menu of columns to show, under the header (for the keyboard; a right click on the header opens it
    // too).
    void chooseColumnsFromMenu();
    // The column chooser: a checkable entry per column the user may show (the name always shows).
    std::unique_ptr<QMenu> columnMenu();
    // Whether the sensitive columns (ethnicity, religion, citizen id) may be shown: read and offered only
    // then. Takes effect at the next read of the roster.
    void setSensitiveShown(bool shown);
    // The replica's key: the roster opens the sensitive fields with it and finds a citizen id by its hash.
    void setCipher(const FieldCipher& cipher);
    // Reads the shown roster again on a worker thread (after a sync), keeping the rows on screen until the
    // new ones are ready; refreshed() says when they are. A showUnit() meanwhile wins over it.
    void refresh(const QString& unitName);
    bool isRefreshing() const { return m_refreshing > 0; }

    QLineEdit* searchBox() const { return m_search; }
    QComboBox* statusFilter() const { return m_status; }
    QComboBox* genderFilter() const { return m_gender; }
    QComboBox* exemptFilter() const { return m_exempt; }
    QComboBox* ageFilter() const { return m_age; }
    QComboBox* categoryFilter() const { return m_category; }
    QCheckBox* subtreeBox() const { return m_subtree; }
    QTableView* view() const { return m_view; }
    QLabel* countLabel() const { return m_count; }

signals:
    void refreshed();
    // Enter on a row, a double click, or Enter in the search box: open this member's record.
    void memberActivated(qint64 memberId);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    // From the search box: Down moves to the results (the current row, or the first); Enter opens the
    // current row's record, or the first result's, as Enter on a row does.
    void searchKeyPressed(int key);
    void applyFilter();
    void reload();
    void load(const QSqlDatabase& db, qint64 unitId);
    void updateCount();
    void fillCategories(const QSqlDatabase& db);
    void chooseColumns(const QPoint& at);
    // Widens the columns whose title no longer fits (after a change of language).
    void fitHeaders();
    // Reads the details along with the rows only while one of their columns is shown.
    void readWhatIsShown();

    RosterModel* m_model;
    std::optional<FieldCipher> m_cipher; // copied into each read on a worker thread
    QLabel* m_title;
    QLineEdit* m_search;
    QComboBox* m_status;
    QComboBox* m_gender;
    QComboBox* m_exempt;
    QComboBox* m_age;
    QComboBox* m_category;
    QCheckBox* m_subtree;
    QTableView* m_view;
    QLabel* m_count;
    QAction* m_copy = nullptr;
    QString m_connection;     // the replica connection the roster was read from
    quint64 m_generation = 0; // read requests; a background read that is no longer the newest is dropped
    int m_refreshing = 0;
};

} // namespace sotay::widgets
