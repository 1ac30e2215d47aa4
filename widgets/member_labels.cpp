// SPDX-License-Identifier: GPL-3.0-or-later
#include "member_labels.h"

#include <QCoreApplication>
#include <QHash>

namespace sotay::widgets {
namespace {

QString translated(const char* text)
{
    return QCoreApplication::translate("MemberLabels", text);
}

} // namespace

QString eventTypeLabel(MemberEventType type)
{
    switch (type) {
    case MemberEventType::Admission:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Kết nạp"));
    case MemberEventType::BecameOfficial:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Công nhận đảng viên chính thức"));
    case MemberEventType::Exemption:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Miễn công tác và sinh hoạt đảng"));
    case MemberEventType::ExemptionEnded:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Thôi miễn công tác và sinh hoạt đảng"));
    case MemberEventType::TransferIn:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Chuyển sinh hoạt đến"));
    case MemberEventType::TransferOut:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Chuyển sinh hoạt đi"));
    case MemberEventType::Restoration:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Phục hồi đảng tịch"));
    case MemberEventType::Readmission:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Kết nạp lại"));
    case MemberEventType::Deceased:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Từ trần"));
    case MemberEventType::Expelled:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Khai trừ"));
    case MemberEventType::StruckOff:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Xóa tên"));
    case MemberEventType::Withdrew:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Xin ra khỏi Đảng"));
    }
    return {};
}

QString leaveReasonLabel(LeaveReason reason)
{
    switch (reason) {
    case LeaveReason::Deceased:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Từ trần"));
    case LeaveReason::Expelled:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Khai trừ"));
    case LeaveReason::StruckOff:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Xóa tên"));
    case LeaveReason::Withdrew:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Xin ra khỏi Đảng"));
    case LeaveReason::TransferredOut:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Chuyển sinh hoạt ra ngoài tỉnh"));
    }
    return {};
}

QString politicalTheoryLabel(PoliticalTheoryLevel level)
{
    switch (level) {
    case PoliticalTheoryLevel::None:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Chưa qua đào tạo"));
    case PoliticalTheoryLevel::Elementary:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Sơ cấp"));
    case PoliticalTheoryLevel::Intermediate:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Trung cấp"));
    case PoliticalTheoryLevel::Advanced:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Cao cấp"));
    case PoliticalTheoryLevel::Bachelor:
        return translated(QT_TRANSLATE_NOOP("MemberLabels", "Cử nhân"));
    }
    return {};
}

QString memberStatusLabel(MemberStatus status)
{
    return status == MemberStatus::Official ? translated(QT_TRANSLATE_NOOP("MemberLabels", "Chính thức"))
                                            : translated(QT_TRANSLATE_NOOP("MemberLabels", "Dự bị"));
}

QString genderLabel(Gender gender)
{
    return gender == Gender::Female ? translated(QT_TRANSLATE_NOOP("MemberLabels", "Nữ"))
                                    : translated(QT_TRANSLATE_NOOP("MemberLabels", "Nam"));
}

QString memberFieldLabel(const QString& field)
{
    static const QHash<QString, const char*> labels {
        { QStringLiteral("familyName"), QT_TRANSLATE_NOOP("MemberLabels", "Họ") },
        { QStringLiteral("middleName"), QT_TRANSLATE_NOOP("MemberLabels", "Tên đệm") },
        { QStringLiteral("givenName"), QT_TRANSLATE_NOOP("MemberLabels", "Tên") },
        { QStringLiteral("gender"), QT_TRANSLATE_NOOP("MemberLabels", "Giới tính") },
        { QStringLiteral("birthDate"), QT_TRANSLATE_NOOP("MemberLabels", "Ngày sinh") },
        { QStringLiteral("birthPlace"), QT_TRANSLATE_NOOP("MemberLabels", "Nơi sinh") },
        { QStringLiteral("hometown"), QT_TRANSLATE_NOOP("MemberLabels", "Quê quán") },
        { QStringLiteral("ethnicity"), QT_TRANSLATE_NOOP("MemberLabels", "Dân tộc") },
        { QStringLiteral("religion"), QT_TRANSLATE_NOOP("MemberLabels", "Tôn giáo") },
        { QStringLiteral("citizenId"), QT_TRANSLATE_NOOP("MemberLabels", "Số CCCD") },
        { QStringLiteral("cardNumber"), QT_TRANSLATE_NOOP("MemberLabels", "Số thẻ đảng viên") },
        { QStringLiteral("profileNumber"), QT_TRANSLATE_NOOP("MemberLabels", "Số lý lịch") },
        { QStringLiteral("admittedOn"), QT_TRANSLATE_NOOP("MemberLabels", "Ngày vào Đảng") },
        { QStringLiteral("officialOn"), QT_TRANSLATE_NOOP("MemberLabels", "Ngày chính thức") },
        { QStringLiteral("status"), QT_TRANSLATE_NOOP("MemberLabels", "Loại đảng viên") },
        { QStringLiteral("exempt"), QT_TRANSLATE_NOOP("MemberLabels", "Miễn công tác và sinh hoạt") },
        { QStringLiteral("exemptSince"), QT_TRANSLATE_NOOP("MemberLabels", "Miễn từ ngày") },
        { QStringLiteral("leftOn"), QT_TRANSLATE_NOOP("MemberLabels", "Ngày ra khỏi danh sách") },
        { QStringLiteral("leftReason"), QT_TRANSLATE_NOOP("MemberLabels", "Lý do") },
        { QStringLiteral("generalEducation"), QT_TRANSLATE_NOOP("MemberLabels", "Giáo dục phổ thông") },
        { QStringLiteral("professionalQualification"),
            QT_TRANSLATE_NOOP("MemberLabels", "Chuyên môn, nghiệp vụ") },
        { QStringLiteral("politicalTheory"), QT_TRANSLATE_NOOP("MemberLabels", "Lý luận chính trị") },
        { QStringLiteral("foreignLanguage"), QT_TRANSLATE_NOOP("MemberLabels", "Ngoại ngữ") },
        { QStringLiteral("itSkill"), QT_TRANSLATE_NOOP("MemberLabels", "Tin học") },
        { QStringLiteral("orgUnitId"), QT_TRANSLATE_NOOP("MemberLabels", "Chi bộ") },
        { QStringLiteral("name"), QT_TRANSLATE_NOOP("MemberLabels", "Tên tổ chức") },
        { QStringLiteral("decisionNumber"), QT_TRANSLATE_NOOP("MemberLabels", "Số quyết định") },
        { QStringLiteral("effectiveOn"), QT_TRANSLATE_NOOP("MemberLabels", "Ngày có hiệu lực") },
    };
    const auto found = labels.constFind(field);
    return found == labels.constEnd() ? field : translated(found.value());
}

} // namespace sotay::widgets
