// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "field_cipher.h"
#include "member/member.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace sotay::client {

// One edit waiting to go to the server, in the order it was made.
struct OutboxEntry {
    qint64 id = 0;
    QString idempotencyKey;
    QString method;
    QString path;
    QJsonObject body;
    std::optional<qint64> ifMatch;
    QString state;   // pending, done, conflict, refused
    QString message; // refused or conflict: the server's reason in its own words (empty when it gave none)
    QDateTime createdAt; // when the user made the edit (UTC)
};

// A conflict kept for the user: what they wanted and what the server has now.
struct Conflict {
    qint64 id = 0;
    qint64 outboxId = 0;
    QString entity;
    qint64 entityId = 0;
    QJsonObject local;
    QJsonObject server;
};

// An edit the server did not take and the user has yet to settle: refused (the entry's message says why),
// or in conflict with a newer version on the server (the conflict holds both versions).
struct UnsettledEdit {
    OutboxEntry entry;
    std::optional<Conflict> conflict;
};

// The console's local copy of the user's scope: an SQLite file (WAL) with the domain's schema, plus the
// sync position, the outbox, the conflicts and the data key wrapped by the user's password. One per server
// and user. Once unlocked, the citizen ids, ethnicities and religions it holds (members, request bodies,
// stored versions) are sealed under that key; opened without it (a tool, a test) they are kept as they come.
class Replica final {
public:
    static Result<std::unique_ptr<Replica>> open(const QString& path);
    ~Replica();
    Replica(const Replica&) = delete;
    Replica& operator=(const Replica&) = delete;

    QSqlDatabase db() const { return m_db; }
    const QString& path() const { return m_path; }

    // The default place: <app data>/replicas/<host>_<port>/<user>.sqlite
    static QString defaultPath(const QUrl& server, const QString& username);

    // How unlocking with a password went: the data key was opened, or made now (the first sign-in on this
    // computer, or a replica from before sealing, whose sensitive fields are sealed now), or the key was
    // wrapped under another password (changed on another computer, or reset by an administrator).
    enum class Unlock { Opened, Created, WrongPassword };
    Result<Unlock> unlock(const QString& password, PasswordHasher::Cost cost);
    // Whether a data key was ever made for this replica.
    Result<bool> hasKey() const;
    // The user whose password wraps the key (user names trimmed and lower-cased); empty before.
    Result<QString> keyOwner() const { return state(QStringLiteral("key.user")); }
    Status setKeyOwner(const QString& username)
    {
        return setState(QStringLiteral("key.user"), username.trimmed().toLower());
    }
    // The same data key wrapped under a new password (after the user changed it), in the replica.
    Status rewrap(const QString& newPassword, PasswordHasher::Cost cost);
    // The key of an unlocked replica, for another connection of the same session.
    const std::optional<FieldCipher>& cipher() const { return m_cipher; }
    void setCipher(const FieldCipher& cipher) { m_cipher = cipher; }
    const FieldSealer* sealer() const { return m_cipher ? &*m_cipher : nullptr; }
    // One member as the replica holds it, its sealed fields opened.
    Result<Member> member(qint64 id) const;

    Result<QString> state(const QString& key) const;
    Status setState(const QString& key, const QString& value);
    // The role of the replica's account as the server gave it at the last sign-in (its code, e.g.
    // "officer"); empty before. The server sends the sensitive fields only to some roles, so the console
    // offers their columns only to those.
    Result<QString> signedInRole() const { return state(QStringLiteral("user.role")); }
    Status setSignedInRole(const QString& role)
    {
        return setState(QStringLiteral("user.role"), role.isNull() ? QStringLiteral("") : role);
    }

    // An edit taken over from another replica of the same user (set aside after a password reset), under its
    // own idempotency key, so that the server replays it if it had arrived; false if this one has it already.
    Result<bool> adopt(const OutboxEntry& entry);
    // Appends an edit (with a fresh idempotency key) and returns it.
    Result<OutboxEntry> enqueue(const QString& method, const QString& path, const QJsonObject& body,
        std::optional<qint64> ifMatch = std::nullopt);
    // The edits not yet taken by the server, oldest first: 'pending', and 'sending' ones whose answer never
    // came (a crash or a cut line; the idempotency key makes sending them again harmless).
    Result<QList<OutboxEntry>> pending() const;
    Result<qint64> pendingCount() const;
    Result<OutboxEntry> entry(qint64 outboxId) const;
    // The sync takes an entry before sending it; false when the user withdrew it meanwhile.
    Result<bool> claim(qint64 outboxId);
    // Undo of an edit not yet sent: false when the sync has taken it already (it may be on the server).
    Result<bool> withdraw(qint64 outboxId);
    // Replaces the body of an entry not yet taken by the sync (a second correction of the same record goes
    // out as one request against the version the first was made on); false when it was taken.
    Result<bool> replaceBody(qint64 outboxId, const QJsonObject& body);
    Status finish(qint64 outboxId, const QString& state, const QString& message = {});
    Status keepConflict(
        const OutboxEntry& entry, const QString& entity, qint64 entityId, const QJsonObject& server);
    Result<QList<Conflict>> conflicts() const;
    Result<qint64> conflictCount() const;
    Status resolveConflict(qint64 conflictId);
    // The edits the user has to settle, oldest first: the refused ones and the unresolved conflicts.
    Result<QList<UnsettledEdit>> unsettled() const;
    Result<qint64> refusedCount() const;
    // Drops a refused edit for good; false when it is not (or no longer) a refused one.
    Result<bool> discardRefused(qint64 outboxId);
    // "Edit and resend": queues the corrected request and drops the refused one, at once.
    Result<OutboxEntry> replaceRefused(qint64 refusedId, const QString& method, const QString& path,
        const QJsonObject& body, std::optional<qint64> ifMatch = std::nullopt);
    // "Keep mine": the conflict's request queued again on `version`, and the conflict settled, at once.
    Result<OutboxEntry> requeueConflict(const Conflict& conflict, qint64 version);

    // The Argon2id hash that lets the user open the replica without the server.
    Status setVerifier(const QString& username, const QString& hash);
    Result<QString> verifier(const QString& username) const;

private:
    Replica(QString path, QString connection, const QSqlDatabase& db);
    // What a replica held in clear before it had a key, sealed in one transaction.
    Status sealExisting();
    QString sealedText(const QJsonObject& json, const QString& place) const;
    Result<QJsonObject> openedJson(const QString& text, const QString& place) const;
    Result<OutboxEntry> outboxEntryFrom(const QSqlQuery& query, int first = 0) const;
    Result<Conflict> conflictFrom(const QSqlQuery& query) const;

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    std::optional<FieldCipher> m_cipher;
};

} // namespace sotay::client
