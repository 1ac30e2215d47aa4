// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"
#include "router.h"

namespace sotay::server {

// Runs a POST that may carry an Idempotency-Key: the first answer is stored in the same transaction as the
// write it made, and a repeat of the key replays that answer without doing anything again. Without a key
// the handler simply runs.
ApiResponse runIdempotent(const ApiRequest& request, const Handler& handler);

} // namespace sotay::server
