// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "router.h"

namespace sotay::server {

// GET /healthz: no sign-in; says whether the server and its database answer.
void addHealthRoutes(Router& router);

} // namespace sotay::server
