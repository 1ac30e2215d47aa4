// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_form.h"

#include "field_error_label.h"
#include "member/member_json.h"
#include "member/member_rules.h"
#include "member/member_validation.h"
#include "member_event_dialog.h"
#include "member_labels.h"
#include "message_box.h"
#include "replica.h"
#include "store/member_repository.h"
#include "store/sql.h"
#include "tab_order.h"
#include "test_answer.h"
#include "user_guide_window.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sotay::widgets {
namespace {

// The fields a correction may change; the others change through events.
const QStringList kEditableFields { QStringLiteral("familyName"), QStringLiteral("middleName"),
    QStringLiteral("givenName"), QStringLiteral("gender"), QStringLiteral("birthDate"),
    QStringLiteral("birthPlace"), QStringLiteral("hometown"), QStringLiteral("ethnicity"),
    QStringLiteral("religion"), QStringLiteral("citizenId"), QStringLiteral("cardNumber"),
    QStringLiteral("profileNumber"), QStringLiteral("admittedOn"), QStringLiteral("officialOn"),
    QStringLiteral("generalEducation"), QStringLiteral("professionalQualification"),
    QStringLiteral("politicalTheory"), QStringLiteral("foreignLanguage"), QStringLiteral("itSkill") };

const MemberEventType kActions[] = { MemberEventType::BecameOfficial, MemberEventType::Exemption,
    MemberEventType::ExemptionEnded, MemberEventType::TransferOut, MemberEventType::TransferIn,
    MemberEventType::Restoration, MemberEventType::Readmission, MemberEventType::Deceased,
    MemberEventType::Expelled, MemberEventType::StruckOff, MemberEventType::Withdrew };

QString displayDate(QDate date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

// Dates as office staff type them: 2/9/1975, 02/09/1975, 02-09-1975, 02.09.1975 (and ISO).
std::optional<QDate> parseDate(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QDate();
    for (const QString& format : { QStringLiteral("d/M/yyyy"), QStringLiteral("d-M-yyyy"),
             QStringLiteral("d.M.yyyy"), QStringLiteral("yyyy-M-d") }) {
        const QDate date = QDate::fromString(trimmed, format);
        if (date.isValid())
            return date;
    }
    return std::nullopt;
}

QString memberPath(qint64 id)
{
    return QStringLiteral("/api/v1/members/%1").arg(id);
}

} // namespace

MemberForm::MemberForm(client::Replica& replica, qint64 memberId, const OrgUnit& unit,
    const QList<OrgUnit>& cells, QDate today, QWidget* parent)
    : QDialog(parent)
    , m_replica(replica)
    , m_unit(unit)
    , m_cells(cells)
    , m_today(today)
{
    m_saved.id = memberId;
    m_saved.orgUnitId = unit.id;
    m_saved.admittedOn = QDate();
    buildFields();
    load();
}

MemberForm::~MemberForm() = default;

QLineEdit* MemberForm::addText(const QString& name, int maxLength)
{
    auto* edit = new QLineEdit(this);
    edit->setMaxLength(maxLength);
    edit->setObjectName(name);
    m_texts.insert(name, edit);
    m_errors.insert(name, newFieldErrorLabel(this));
    connect(edit, &QLineEdit::textChanged, this, &MemberForm::check);
    return edit;
}

QLineEdit* MemberForm::addDate(const QString& name)
{
    QLineEdit* edit = addText(name, 10);
    edit->setPlaceholderText(tr("ngày/tháng/năm"));
    m_dateFields.append(name);
    return edit;
}

QComboBox* MemberForm::addChoice(const QString& name)
{
    auto* box = new QComboBox(this);
    box->setObjectName(name);
    m_choices.insert(name, box);
    m_errors.insert(name, newFieldErrorLabel(this));
    connect(box, &QComboBox::currentIndexChanged, this, &MemberForm::check);
    return box;
}

QGroupBox* MemberForm::newGroup(const QString& title, const QList<QPair<QString, QWidget*>>& rows)
{
    auto* group = new QGroupBox(title, this);
    auto* form = new QFormLayout(group);
    for (const auto& [text, input] : rows) {
        auto* label = new QLabel(text, group);
        label->setAlignment(form->labelAlignment());
        label->setBuddy(input); // Alt + the underlined letter goes to the input itself (it takes focus)
        form->addRow(label, withErrorLabel(input, m_errors.value(input->objectName()), group));
        m_labels.append(label);
    }
    return group;
}

void MemberForm::buildFields()
{
    setWindowTitle(isNew() ? tr("Thêm đảng viên") : tr("Hồ sơ đảng viên"));
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_standing = new QLabel(this);
    m_standing->setWordWrap(true);
    m_unsentNote = new QLabel(this);
    m_unsentNote->setWordWrap(true);
    m_unsentNote->setStyleSheet(QStringLiteral("background: #fef3c7; padding: 4px"));
    m_refusalNote = new QLabel(this);
    m_refusalNote->setWordWrap(true);
    m_refusalNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusalNote->setStyleSheet(QStringLiteral("background: #fee2e2; padding: 4px"));
    m_refusalNote->hide();

    QComboBox* gender = addChoice(QStringLiteral("gender"));
    gender->addItem(genderLabel(Gender::Male), static_cast<int>(Gender::Male));
    gender->addItem(genderLabel(Gender::Female), static_cast<int>(Gender::Female));
    QComboBox* status = addChoice(QStringLiteral("status"));
    status->addItem(
        memberStatusLabel(MemberStatus::Probationary), static_cast<int>(MemberStatus::Probationary));
    status->addItem(memberStatusLabel(MemberStatus::Official), static_cast<int>(MemberStatus::Official));
    status->setToolTip(
        tr("Sau khi nhập, trạng thái chỉ thay đổi qua sự kiện \"Công nhận đảng viên chính thức\"."));
    QComboBox* theory = addChoice(QStringLiteral("politicalTheory"));
    for (const PoliticalTheoryLevel level :
        { PoliticalTheoryLevel::None, PoliticalTheoryLevel::Elementary, PoliticalTheoryLevel::Intermediate,
            PoliticalTheoryLevel::Advanced, PoliticalTheoryLevel::Bachelor })
        theory->addItem(politicalTheoryLabel(level), static_cast<int>(level));

    QLineEdit* citizenId = addText(QStringLiteral("citizenId"), 12);
    citizenId->setPlaceholderText(tr("12 chữ số"));
    QLineEdit* card = addText(QStringLiteral("cardNumber"), 9);
    card->setPlaceholderText(tr("ví dụ: 48.012345"));
    QLineEdit* profile = addText(QStringLiteral("profileNumber"), 12);
    profile->setPlaceholderText(tr("ví dụ: 012345-ĐN"));

    auto* groups = new QWidget(this);
    auto* groupsLayout = new QVBoxLayout(groups);
    groupsLayout->addWidget(newGroup(tr("Lý lịch"),
        { { tr("&Họ:"), addText(QStringLiteral("familyName"), 60) },
            { tr("Tên đệ&m:"), addText(QStringLiteral("middleName"), 60) },
            { tr("&Tên:"), addText(QStringLiteral("givenName"), 60) }, { tr("&Giới tính:"), gender },
            { tr("Ngày &sinh:"), addDate(QStringLiteral("birthDate")) },
            { tr("Nơi s&inh:"), addText(QStringLiteral("birthPlace"), 200) },
            { tr("&Quê quán:"), addText(QStringLiteral("hometown"), 200) },
            { tr("&Dân tộc:"), addText(QStringLiteral("ethnicity"), 60) },
            { tr("Tôn giá&o:"), addText(QStringLiteral("religion"), 60) } }));
    groupsLayout->addWidget(newGroup(tr("Số hiệu"),
        { { tr("Số &CCCD:"), citizenId }, { tr("Số thẻ đảng &viên:"), card },
            { tr("Số &lý lịch:"), profile } }));
    groupsLayout->addWidget(newGroup(tr("Quá trình sinh hoạt đảng"),
        { { tr("Ngà&y vào Đảng:"), addDate(QStringLiteral("admittedOn")) }, { tr("Đảng &viên:"), status },
            { tr("Ngày chính &thức:"), addDate(QStringLiteral("officialOn")) } }));
    groupsLayout->addWidget(newGroup(tr("Trình độ"),
        { { tr("Giáo dục &phổ thông:"), addText(QStringLiteral("generalEducation"), 20) },
            { tr("Ch&uyên môn, nghiệp vụ:"), addText(QStringLiteral("professionalQualification"), 200) },
            { tr("Lý luận chính t&rị:"), theory },
            { tr("&Ngoại ngữ:"), addText(QStringLiteral("foreignLanguage"), 100) },
            { tr("Tin &học:"), addText(QStringLiteral("itSkill"), 100) } }));
    groupsLayout->addStretch();
    // One column of labels across the groups, so that the fields line up.
    int labelWidth = 0;
    for (const QLabel* label : std::as_const(m_labels))
        labelWidth = std::max(labelWidth, label->sizeHint().width());
    for (QLabel* label : std::as_const(m_labels))
        label->setMinimumWidth(labelWidth);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(groups);

    m_events = new QPushButton(tr("Ghi sự &kiện"), this);
    auto* eventMenu = new QMenu(m_events);
    for (const MemberEventType type : kActions) {
        QAction* action = eventMenu->addAction(eventTypeLabel(type) + QStringLiteral("…"));
        connect(action, &QAction::triggered, this, [this, type] { recordEvent(type); });
        m_eventActions.insert(static_cast<int>(type), action);
        if (type == MemberEventType::TransferIn || type == MemberEventType::Readmission)
            eventMenu->addSeparator();
    }
    m_events->setMenu(eventMenu);
    m_events->setToolTip(
        tr("Chuyển sinh hoạt, công nhận chính thức, miễn sinh hoạt, từ trần… mỗi việc có ngày "
           "và số quyết định."));
    m_undo = new QPushButton(tr("Hoàn tác sửa đổi chư&a gửi"), this);
    connect(m_undo, &QPushButton::clicked, this, &MemberForm::undoUnsent);
    m_reset = new QPushButton(tr("&Bỏ thay đổi"), this);
    m_reset->setToolTip(tr("Đưa các ô về như lúc mở hồ sơ."));
    connect(m_reset, &QPushButton::clicked, this, &MemberForm::resetFields);
    m_save = new QPushButton(tr("Lưu"), this);
    m_save->setDefault(true);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Lưu hồ sơ trên máy này; hồ sơ được gửi lên máy chủ ở lần đồng bộ tới (Ctrl+S)."));
    connect(m_save, &QPushButton::clicked, this, &MemberForm::save);
    auto* close = new QPushButton(tr("Đóng"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    m_summary = new QLabel(this);
    m_summary->setStyleSheet(QStringLiteral("color: #b91c1c"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_events);
    buttons->addWidget(m_undo);
    buttons->addStretch();
    buttons->addWidget(m_reset);
    buttons->addWidget(m_save);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_standing);
    layout->addWidget(m_unsentNote);
    layout->addWidget(m_refusalNote);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    // The groups scroll: the form fits a 1280×720 screen (and 1920×1080 at 150 %).
    resize(640, 600);

    // Tab goes down the fields in the order they show, group after group, then along the buttons (the
    // inputs were made in another order). F1 opens the guide on correcting a record.
    QList<QWidget*> order;
    for (const QLabel* label : std::as_const(m_labels))
        order.append(label->buddy());
    order += { m_events, m_undo, m_reset, m_save, close };
    setTabOrderChain(order);
    // The scroll area is no stop of its own: it follows the focus through the fields.
    for (QScrollArea* area : findChildren<QScrollArea*>())
        area->setFocusPolicy(Qt::NoFocus);
    auto* help = new QAction(this);
    help->setShortcut(QKeySequence::HelpContents);
    connect(help, &QAction::triggered, this,
        [this] { UserGuideWindow::open(this, QString::fromLatin1(UserGuideWindow::kCorrectRecordPage)); });
    addAction(help);
}

bool MemberForm::readRecord()
{
    m_unsent.clear();
    m_unsentPatch = 0;
    if (!isNew()) {
        auto found = m_replica.member(m_saved.id);
        if (!found) {
            MessageBox::warning(this, tr("Không mở được hồ sơ"), found.error().message);
            return false;
        }
        m_saved = *found;
    }
    m_shown = m_saved;
    if (!isNew()) {
        auto pending = m_replica.pending();
        if (pending) {
            const QString path = memberPath(m_saved.id);
            for (const client::OutboxEntry& entry : *pending) {
                if (entry.path == path && entry.method == u"PATCH") {
                    if (auto corrected = memberFromJson(entry.body, m_shown, false))
                        m_shown = *corrected;
                    if (entry.state == u"pending")
                        m_unsentPatch = entry.id;
                } else if (entry.path == path + QStringLiteral("/events") && entry.method == u"POST") {
                    auto e = memberEventFromJson(entry.body);
                    if (auto after = e ? applyEvent(m_shown, *e) : Result<Member>(e.error()))
                        m_shown = *after;
                    m_unsentPatch = 0; // a correction after an event goes out after it
                } else {
                    continue;
                }
                m_unsent.append(entry.id);
            }
        }
    }
    return true;
}

void MemberForm::load()
{
    m_loaded = readRecord();
    readRefusals();
    showRecord(m_shown);
    if (!m_loaded)
        m_save->setEnabled(false);
}

QHash<QString, QVariant> MemberForm::fieldValues(const Member& m) const
{
    QHash<QString, QVariant> values { { QStringLiteral("gender"), static_cast<int>(m.gender) },
        { QStringLiteral("status"), static_cast<int>(m.status) },
        { QStringLiteral("politicalTheory"), static_cast<int>(m.politicalTheory) } };
    const QJsonObject json = toJson(m);
    for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it)
        values.insert(it.key(),
            m_dateFields.contains(it.key())
                ? displayDate(QDate::fromString(json.value(it.key()).toString(), Qt::ISODate))
                : json.value(it.key()).toString());
    return values;
}

void MemberForm::showRecord(const Member& m)
{
    const QHash<QString, QVariant> values = fieldValues(m);
    for (auto it = m_choices.cbegin(); it != m_choices.cend(); ++it)
        it.value()->setCurrentIndex(it.value()->findData(values.value(it.key())));
    for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it)
        it.value()->setText(values.value(it.key()).toString());
    showStanding();
    showRefusal();
    check();
}

QString MemberForm::unitName(qint64 unitId) const
{
    if (unitId == m_unit.id && !m_unit.name.isEmpty())
        return m_unit.name;
    auto query
        = sql::exec(m_replica.db(), QStringLiteral("SELECT name FROM org_unit WHERE id = ?"), { unitId });
    return query && query->next() ? query->value(0).toString() : tr("(đơn vị %1)").arg(unitId);
}

void MemberForm::showStanding()
{
    const Member& m = m_shown;
    m_title->setText(isNew() && m.fullName().trimmed().isEmpty() ? tr("Đảng viên mới") : m.fullName());
    QStringList parts;
    parts.append(tr("Sinh hoạt tại: %1").arg(unitName(m.orgUnitId)));
    if (m.temporaryOrgUnitId)
        parts.append(*m.temporaryOrgUnitId == 0
                ? tr("đang sinh hoạt tạm thời ngoài tỉnh")
                : tr("đang sinh hoạt tạm thời tại %1").arg(unitName(*m.temporaryOrgUnitId)));
    if (m.exempt)
        parts.append(tr("miễn công tác và sinh hoạt đảng từ %1").arg(displayDate(m.exemptSince)));
    if (m.leftReason)
        parts.append(
            tr("ra khỏi danh sách ngày %1 (%2)").arg(displayDate(m.leftOn), leaveReasonLabel(*m.leftReason)));
    m_standing->setText(parts.join(QStringLiteral("; ")) + u'.');
    m_unsentNote->setText(
        tr("%n sửa đổi của hồ sơ này chưa gửi lên máy chủ; hồ sơ hiện như sau khi máy chủ nhận.", nullptr,
            static_cast<int>(m_unsent.size())));
    m_unsentNote->setVisible(!m_unsent.isEmpty());
    m_undo->setEnabled(!m_unsent.isEmpty());
    m_undo->setVisible(!isNew());
    m_events->setEnabled(!isNew());
    m_choices.value(QStringLiteral("status"))->setEnabled(isNew());
    for (const MemberEventType type : kActions)
        m_eventActions.value(static_cast<int>(type))
            ->setEnabled(!isNew() && MemberEventDialog::fits(type, m, m_today));
}

Member MemberForm::edited() const
{
    Member m = m_shown;
    m.familyName = m_texts.value(QStringLiteral("familyName"))->text().simplified();
    m.middleName = m_texts.value(QStringLiteral("middleName"))->text().simplified();
    m.givenName = m_texts.value(QStringLiteral("givenName"))->text().simplified();
    m.gender = static_cast<Gender>(m_choices.value(QStringLiteral("gender"))->currentData().toInt());
    m.birthPlace = m_texts.value(QStringLiteral("birthPlace"))->text().simplified();
    m.hometown = m_texts.value(QStringLiteral("hometown"))->text().simplified();
    m.ethnicity = m_texts.value(QStringLiteral("ethnicity"))->text().simplified();
    m.religion = m_texts.value(QStringLiteral("religion"))->text().simplified();
    m.citizenId = m_texts.value(QStringLiteral("citizenId"))->text().trimmed();
    m.cardNumber = m_texts.value(QStringLiteral("cardNumber"))->text().trimmed();
    m.profileNumber = m_texts.value(QStringLiteral("profileNumber"))->text().trimmed();
    m.generalEducation = m_texts.value(QStringLiteral("generalEducation"))->text().simplified();
    m.professionalQualification
        = m_texts.value(QStringLiteral("professionalQualification"))->text().simplified();
    m.politicalTheory = static_cast<PoliticalTheoryLevel>(
        m_choices.value(QStringLiteral("politicalTheory"))->currentData().toInt());
    m.foreignLanguage = m_texts.value(QStringLiteral("foreignLanguage"))->text().simplified();
    m.itSkill = m_texts.value(QStringLiteral("itSkill"))->text().simplified();
    if (isNew())
        m.status
            = static_cast<MemberStatus>(m_choices.value(QStringLiteral("status"))->currentData().toInt());
    m.birthDate = parseDate(m_texts.value(QStringLiteral("birthDate"))->text()).value_or(QDate());
    m.admittedOn = parseDate(m_texts.value(QStringLiteral("admittedOn"))->text()).value_or(QDate());
    m.officialOn = parseDate(m_texts.value(QStringLiteral("officialOn"))->text()).value_or(QDate());
    return m;
}

bool MemberForm::hasChanges() const
{
    return !(edited() == m_shown);
}

QString MemberForm::errorText(const QString& name) const
{
    const QLabel* label = m_errors.value(name);
    return label ? label->text() : QString();
}

void MemberForm::check()
{
    if (!m_save)
        return; // still building
    QHash<QString, QStringList> messages;
    for (const QString& name : std::as_const(m_dateFields))
        if (!parseDate(m_texts.value(name)->text()))
            messages[name].append(tr("Ngày không đúng dạng ngày/tháng/năm (ví dụ 02/09/1990)."));
    const Member m = edited();
    for (const FieldError& error : validateMember(m, m_today))
        if (!messages.contains(error.field))
            messages[error.field].append(error.message);
    int count = 0;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QStringList list = messages.value(it.key());
        showFieldError(it.value(), list.join(u'\n'));
        count += list.isEmpty() ? 0 : 1;
    }
    // A message on a field the form does not show (e.g. exemptSince) still stops the save.
    QStringList elsewhere;
    for (auto it = messages.cbegin(); it != messages.cend(); ++it)
        if (!m_errors.contains(it.key()))
            elsewhere += it.value();
    count += static_cast<int>(elsewhere.size());
    m_summary->setText(count == 0 ? QString()
                                  : (tr("%n ô cần sửa trước khi ghi.", nullptr, count)
                                      + (elsewhere.isEmpty() ? QString() : u' ' + elsewhere.join(u' '))));
    const bool changed = isNew() || hasChanges();
    m_save->setEnabled(count == 0 && changed);
    m_reset->setEnabled(hasChanges());
}

