// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// What a console's first sync downloads: the feed position to continue from (GET /api/v1/sync/head),
// then every unit and member in the caller's scope, paged by id (GET /api/v1/sync/orgs|members).
void addSyncRoutes(Router& router, Services& services);

} // namespace sotay::server
