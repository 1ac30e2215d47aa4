// SPDX-License-Identifier: GPL-3.0-or-later
// The member form and the outbox: an edit the server refused, opened again to correct and resend; the open
// record following the outbox after a sync.
#include "member/member_json.h"
#include "member_form.h"
#include "replica.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace sotay::widgets {
namespace {

QString memberPath(qint64 id)
{
    return QStringLiteral("/api/v1/members/%1").arg(id);
}

} // namespace

Result<client::OutboxEntry> MemberForm::queue(
    const QString& method, const QString& path, const QJsonObject& body, std::optional<qint64> ifMatch)
{
    if (m_resending == 0 || m_resendRequest != method + u' ' + path)
        return m_replica.enqueue(method, path, body, ifMatch);
    auto queued = m_replica.replaceRefused(m_resending, method, path, body, ifMatch);
    if (!queued && queued.error().code != ErrorCode::NotFound)
        return queued;
    m_resending = 0;
    m_resendReason.clear();
    // Dropped meanwhile (in the list): the correction goes as a new edit.
    return queued ? queued : m_replica.enqueue(method, path, body, ifMatch);
}

void MemberForm::resendRefused(const client::OutboxEntry& refused)
{
    if (!m_loaded)
        return;
    m_resending = refused.id;
    m_resendReason = refused.message;
    m_resendRequest = refused.method + u' ' + refused.path;
    if (refused.path.endsWith(QStringLiteral("/events"))) {
        if (auto e = memberEventFromJson(refused.body))
            m_resendEvent = *e;
    } else if (auto laid = memberFromJson(refused.body, m_shown, false)) {
        // What the user asked for, over the record as it is now: the fields show it, still to be saved.
        showRecord(*laid);
    }
    showRefusal();
}

void MemberForm::recordRefusedEvent()
{
    if (!m_resendEvent)
        return;
    const MemberEvent refused = *m_resendEvent;
    m_resendEvent.reset();
    recordEvent(refused.type, &refused);
}

void MemberForm::readRefusals()
{
    m_refused = 0;
    if (isNew())
        return;
    const auto unsettled = m_replica.unsettled();
    if (!unsettled)
        return;
    const QString path = memberPath(m_saved.id);
    for (const client::UnsettledEdit& edit : *unsettled)
        if (edit.entry.path == path || edit.entry.path == path + QStringLiteral("/events"))
            ++m_refused;
}

void MemberForm::showRefusal()
{
    QString text;
    if (m_resending != 0)
        text = m_resendReason.isEmpty()
            ? tr("Máy chủ đã không nhận sửa đổi này và không nêu lý do. Hãy kiểm tra lại rồi ghi để gửi "
                 "lại.")
            : tr("Máy chủ đã không nhận sửa đổi này: %1 Hãy sửa lại rồi ghi để gửi lại.").arg(m_resendReason);
    else if (m_refused > 0)
        text = tr("Máy chủ không nhận %n sửa đổi của hồ sơ này; xem lý do ở Sửa → Sửa đổi không được nhận.",
            nullptr, m_refused);
    m_refusalNote->setText(text);
    m_refusalNote->setVisible(!text.isEmpty());
}

void MemberForm::followOutbox()
{
    if (!m_loaded || isNew())
        return;
    const QHash<QString, QVariant> before = fieldValues(m_shown);
    if (!readRecord()) {
        m_loaded = false;
        m_save->setEnabled(false);
        return;
    }
    readRefusals();
    // A field still showing what the record said follows the record; one the user changed keeps the text.
    const QHash<QString, QVariant> after = fieldValues(m_shown);
    for (auto it = m_choices.cbegin(); it != m_choices.cend(); ++it)
        if (it.value()->currentData() == before.value(it.key())
            && before.value(it.key()) != after.value(it.key()))
            it.value()->setCurrentIndex(it.value()->findData(after.value(it.key())));
    for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it)
        if (it.value()->text() == before.value(it.key()).toString()
            && before.value(it.key()) != after.value(it.key()))
            it.value()->setText(after.value(it.key()).toString());
    showStanding();
    showRefusal();
    check();
}

QString MemberForm::unsentText() const
{
    return m_unsentNote->isHidden() ? QString() : m_unsentNote->text();
}

QString MemberForm::refusalText() const
{
    return m_refusalNote->isHidden() ? QString() : m_refusalNote->text();
}

} // namespace sotay::widgets
