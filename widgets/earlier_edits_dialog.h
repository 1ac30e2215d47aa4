// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replica.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sotay::widgets {

// A replica set aside after a password reset (or a change on another computer) still holds the edits that
// never reached the server, sealed under the old password. This dialog takes the old password once and moves
// those edits into the current replica's outbox under their own idempotency keys (the server replays any
// that had arrived), or, after a confirmation, discards the old file. The old key is opened off the GUI
// thread.
class EarlierEditsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarlierEditsDialog)

public:
    EarlierEditsDialog(QString setAside, client::Replica& replica, QWidget* parent = nullptr);
    ~EarlierEditsDialog() override;

    // Shown and waited for, or handed to a test's answer (test_answer.h). True once the old file is settled.
    bool run();
    void setOldPassword(const QString& password);
    void recover();
    void discard();
    QString errorText() const;
    bool isBusy() const { return m_busy; }
    // How many edits the recovery moved.
    int moved() const { return m_moved; }

    static void setTestAnswer(std::function<void(EarlierEditsDialog&)> answer);

signals:
    void settled();
    void failed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void takeEdits();
    void showError(const QString& message);

    QString m_setAside;
    client::Replica& m_replica;
    bool m_busy = false;
    int m_moved = 0;
    QLabel* m_explanation;
    QLabel* m_passwordLabel;
    QLineEdit* m_password;
    QLabel* m_error;
    QPushButton* m_recover;
    QPushButton* m_discard;
    QPushButton* m_later;
    QFutureWatcher<Result<QList<client::OutboxEntry>>> m_watcher;
};

} // namespace sotay::widgets
