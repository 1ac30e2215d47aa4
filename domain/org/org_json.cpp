// SPDX-License-Identifier: GPL-3.0-or-later
#include "org/org_json.h"

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

} // namespace sotay
