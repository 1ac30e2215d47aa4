// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// POST /api/v1/auth/login, /logout, /password.
void addAuthRoutes(Router& router, Services& services);

QJsonObject userJson(const User& user);

} // namespace sotay::server
