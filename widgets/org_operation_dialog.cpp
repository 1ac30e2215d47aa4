// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_operation_dialog.h"

#include "org/org_rules.h"
#include "store/write_context.h"
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

namespace sotay::widgets {
OrgOperationDialog::OrgOperationDialog(
    Kind kind, const OrgUnit& unit, const QList<OrgUnit>& choices, QWidget* parent)
    : QDialog(parent)
    , m_operation(kind)
    , m_unit(unit)
    , m_decision(new QLineEdit(this))
    , m_effective(new QDateEdit(WriteContext::todayInVietnam(), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    auto* form = new QFormLayout;
    QString intro;
    switch (kind) {
    case Kind::Create: {
        setWindowTitle(tr("Thêm tổ chức đảng trực thuộc"));
        intro = tr("Tổ chức mới trực thuộc %1.").arg(unit.displayName());
        m_kind = new QComboBox(this);
        for (const OrgKind child : { OrgKind::BaseCommittee, OrgKind::BaseCell, OrgKind::SectionCommittee,
                 OrgKind::Cell, OrgKind::Group, OrgKind::Upper })
            if (canContain(unit.kind, child))
                m_kind->addItem(orgKindLabel(child), static_cast<int>(child));
        m_code = new QLineEdit(this);
        m_name = new QLineEdit(this);
        form->addRow(tr("&Loại tổ chức:"), m_kind);
        form->addRow(tr("&Mã đơn vị:"), m_code);
        form->addRow(tr("&Tên:"), m_name);
        break;
    }
    case Kind::Rename:
        setWindowTitle(tr("Đổi tên tổ chức đảng"));
        intro = tr("Đổi tên %1.").arg(unit.displayName());
        m_name = new QLineEdit(unit.name, this);
        form->addRow(tr("&Tên mới:"), m_name);
        break;
    case Kind::Move:
    case Kind::Merge: {
        const bool move = kind == Kind::Move;
        setWindowTitle(
            move ? tr("Chuyển tổ chức đảng sang nơi trực thuộc khác") : tr("Hợp nhất tổ chức đảng"));
        intro = move ? tr("Chuyển %1 (cùng các tổ chức trực thuộc và đảng viên) sang trực thuộc:")
                           .arg(unit.displayName())
                     : tr("Hợp nhất %1 vào tổ chức dưới đây; đảng viên và tổ chức trực thuộc chuyển theo, %1 "
                          "kết thúc hoạt động.")
                           .arg(unit.displayName());
        m_target = new QComboBox(this);
        // Thousands of units: type part of a name or code to find one.
        m_target->setEditable(true);
        m_target->setInsertPolicy(QComboBox::NoInsert);
        m_target->completer()->setFilterMode(Qt::MatchContains);
        m_target->completer()->setCompletionMode(QCompleter::PopupCompletion);
        m_target->addItem(QString(), 0);
        for (const OrgUnit& choice : choices)
            m_target->addItem(choice.displayName(), choice.id);
        form->addRow(move ? tr("&Trực thuộc:") : tr("&Hợp nhất vào:"), m_target);
        connect(m_target, &QComboBox::currentIndexChanged, this, &OrgOperationDialog::check);
        break;
    }
    case Kind::Dissolve:
        setWindowTitle(tr("Giải thể tổ chức đảng"));
        intro = tr("Giải thể %1. Tổ chức phải không còn đảng viên và tổ chức trực thuộc; việc này không hoàn "
                   "tác được sau khi đã gửi lên máy chủ.")
                    .arg(unit.displayName());
        break;
    }
    m_decision->setPlaceholderText(tr("ví dụ: 125-QĐ/TU"));
    m_effective->setCalendarPopup(true);
    m_effective->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_effective->setMaximumDate(WriteContext::todayInVietnam());
    form->addRow(tr("Số &quyết định:"), m_decision);
    form->addRow(tr("&Ngày hiệu lực:"), m_effective);
    auto* introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Lưu"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(introLabel);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* field : { m_code, m_name, m_decision })
        if (field)
            connect(field, &QLineEdit::textChanged, this, &OrgOperationDialog::check);
    check();
}

QString OrgOperationDialog::problemText() const
{
    return m_problem->text();
}

void OrgOperationDialog::check()
{
    QStringList problems;
    if (m_code && m_code->text().trimmed().isEmpty())
        problems.append(tr("Cần mã đơn vị."));
    if (m_name && m_name->text().trimmed().isEmpty())
        problems.append(tr("Cần tên tổ chức."));
    if (m_operation == Kind::Rename && m_name && m_name->text().trimmed() == m_unit.name)
        problems.append(tr("Tên mới trùng tên hiện tại."));
    if (m_kind && m_kind->count() == 0)
        problems.append(tr("%1 không có tổ chức trực thuộc.").arg(orgKindLabel(m_unit.kind)));
    if (m_target && m_target->currentData().toLongLong() == 0)
        problems.append(m_operation == Kind::Move ? tr("Cần chọn nơi trực thuộc mới.")
                                                  : tr("Cần chọn tổ chức hợp nhất vào."));
    if (m_decision->text().trimmed().isEmpty())
        problems.append(tr("Cần số quyết định."));
    m_problem->setText(problems.join(u'\n'));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
}

OrgOperation OrgOperationDialog::operation() const
{
    QJsonObject body { { QStringLiteral("decisionNumber"), m_decision->text().trimmed() },
        { QStringLiteral("effectiveOn"), m_effective->date().toString(Qt::ISODate) } };
    const QString unitPath = QStringLiteral("/api/v1/orgs/%1").arg(m_unit.id);
    switch (m_operation) {
    case Kind::Create:
        body.insert(QStringLiteral("parentId"), m_unit.id);
        body.insert(QStringLiteral("kind"), toCode(static_cast<OrgKind>(m_kind->currentData().toInt())));
        body.insert(QStringLiteral("code"), m_code->text().trimmed());
        body.insert(QStringLiteral("name"), m_name->text().simplified());
        return { QStringLiteral("POST"), QStringLiteral("/api/v1/orgs"), body, std::nullopt };
    case Kind::Rename:
        body.insert(QStringLiteral("name"), m_name->text().simplified());
        return { QStringLiteral("PATCH"), unitPath, body, m_unit.version };
    case Kind::Move:
        body.insert(QStringLiteral("parentId"), m_target->currentData().toLongLong());
        return { QStringLiteral("POST"), unitPath + QStringLiteral("/move"), body, m_unit.version };
    case Kind::Merge:
        body.insert(QStringLiteral("targetId"), m_target->currentData().toLongLong());
        return { QStringLiteral("POST"), unitPath + QStringLiteral("/merge"), body, m_unit.version };
    case Kind::Dissolve:
        return { QStringLiteral("POST"), unitPath + QStringLiteral("/dissolve"), body, m_unit.version };
    }
    return {};
}

std::optional<OrgOperation> OrgOperationDialog::ask()
{
    if (!askForOk(*this, m_buttons->button(QDialogButtonBox::Ok)))
        return std::nullopt;
    return operation();
}

void OrgOperationDialog::setTestAnswer(std::function<bool(OrgOperationDialog&)> answer)
{
    testAnswerFor<OrgOperationDialog, bool>() = std::move(answer);
}

} // namespace sotay::widgets
