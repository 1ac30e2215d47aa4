// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replica.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace sotay::widgets {

// A conflict the sync kept: the server had a newer version than the one an edit was made on. Shows, field
// by field, the user's version beside the server's, differing fields marked, and lets the user keep one.
// Keeping theirs queues the same change again on the server's version (the fields they did not touch keep
// the server's values); keeping the server's drops the edit. Either way the conflict is settled.
class ConflictDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    enum class Choice { Later, KeepMine, KeepServer };

    ConflictDialog(client::Replica& replica, const client::Conflict& conflict, QWidget* parent = nullptr);

    // Shows the dialog and carries out the choice. False when it could not be carried out (said to the user).
    bool ask();
    // Carries out `choice` without showing anything.
    bool settle(Choice choice);

    Choice choice() const { return m_choice; }
    QTableWidget* table() const { return m_table; }
    QPushButton* keepMineButton() const { return m_mine; }
    QPushButton* keepServerButton() const { return m_server; }
    QPushButton* laterButton() const { return m_later; }
    QString titleText() const;
    // The row of `field` in the table (-1 when absent) and whether it is marked as differing.
    int rowOf(const QString& field) const;
    bool differs(int row) const;

    // Tests: ask() hands the dialog to `answer`, which returns the choice.
    static void setTestAnswer(std::function<Choice(ConflictDialog&)> answer);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void fill();

    client::Replica& m_replica;
    client::Conflict m_conflict;
    QLabel* m_title;
    QTableWidget* m_table;
    QPushButton* m_mine;
    QPushButton* m_server;
    QPushButton* m_later;
    Choice m_choice = Choice::Later;
};

} // namespace sotay::widgets
