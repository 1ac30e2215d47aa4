// SPDX-License-Identifier: GPL-3.0-or-later
#include "refused_edit_resend.h"

#include "member_form.h"
#include "message_box.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "outbox_description.h"
#include "replica.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sotay::widgets {
namespace {

// Whether the refused entry is gone from the list: replaced by the corrected edit.
bool replaced(const client::Replica& replica, qint64 outboxId)
{
    const auto entry = replica.entry(outboxId);
    return !entry || entry->state != u"refused";
}

bool resendMemberEdit(QWidget* parent, const ResendContext& context, const client::OutboxEntry& entry,
    const OutboxTarget& target)
{
    OrgUnit unit;
    if (target.id == 0) {
        // A new member: on the cell it was meant for, if that cell is still on today's tree.
        const qint64 unitId = entry.body.value(QStringLiteral("orgUnitId")).toInteger();
        const auto cell = context.tree.asOf() ? std::nullopt : context.tree.unit(unitId);
        if (!cell) {
            MessageBox::information(parent,
                QCoreApplication::translate("RefusedEditResend", "Sửa rồi gửi lại"),
                QCoreApplication::translate("RefusedEditResend",
                    "Chi bộ của đảng viên mới này không có trên cây tổ chức hôm nay. Hãy chọn chi bộ "
                    "đảng viên sinh hoạt rồi thêm lại (Ctrl+N), sau đó bỏ sửa đổi này."));
            return false;
        }
        unit = *cell;
    }
    MemberForm form(context.replica, target.id, unit, context.cells, context.today, parent);
    if (!form.isLoaded())
        return false; // the form said why
    form.resendRefused(entry);
    if (context.attachForm)
        context.attachForm(form);
    form.run();
    return replaced(context.replica, entry.id);
}

} // namespace

std::optional<RefusedOperation> operationOf(const client::OutboxEntry& entry)
{
    const auto target = outboxTargetOf(entry);
    if (!target || target->members)
        return std::nullopt;
    using Kind = OrgOperationDialog::Kind;
    if (target->id == 0)
        return RefusedOperation { Kind::Create, entry.body.value(QStringLiteral("parentId")).toInteger() };
    if (target->action.isEmpty())
        return RefusedOperation { Kind::Rename, target->id };
    if (target->action == u"move")
        return RefusedOperation { Kind::Move, target->id };
    if (target->action == u"merge")
        return RefusedOperation { Kind::Merge, target->id };
    if (target->action == u"dissolve")
        return RefusedOperation { Kind::Dissolve, target->id };
    return std::nullopt;
}

void fillFromRefused(OrgOperationDialog& dialog, const client::OutboxEntry& entry)
{
    const QJsonObject& body = entry.body;
    dialog.decisionField()->setText(body.value(QStringLiteral("decisionNumber")).toString());
    const QDate effective
        = QDate::fromString(body.value(QStringLiteral("effectiveOn")).toString(), Qt::ISODate);
    if (effective.isValid())
        dialog.effectiveField()->setDate(effective);
    if (dialog.nameField() && body.contains(QStringLiteral("name")))
        dialog.nameField()->setText(body.value(QStringLiteral("name")).toString());
    if (dialog.codeField())
        dialog.codeField()->setText(body.value(QStringLiteral("code")).toString());
    if (QComboBox* kind = dialog.kindField()) {
        const auto code = orgKindFromCode(body.value(QStringLiteral("kind")).toString());
        if (const int index = code ? kind->findData(static_cast<int>(*code)) : -1; index >= 0)
            kind->setCurrentIndex(index);
    }
    if (QComboBox* choice = dialog.targetField()) {
        const qint64 chosen = body.value(QStringLiteral("parentId"))
                                  .toInteger(body.value(QStringLiteral("targetId")).toInteger());
        if (const int index = choice->findData(chosen); index >= 0)
            choice->setCurrentIndex(index);
    }
    // Why it came back, above what the user is to correct.
    if (auto* layout = qobject_cast<QVBoxLayout*>(dialog.layout())) {
        auto* reason = new QLabel(entry.message.isEmpty()
                ? QCoreApplication::translate("RefusedEditResend",
                    "Máy chủ đã không nhận thao tác này và không nêu lý do. Hãy kiểm tra lại rồi "
                    "ghi để gửi lại.")
                : QCoreApplication::translate("RefusedEditResend",
                    "Máy chủ đã không nhận thao tác này: %1 Hãy xử lý điều đó hoặc sửa lại rồi ghi "
                    "để gửi lại.")
                      .arg(entry.message),
            &dialog);
        reason->setObjectName(QStringLiteral("refusalReason"));
        reason->setWordWrap(true);
        reason->setStyleSheet(QStringLiteral("background: #fee2e2; padding: 4px"));
        layout->insertWidget(0, reason);
    }
}

bool resendRefusedEdit(QWidget* parent, const ResendContext& context, const client::OutboxEntry& entry)
{
    if (entry.state != u"refused")
        return false;
    const auto target = outboxTargetOf(entry);
    if (target && target->members)
        return resendMemberEdit(parent, context, entry, *target);
    const auto operation = operationOf(entry);
    if (!operation) {
        MessageBox::information(parent, QCoreApplication::translate("RefusedEditResend", "Sửa rồi gửi lại"),
            QCoreApplication::translate("RefusedEditResend",
                "Không mở lại được sửa đổi này để sửa. Hãy làm lại việc đó từ cửa sổ chính, rồi bỏ "
                "sửa đổi này."));
        return false;
    }
    if (context.tree.asOf()) {
        MessageBox::information(parent, QCoreApplication::translate("RefusedEditResend", "Sửa rồi gửi lại"),
            QCoreApplication::translate("RefusedEditResend",
                "Cây tổ chức đang hiện một ngày trong quá khứ. Bỏ chọn \"Cây tại ngày\" rồi chọn lại "
                "\"Sửa rồi gửi lại\"."));
        return false;
    }
    if (!context.tree.unit(operation->unitId)) {
        MessageBox::information(parent, QCoreApplication::translate("RefusedEditResend", "Sửa rồi gửi lại"),
            QCoreApplication::translate("RefusedEditResend",
                "Tổ chức đảng của thao tác này không còn trên cây tổ chức hôm nay nên không làm lại "
                "được. Nếu việc này không còn cần, hãy bỏ sửa đổi này."));
        return false;
    }
    const auto corrected = context.treePanel.askAgain(operation->kind, operation->unitId,
        [&entry](OrgOperationDialog& dialog) { fillFromRefused(dialog, entry); });
    if (!corrected)
        return false;
    auto queued = context.replica.replaceRefused(
        entry.id, corrected->method, corrected->path, corrected->body, corrected->ifMatch);
    if (!queued && queued.error().code == ErrorCode::NotFound) // dropped meanwhile: a new edit then
        queued = context.replica.enqueue(
            corrected->method, corrected->path, corrected->body, corrected->ifMatch);
    if (!queued) {
        MessageBox::warning(parent, QCoreApplication::translate("RefusedEditResend", "Không ghi được"),
            queued.error().message);
        return false;
    }
    return true;
}

} // namespace sotay::widgets
