// SPDX-License-Identifier: GPL-3.0-or-later
#include "conflict_dialog.h"

#include "member/member.h"
#include "member_labels.h"
#include "message_box.h"
#include "test_answer.h"

#include <QCoreApplication>
#include <QDate>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonValue>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sotay::widgets {
namespace {

constexpr int kDiffersRole = Qt::UserRole + 1;

// A value as the user reads it: dates as dd/MM/yyyy, codes by their names, nothing as "(trống)".
QString readable(const QString& field, const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        return QCoreApplication::translate("ConflictDialog", "(trống)");
    if (value.isBool())
        return value.toBool() ? QCoreApplication::translate("ConflictDialog", "Có")
                              : QCoreApplication::translate("ConflictDialog", "Không");
    if (value.isDouble())
        return QString::number(value.toInteger());
    const QString text = value.toString();
    if (field == u"gender")
        if (const auto gender = genderFromCode(text))
            return genderLabel(*gender);
    if (field == u"status")
        if (const auto status = memberStatusFromCode(text))
            return memberStatusLabel(*status);
    if (field == u"politicalTheory")
        if (const auto level = politicalTheoryFromCode(text))
            return politicalTheoryLabel(*level);
    if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid() && text.size() == 10)
        return date.toString(QStringLiteral("dd/MM/yyyy"));
    return text;
}

} // namespace

ConflictDialog::ConflictDialog(client::Replica& replica, const client::Conflict& conflict, QWidget* parent)
    : QDialog(parent)
    , m_replica(replica)
    , m_conflict(conflict)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_mine(new QPushButton(this))
    , m_server(new QPushButton(this))
    , m_later(new QPushButton(this))
{
    m_title->setWordWrap(true);
    // Read with the arrows; Tab goes on to the choices, in the order they stand.
    m_table->setTabKeyNavigation(false);
    connect(m_mine, &QPushButton::clicked, this, [this] {
        m_choice = Choice::KeepMine;
        accept();
    });
    connect(m_server, &QPushButton::clicked, this, [this] {
        m_choice = Choice::KeepServer;
        accept();
    });
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    // Enter outside the buttons decides nothing: the safe choice is the default, as Escape.
    m_later->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_mine);
    buttons->addWidget(m_server);
    buttons->addStretch();
    buttons->addWidget(m_later);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setTabOrder(m_table, m_mine);
    setTabOrder(m_mine, m_server);
    setTabOrder(m_server, m_later);
    retranslate(); // fills the table too
    m_table->setFocus();
    // As high as its rows need (a correction touches a few fields), at most 420 px: the table scrolls.
    const int rows = m_table->verticalHeader()->length() + m_table->horizontalHeader()->height()
        + 2 * m_table->frameWidth();
    resize(720, std::min(420, sizeHint().height() - m_table->sizeHint().height() + rows + 8));
}

void ConflictDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ConflictDialog::retranslate()
{
    setWindowTitle(tr("Xung đột khi gửi sửa đổi"));
    m_mine->setText(tr("Giữ bản &của tôi"));
    m_mine->setToolTip(
        tr("Gửi lại sửa đổi của bạn lên bản mới nhất; các ô bạn không sửa giữ giá trị trên máy chủ."));
    m_server->setText(tr("Giữ bản trên &máy chủ"));
    m_server->setToolTip(tr("Bỏ sửa đổi của bạn; hồ sơ giữ như trên máy chủ."));
    m_later->setText(tr("Để &sau"));
    m_later->setToolTip(tr("Đóng mà chưa chọn; xung đột vẫn chờ trong danh sách (Esc)."));
    fill();
}

void ConflictDialog::fill()
{
    const QJsonObject& local = m_conflict.local;
    const QJsonObject& server = m_conflict.server;
    const QString who
        = server.value(QStringLiteral("fullName")).toString(server.value(QStringLiteral("name")).toString());
    m_title->setText(
        tr("Trong lúc bạn sửa, hồ sơ %1 đã được sửa trên máy chủ (nay là phiên bản %2). Xem hai bản "
           "dưới đây và chọn bản giữ lại.")
            .arg(who.isEmpty() ? QString::number(m_conflict.entityId) : who)
            .arg(server.value(QStringLiteral("version")).toInteger()));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({ tr("Mục"), tr("Bản của bạn"), tr("Bản trên máy chủ") });
    m_table->setRowCount(static_cast<int>(local.size()));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    int row = 0;
    for (auto it = local.constBegin(); it != local.constEnd(); ++it, ++row) {
        const QString field = it.key();
        const bool known = server.contains(field);
        const bool differs = known && server.value(field) != it.value();
        auto* name = new QTableWidgetItem(memberFieldLabel(field));
        name->setData(Qt::UserRole, field);
        name->setData(kDiffersRole, differs);
        auto* mine = new QTableWidgetItem(readable(field, it.value()));
        auto* theirs = new QTableWidgetItem(known ? readable(field, server.value(field)) : tr("—"));
        if (differs) {
            QFont bold = mine->font();
            bold.setBold(true);
            for (QTableWidgetItem* item : { name, mine, theirs }) {
                item->setFont(bold);
                item->setBackground(QColor(0xfe, 0xf3, 0xc7));
            }
            name->setToolTip(tr("Hai bản khác nhau ở mục này."));
        }
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, mine);
        m_table->setItem(row, 2, theirs);
    }
    m_table->resizeColumnsToContents();
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, 0);
}

QString ConflictDialog::titleText() const
{
    return m_title->text();
}

int ConflictDialog::rowOf(const QString& field) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->data(Qt::UserRole).toString() == field)
            return row;
    return -1;
}

bool ConflictDialog::differs(int row) const
{
    return m_table->item(row, 0)->data(kDiffersRole).toBool();
}

bool ConflictDialog::settle(Choice choice)
{
    if (choice == Choice::Later)
        return true;
    if (choice == Choice::KeepMine) {
        const qint64 version = m_conflict.server.value(QStringLiteral("version")).toInteger();
        if (version <= 0) {
            MessageBox::warning(this, tr("Không gửi lại được"),
                tr("Không biết phiên bản trên máy chủ của hồ sơ này. Hãy đồng bộ rồi sửa lại."));
            return false;
        }
        if (auto queued = m_replica.requeueConflict(m_conflict, version); !queued) {
            MessageBox::warning(this, tr("Không gửi lại được"), queued.error().message);
            return false;
        }
        return true;
    }
    if (const Status resolved = m_replica.resolveConflict(m_conflict.id); !resolved) {
        MessageBox::warning(this, tr("Không ghi được"), resolved.error().message);
        return false;
    }
    return true;
}

bool ConflictDialog::ask()
{
    if (const auto& answer = testAnswerFor<ConflictDialog, Choice>())
        m_choice = answer(*this);
    else if (exec() != QDialog::Accepted)
        m_choice = Choice::Later;
    return settle(m_choice);
}

void ConflictDialog::setTestAnswer(std::function<Choice(ConflictDialog&)> answer)
{
    testAnswerFor<ConflictDialog, Choice>() = std::move(answer);
}

} // namespace sotay::widgets
