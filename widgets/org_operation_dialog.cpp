// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_operation_dialog.h"

#include "day_edit.h"
#include "field_error_label.h"
#include "folding_completer.h"
#include "org/org_rules.h"
#include "org_tree_model.h"
#include "store/write_context.h"
#include "test_answer.h"
#include "text/vietnamese_text.h"

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
namespace {

constexpr int kTargetKeyRole = Qt::UserRole + 1; // the folded "code name" of a choice

void showErrors(QLabel* label, const QStringList& messages)
{
    if (label)
        showFieldError(label, messages.join(u'\n'));
}

} // namespace

OrgOperationDialog::OrgOperationDialog(
    Kind kind, const OrgUnit& unit, const QList<OrgUnit>& choices, const OrgTreeModel* tree, QWidget* parent)
    : QDialog(parent)
    , m_operation(kind)
    , m_unit(unit)
    , m_tree(tree)
    , m_choices(choices)
    , m_decision(new QLineEdit(this))
    , m_effective(new DayEdit(WriteContext::todayInVietnam(), this))
    , m_decisionError(newFieldErrorLabel(this))
    , m_effectiveError(newFieldErrorLabel(this))
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
        m_kindError = newFieldErrorLabel(this);
        m_codeError = newFieldErrorLabel(this);
        m_nameError = newFieldErrorLabel(this);
        form->addRow(tr("&Loại tổ chức:"), withErrorLabel(m_kind, m_kindError, this));
        form->addRow(tr("&Mã đơn vị:"), withErrorLabel(m_code, m_codeError, this));
        form->addRow(tr("&Tên:"), withErrorLabel(m_name, m_nameError, this));
        connect(m_kind, &QComboBox::currentIndexChanged, this, &OrgOperationDialog::check);
        break;
    }
    case Kind::Rename:
        setWindowTitle(tr("Đổi tên tổ chức đảng"));
        intro = tr("Đổi tên %1.").arg(unit.displayName());
        m_name = new QLineEdit(unit.name, this);
        m_nameError = newFieldErrorLabel(this);
        form->addRow(tr("&Tên mới:"), withErrorLabel(m_name, m_nameError, this));
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
        // Thousands of units: type part of a name or code, with or without diacritics, to find one.
        m_target->setEditable(true);
        m_target->setInsertPolicy(QComboBox::NoInsert);
        m_target->addItem(QString(), 0);
        for (const OrgUnit& choice : choices) {
            m_target->addItem(choice.displayName(), choice.id);
            m_target->setItemData(
                m_target->count() - 1, text::fold(choice.code + u' ' + choice.name), kTargetKeyRole);
        }
        FoldingCompleter::install(m_target, kTargetKeyRole);
        m_targetError = newFieldErrorLabel(this);
        form->addRow(
            move ? tr("&Trực thuộc:") : tr("&Hợp nhất vào:"), withErrorLabel(m_target, m_targetError, this));
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
    form->addRow(tr("Số &quyết định:"), withErrorLabel(m_decision, m_decisionError, this));
    form->addRow(tr("&Ngày hiệu lực:"), withErrorLabel(m_effective, m_effectiveError, this));
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
    connect(m_effective, &QDateEdit::dateChanged, this, &OrgOperationDialog::check);
    check();
}

QString OrgOperationDialog::problemText() const
{
    QStringList shown;
    for (const QLabel* label : { m_kindError, m_codeError, m_nameError, m_targetError, m_decisionError,
             m_effectiveError, m_problem })
        if (label && !label->text().isEmpty())
            shown.append(label->text());
    return shown.join(u'\n');
}

std::optional<OrgUnit> OrgOperationDialog::chosenTarget() const
{
    if (!m_target)
        return std::nullopt;
    const qint64 id = m_target->currentData().toLongLong();
    for (const OrgUnit& choice : m_choices)
        if (choice.id == id && id != 0)
            return choice;
    return std::nullopt;
}

