// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_event_dialog.h"

#include "field_error_label.h"
#include "member/member_rules.h"
#include "member/member_validation.h"
#include "member_labels.h"
#include "tab_order.h"
#include "test_answer.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sotay::widgets {
namespace {

bool isTransfer(MemberEventType type)
{
    return type == MemberEventType::TransferIn || type == MemberEventType::TransferOut;
}

} // namespace

MemberEventDialog::MemberEventDialog(
    MemberEventType type, const Member& member, const QList<OrgUnit>& cells, QDate today, QWidget* parent)
    : QDialog(parent)
    , m_type(type)
    , m_member(member)
    , m_today(today)
    , m_date(new QDateEdit(today, this))
    , m_decision(new QLineEdit(this))
    , m_note(new QLineEdit(this))
    , m_typeError(newFieldErrorLabel(this))
    , m_dateError(newFieldErrorLabel(this))
    , m_decisionError(newFieldErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(eventTypeLabel(type));
    auto* intro = new QLabel(tr("%1: %2.").arg(eventTypeLabel(type), member.fullName()), this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_date->setMaximumDate(today);
    form->addRow(tr("&Ngày:"), withErrorLabel(m_date, m_dateError, this));
    m_decision->setPlaceholderText(
        eventRequiresDecisionNumber(type) ? tr("bắt buộc, ví dụ: 125-QĐ/ĐU") : tr("nếu có"));
    form->addRow(tr("Số &quyết định:"), withErrorLabel(m_decision, m_decisionError, this));
    if (isTransfer(type)) {
        m_permanence = new QComboBox(this);
        m_permanence->addItem(tr("Chính thức"), true);
        m_permanence->addItem(tr("Tạm thời"), false);
        form->addRow(tr("&Hình thức:"), m_permanence);
        m_target = new QComboBox(this);
        m_target->setEditable(true);
        m_target->setInsertPolicy(QComboBox::NoInsert);
        m_target->completer()->setFilterMode(Qt::MatchContains);
        m_target->completer()->setCompletionMode(QCompleter::PopupCompletion);
        m_target->addItem(type == MemberEventType::TransferOut ? tr("Ra ngoài tỉnh")
                                                               : tr("Về chi bộ cũ (như khi chuyển đi)"),
            0);
        for (const OrgUnit& cell : cells)
            if (cell.id != member.orgUnitId || type == MemberEventType::TransferIn)
                m_target->addItem(cell.displayName(), cell.id);
        // A transfer out names its destination on purpose: nothing is chosen until the user does.
        if (type == MemberEventType::TransferOut)
            m_target->setCurrentIndex(-1);
        m_targetError = newFieldErrorLabel(this);
        form->addRow(type == MemberEventType::TransferOut ? tr("Chuyển &đến:") : tr("Vào &chi bộ:"),
            withErrorLabel(m_target, m_targetError, this));
        connect(m_permanence, &QComboBox::currentIndexChanged, this, &MemberEventDialog::check);
        connect(m_target, &QComboBox::currentIndexChanged, this, &MemberEventDialog::check);
        connect(m_target, &QComboBox::currentTextChanged, this, &MemberEventDialog::check);
    }
    form->addRow(tr("Ghi &chú:"), m_note);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Lưu"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_typeError);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_date, &QDateEdit::dateChanged, this, &MemberEventDialog::check);
    connect(m_decision, &QLineEdit::textChanged, this, &MemberEventDialog::check);
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true); // Enter records the event, Esc cancels
    // Tab in the order the fields show (the note was made before the transfer's fields).
    QList<QWidget*> order { m_date, m_decision };
    if (m_permanence)
        order += { m_permanence, m_target };
    order += { m_note, m_buttons };
    setTabOrderChain(order);
    check();
}

MemberEvent MemberEventDialog::memberEvent() const
{
    MemberEvent e;
    e.memberId = m_member.id;
    e.type = m_type;
    e.occurredOn = m_date->date();
    e.decisionNumber = m_decision->text().trimmed();
    e.note = m_note->text().trimmed();
    if (m_permanence)
        e.permanent = m_permanence->currentData().toBool();
    if (targetChosen() && m_target->currentData().toLongLong() > 0)
        e.toOrgUnitId = m_target->currentData().toLongLong();
    return e;
}

bool MemberEventDialog::targetChosen() const
{
    // Typed text that names no item leaves the previous item current: that is not a choice.
    return m_target && m_target->currentIndex() >= 0
        && m_target->currentText() == m_target->itemText(m_target->currentIndex());
}

QString MemberEventDialog::errorText(const QString& field) const
{
    if (field == u"occurredOn")
        return m_dateError->text();
    if (field == u"decisionNumber")
        return m_decisionError->text();
    if (field == u"toOrgUnitId")
        return m_targetError ? m_targetError->text() : QString();
    if (field == u"type")
        return m_typeError->text();
    return {};
}

void MemberEventDialog::check()
{
    const MemberEvent e = memberEvent();
    QList<FieldError> errors = validateEvent(m_member, e, m_today);
    if (errors.isEmpty())
        if (auto after = applyEvent(m_member, e); !after)
            errors = after.error().fields;
    const auto messageFor = [&errors](const QString& field) {
        QStringList messages;
        for (const FieldError& error : errors)
            if (error.field == field)
                messages.append(error.message);
        return messages.join(u'\n');
    };
    showFieldError(m_dateError, messageFor(QStringLiteral("occurredOn")));
    showFieldError(m_decisionError, messageFor(QStringLiteral("decisionNumber")));
    if (m_target && !targetChosen())
        errors.append({ QStringLiteral("toOrgUnitId"), tr("Chọn nơi chuyển trong danh sách.") });
    if (m_targetError)
        showFieldError(m_targetError, messageFor(QStringLiteral("toOrgUnitId")));
    showFieldError(m_typeError, messageFor(QStringLiteral("type")));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(errors.isEmpty());
}

std::optional<MemberEvent> MemberEventDialog::ask()
{
    if (!askForOk(*this, m_buttons->button(QDialogButtonBox::Ok)))
        return std::nullopt;
    return memberEvent();
}

void MemberEventDialog::setTestAnswer(std::function<bool(MemberEventDialog&)> answer)
{
    testAnswerFor<MemberEventDialog, bool>() = std::move(answer);
}

bool MemberEventDialog::fits(MemberEventType type, const Member& member, QDate today)
{
    if (type == MemberEventType::Admission)
        return false;
    // A transfer may be permanent or temporary: it fits if either does.
    for (const bool permanent : { true, false }) {
        MemberEvent e;
        e.type = type;
        e.occurredOn = today;
        e.decisionNumber = QStringLiteral("-");
        e.permanent = permanent;
        const auto after = applyEvent(member, e);
        if (after)
            return true;
        // Refused only for its date or its target: the state allows it, the dialog asks for the rest.
        const bool refusedForState = std::any_of(after.error().fields.cbegin(), after.error().fields.cend(),
            [](const FieldError& error) { return error.field == u"type"; });
        if (!refusedForState)
            return true;
        if (!isTransfer(type))
            return false;
    }
    return false;
}

} // namespace sotay::widgets
