// SPDX-License-Identifier: GPL-3.0-or-later
#include "replica_info_dialog.h"

#include "sync_status_bar.h"

#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace sotay::widgets {
namespace {

QLabel* valueLabel(QWidget* parent, const QString& text = {})
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

ReplicaInfoDialog::ReplicaInfoDialog(const ConsoleSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_serverLabel(new QLabel(this))
    , m_userLabel(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_unitsLabel(new QLabel(this))
    , m_membersLabel(new QLabel(this))
    , m_pendingLabel(new QLabel(this))
    , m_lastSyncLabel(new QLabel(this))
    , m_fileLabel(new QLabel(this))
    , m_scope(valueLabel(this))
    , m_units(valueLabel(this))
    , m_members(valueLabel(this))
    , m_pending(valueLabel(this))
    , m_lastSync(valueLabel(this))
    , m_note(valueLabel(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("replicaInfoDialog"));
    auto* form = new QFormLayout;
    form->addRow(m_serverLabel, valueLabel(this, m_session.server.toDisplayString()));
    form->addRow(m_userLabel, valueLabel(this, m_session.username));
    form->addRow(m_scopeLabel, m_scope);
    form->addRow(m_unitsLabel, m_units);
    form->addRow(m_membersLabel, m_members);
    form->addRow(m_pendingLabel, m_pending);
    form->addRow(m_lastSyncLabel, m_lastSync);
    form->addRow(m_fileLabel, valueLabel(this, QDir::toNativeSeparators(m_session.replicaPath)));
    m_note->setStyleSheet(QStringLiteral("color: #92400e"));
    m_note->hide();
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    m_close->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addLayout(buttons);
    retranslate();
    setMinimumWidth(480);
}

ReplicaInfoDialog::~ReplicaInfoDialog() = default;

void ReplicaInfoDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ReplicaInfoDialog::retranslate()
{
    setWindowTitle(tr("Về dữ liệu trên máy này"));
    m_serverLabel->setText(tr("Máy chủ:"));
    m_userLabel->setText(tr("Tài khoản:"));
    m_scopeLabel->setText(tr("Phạm vi:"));
    m_unitsLabel->setText(tr("Tổ chức đảng trên máy này:"));
    m_membersLabel->setText(tr("Đảng viên trên máy này:"));
    m_pendingLabel->setText(tr("Sửa đổi chưa gửi:"));
    m_lastSyncLabel->setText(tr("Đồng bộ lần cuối:"));
    m_fileLabel->setText(tr("Tệp dữ liệu:"));
    m_close->setText(tr("Đóng"));
    setSummary(m_summary); // the numbers in the language's own format
}

void ReplicaInfoDialog::setSummary(const ReplicaSummary& summary)
{
    m_summary = summary;
    const QLocale locale;
    m_scope->setText(summary.scopeName.isEmpty() ? tr("chưa tải về") : summary.scopeName);
    m_units->setText(locale.toString(summary.units));
    m_members->setText(locale.toString(summary.members));
    m_pending->setText(locale.toString(summary.pending));
    m_lastSync->setText(summary.lastSync.isValid() ? SyncStatusBar::formatDateTime(summary.lastSync)
                                                   : tr("chưa đồng bộ lần nào"));
}

void ReplicaInfoDialog::setNote(const QString& note)
{
    m_noteText = note;
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString ReplicaInfoDialog::scopeText() const
{
    return m_scope->text();
}

QString ReplicaInfoDialog::unitsText() const
{
    return m_units->text();
}

QString ReplicaInfoDialog::membersText() const
{
    return m_members->text();
}

QString ReplicaInfoDialog::noteText() const
{
    return m_noteText;
}

} // namespace sotay::widgets