QJsonObject MemberForm::changedFields() const
{
    // What the user changed in the fields, against the record as shown (unsent edits included), so that
    // neither an unsent event's effects nor a field the user did not touch go into the correction.
    const QJsonObject now = toJson(edited());
    const QJsonObject before = toJson(m_shown);
    QJsonObject changed;
    for (const QString& name : kEditableFields)
        if (now.value(name) != before.value(name))
            changed.insert(name, now.value(name));
    return changed;
}

bool MemberForm::save()
{
    check();
    if (!m_save->isEnabled())
        return false;
    if (isNew()) {
        QJsonObject body = toJson(edited());
        for (const char* key : { "id", "version", "fullName", "temporaryOrgUnitId", "leftOn", "leftReason" })
            body.remove(QLatin1String(key));
        body.insert(QStringLiteral("orgUnitId"), m_unit.id);
        const auto queued = queue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"), body);
        if (!queued) {
            MessageBox::warning(this, tr("Không ghi được"), queued.error().message);
            return false;
        }
        emit outboxChanged();
        accept();
        return true;
    }
    const QJsonObject changed = changedFields();
    if (changed.isEmpty())
        return false;
    // The replica may have moved on since the form was opened (a sync took an earlier save): read the
    // record's version and its unsent edits again; the fields keep what the user typed.
    if (!readRecord())
        return false;
    bool replaced = false;
    if (m_unsentPatch != 0) {
        // One correction per record while it waits, against the version it was made on.
        auto waiting = m_replica.entry(m_unsentPatch);
        if (waiting) {
            QJsonObject body = waiting->body;
            for (auto it = changed.constBegin(); it != changed.constEnd(); ++it)
                body.insert(it.key(), it.value());
            auto result = m_replica.replaceBody(m_unsentPatch, body);
            if (!result) {
                MessageBox::warning(this, tr("Không ghi được"), result.error().message);
                return false;
            }
            replaced = *result;
        }
    }
    if (replaced && m_resending != 0 && m_resendRequest == u"PATCH " + memberPath(m_saved.id)) {
        // Joined to a correction still waiting: the refused one it corrects goes.
        if (auto dropped = m_replica.discardRefused(m_resending); !dropped)
            MessageBox::warning(this, tr("Không bỏ được sửa đổi bị từ chối"), dropped.error().message);
        m_resending = 0;
    }
    if (!replaced) {
        const auto queued = queue(QStringLiteral("PATCH"), memberPath(m_saved.id), changed, m_saved.version);
        if (!queued) {
            MessageBox::warning(this, tr("Không ghi được"), queued.error().message);
            return false;
        }
    }
    emit outboxChanged();
    load();
    return true;
}

