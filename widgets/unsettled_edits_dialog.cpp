// SPDX-License-Identifier: GPL-3.0-or-later
#include "unsettled_edits_dialog.h"

#include "conflict_dialog.h"
#include "message_box.h"
#include "outbox_description.h"
#include "sync_status_bar.h"
#include "test_answer.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sotay::widgets {

UnsettledEditsDialog::UnsettledEditsDialog(client::Replica& replica, QWidget* parent)
    : QDialog(parent)
    , m_replica(replica)
    , m_intro(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_reason(new QLabel(this))
    , m_advice(new QLabel(this))
    , m_resend(new QPushButton(this))
    , m_discard(new QPushButton(this))
    , m_choose(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    m_intro->setWordWrap(true);
    m_table->setColumnCount(ColumnCount);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false); // Tab leaves the list for the buttons
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->installEventFilter(this);
    connect(m_table, &QTableWidget::currentCellChanged, this, &UnsettledEditsDialog::showCurrent);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &UnsettledEditsDialog::actOnCurrent);
    for (QLabel* label : { m_reason, m_advice }) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_reason->setStyleSheet(QStringLiteral("background: #fee2e2; padding: 4px"));

    connect(m_resend, &QPushButton::clicked, this, &UnsettledEditsDialog::resendCurrent);
    connect(m_discard, &QPushButton::clicked, this, &UnsettledEditsDialog::discardCurrent);
    connect(m_choose, &QPushButton::clicked, this, &UnsettledEditsDialog::chooseCurrent);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_resend);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_choose);
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_reason);
    layout->addWidget(m_advice);
    layout->addLayout(buttons);
    setTabOrder(m_table, m_resend);
    setTabOrder(m_resend, m_discard);
    setTabOrder(m_discard, m_choose);
    setTabOrder(m_choose, m_close);
    resize(880, 460);
    retranslate();
    m_table->setFocus(); // the list first; the actions follow with Tab
}

void UnsettledEditsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void UnsettledEditsDialog::retranslate()
{
    setWindowTitle(tr("Sửa đổi không được nhận"));
    m_table->setHorizontalHeaderLabels({ tr("Sửa đổi"), tr("Lúc làm"), tr("Tình trạng"), tr("Lý do") });
    m_resend->setText(tr("Sửa rồi &gửi lại"));
    m_resend->setToolTip(tr("Mở lại sửa đổi với các giá trị bạn đã nhập để sửa rồi gửi lại (Enter)."));
    m_discard->setText(tr("&Bỏ sửa đổi này"));
    m_discard->setToolTip(tr("Bỏ hẳn sửa đổi này, sau khi bạn xác nhận (Delete)."));
    m_choose->setText(tr("&Xem và chọn bản"));
    m_choose->setToolTip(tr("Xem bản của bạn bên cạnh bản trên máy chủ và chọn bản giữ lại (Enter)."));
    m_close->setText(tr("Đó&ng"));
    reload(); // the rows say their state and reason in the language
}

