// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/user.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

namespace sotay {

// How a User maps onto the app_user table (aliased `u`); shared by the sign-in and the account repositories.
extern const QString
    kUserColumns; // u.id, u.username, …: the order readUser() reads, kUserColumnCount of them
inline constexpr int kUserColumnCount = 10;
User readUser(const QSqlQuery& row, int first = 0);

// The account as the audit log keeps it: never a password or its hash.
QJsonObject userAuditJson(const User& user);

QDateTime readTimestamp(const QVariant& value);

} // namespace sotay
