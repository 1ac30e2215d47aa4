// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "replica.h"

#include <QSqlDatabase>
#include <QString>

namespace sotay::widgets {

// What an edit waiting in the outbox does, in the user's words ("Sửa hồ sơ Nguyễn Thị Hoa", "Đổi tên Chi bộ
// 2"), naming records from the replica `db`.
QString describeOutboxEntry(const QSqlDatabase& db, const client::OutboxEntry& entry);

} // namespace sotay::widgets
