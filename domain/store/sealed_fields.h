// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "member/member.h"
#include "store/field_sealer.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <array>

namespace sotay {

// Where a member's sealed column is kept: "member:12:citizen_id".
QString memberPlace(qint64 memberId, const QString& column);
// The same as bytes, without an allocation (the roster opens 600,000 fields of a province).
class MemberPlace final {
public:
    MemberPlace(qint64 memberId, const char* column);
    QByteArrayView view() const { return QByteArrayView(m_text.data(), m_size); }

private:
    std::array<char, 64> m_text {};
    qsizetype m_size = 0;
};

// A member as the replica keeps it, its sensitive fields sealed for its row; and back.
Member sealedMember(Member member, const FieldSealer& sealer);
Result<Member> unsealedMember(Member member, const FieldSealer& sealer);

// A request body or a stored version (JSON) with its sensitive keys sealed for `place` ("outbox:<key>"); and
// back. Keys that are absent stay absent.
QJsonObject sealedJson(QJsonObject json, const FieldSealer& sealer, const QString& place);
Result<QJsonObject> unsealedJson(QJsonObject json, const FieldSealer& sealer, const QString& place);

} // namespace sotay
