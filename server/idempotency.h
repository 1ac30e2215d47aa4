// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"
#include "router.h"

namespace sotay::server {

// Runs a POST that may carry an Idempotency-Key: the first answer is stored in the same transaction as the
// write it made, and a repeat of the key replays that answer, once `check` (if any) lets the caller see it,
// without doing anything again. The handler's first step runs before that transaction, so that slow work
// (hashing a password) never holds the database's write lock. Without a key the handler simply runs.
ApiResponse runIdempotent(
    const ApiRequest& request, const PreparedHandler& handler, const ReplayCheck& check);

} // namespace sotay::server
