// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "store/account_repository.h"

#include <QJsonObject>

namespace sotay::server {

// An account as the API shows it (lists, reads and write answers alike): never a password or its hash.
QJsonObject accountJson(const Account& account);

// The account if the caller manages it: every account for an administrator; for an officer, the accounts
// working inside the officer's subtree, administrators never among them. 403 for other roles; 404, exactly as
// for a missing id, for an account the caller does not manage.
Account managedAccount(const ApiRequest& request, qint64 id);

} // namespace sotay::server
