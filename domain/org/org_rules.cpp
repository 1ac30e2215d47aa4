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

QStringList ancestorPaths(const QString& path)
{
    QStringList ancestors;
    for (qsizetype slash = path.indexOf(u'/', 1); slash > 0 && slash < path.size() - 1;
         slash = path.indexOf(u'/', slash + 1))
        ancestors.append(path.left(slash + 1));
    return ancestors;
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

// The server's words, under the translation context they were first written in.
std::optional<FieldError> checkRename(const OrgUnit& unit, const QString& cleanedName)
{
    if (cleanedName != unit.name)
        return std::nullopt;
    return FieldError { QStringLiteral("name"),
        QCoreApplication::translate("OrgRepository", "Tên mới trùng với tên hiện tại.") };
}

std::optional<FieldError> checkMove(const OrgUnit& unit, const OrgUnit& parent, bool insideUnit)
{
    if (!unit.parentId)
        return FieldError { QStringLiteral("id"),
            QCoreApplication::translate("OrgRepository", "Không thể chuyển Đảng bộ tỉnh.") };
    if (insideUnit)
        return FieldError { QStringLiteral("parentId"),
            QCoreApplication::translate(
                "OrgRepository", "Không thể chuyển %1 vào chính nó hoặc tổ chức trực thuộc nó.")
                .arg(unit.displayName()) };
    if (unit.parentId == parent.id)
        return FieldError { QStringLiteral("parentId"),
            QCoreApplication::translate("OrgRepository", "%1 đã trực thuộc %2.")
                .arg(unit.displayName(), parent.displayName()) };
    if (!canContain(parent.kind, unit.kind))
        return FieldError { QStringLiteral("parentId"),
            QCoreApplication::translate("OrgRepository", "%1 không thể trực thuộc %2.")
                .arg(orgKindLabel(unit.kind), orgKindLabel(parent.kind).toLower()) };
    return std::nullopt;
}

QList<FieldError> checkMerge(const OrgUnit& source, const OrgUnit& target, bool insideSource,
    const QList<OrgUnit>& children, qsizetype members)
{
    QList<FieldError> errors;
    if (!source.parentId)
        errors.append({ QStringLiteral("id"),
            QCoreApplication::translate("OrgRepository", "Không thể sáp nhập Đảng bộ tỉnh.") });
    else if (source.id == target.id || insideSource)
        errors.append({ QStringLiteral("targetId"),
            QCoreApplication::translate(
                "OrgRepository", "Không thể sáp nhập %1 vào chính nó hoặc tổ chức trực thuộc nó.")
                .arg(source.displayName()) });
    for (const auto& child : children)
        if (!canContain(target.kind, child.kind)) {
            errors.append({ QStringLiteral("targetId"),
                QCoreApplication::translate("OrgRepository", "%1 không thể trực thuộc %2.")
                    .arg(child.displayName(), target.displayName()) });
            break;
        }
    if (members > 0 && !canHoldMembers(target.kind))
        errors.append({ QStringLiteral("targetId"),
            QCoreApplication::translate("OrgRepository",
                "%1 không có danh sách đảng viên để nhận %n đảng viên.", nullptr, int(members))
                .arg(target.displayName()) });
    return errors;
}

std::optional<FieldError> checkDissolvable(const OrgUnit& unit)
{
    if (unit.parentId)
        return std::nullopt;
    return FieldError { QStringLiteral("id"),
        QCoreApplication::translate("OrgRepository", "Không thể giải thể Đảng bộ tỉnh.") };
}

QString dissolveRefusal(const OrgUnit& unit, qsizetype children, qsizetype members)
{
    if (children == 0 && members == 0)
        return {};
    return QCoreApplication::translate("OrgRepository",
        "Chưa thể giải thể %1: còn %2 tổ chức trực thuộc và %3 đảng viên. "
        "Hãy chuyển hoặc sáp nhập trước.")
        .arg(unit.displayName())
        .arg(children)
        .arg(members);
}

std::optional<FieldError> checkNotBeforeFounded(const OrgUnit& parent, QDate effectiveOn)
{
    if (!parent.validFrom.isValid() || !effectiveOn.isValid() || effectiveOn >= parent.validFrom)
        return std::nullopt;
    return FieldError { QStringLiteral("effectiveOn"),
        QCoreApplication::translate(
            "OrgRepository", "Ngày hiệu lực không được trước ngày thành lập của %1 (%2).")
            .arg(parent.displayName(), parent.validFrom.toString(QStringLiteral("dd/MM/yyyy"))) };
}

std::optional<FieldError> checkNotBeforeLatestChange(QDate effectiveOn, QDate latestChange)
{
    if (!latestChange.isValid() || !effectiveOn.isValid() || effectiveOn >= latestChange)
        return std::nullopt;
    return FieldError { QStringLiteral("effectiveOn"),
        QCoreApplication::translate("OrgRepository",
            "Ngày hiệu lực không được trước ngày %1, ngày thay đổi gần nhất của các "
            "tổ chức liên quan.")
            .arg(latestChange.toString(QStringLiteral("dd/MM/yyyy"))) };
}

} // namespace sotay

namespace sotay {

bool canHoldMembers(OrgKind kind)
{
    return kind == OrgKind::Cell || kind == OrgKind::BaseCell;
}

} // namespace sotay