void UnsettledEditsDialog::reload()
{
    const int row = std::max(0, m_table->currentRow());
    auto listed = m_replica.unsettled();
    m_readError = listed ? QString() : listed.error().message;
    m_edits = listed ? *listed : QList<client::UnsettledEdit> {};
    m_intro->setText(!m_readError.isEmpty() ? tr("Không đọc được danh sách: %1").arg(m_readError)
            : m_edits.isEmpty()
            ? tr("Không có sửa đổi nào bị máy chủ từ chối hay xung đột: không có gì cần xử lý.")
            : tr("Máy chủ chưa nhận %n sửa đổi dưới đây. Chọn một dòng để xem lý do và việc có thể làm.",
                nullptr, rowCount()));
    const QSignalBlocker quiet(m_table);
    m_table->setRowCount(rowCount());
    for (int i = 0; i < rowCount(); ++i) {
        const client::UnsettledEdit& edit = m_edits.at(i);
        const QString reason
            = edit.entry.message.isEmpty() ? tr("(máy chủ không nêu lý do)") : edit.entry.message;
        const QString texts[ColumnCount] = { describeOutboxEntry(m_replica.db(), edit.entry),
            SyncStatusBar::formatDateTime(edit.entry.createdAt),
            edit.conflict ? tr("Xung đột") : tr("Bị từ chối"), reason };
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(texts[column]);
            item->setToolTip(texts[column]);
            m_table->setItem(i, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    // The reason takes what is left; a long description does not push it out of sight.
    m_table->setColumnWidth(WhatColumn, std::min(360, m_table->columnWidth(WhatColumn)));
    if (rowCount() > 0)
        m_table->setCurrentCell(std::min(row, rowCount() - 1), 0);
    showCurrent();
}

const client::UnsettledEdit* UnsettledEditsDialog::current() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < rowCount() ? &m_edits.at(row) : nullptr;
}

void UnsettledEditsDialog::showCurrent()
{
    const client::UnsettledEdit* edit = current();
    m_resend->setEnabled(edit && !edit->conflict);
    m_choose->setEnabled(edit && edit->conflict);
    m_discard->setEnabled(edit != nullptr);
    m_reason->setVisible(edit != nullptr);
    m_advice->setVisible(edit != nullptr);
    if (!edit) {
        m_reason->clear();
        m_advice->clear();
        return;
    }
    const QString what = describeOutboxEntry(m_replica.db(), edit->entry);
    if (edit->conflict) {
        m_reason->setText(edit->entry.message.isEmpty()
                ? tr("%1: trong lúc bạn sửa, bản trên máy chủ đã thay đổi.").arg(what)
                : tr("%1: %2").arg(what, edit->entry.message));
        m_advice->setText(
            tr("Xem bản của bạn bên cạnh bản trên máy chủ rồi chọn bản giữ lại (Enter), hoặc bỏ "
               "sửa đổi của bạn và giữ bản trên máy chủ (Delete)."));
    } else if (edit->entry.message.isEmpty()) {
        m_reason->setText(tr("%1: máy chủ không nhận mà không nêu lý do.").arg(what));
        m_advice->setText(tr("Hãy đồng bộ lại (F5). Nếu vẫn bị từ chối, kiểm tra lại nội dung rồi sửa và gửi "
                             "lại (Enter), hoặc báo người quản trị máy chủ; sửa đổi không cần nữa thì bỏ đi "
                             "(Delete)."));
    } else {
        m_reason->setText(tr("%1: %2").arg(what, edit->entry.message));
        m_advice->setText(tr("Xử lý điều máy chủ nêu, sửa lại rồi gửi lại (Enter); hoặc bỏ sửa đổi này nếu "
                             "không cần nữa (Delete)."));
    }
}

QString UnsettledEditsDialog::introText() const
{
    return m_intro->text();
}

QString UnsettledEditsDialog::reasonText() const
{
    return m_reason->text();
}

QString UnsettledEditsDialog::adviceText() const
{
    return m_advice->text();
}

void UnsettledEditsDialog::actOnCurrent()
{
    const client::UnsettledEdit* edit = current();
    if (!edit)
        return;
    if (edit->conflict)
        chooseCurrent();
    else
        resendCurrent();
}

void UnsettledEditsDialog::resendCurrent()
{
    const client::UnsettledEdit* edit = current();
    if (!edit || edit->conflict)
        return;
    const qint64 outboxId = edit->entry.id; // the list may be read again while the form is open
    emit resendRequested(outboxId);
    reload();
}

void UnsettledEditsDialog::discardCurrent()
{
    if (!current())
        return;
    // A copy: a sync may read the list again while the question waits.
    const client::UnsettledEdit edit = *current();
    const QString what = describeOutboxEntry(m_replica.db(), edit.entry);
    const QString question = edit.conflict
        ? tr("Bỏ sửa đổi \"%1\" và giữ bản trên máy chủ? Việc này không hoàn tác được.").arg(what)
        : tr("Bỏ sửa đổi bị từ chối \"%1\"? Sửa đổi sẽ không được gửi lại; việc này không hoàn tác được.")
              .arg(what);
    if (MessageBox::question(this, tr("Bỏ sửa đổi"), question) != QMessageBox::Yes)
        return;
    if (edit.conflict) {
        if (const Status resolved = m_replica.resolveConflict(edit.conflict->id); !resolved)
            MessageBox::warning(this, tr("Không bỏ được sửa đổi"), resolved.error().message);
    } else if (const auto dropped = m_replica.discardRefused(edit.entry.id); !dropped) {
        MessageBox::warning(this, tr("Không bỏ được sửa đổi"), dropped.error().message);
    }
    emit outboxChanged();
    reload();
}

void UnsettledEditsDialog::chooseCurrent()
{
    const client::UnsettledEdit* edit = current();
    if (!edit || !edit->conflict)
        return;
    ConflictDialog dialog(m_replica, *edit->conflict, this); // holds its own copy of the conflict
    if (dialog.ask() && dialog.choice() != ConflictDialog::Choice::Later)
        emit outboxChanged();
    reload();
}

bool UnsettledEditsDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            actOnCurrent();
            return true;
        }
        if (key == Qt::Key_Delete) {
            discardCurrent();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void UnsettledEditsDialog::run()
{
    if (const auto& answer = testAnswerFor<UnsettledEditsDialog, void>())
        answer(*this);
    else
        exec();
}

void UnsettledEditsDialog::setTestAnswer(std::function<void(UnsettledEditsDialog&)> answer)
{
    testAnswerFor<UnsettledEditsDialog, void>() = std::move(answer);
}

} // namespace sotay::widgets
