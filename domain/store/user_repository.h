// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/user.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QSqlDatabase>

namespace sotay {

struct NewUser {
    QString username;
    QString passwordHash; // already hashed (Argon2id) by the caller
    Role role = Role::Member;
    std::optional<qint64> scopeOrgId;
    std::optional<qint64> memberId;
};

// Accounts and their sign-in sessions. Password hashes and token hashes are opaque text here.
// A user name as accounts are looked up: trimmed, lower case, and without Vietnamese marks (đ as d), so that
// a member signs in with a profile number "012345-ĐN" typed as printed (the account is "012345-dn").
QString usernameKey(const QString& typed);

class UserRepository final {
public:
    explicit UserRepository(const QSqlDatabase& db);

    Result<qint64> count() const;
    Result<User> find(qint64 id) const;
    Result<std::optional<User>> findByUsername(const QString& username) const;
    Result<QString> passwordHash(qint64 userId) const;
    // The current path of the user's scope unit (units move, so it is read each time).
    Result<QString> scopePath(const User& user) const;

    Result<User> create(const NewUser& user, const WriteContext& context);
    // Changes the hash, clears a temporary password's must-change mark and revokes every session of the user,
    // in one transaction.
    Status changePassword(qint64 userId, const QString& passwordHash, const WriteContext& context);

    Status createSession(
        const QString& tokenHash, qint64 userId, const QDateTime& now, const QDateTime& expiresAt);
    // The live session for a token hash with its user, or nothing.
    Result<std::optional<std::pair<Session, User>>> findSession(const QString& tokenHash) const;
    Status touchSession(qint64 sessionId, const QDateTime& now);
    Status revokeSession(qint64 sessionId, const QDateTime& now);

private:
    QSqlDatabase m_db;
};

} // namespace sotay
