// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_request.h"
#include "content/content_item.h"
#include "content/content_json.h"
#include "handler_support.h"

namespace sotay::server {

// Who may see and change published content. An administrator: everything. Officers and secretaries: the
// items authored inside their scope, and, beyond drafts, the items whose audience lies inside their scope or
// above it (a province-wide lesson reaches a commune's officers). Members are refused (403): these routes are
// the staff's.
bool mayReadContent(const Principal& caller, const ContentItem& item);
// Changing, publishing, archiving or deleting: authored inside the caller's scope, and published only inside
// it: every audience unit still active lies in the caller's subtree.
bool mayWriteContent(const Principal& caller, const ContentItem& item);

// The item if it exists and the caller may read it; 404, as for an id that does not exist, otherwise.
ContentItem visibleContent(const ApiRequest& request, qint64 id);
// The item if the caller may change it: 404 when it cannot be seen, 403 with the reason when it can.
ContentItem writableContent(const ApiRequest& request, qint64 id);

// The units an item is published to, as the caller asks: each visible to the caller (404 otherwise), and for
// a secretary exactly their own cell (403 otherwise).
void checkAudienceFor(const ApiRequest& request, const QList<qint64>& unitIds);

// A refused write of an item: a stale version answers 412 with the item as it is now (if the caller may still
// read it), a write its state does not allow 409 naming why; anything else as orThrow.
template <typename T>
T orStaleContent(const ApiRequest& request, const QDateTime& now, Result<T> result, qint64 id)
{
    if (!result && result.error().code == ErrorCode::Conflict) {
        if (!result.error().fields.isEmpty())
            throw ApiError(409, QStringLiteral("conflict"), result.error().message, result.error().fields);
        const ContentItem current = visibleContent(request, id);
        throw ApiError::preconditionFailed(result.error().message)
            .with(QStringLiteral("currentVersion"), current.version)
            .with(QStringLiteral("current"), toJson(current, now));
    }
    return orThrow<T>(std::move(result));
}

} // namespace sotay::server
