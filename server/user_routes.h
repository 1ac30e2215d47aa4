// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/users: accounts inside the caller's scope, with roles no stronger than the caller's.
void addUserRoutes(Router& router, Services& services);

} // namespace sotay::server
