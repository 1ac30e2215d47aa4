// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// GET /api/v1/participation?org=ID&from=YYYY-MM&to=YYYY-MM&by=child|cell: the participation figures of a
// unit's children (or of its cells) month by month, with totals. A month counts the cells that belonged to
// the unit in that month, on the tree as it stood at the month's end (the unit periods), so a cell moved or
// merged later is counted where it was.
void addParticipationRoutes(Router& router, Services& services);

} // namespace sotay::server
