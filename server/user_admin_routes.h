// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/users/{id} and its actions: read, change role, scope or disabled, a temporary password, signing
// out everywhere, lifting a sign-in pause. Administrators manage every account; officers the accounts
// working in their subtree, never an administrator and never above their own role.
void addUserAdminRoutes(Router& router, Services& services);

} // namespace sotay::server
