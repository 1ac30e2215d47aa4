// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/orgs: read, search, create, rename (PATCH), move, merge, dissolve.
void addOrgRoutes(Router& router, Services& services);

} // namespace sotay::server