void MemberForm::recordEvent(MemberEventType type, const MemberEvent* refused)
{
    if (isNew())
        return;
    MemberEventDialog dialog(type, m_shown, m_cells, m_today, this);
    if (refused) {
        dialog.dateField()->setDate(refused->occurredOn);
        dialog.decisionField()->setText(refused->decisionNumber);
        dialog.noteField()->setText(refused->note);
        if (dialog.permanenceField())
            dialog.permanenceField()->setCurrentIndex(dialog.permanenceField()->findData(refused->permanent));
        if (dialog.targetField())
            dialog.targetField()->setCurrentIndex(
                dialog.targetField()->findData(refused->toOrgUnitId.value_or(0)));
    }
    const auto e = dialog.ask();
    if (!e)
        return;
    QJsonObject body = toJson(*e);
    for (const char* key : { "id", "memberId", "fromOrgUnitId" })
        body.remove(QLatin1String(key));
    const auto queued
        = queue(QStringLiteral("POST"), memberPath(m_saved.id) + QStringLiteral("/events"), body);
    if (!queued) {
        MessageBox::warning(this, tr("Không ghi được"), queued.error().message);
        return;
    }
    emit outboxChanged();
    // The fields the user was typing stay as typed; the rest shows the record after the event.
    const QJsonObject typed = changedFields();
    load();
    if (!typed.isEmpty())
        if (auto merged = memberFromJson(typed, m_shown, false))
            showRecord(*merged);
}

