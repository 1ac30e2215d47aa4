// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The steps ContentRepository's writes share across its files (content_repository.cpp,
// content_attachments.cpp).
#include "content/content_item.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QSqlDatabase>

namespace sotay::content_writes {

// A write the item's state does not allow: a Conflict naming `field`.
Error stateConflict(const QString& message, const QString& field = QStringLiteral("state"));
// The item changed since the caller read it: a Conflict without fields.
Error staleVersion();
// The item with its audience and its attachments (without their bytes).
Result<ContentItem> selectItem(const QSqlDatabase& db, qint64 id);
// Reads the item for a write in a transaction: present and at the expected version.
Result<ContentItem> itemForWrite(const QSqlDatabase& db, qint64 id, qint64 expectedVersion);
// The feed rows and the audit row of a change: at the author's unit, and at every audience unit of the item
// before and after while it is beyond a draft. `after` null for a deletion.
Status recordContentChange(const QSqlDatabase& db, const ContentItem* before, const ContentItem* after,
    const QString& action, const WriteContext& context);

} // namespace sotay::content_writes
