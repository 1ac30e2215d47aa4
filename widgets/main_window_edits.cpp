// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's local edits: tree operations and member records queued in the outbox, undo, conflicts
// and the edits the server did not take (main_window.h).
#include "conflict_dialog.h"
#include "earlier_edits_dialog.h"
#include "main_window.h"
#include "member_form.h"
#include "message_box.h"
#include "org_operation_dialog.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "outbox_description.h"
#include "refused_edit_resend.h"
#include "replica.h"
#include "replica_unlock.h"
#include "roster_model.h"
#include "store/sql.h"
#include "store/write_context.h"
#include "sync_status_bar.h"
#include "unsettled_edits_dialog.h"

#include <QLabel>

#include <algorithm>

namespace sotay::widgets {

void MainWindow::queueOperation(const OrgOperation& operation)
{
    if (!m_replica)
        return;
    const auto queued
        = m_replica->enqueue(operation.method, operation.path, operation.body, operation.ifMatch);
    if (!queued) {
        MessageBox::warning(this, tr("Không ghi được thay đổi"), queued.error().message);
        return;
    }
    afterLocalEdit();
    // The tree changes once the server has taken the operation and the sync brings it back.
    m_status->showMessage(tr("Đã lưu. Cây tổ chức sẽ thay đổi khi máy chủ đã nhận (ở lần đồng bộ tới)."));
}

void MainWindow::afterLocalEdit()
{
    refreshStatus();
    if (m_session.online() && !m_signedOut)
        syncNow();
    else
        m_status->showMessage(tr("Đã lưu trên máy này; sẽ gửi lên máy chủ ở lần đồng bộ tới."));
}

QList<OrgUnit> MainWindow::activeCells() const
{
    // From the replica, not from the tree on screen: that may be a past day's.
    QList<OrgUnit> cells;
    auto query = sql::exec(m_replica->db(),
        QStringLiteral(
            "SELECT id, kind, code, name FROM org_unit WHERE valid_to IS NULL AND kind IN ('cell', "
            "'base_cell') ORDER BY name"));
    if (!query)
        return cells;
    while (query->next()) {
        OrgUnit cell;
        cell.id = query->value(0).toLongLong();
        cell.kind = orgKindFromCode(query->value(1).toString()).value_or(OrgKind::Cell);
        cell.code = query->value(2).toString();
        cell.name = query->value(3).toString();
        cells.append(cell);
    }
    return cells;
}

void MainWindow::openMember(qint64 memberId)
{
    if (!m_replica)
        return;
    OrgUnit unit;
    if (memberId == 0) {
        if (m_tree->asOf()) {
            MessageBox::information(this, tr("Thêm đảng viên"),
                tr("Cây tổ chức đang hiện một ngày trong quá khứ. Bỏ chọn \"Cây tại ngày\" rồi chọn chi bộ "
                   "để "
                   "thêm đảng viên."));
            return;
        }
        const auto chosen = m_tree->unit(m_roster->unitId());
        if (!chosen || (chosen->kind != OrgKind::Cell && chosen->kind != OrgKind::BaseCell)) {
            MessageBox::information(this, tr("Thêm đảng viên"),
                tr("Đảng viên sinh hoạt tại chi bộ: xin chọn một chi bộ (chi bộ trực thuộc hoặc chi bộ cơ "
                   "sở) "
                   "trên cây tổ chức trước."));
            return;
        }
        unit = *chosen;
    }
    MemberForm form(*m_replica, memberId, unit, activeCells(), WriteContext::todayInVietnam(), this);
    attachForm(form);
    if (form.isLoaded())
        form.run();
}

void MainWindow::attachForm(MemberForm& form)
{
    connect(&form, &MemberForm::outboxChanged, this, &MainWindow::afterLocalEdit);
    // A sync while the form is open may send, refuse or bring what it shows.
    connect(this, &MainWindow::syncFinished, &form, &MemberForm::followOutbox);
}

void MainWindow::showUnsettledEdits()
{
    if (!m_replica)
        return;
    UnsettledEditsDialog dialog(*m_replica, this);
    connect(&dialog, &UnsettledEditsDialog::outboxChanged, this, &MainWindow::afterLocalEdit);
    connect(this, &MainWindow::syncFinished, &dialog, &UnsettledEditsDialog::reload);
    connect(&dialog, &UnsettledEditsDialog::resendRequested, this, [this, &dialog](qint64 outboxId) {
        const auto entry = m_replica->entry(outboxId);
        if (!entry) {
            MessageBox::information(&dialog, tr("Sửa rồi gửi lại"), entry.error().message);
            return;
        }
        const ResendContext context { *m_replica, *m_tree, *m_treePanel, activeCells(),
            WriteContext::todayInVietnam(), [this](MemberForm& form) { attachForm(form); } };
        if (resendRefusedEdit(&dialog, context, *entry))
            afterLocalEdit();
    });
    dialog.run();
    refreshStatus();
}

void MainWindow::showEarlierEdits()
{
    if (!m_replica)
        return;
    const QStringList setAside = client::setAsideReplicas(m_session.replicaPath);
    if (!setAside.isEmpty()) {
        EarlierEditsDialog dialog(setAside.front(), *m_replica, this);
        if (dialog.run()) {
            afterLocalEdit();
            if (dialog.moved() > 0)
                showNote(tr("Đã chuyển các sửa đổi chưa gửi của bản dữ liệu cũ (%1); chúng sẽ được gửi ở lần "
                            "đồng bộ tới.")
                             .arg(dialog.moved()));
        }
    }
    m_earlierEditsKnown = false;
    noteEarlierEdits();
}

void MainWindow::noteEarlierEdits()
{
    // The folder is read only when the action's state may have changed (the window opened, the dialog
    // closed): a replica is set aside only at sign-in, before any window opens on it.
    if (!m_earlierEditsKnown) {
        m_earlierEditsAction->setEnabled(!client::setAsideReplicas(m_session.replicaPath).isEmpty());
        m_earlierEditsKnown = true;
    }
    const bool waiting = m_earlierEditsAction->isEnabled();
    if (waiting && m_note->text().isEmpty()) // a note already shown (the first sync unfinished) stays
        showNote(tr("Có bản dữ liệu cũ khóa bằng mật khẩu trước đây, có thể còn sửa đổi chưa gửi: "
                    "Sửa → Sửa đổi trong bản dữ liệu cũ…"));
}

void MainWindow::newMember()
{
    openMember(0);
}

void MainWindow::showConflicts()
{
    if (!m_replica)
        return;
    const auto conflicts = m_replica->conflicts();
    if (!conflicts) {
        MessageBox::warning(this, tr("Không đọc được xung đột"), conflicts.error().message);
        return;
    }
    bool requeued = false;
    for (const client::Conflict& conflict : *conflicts) {
        ConflictDialog dialog(*m_replica, conflict, this);
        if (!dialog.ask())
            break;
        requeued = requeued || dialog.choice() == ConflictDialog::Choice::KeepMine;
        if (dialog.choice() == ConflictDialog::Choice::Later)
            break;
    }
    if (requeued)
        afterLocalEdit();
    else
        refreshStatus();
}

void MainWindow::undoLastUnsent()
{
    if (!m_replica)
        return;
    const auto pending = m_replica->pending();
    if (!pending || pending->isEmpty()) {
        m_status->showMessage(tr("Không còn sửa đổi nào chờ gửi để hoàn tác."));
        return;
    }
    // The newest one that can still be withdrawn (one the sync has taken cannot).
    auto last = std::find_if(pending->crbegin(), pending->crend(),
        [](const client::OutboxEntry& entry) { return entry.state == u"pending"; });
    if (last == pending->crend()) {
        m_status->showMessage(tr("Các sửa đổi còn lại đã được gửi đi nên không hoàn tác được nữa."));
        return;
    }
    const QString what = describeOutboxEntry(m_replica->db(), *last);
    if (MessageBox::question(this, tr("Hoàn tác sửa đổi chưa gửi"), tr("Bỏ sửa đổi chưa gửi: %1?").arg(what))
        != QMessageBox::Yes)
        return;
    const auto withdrawn = m_replica->withdraw(last->id);
    if (!withdrawn)
        MessageBox::warning(this, tr("Không hoàn tác được"), withdrawn.error().message);
    else if (!*withdrawn)
        MessageBox::information(this, tr("Không hoàn tác được"),
            tr("Sửa đổi này đang được gửi lên máy chủ nên không hoàn tác được nữa."));
    else
        m_status->showMessage(tr("Đã hoàn tác: %1.").arg(what));
    refreshStatus();
}

} // namespace sotay::widgets
