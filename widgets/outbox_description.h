// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replica.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace sotay::widgets {

// What an outbox entry acts on, read from its path: "/api/v1/members/12/events" is events of member 12,
// "/api/v1/orgs" a new unit (id 0). None for a path of another shape.
struct OutboxTarget {
    bool members = false; // else a unit
    qint64 id = 0;        // 0: a new one
    QString action;       // "events", "move", "merge", "dissolve"; empty for a correction or a creation
};
std::optional<OutboxTarget> outboxTargetOf(const client::OutboxEntry& entry);

// What an edit waiting in the outbox does, in the user's words ("Sửa hồ sơ Nguyễn Thị Hoa", "Đổi tên Chi bộ
// 2"), naming records from the replica `db`.
QString describeOutboxEntry(const QSqlDatabase& db, const client::OutboxEntry& entry);

} // namespace sotay::widgets
