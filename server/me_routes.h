// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "router.h"

namespace sotay::server {

// /api/v1/me/…: what a member's handbook app calls, for any account linked to a member on the roster (a
// member's own account, or a staff account linked to its holder's record): the member's summary, the feed of
// what is published to their cell, opening an item, marking a lesson studied, taking its quiz. Each act
// counts in the participation of the member's cell (store/participation_repository.h).
void addMeRoutes(Router& router, Services& services);

} // namespace sotay::server
