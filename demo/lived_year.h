// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "store/write_context.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace sotay {

struct LivedYearOptions {
    quint32 seed = 20250701;
    // The password hash of every account the year makes (the members' and the propaganda officer's): the
    // caller hashes a password it tells the demo's users, or one nobody is told.
    QString passwordHash;
    // Called after each batch (a week, cut at month ends) is written, with how many days of how many.
    std::function<void(int day, int days)> progress;
};

struct LivedYearSummary {
    int days = 0;
    int accounts = 0;    // handbook accounts activated
    int items = 0;       // content items published
    qint64 opened = 0;   // items opened (first openings)
    qint64 studied = 0;  // lessons studied
    qint64 attempts = 0; // quiz attempts
    int meetingsScheduled = 0;
    int meetingsHeld = 0;
    qint64 marks = 0; // attendance rows
    qint64 rows = 0;  // rows written in all: acts, accounts, meetings, marks, aggregates, feed and audit
};

// A year of participation for the demo province that seedDemoProvince() wrote: from the first day of the
// month twelve months before the context's today (not before the province was founded) up to the context's
// moment, day by day, one transaction per day, each act at its own moment and under the server's own rules
// (the batches of demo/participation_batch.h and demo/meeting_batch.h; content through ContentRepository):
// content published to the whole province (a lesson with its quiz, a meeting topic, a document and news each
// month), members activating their accounts unevenly (some communes clearly behind, older members and the
// residential cells of older members less active), reading, studying and taking quizzes, the cells' monthly
// meetings scheduled (a few cells never on time) and held with attendance, the month-end roster counts, and
// the aggregates' change-feed rows. The same seed and database give the same rows.
Result<LivedYearSummary> seedLivedYear(
    const QSqlDatabase& db, const LivedYearOptions& options, const WriteContext& context);

} // namespace sotay
