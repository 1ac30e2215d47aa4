// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace sotay {

// What seals the sensitive fields of a replica at rest (security/field_cipher.h): the store writes through it
// without knowing the key.
class FieldSealer {
public:
    virtual ~FieldSealer() = default;
    // `place` says where the value is kept ("member:12:citizen_id"); a sealed value opens only there.
    virtual QString seal(const QString& plain, const QString& place) const = 0;
    virtual Result<QString> unseal(QStringView sealed, QByteArrayView place) const = 0;
    Result<QString> unseal(const QString& sealed, const QString& place) const
    {
        return unseal(QStringView(sealed), QByteArrayView(place.toUtf8()));
    }
    // A keyed hash of a citizen id, to find a member by it without keeping it in clear.
    virtual QString citizenIdHash(const QString& citizenId) const = 0;
};

// The columns of `member` that a replica keeps sealed, as the domain's Member names them.
inline const QStringList& sealedMemberColumns()
{
    static const QStringList columns { QStringLiteral("ethnicity"), QStringLiteral("religion"),
        QStringLiteral("citizen_id") };
    return columns;
}

// The keys of a member's JSON (request bodies, stored versions) that a replica keeps sealed.
inline const QStringList& sealedMemberKeys()
{
    static const QStringList keys { QStringLiteral("ethnicity"), QStringLiteral("religion"),
        QStringLiteral("citizenId") };
    return keys;
}

} // namespace sotay