void MemberForm::undoUnsent()
{
    if (m_unsent.isEmpty())
        return;
    const auto answer = MessageBox::question(this, tr("Hoàn tác sửa đổi chưa gửi"),
        tr("Bỏ %n sửa đổi chưa gửi của hồ sơ %1? Hồ sơ trở lại như bản đã đồng bộ.", nullptr,
            static_cast<int>(m_unsent.size()))
            .arg(m_saved.fullName()));
    if (answer != QMessageBox::Yes)
        return;
    int taken = 0;
    for (auto it = m_unsent.crbegin(); it != m_unsent.crend(); ++it) {
        auto withdrawn = m_replica.withdraw(*it);
        if (!withdrawn) {
            MessageBox::warning(this, tr("Không hoàn tác được"), withdrawn.error().message);
            break;
        }
        taken += *withdrawn ? 0 : 1;
    }
    if (taken > 0)
        MessageBox::information(this, tr("Không hoàn tác được hết"),
            tr("%n sửa đổi đang được gửi lên máy chủ nên không hoàn tác được; sau khi đồng bộ, hãy sửa lại "
               "nếu "
               "cần.",
                nullptr, taken));
    emit outboxChanged();
    load();
}

void MemberForm::resetFields()
{
    showRecord(m_shown);
}

void MemberForm::run()
{
    const auto& answer = testAnswerFor<MemberForm, void>();
    if (m_resendEvent) {
        // The refused event's dialog, over the record it concerns.
        if (answer)
            recordRefusedEvent();
        else
            QTimer::singleShot(0, this, &MemberForm::recordRefusedEvent);
    }
    if (answer)
        answer(*this);
    else
        exec();
}

void MemberForm::setTestAnswer(std::function<void(MemberForm&)> answer)
{
    testAnswerFor<MemberForm, void>() = std::move(answer);
}

void MemberForm::done(int result)
{
    if (result == QDialog::Rejected && hasChanges()) {
        const auto answer = MessageBox::question(this, tr("Chưa lưu"),
            tr("Các thay đổi trong hồ sơ chưa được lưu. Lưu trước khi đóng?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return;
        if (answer == QMessageBox::Save && !save())
            return;
        if (answer == QMessageBox::Save && isNew())
            return; // save() accepted the dialog
    }
    QDialog::done(result);
}

} // namespace sotay::widgets
