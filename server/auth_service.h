// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/user.h"
#include "core/result.h"
#include "password_hasher.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <optional>

namespace sotay::server {

using Clock = std::function<QDateTime()>;

struct AuthPolicy {
    int idleMinutes = 30;
    int absoluteHours = 12;
};

// Who is asking: the signed-in user and the subtree they work in ("" = the whole province).
struct Principal {
    User user;
    QString scopePath;
    qint64 sessionId = 0;
};

struct SignIn {
    QString token; // shown once; only its hash is stored
    QDateTime expiresAt;
    User user;
};

class PrincipalCache;

// Sign-in, sessions and password changes. Unknown users, wrong passwords and disabled accounts get the same
// answer, after the same amount of hashing work, and write nothing; how often one may try is SignInThrottle's
// to decide. A disabled account's sessions stop at its next request: every request reads the account, or the
// account generation that any change to it raises (PrincipalCache).
class AuthService final {
public:
    AuthService(PasswordHasher& hasher, AuthPolicy policy, Clock clock);
    ~AuthService();
    AuthService(const AuthService&) = delete;
    AuthService& operator=(const AuthService&) = delete;

    Result<SignIn> signIn(const QSqlDatabase& db, const QString& username, const QString& password);
    // The principal behind an "Authorization: Bearer ..." header value; an unauthorised error otherwise.
    // Given the account generation, read before this call (readStoreCounters), a principal checked earlier
    // under the same generation is used without reading the session again.
    Result<Principal> authenticate(const QSqlDatabase& db, const QString& authorization,
        std::optional<qint64> authGeneration = std::nullopt);
    Status signOut(const QSqlDatabase& db, const Principal& principal);
    Status changePassword(const QSqlDatabase& db, const Principal& principal, const QString& currentPassword,
        const QString& newPassword);

    QDateTime now() const { return m_clock(); }
    PasswordHasher& hasher() { return m_hasher; }

    static QString hashToken(const QString& token);

private:
    PasswordHasher& m_hasher;
    AuthPolicy m_policy;
    Clock m_clock;
    QString m_dummyHash; // verified against for unknown users, so they cost what a real check costs
    std::unique_ptr<PrincipalCache> m_principals;
};

} // namespace sotay::server
