// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace sotay::test {

// Makes a race happen every time on PostgreSQL, without sleeps: this test's own transaction on `db` takes
// the row lock of `lockStatement` (a SELECT ... FOR UPDATE), `request` starts on a thread of its own, and
// once the server's transaction waits for that lock, `changeMeanwhile` runs in the test's transaction, which
// then commits. The request thus finds its record changed under it. Returns when `request` has returned.
void runWhileRowLockHeld(const QSqlDatabase& db, const QString& lockStatement,
    const std::function<void()>& request, const std::function<void()>& changeMeanwhile);

} // namespace sotay::test
