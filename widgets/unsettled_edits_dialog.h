// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replica.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace sotay::widgets {

// The edits the server did not take, for the user to settle: each with what it does and the record it
// concerns, when it was made, whether it was refused or met a newer version, and the server's reason. A
// refused edit can be corrected and sent again ("Sửa rồi gửi lại": the window opens the form or dialog it
// came from, filled in) or dropped; a conflict opens the two versions side by side. Keyboard: Enter on a
// row does its main action, Delete drops it after a confirmation, Escape closes.
class UnsettledEditsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnsettledEditsDialog)

public:
    enum Column { WhatColumn, WhenColumn, StateColumn, ReasonColumn, ColumnCount };

    explicit UnsettledEditsDialog(client::Replica& replica, QWidget* parent = nullptr);

    // Reads the list again from the replica, keeping the chosen row where it can.
    void reload();
    // Shows the dialog until it is closed (or hands it to the test answer).
    void run();

    int rowCount() const { return static_cast<int>(m_edits.size()); }
    QTableWidget* table() const { return m_table; }
    QString introText() const;
    // The chosen row's reason in full, and what the user can do about it.
    QString reasonText() const;
    QString adviceText() const;
    QPushButton* resendButton() const { return m_resend; }
    QPushButton* discardButton() const { return m_discard; }
    QPushButton* chooseButton() const { return m_choose; }
    QPushButton* closeButton() const { return m_close; }

    // The actions on the chosen row. Enter does the main one: resend a refused edit, choose a version of a
    // conflict.
    void actOnCurrent();
    void resendCurrent();
    // After a confirmation naming the edit: a refused edit is dropped, a conflict keeps the server's version.
    void discardCurrent();
    void chooseCurrent();

    // Tests: run() hands the dialog to `answer` instead of waiting for a person.
    static void setTestAnswer(std::function<void(UnsettledEditsDialog&)> answer);

signals:
    // The user wants to correct refused edit `outboxId` and send it again; the receiver opens its form or
    // dialog before returning.
    void resendRequested(qint64 outboxId);
    // Something was dropped, settled or queued again.
    void outboxChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showCurrent();
    const client::UnsettledEdit* current() const;

    client::Replica& m_replica;
    QList<client::UnsettledEdit> m_edits;
    QString m_readError;
    QLabel* m_intro;
    QTableWidget* m_table;
    QLabel* m_reason;
    QLabel* m_advice;
    QPushButton* m_resend;
    QPushButton* m_discard;
    QPushButton* m_choose;
    QPushButton* m_close;
};

} // namespace sotay::widgets
