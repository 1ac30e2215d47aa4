// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// Handbook accounts for members: activation codes issued by officers (one member, or every member of a unit
// without an account), the members' own activation (public, paused like sign-ins), and a unit's members with
// the state of their accounts.
void addHandbookAccountRoutes(Router& router, Services& services);

} // namespace sotay::server
