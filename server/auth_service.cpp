// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth_service.h"

#include "principal_cache.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <sodium.h>

namespace sotay::server {
namespace {

Error refused()
{
    return Error { ErrorCode::Invalid,
        QCoreApplication::translate("AuthService", "Tên đăng nhập hoặc mật khẩu không đúng."), {} };
}

Error unauthorised()
{
    return Error { ErrorCode::NotFound,
        QCoreApplication::translate(
            "AuthService", "Phiên làm việc đã hết hạn hoặc không hợp lệ. Xin đăng nhập lại."),
        {} };
}

QString newToken()
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

AuthService::AuthService(PasswordHasher& hasher, AuthPolicy policy, Clock clock)
    : m_hasher(hasher)
    , m_policy(policy)
    , m_clock(std::move(clock))
    , m_principals(std::make_unique<PrincipalCache>())
{
    m_dummyHash = m_hasher.hash(newToken()).value();
}

AuthService::~AuthService() = default;

QString AuthService::hashToken(const QString& token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

Result<SignIn> AuthService::signIn(const QSqlDatabase& db, const QString& username, const QString& password)
{
    UserRepository users(db);
    auto found = users.findByUsername(username);
    if (!found)
        return found.error();
    const QDateTime now = m_clock();
    if (!found->has_value()) {
        if (auto spent = m_hasher.verify(m_dummyHash, password); !spent)
            return spent.error();
        return refused();
    }
    const User user = found->value();
    auto stored = users.passwordHash(user.id);
    if (!stored)
        return stored.error();
    auto matches = m_hasher.verify(*stored, password);
    if (!matches)
        return matches.error();
    // A disabled account gets the answer of a wrong password, after the same work: whoever tries a password
    // learns nothing about the account, not even that it exists and is disabled (docs/security.md).
    if (!*matches || user.disabled())
        return refused();
    const QString token = newToken();
    const QDateTime expiresAt = now.addSecs(qint64 { m_policy.absoluteHours } * 3600);
    if (const Status created = users.createSession(hashToken(token), user.id, now, expiresAt); !created)
        return created.error();
    return SignIn { token, expiresAt, user };
}

Result<Principal> AuthService::authenticate(
    const QSqlDatabase& db, const QString& authorization, std::optional<qint64> authGeneration)
{
    static const QString prefix = QStringLiteral("Bearer ");
    if (!authorization.startsWith(prefix, Qt::CaseInsensitive))
        return unauthorised();
    const QString token = authorization.mid(prefix.size()).trimmed();
    if (token.isEmpty() || token.size() > 100)
        return unauthorised();
    const QString tokenHash = hashToken(token);
    UserRepository users(db);
    const QDateTime now = m_clock();
    const auto idleBy = [this](const QDateTime& lastSeenAt) {
        return lastSeenAt.addSecs(qint64 { m_policy.idleMinutes } * 60);
    };
    // Kept only where the full check below would pass without writing anything.
    if (authGeneration) {
        if (const auto kept = m_principals->find(tokenHash); kept && kept->generation == *authGeneration
            && kept->expiresAt > now && idleBy(kept->lastSeenAt) > now && kept->lastSeenAt.secsTo(now) < 60)
            return kept->principal;
    }
    auto found = users.findSession(tokenHash);
    if (!found)
        return found.error();
    if (!found->has_value())
        return unauthorised();
    const auto& [session, user] = found->value();
    const bool idle = idleBy(session.lastSeenAt) <= now;
    if (session.revokedAt.isValid() || session.expiresAt <= now || idle || user.disabled())
        return unauthorised();
    QDateTime lastSeenAt = session.lastSeenAt;
    // Writing on every request would serialise readers on SQLite: a minute's precision is enough for idling.
    if (session.lastSeenAt.secsTo(now) >= 60) {
        if (const Status touched = users.touchSession(session.id, now); !touched)
            return touched.error();
        lastSeenAt = now;
    }
    auto scope = users.scopePath(user);
    if (!scope)
        return scope.error();
    Principal principal { user, user.role == Role::Admin ? QString() : *scope, session.id };
    if (authGeneration)
        m_principals->keep(tokenHash, { principal, session.expiresAt, lastSeenAt, *authGeneration });
    return principal;
}

Status AuthService::signOut(const QSqlDatabase& db, const Principal& principal)
{
    return UserRepository(db).revokeSession(principal.sessionId, m_clock());
}

Status AuthService::changePassword(const QSqlDatabase& db, const Principal& principal,
    const QString& currentPassword, const QString& newPassword)
{
    UserRepository users(db);
    auto stored = users.passwordHash(principal.user.id);
    if (!stored)
        return stored.error();
    auto matches = m_hasher.verify(*stored, currentPassword);
    if (!matches)
        return matches.error();
    if (!*matches) {
        const QString message = QCoreApplication::translate("AuthService", "Mật khẩu hiện tại không đúng.");
        return Error::invalid(message, { { QStringLiteral("currentPassword"), message } });
    }
    if (const QString weakness = PasswordHasher::weakness(newPassword); !weakness.isEmpty())
        return Error::invalid(weakness, { { QStringLiteral("newPassword"), weakness } });
    if (principal.user.mustChangePassword && newPassword == currentPassword) {
        const QString message = QCoreApplication::translate(
            "AuthService", "Mật khẩu mới phải khác mật khẩu tạm thời mà bạn được cấp.");
        return Error::invalid(message, { { QStringLiteral("newPassword"), message } });
    }
    auto hashed = m_hasher.hash(newPassword);
    if (!hashed)
        return hashed.error();
    return users.changePassword(principal.user.id, *hashed, { principal.user.username, m_clock() });
}

} // namespace sotay::server
