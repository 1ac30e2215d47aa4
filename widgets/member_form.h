// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"
#include "member/member_event.h"
#include "org/org_unit.h"

#include <QDate>
#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QVariant>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;

namespace sotay::client {
class Replica;
struct OutboxEntry;
} // namespace sotay::client

namespace sotay::widgets {

// A member record: every field in groups (identity, identifiers, party history, education), each checked
// as the user types with the message beside it; the record's standing (unit, status, exemption, leaving)
// changes only through explicit dated events. Saving queues the correction in the outbox. Edits not yet
// sent are shown laid over the replica's copy and can be withdrawn ("Hoàn tác").
class MemberForm final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberForm)

public:
    // Opens record `memberId` of `replica`, or a blank record on the roster of cell `unit` when memberId is
    // 0. `cells` are the cells a transfer may go to; `today` bounds the dates.
    MemberForm(client::Replica& replica, qint64 memberId, const OrgUnit& unit, const QList<OrgUnit>& cells,
        QDate today, QWidget* parent = nullptr);
    ~MemberForm() override;

    bool isNew() const { return m_saved.id == 0; }
    // False when the record could not be read (the user has been told): the form is not to be shown.
    bool isLoaded() const { return m_loaded; }
    // The record as the replica holds it, and as shown: with the unsent edits laid over it.
    const Member& saved() const { return m_saved; }
    const Member& shown() const { return m_shown; }
    // The record as the fields now say (unparsable dates are null).
    Member edited() const;
    int unsentCount() const { return static_cast<int>(m_unsent.size()); }
    bool hasChanges() const;

    // Fields by the API's names: text and date fields, and the choices (gender, status, politicalTheory).
    QLineEdit* field(const QString& name) const { return m_texts.value(name); }
    QComboBox* choice(const QString& name) const { return m_choices.value(name); }
    // The message beside field `name`; empty when it is right.
    QString errorText(const QString& name) const;
    QPushButton* saveButton() const { return m_save; }
    QPushButton* undoButton() const { return m_undo; }
    QPushButton* resetButton() const { return m_reset; }
    QAction* eventAction(MemberEventType type) const { return m_eventActions.value(static_cast<int>(type)); }

    // Queues the record (a new member, or the fields that differ from the replica's copy). False when a
    // field is wrong or nothing changed.
    bool save();
    // Asks for the event's details (the dialog filled from `refused` when given) and queues it.
    void recordEvent(MemberEventType type, const MemberEvent* refused = nullptr);
    // Withdraws every unsent edit of this record, after the user confirms.
    void undoUnsent();
    // Puts every field back as the record was shown.
    void resetFields();
    // Shows the form until it is closed (or hands it to the test answer).
    void run();

    // An edit of this record that the server refused (or a refused new member, on a blank form), to correct
    // and send again: the server's reason shows above the fields, a correction's values are laid over them,
    // and an event's dialog opens filled in when the form runs. Saving queues the new edit in place of the
    // refused one.
    void resendRefused(const client::OutboxEntry& refused);
    // Reads the record and its unsent edits again (a sync has sent, refused or brought some): the state
    // line and Undo follow the outbox, the fields the user has not touched show the record as it now is,
    // and what the user typed stays.
    void followOutbox();
    // The line above the fields about edits of this record not yet sent, or not taken by the server; empty
    // when hidden.
    QString unsentText() const;
    QString refusalText() const;

    // Tests: run() hands the open form to `answer` instead of waiting for a person.
    static void setTestAnswer(std::function<void(MemberForm&)> answer);

signals:
    // Something was added to the outbox or withdrawn from it.
    void outboxChanged();

protected:
    void done(int result) override;

private:
    void buildFields();
    QGroupBox* newGroup(const QString& title, const QList<QPair<QString, QWidget*>>& rows);
    QLineEdit* addText(const QString& name, int maxLength); // the API's limit
    QLineEdit* addDate(const QString& name);
    QComboBox* addChoice(const QString& name);
    bool readRecord(); // the replica's record and its unsent edits; false (and said) when it is gone
    void load();
    void showRecord(const Member& m);
    void showStanding();
    void check();
    QString unitName(qint64 unitId) const;
    QJsonObject changedFields() const;
    // What each input shows for record `m`: text for the line edits, the data of the choices.
    QHash<QString, QVariant> fieldValues(const Member& m) const;
    // Queues an edit of this record, in place of the refused one being sent again if any.
    Result<client::OutboxEntry> queue(const QString& method, const QString& path, const QJsonObject& body,
        std::optional<qint64> ifMatch = std::nullopt);
    void readRefusals();
    void showRefusal();
    void recordRefusedEvent();

    client::Replica& m_replica;
    OrgUnit m_unit;
    QList<OrgUnit> m_cells;
    QDate m_today;
    Member m_saved;
    Member m_shown;
    QList<qint64> m_unsent; // outbox ids of this record's unsent edits, oldest first
    bool m_loaded = false;
    qint64 m_unsentPatch = 0; // the unsent correction that a new save replaces (0: none)
    // Edits of this record that the server did not take and the user has yet to settle.
    int m_refused = 0;
    // The refused edit being sent again (0: none): the next edit of the same kind (its method and path)
    // replaces it; its reason shows above the fields; a refused event is asked again when the form runs.
    qint64 m_resending = 0;
    QString m_resendReason;
    QString m_resendRequest;
    std::optional<MemberEvent> m_resendEvent;
    QHash<QString, QLineEdit*> m_texts;
    QHash<QString, QComboBox*> m_choices;
    QHash<QString, QLabel*> m_errors;
    QHash<int, QAction*> m_eventActions;
    QList<QLabel*> m_labels; // the fields' labels, one width for all groups
    QStringList m_dateFields;
    QLabel* m_title = nullptr;
    QLabel* m_standing = nullptr;
    QLabel* m_unsentNote = nullptr;
    QLabel* m_refusalNote = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_events = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace sotay::widgets
