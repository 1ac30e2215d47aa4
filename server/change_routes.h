// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// GET /api/v1/changes?since=SEQ&limit=N: the change feed, in order, paged and scoped to the caller.
// Each item carries the object as it is now, or says "removed" when it has left the caller's scope.
void addChangeRoutes(Router& router, Services& services);

} // namespace sotay::server
