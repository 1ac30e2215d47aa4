// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api_client.h"
#include "core/result.h"
#include "member/member.h"
#include "replica.h"

#include <atomic>
#include <functional>

namespace sotay::client {

struct SyncProgress {
    QString phase; // Vietnamese, for the progress bar's label
    qint64 done = 0;
    qint64 total = -1; // -1 when unknown
};

struct SyncReport {
    qint64 unitsDownloaded = 0;
    qint64 membersDownloaded = 0;
    qint64 contentDownloaded = 0;
    qint64 participationDownloaded = 0;
    qint64 changesApplied = 0;
    qint64 pushed = 0;
    qint64 conflicts = 0;
    qint64 refused = 0;
    qint64 periodsDownloaded = 0;
    qint64 lastSeq = 0;
    qint64 wireBytes = 0;
};

// Why a sync stopped: the caller signs in again for SessionExpired, waits for Offline, and shows the rest.
enum class SyncFailure { None, SessionExpired, Offline, Cancelled, Other };
SyncFailure failureOf(const Error& error);

// One sync: push the outbox in order (idempotency keys make a repeat harmless, a stale version becomes a
// kept conflict), finish or resume the first download of the scope (each page is committed with the
// position it reached, so a crash or a cancel resumes where it stopped), then pull the change feed.
class SyncEngine final {
public:
    using ProgressCallback = std::function<void(const SyncProgress&)>;

    SyncEngine(ApiClient& api, Replica& replica);

    Result<SyncReport> syncOnce(
        const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

    Status push(SyncReport& report);
    Status download(SyncReport& report, const ProgressCallback& progress, const std::atomic<bool>* cancel);
    Status pull(SyncReport& report, const ProgressCallback& progress, const std::atomic<bool>* cancel);
    // The tree's history and the list of categories, read again whole when the feed brought a change to the
    // tree (or never read yet).
    Status downloadPeriods(SyncReport& report);

    int pageSize = 5000;     // rows per page of the first download (fewer round trips on slow links)
    int feedPageSize = 1000; // changes per page of the feed

private:
    // After an edit of member `after` was taken: the user's later edits of the same record, made on the
    // version the taken one was made on, move to the version it produced.
    Status rebaseLaterEdits(const OutboxEntry& sent, const Member& after);
    // Reads the members of the units that came into the scope (kept in the replica until they are read).
    Status refetchEnteredUnits(SyncReport& report);
    Status refetchMembersOf(qint64 unitId, SyncReport& report);

    ApiClient& m_api;
    Replica& m_replica;
};

} // namespace sotay::client
