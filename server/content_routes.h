// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/content: news, documents, lessons, meeting topics and guidance, for staff (content_access.h).
void addContentRoutes(Router& router, Services& services);

} // namespace sotay::server
