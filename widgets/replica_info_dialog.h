// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "replica_summary.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace sotay::widgets {

// "Về dữ liệu trên máy này" (Help menu): what the replica on this computer holds and where it comes from:
// the server, the account, the scope, the counts of units and members, the edits not yet sent, the last
// sync and the file. It says too when the first sync has not finished (the data here is then incomplete).
// The main window keeps one and updates it after every sync; it is not modal.
class ReplicaInfoDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicaInfoDialog)

public:
    explicit ReplicaInfoDialog(const ConsoleSession& session, QWidget* parent = nullptr);
    ~ReplicaInfoDialog() override;

    void setSummary(const ReplicaSummary& summary);
    // A note on the state of the data (e.g. the first sync is incomplete); empty: none.
    void setNote(const QString& note);

    QString scopeText() const;
    QString unitsText() const;
    QString membersText() const;
    QString noteText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    ConsoleSession m_session;
    ReplicaSummary m_summary;
    QString m_noteText;
    QLabel* m_serverLabel;
    QLabel* m_userLabel;
    QLabel* m_scopeLabel;
    QLabel* m_unitsLabel;
    QLabel* m_membersLabel;
    QLabel* m_pendingLabel;
    QLabel* m_lastSyncLabel;
    QLabel* m_fileLabel;
    QLabel* m_scope;
    QLabel* m_units;
    QLabel* m_members;
    QLabel* m_pending;
    QLabel* m_lastSync;
    QLabel* m_note;
    QPushButton* m_close;
};

} // namespace sotay::widgets
