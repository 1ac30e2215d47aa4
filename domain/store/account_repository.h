// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/user.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QSqlDatabase>

#include <optional>

namespace sotay {

// An account as the accounts screen shows it: the user, the unit it works in now (for a member's account,
// the member's own cell, which follows transfers) and the member it belongs to.
struct Account {
    User user;
    std::optional<qint64> unitId; // none for an administrator
    QString unitName;
    QString unitPath;
    QString memberName; // empty unless a member's account
};

enum class AccountState { Active, Disabled };

// One page of accounts in user-name order. `scopePath` empty lists every account (an administrator);
// otherwise the accounts working inside that subtree, administrators never among them (an officer).
struct AccountQuery {
    QString scopePath;
    std::optional<Role> role;
    std::optional<AccountState> state;
    QString text;  // matched, folded, against the user name and the member's name
    QString after; // the last user name of the previous page; empty for the first
    int limit = 50;
};

struct AccountPage {
    QList<Account> accounts;
    QString next; // the last user name of this page when more follow; empty on the last page
};

// What PATCH /api/v1/users/{id} may change; an absent member leaves the value as it is.
struct AccountChange {
    std::optional<Role> role;
    std::optional<std::optional<qint64>> scopeOrgId;
    std::optional<bool> disabled;
};

// The administration of accounts: listing, changing roles and scopes, disabling, temporary passwords and
// signing out everywhere. Every write is one transaction with its audit row (and its change-feed row when
// the account as clients see it changes). Whether the caller may do it is the server's to decide.
class AccountRepository final {
public:
    explicit AccountRepository(const QSqlDatabase& db);

    Result<AccountPage> list(const AccountQuery& query) const;
    // The database's plan for list(query), one line per step (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
    // PostgreSQL): tests and operators check that a page is read through indexes.
    Result<QStringList> listPlan(const AccountQuery& query) const;
    Result<Account> find(qint64 id) const;

    // Applies the change if the account is still at `expectedVersion` (Conflict without fields otherwise).
    // Refuses, as a Conflict naming the field, to leave the province without an active administrator.
    // Disabling revokes every session of the account in the same transaction.
    Result<User> update(
        qint64 id, const AccountChange& change, qint64 expectedVersion, const WriteContext& context);
    // Replaces the password hash, marks the account to change it at the next sign-in, and revokes every
    // session of the account.
    Result<User> setTemporaryPassword(qint64 id, const QString& passwordHash, const WriteContext& context);
    // Revokes every live session of the account; returns how many there were.
    Result<int> revokeSessions(qint64 id, const WriteContext& context);
    // Records in the audit log that the account's sign-in pause was lifted (the pause itself is in memory).
    Status recordUnlock(qint64 id, const WriteContext& context);

private:
    QSqlDatabase m_db;
};

} // namespace sotay
