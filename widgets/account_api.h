// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_address.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace sotay::widgets {

// An account as the server shows it to the one who manages it (GET /api/v1/users).
struct Account {
    qint64 id = 0;
    QString username;
    QString role; // admin, officer, secretary, member
    std::optional<qint64> scopeOrgId;
    QString scopeOrgName;
    QString memberName;
    bool disabled = false;
    bool mustChangePassword = false;
    qint64 version = 0;

    static Account fromJson(const QJsonObject& json);
};

struct AccountFilter {
    QString text;  // searched in the user name and the member's name
    QString role;  // empty: every role
    QString state; // empty, "active" or "disabled"
};

struct AccountPage {
    QList<Account> items;
    QString next; // empty on the last page
};

// The accounts routes, blocking (for a worker thread). Every refusal is an error carrying the server's own
// Vietnamese message.
class AccountApi final {
public:
    AccountApi(QUrl server, client::TlsSettings tls, QString token);

    Result<AccountPage> list(const AccountFilter& filter, const QString& after, int limit) const;
    Result<Account> change(const Account& account, const QJsonObject& changes) const;
    // The temporary password, shown once.
    Result<QString> resetPassword(qint64 id) const;
    Status endSessions(qint64 id) const;
    Status unlockSignIns(qint64 id) const;
    Result<Account> create(const QJsonObject& body) const;
    // The signed-in user's own password (POST /api/v1/auth/password).
    Status changeOwnPassword(const QString& current, const QString& next) const;

private:
    QUrl m_server;
    client::TlsSettings m_tls;
    QString m_token;
};

} // namespace sotay::widgets
