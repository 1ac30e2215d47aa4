// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>

namespace sotay {

// The generations of the months in ["from", "to"] ("yyyy-MM") whose report a server may keep between requests
// at `now`: those over for at least a day (in Vietnam). A month's report read under a generation stays true
// while the generation holds: migration 011's triggers raise it with every change to the month's aggregates
// and to the tree. A month's first keeping makes its row, in a transaction that waits for the writers of
// aggregates in flight (PostgreSQL locks the table against writes for that moment; SQLite's writers take
// turns anyway), so that every write either came before or finds the row to raise. Months absent from the
// answer are read afresh.
Result<QHash<QString, qint64>> keepableParticipationMonths(
    const QSqlDatabase& db, const QString& from, const QString& to, const QDateTime& now);

} // namespace sotay
