// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/members: the paged roster, one member, create, correct (PATCH) and record events.
void addMemberRoutes(Router& router, Services& services);

} // namespace sotay::server
