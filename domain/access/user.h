// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace sotay {

// What a user may do, strongest first: the province's administrators, the officers of a subtree, a cell's
// secretary, and a member who sees only their own record.
enum class Role { Admin, Officer, Secretary, Member };

// tài khoản: a person who signs in to the console or the handbook app.
struct User {
    qint64 id = 0;
    QString username;
    Role role = Role::Member;
    std::optional<qint64> scopeOrgId; // the unit whose subtree the user works in
    std::optional<qint64> memberId;   // role Member: the member the account belongs to
    QDateTime passwordChangedAt;
    QDateTime createdAt;
    QDateTime disabledAt;            // invalid while the account may sign in
    bool mustChangePassword = false; // a temporary password was set: only a password change is allowed
    qint64 version = 0;

    bool disabled() const { return disabledAt.isValid(); }
};

QString toCode(Role role);
std::optional<Role> roleFromCode(const QString& code);
// True when `role` is at most as strong as `other` (an officer may create officers, not administrators).
bool isAtMostAsStrong(Role role, Role other);
// Whether the role may see ethnicity, religion and the citizen id.
bool seesSensitiveFields(Role role);

// Sign-in sessions: opaque tokens of which only a hash is stored.
struct Session {
    qint64 id = 0;
    qint64 userId = 0;
    QDateTime createdAt;
    QDateTime lastSeenAt;
    QDateTime expiresAt; // the absolute end
    QDateTime revokedAt;
};

} // namespace sotay
