// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sealed_fields.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace sotay {
namespace {

// The member's fields in the order of sealedMemberColumns().
std::array<QString*, 3> sensitiveFieldsOf(Member& member)
{
    return { &member.ethnicity, &member.religion, &member.citizenId };
}

} // namespace

QString memberPlace(qint64 memberId, const QString& column)
{
    return QStringLiteral("member:%1:%2").arg(memberId).arg(column);
}

MemberPlace::MemberPlace(qint64 memberId, const char* column)
{
    const int written = std::snprintf(
        m_text.data(), m_text.size(), "member:%lld:%s", static_cast<long long>(memberId), column);
    m_size = std::clamp<qsizetype>(written, 0, static_cast<qsizetype>(m_text.size()) - 1);
}

Member sealedMember(Member member, const FieldSealer& sealer)
{
    const auto fields = sensitiveFieldsOf(member);
    for (std::size_t i = 0; i < fields.size(); ++i)
        *fields[i] = sealer.seal(
            *fields[i], memberPlace(member.id, sealedMemberColumns()[static_cast<qsizetype>(i)]));
    return member;
}

Result<Member> unsealedMember(Member member, const FieldSealer& sealer)
{
    const auto fields = sensitiveFieldsOf(member);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto plain = sealer.unseal(
            *fields[i], memberPlace(member.id, sealedMemberColumns()[static_cast<qsizetype>(i)]));
        if (!plain)
            return plain.error();
        *fields[i] = *plain;
    }
    return member;
}

QJsonObject sealedJson(QJsonObject json, const FieldSealer& sealer, const QString& place)
{
    for (const QString& key : sealedMemberKeys())
        if (const auto found = json.find(key); found != json.end() && found->isString())
            *found = sealer.seal(found->toString(), place + u':' + key);
    return json;
}

Result<QJsonObject> unsealedJson(QJsonObject json, const FieldSealer& sealer, const QString& place)
{
    for (const QString& key : sealedMemberKeys())
        if (const auto found = json.find(key); found != json.end() && found->isString()) {
            auto plain = sealer.unseal(found->toString(), place + u':' + key);
            if (!plain)
                return plain.error();
            *found = *plain;
        }
    return json;
}

} // namespace sotay
