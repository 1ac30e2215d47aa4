// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_status_bar.h"

#include "elided_label.h"

#include <QEvent>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace sotay::widgets {

SyncStatusBar::SyncStatusBar(QWidget* parent)
    : QStatusBar(parent)
{
    m_phase = new ElidedLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // the engine does not know the total in advance
    m_progress->setMaximumWidth(160);
    m_progress->setMinimumWidth(48);
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(this);
    connect(m_cancel, &QPushButton::clicked, this, &SyncStatusBar::cancelRequested);
    // Permanent widgets all: messages shown on the left never hide the progress.
    addPermanentWidget(m_phase);
    addPermanentWidget(m_progress);
    addPermanentWidget(m_cancel);
    hideProgress();

    // Each gives up width when the window is narrow (1280 px with the tree and the progress all shown).
    m_local = new ElidedLabel(this);
    m_connection = new ElidedLabel(this);
    m_lastSync = new ElidedLabel(this);
    m_pending = new ElidedLabel(this);
    for (ElidedLabel* label : { m_local, m_connection, m_lastSync, m_pending }) {
        label->setLeadingSeparator(true);
        addPermanentWidget(label);
    }
    // A button, not a label: it is reached with Tab and opens the list with Enter or Space.
    m_unsettled = new QPushButton(this);
    m_unsettled->setFlat(true);
    m_unsettled->setAutoDefault(true); // outside a dialog, what makes Enter press it
    m_unsettled->setStyleSheet(QStringLiteral("color: #b91c1c; font-weight: bold"));
    m_unsettled->hide();
    connect(m_unsettled, &QPushButton::clicked, this, &SyncStatusBar::unsettledRequested);
    addPermanentWidget(m_unsettled);
    retranslate();
}

void SyncStatusBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QStatusBar::changeEvent(event);
}

void SyncStatusBar::retranslate()
{
    m_cancel->setText(tr("&Hủy đồng bộ"));
    m_cancel->setToolTip(tr("Dừng lần đồng bộ đầu tiên; lần sau sẽ tiếp tục từ chỗ đã dừng."));
    setConnection(m_connectionState, m_connectionDetail);
    setLastSync(m_lastSyncAt);
    setPending(m_pendingCount);
    setUnsettled(m_unsettledCount);
    m_unsettled->setToolTip(tr("Xem các sửa đổi máy chủ không nhận, lý do và việc có thể làm."));
    setLocalCounts(m_localUnits, m_localMembers);
    m_local->setToolTip(
        tr("Số đảng viên và tổ chức đảng có trên máy này. Xem thêm ở Trợ giúp → Về dữ liệu trên "
           "máy này."));
    m_progress->setAccessibleName(tr("Tiến độ đồng bộ"));
}

void SyncStatusBar::setLocalCounts(qint64 units, qint64 members)
{
    m_localUnits = units;
    m_localMembers = members;
    const QLocale locale;
    m_local->setText(tr("Trên máy này: %1 đảng viên, %2 tổ chức đảng")
                         .arg(locale.toString(members), locale.toString(units)));
}

SyncStatusBar::~SyncStatusBar() = default;

QString SyncStatusBar::formatDateTime(const QDateTime& when)
{
    return when.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

void SyncStatusBar::setConnection(Connection connection, const QString& detail)
{
    m_connectionState = connection;
    m_connectionDetail = detail;
    switch (connection) {
    case Connection::Online:
        m_connection->setText(tr("Trực tuyến"));
        break;
    case Connection::Offline:
        m_connection->setText(tr("Ngoại tuyến"));
        break;
    case Connection::SignedOut:
        m_connection->setText(tr("Chưa đăng nhập"));
        break;
    }
    m_connection->setToolTip(detail);
}

void SyncStatusBar::setLastSync(const QDateTime& when)
{
    m_lastSyncAt = when;
    m_lastSync->setText(
        when.isValid() ? tr("Đồng bộ lần cuối: %1").arg(formatDateTime(when)) : tr("Chưa đồng bộ lần nào"));
}

void SyncStatusBar::setPending(qint64 count)
{
    m_pendingCount = count;
    m_pending->setText(tr("%n sửa đổi chưa gửi", nullptr, static_cast<int>(count)));
}

void SyncStatusBar::setUnsettled(qint64 count)
{
    m_unsettledCount = count;
    m_unsettled->setText(tr("%n sửa đổi không được nhận", nullptr, static_cast<int>(count)));
    m_unsettled->setVisible(count > 0);
}

void SyncStatusBar::showProgress(const QString& phase, qint64 done, qint64 total)
{
    const QLocale locale;
    if (total > 0) {
        m_phase->setText(tr("%1: %2 / %3").arg(phase, locale.toString(done), locale.toString(total)));
        // The bar's range is an int: per mille of the whole.
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
    } else {
        m_phase->setText(done > 0 ? tr("%1: đã nhận %2").arg(phase, locale.toString(done)) : phase);
        m_progress->setRange(0, 0);
    }
    m_phase->show();
    m_progress->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
}

void SyncStatusBar::hideProgress()
{
    m_phase->hide();
    m_progress->hide();
    m_cancel->hide();
}

QString SyncStatusBar::connectionText() const
{
    return m_connection->text();
}

QString SyncStatusBar::lastSyncText() const
{
    return m_lastSync->text();
}

QString SyncStatusBar::localCountsText() const
{
    return m_local->text();
}

QString SyncStatusBar::pendingText() const
{
    return m_pending->text();
}

QString SyncStatusBar::progressText() const
{
    return m_phase->text();
}

int SyncStatusBar::progressPerMille() const
{
    return m_progress->maximum() == 0 ? -1 : m_progress->value();
}

bool SyncStatusBar::isProgressVisible() const
{
    return !m_progress->isHidden();
}

} // namespace sotay::widgets
