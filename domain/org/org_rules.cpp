// SPDX-License-Identifier: GPL-3.0-or-later
#include "org/org_rules.h"

#include <QCoreApplication>

namespace sotay {
bool canContain(OrgKind parent, OrgKind child)
{
    switch (parent) {
    case OrgKind::Province:
        return child == OrgKind::Upper;
    case OrgKind::Upper:
        return child == OrgKind::BaseCommittee || child == OrgKind::BaseCell;
    case OrgKind::BaseCommittee:
        return child == OrgKind::SectionCommittee || child == OrgKind::Cell;
    case OrgKind::SectionCommittee:
        return child == OrgKind::Cell;
    case OrgKind::BaseCell:
    case OrgKind::Cell:
        return child == OrgKind::Group;
    case OrgKind::Group:
        return false;
    }
    return false;
}

QString childPath(const QString& parentPath, qint64 id)
{
    return (parentPath.isEmpty() ? QStringLiteral("/") : parentPath) + QString::number(id) + u'/';
}

QString subtreeEnd(const QString& path)
{
    // Paths end in '/', and '0' is the character right after '/', so every descendant
    // "/1/5/..." sorts before "/1/50" while unit 50 "/1/50/" does not.
    QString end = path;
    if (!end.isEmpty() && end.back() == u'/')
        end.back() = u'0';
    return end;
}

bool isInSubtree(const QString& path, const QString& ancestorPath)
{
    return path.startsWith(ancestorPath);
}

QList<FieldError> validateUnitFields(
    const QString& name, const QString& code, OrgKind kind, std::optional<OrgKind> parentKind)
{
    QList<FieldError> errors;
    if (name.trimmed().isEmpty())
        errors.append({ QStringLiteral("name"),
            QCoreApplication::translate("OrgRules", "Tên tổ chức đảng không được để trống.") });
    else if (name.size() > 200)
        errors.append({ QStringLiteral("name"),
            QCoreApplication::translate("OrgRules", "Tên tổ chức đảng dài quá 200 ký tự.") });
    if (code.trimmed().isEmpty())
        errors.append({ QStringLiteral("code"),
            QCoreApplication::translate("OrgRules", "Mã đơn vị không được để trống.") });
    else if (code.size() > 40)
        errors.append({ QStringLiteral("code"),
            QCoreApplication::translate("OrgRules", "Mã đơn vị dài quá 40 ký tự.") });

    if (!parentKind) {
        if (kind != OrgKind::Province)
            errors.append({ QStringLiteral("parentId"),
                QCoreApplication::translate("OrgRules", "Chỉ Đảng bộ tỉnh mới không có tổ chức cấp trên.") });
    } else if (!canContain(*parentKind, kind)) {
        errors.append({ QStringLiteral("kind"),
            QCoreApplication::translate("OrgRules", "%1 không thể trực thuộc %2.")
                .arg(orgKindLabel(kind), orgKindLabel(*parentKind).toLower()) });
    }
    return errors;
}

QList<FieldError> validateDecision(const Decision& decision, QDate today)
{
    QList<FieldError> errors;
    if (decision.number.trimmed().isEmpty())
        errors.append({ QStringLiteral("decisionNumber"),
            QCoreApplication::translate("OrgRules", "Cần nhập số quyết định.") });
    if (!decision.effectiveOn.isValid())
        errors.append({ QStringLiteral("effectiveOn"),
            QCoreApplication::translate("OrgRules", "Cần nhập ngày hiệu lực của quyết định.") });
    else if (decision.effectiveOn > today)
        errors.append({ QStringLiteral("effectiveOn"),
            QCoreApplication::translate("OrgRules", "Ngày hiệu lực không được ở tương lai.") });
    return errors;
}

} // namespace sotay

namespace sotay {

bool canHoldMembers(OrgKind kind)
{
    return kind == OrgKind::Cell || kind == OrgKind::BaseCell;
}

} // namespace sotay
