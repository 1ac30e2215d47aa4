// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "org/org_unit.h"
#include "org_operation_dialog.h"

#include <QDate>
#include <QList>

#include <functional>
#include <optional>

class QWidget;

namespace sotay::client {
class Replica;
struct OutboxEntry;
} // namespace sotay::client

namespace sotay::widgets {

class MemberForm;
class OrgTreeModel;
class OrgTreePanel;

// What "Sửa rồi gửi lại" needs from the main window.
struct ResendContext {
    client::Replica& replica;
    const OrgTreeModel& tree; // the tree on screen: today's, or a past day's
    OrgTreePanel& treePanel;
    QList<OrgUnit> cells; // where a transfer may go
    QDate today;
    std::function<void(MemberForm&)> attachForm; // ties an opened member form to the window (outbox, syncs)
};

// The tree operation a request of the outbox is, and the unit it acts on (the parent of a new unit);
// nothing for a request about members.
struct RefusedOperation {
    OrgOperationDialog::Kind kind;
    qint64 unitId;
};
std::optional<RefusedOperation> operationOf(const client::OutboxEntry& entry);

// Fills an operation's dialog with what the refused request asked, the server's reason above the fields.
void fillFromRefused(OrgOperationDialog& dialog, const client::OutboxEntry& entry);

// Opens what lets the user correct refused edit `entry` and send it again: the member form on the record (a
// correction's values laid over it, an event's dialog filled in; a blank form for a new member), or the
// tree operation's dialog filled in. True when the corrected edit was queued in place of the refused one.
// When nothing can be opened, the user is told why and what to do instead.
bool resendRefusedEdit(QWidget* parent, const ResendContext& context, const client::OutboxEntry& entry);

} // namespace sotay::widgets
