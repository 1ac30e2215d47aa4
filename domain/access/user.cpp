// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/user.h"

namespace sotay {

QString toCode(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Officer:
        return QStringLiteral("officer");
    case Role::Secretary:
        return QStringLiteral("secretary");
    case Role::Member:
        return QStringLiteral("member");
    }
    return {};
}

std::optional<Role> roleFromCode(const QString& code)
{
    for (const Role role : { Role::Admin, Role::Officer, Role::Secretary, Role::Member })
        if (toCode(role) == code)
            return role;
    return std::nullopt;
}

bool isAtMostAsStrong(Role role, Role other)
{
    return static_cast<int>(role) >= static_cast<int>(other);
}

bool seesSensitiveFields(Role role)
{
    return role == Role::Admin || role == Role::Officer;
}

} // namespace sotay
