// SPDX-License-Identifier: GPL-3.0-or-later
#include "org/org_json.h"

#include "core/json_reader.h"

#include <QCoreApplication>

namespace sotay {

QJsonObject toJson(const OrgUnit& u)
{
    const auto date
        = [](QDate d) { return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(); };
    const auto id = [](std::optional<qint64> v) { return v ? QJsonValue(*v) : QJsonValue(); };
    return {
        { QStringLiteral("id"), u.id },
        { QStringLiteral("parentId"), id(u.parentId) },
        { QStringLiteral("kind"), toCode(u.kind) },
        { QStringLiteral("categoryId"), id(u.categoryId) },
        { QStringLiteral("code"), u.code },
        { QStringLiteral("name"), u.name },
        { QStringLiteral("path"), u.path },
        { QStringLiteral("validFrom"), date(u.validFrom) },
        { QStringLiteral("validTo"), date(u.validTo) },
        { QStringLiteral("endReason"), u.endReason ? QJsonValue(toCode(*u.endReason)) : QJsonValue() },
        { QStringLiteral("successorId"), id(u.successorId) },
        { QStringLiteral("version"), u.version },
    };
}

Result<OrgUnit> orgUnitFromJson(const QJsonObject& json)
{
    OrgUnit u;
    JsonReader in(json);
    in.ignore({ "memberCount", "version" });
    in.required({ "id", "kind", "code", "name", "path", "validFrom", "version" });
    in.id("id", u.id);
    in.optionalId("parentId", u.parentId);
    in.code("kind", u.kind, orgKindFromCode);
    in.optionalId("categoryId", u.categoryId);
    in.text("code", u.code, 40);
    in.text("name", u.name, 200);
    in.text("path", u.path, 400);
    in.date("validFrom", u.validFrom);
    in.date("validTo", u.validTo);
    in.optionalCode("endReason", u.endReason, orgEndReasonFromCode);
    in.optionalId("successorId", u.successorId);
    u.version = json.value(QStringLiteral("version")).toInteger();
    if (auto errors = in.finish(); !errors.isEmpty())
        return Error::invalid(
            QCoreApplication::translate("OrgJson", "Dữ liệu tổ chức đảng từ máy chủ không hợp lệ."), errors);
    return u;
}

} // namespace sotay
