// SPDX-License-Identifier: GPL-3.0-or-later
#include "org/org_unit.h"

#include "core/code_table.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace sotay {
namespace {

constexpr std::array kKindCodes {
    std::pair { OrgKind::Province, "province" },
    std::pair { OrgKind::Upper, "upper" },
    std::pair { OrgKind::BaseCommittee, "base_committee" },
    std::pair { OrgKind::BaseCell, "base_cell" },
    std::pair { OrgKind::SectionCommittee, "section_committee" },
    std::pair { OrgKind::Cell, "cell" },
    std::pair { OrgKind::Group, "group" },
};

constexpr std::array kEndReasonCodes {
    std::pair { OrgEndReason::Merged, "merged" },
    std::pair { OrgEndReason::Split, "split" },
    std::pair { OrgEndReason::Dissolved, "dissolved" },
};

} // namespace

QString OrgUnit::displayName() const
{
    return code.isEmpty() ? name : code + QStringLiteral(" - ") + name;
}

QString toCode(OrgKind kind)
{
    return codeOf(kKindCodes, kind);
}
std::optional<OrgKind> orgKindFromCode(const QString& code)
{
    return valueOf(kKindCodes, code);
}
QString toCode(OrgEndReason reason)
{
    return codeOf(kEndReasonCodes, reason);
}
std::optional<OrgEndReason> orgEndReasonFromCode(const QString& code)
{
    return valueOf(kEndReasonCodes, code);
}

QString orgKindLabel(OrgKind kind)
{
    switch (kind) {
    case OrgKind::Province:
        return QCoreApplication::translate("OrgKind", "Đảng bộ tỉnh");
    case OrgKind::Upper:
        return QCoreApplication::translate("OrgKind", "Đảng bộ trực thuộc Tỉnh ủy");
    case OrgKind::BaseCommittee:
        return QCoreApplication::translate("OrgKind", "Đảng bộ cơ sở");
    case OrgKind::BaseCell:
        return QCoreApplication::translate("OrgKind", "Chi bộ cơ sở");
    case OrgKind::SectionCommittee:
        return QCoreApplication::translate("OrgKind", "Đảng bộ bộ phận");
    case OrgKind::Cell:
        return QCoreApplication::translate("OrgKind", "Chi bộ trực thuộc");
    case OrgKind::Group:
        return QCoreApplication::translate("OrgKind", "Tổ đảng");
    }
    return {};
}

} // namespace sotay