void OrgOperationDialog::check()
{
    // The domain's checks, in the server's words, on what this dialog and the replica know.
    QStringList kindErrors, codeErrors, nameErrors, targetErrors, decisionErrors, effectiveErrors, general;
    const auto sort = [&](const FieldError& error) {
        const QString& field = error.field;
        if (field == u"kind")
            kindErrors.append(error.message);
        else if (field == u"code")
            codeErrors.append(error.message);
        else if (field == u"name")
            nameErrors.append(error.message);
        else if (field == u"parentId" || field == u"targetId")
            targetErrors.append(error.message);
        else if (field == u"decisionNumber")
            decisionErrors.append(error.message);
        else if (field == u"effectiveOn")
            effectiveErrors.append(error.message);
        else
            general.append(error.message);
    };
    const QDate effectiveOn = m_effective->date();
    for (const FieldError& error :
        validateDecision({ m_decision->text(), effectiveOn }, WriteContext::todayInVietnam()))
        sort(error);
    QDate latest; // the newest recorded change of the units concerned
    const auto newest = [](QDate a, QDate b) { return !a.isValid() || (b.isValid() && b > a) ? b : a; };
    switch (m_operation) {
    case Kind::Create:
        if (m_kind->count() == 0)
            general.append(tr("%1 không có tổ chức trực thuộc.").arg(orgKindLabel(m_unit.kind)));
        else
            for (const FieldError& error :
                validateUnitFields(text::cleanText(m_name->text()), text::cleanText(m_code->text()),
                    static_cast<OrgKind>(m_kind->currentData().toInt()), m_unit.kind))
                sort(error);
        if (const auto early = checkNotBeforeFounded(m_unit, effectiveOn))
            sort(*early);
        break;
    case Kind::Rename: {
        const QString cleaned = text::cleanText(m_name->text());
        for (const FieldError& error : validateUnitFields(cleaned, m_unit.code, m_unit.kind, std::nullopt))
            if (error.field == u"name")
                sort(error);
        if (const auto same = checkRename(m_unit, cleaned))
            sort(*same);
        if (m_tree)
            latest = m_tree->latestChange(m_unit.id, false);
        break;
    }
    case Kind::Move:
    case Kind::Merge: {
        const auto target = chosenTarget();
        if (!target) {
            targetErrors.append(m_operation == Kind::Move ? tr("Cần chọn nơi trực thuộc mới.")
                                                          : tr("Cần chọn tổ chức hợp nhất vào."));
            break;
        }
        const bool inside = target->id == m_unit.id || (m_tree && m_tree->within(target->id, m_unit.id));
        if (m_operation == Kind::Move) {
            if (const auto refused = checkMove(m_unit, *target, inside))
                sort(*refused);
        } else {
            for (const FieldError& error :
                checkMerge(m_unit, *target, inside, m_tree ? m_tree->children(m_unit.id) : QList<OrgUnit> {},
                    m_tree ? m_tree->heldMemberCount(m_unit.id) : 0))
                sort(error);
        }
        if (m_tree) {
            latest = m_tree->latestChange(m_unit.id, true);
            if (m_operation == Kind::Merge)
                latest = newest(latest, m_tree->latestChange(target->id, true));
        }
        break;
    }
    case Kind::Dissolve:
        if (const auto root = checkDissolvable(m_unit))
            sort(*root);
        if (m_tree) {
            const QString refusal = dissolveRefusal(
                m_unit, m_tree->children(m_unit.id).size(), m_tree->heldMemberCount(m_unit.id));
            if (!refusal.isEmpty())
                general.append(refusal);
            latest = m_tree->latestChange(m_unit.id, true);
        }
        break;
    }
    if (const auto early = checkNotBeforeLatestChange(effectiveOn, latest))
        sort(*early);
    showErrors(m_kindError, kindErrors);
    showErrors(m_codeError, codeErrors);
    showErrors(m_nameError, nameErrors);
    showErrors(m_targetError, targetErrors);
    showErrors(m_decisionError, decisionErrors);
    showErrors(m_effectiveError, effectiveErrors);
    m_problem->setText(general.join(u'\n'));
    m_problem->setVisible(!general.isEmpty());
    const bool clear = kindErrors.isEmpty() && codeErrors.isEmpty() && nameErrors.isEmpty()
        && targetErrors.isEmpty() && decisionErrors.isEmpty() && effectiveErrors.isEmpty()
        && general.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(clear);
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
