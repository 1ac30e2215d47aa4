// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_engine.h"

#include "content/content_json.h"
#include "member/member_json.h"
#include "org/org_json.h"
#include "store/participation_repository.h"
#include "store/replica_writer.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <array>
#include <future>

namespace sotay::client {
namespace {

// The tables of the first download, in their order: the route's name (and the phase's), the replica's
// table, the count /api/v1/sync/head announces, what the progress bar says, and the report's count.
struct SnapshotTable {
    const char* phase;
    const char* replicaTable;
    const char* headCount;
    const char* label;
    int pageMax;
    qint64 SyncReport::*downloaded;
};
const std::array<SnapshotTable, 4> kSnapshotTables { {
    { "orgs", "org_unit", "units", QT_TRANSLATE_NOOP("SyncEngine", "Đang tải cây tổ chức"), 1 << 20,
        &SyncReport::unitsDownloaded },
    { "members", "member", "members", QT_TRANSLATE_NOOP("SyncEngine", "Đang tải danh sách đảng viên"),
        1 << 20, &SyncReport::membersDownloaded },
    { "content", "content_item", "content", QT_TRANSLATE_NOOP("SyncEngine", "Đang tải tin bài, văn bản"), 200,
        &SyncReport::contentDownloaded },
    { "participation", "participation_month", "participation",
        QT_TRANSLATE_NOOP("SyncEngine", "Đang tải số liệu tham gia"), 1 << 20,
        &SyncReport::participationDownloaded },
} };

const QString kTag = QStringLiteral("sync");

Error tagged(const QString& message, const QString& tag)
{
    return Error { ErrorCode::Io, message, { { kTag, tag } } };
}

Error sessionExpired()
{
    return tagged(QCoreApplication::translate("SyncEngine",
                      "Phiên làm việc đã hết hạn. Xin đăng nhập lại; các thay đổi chưa gửi "
                      "vẫn được giữ."),
        QStringLiteral("session_expired"));
}

Error refusedBy(const HttpResult& answer)
{
    return tagged(answer.errorMessage(), QStringLiteral("other"));
}

// Answers that say "not now" rather than "no": the edit is sent again by a later sync.
bool isTransient(const HttpResult& answer)
{
    if (answer.status == 409)
        return answer.json()
                   .value(QStringLiteral("error"))
                   .toObject()
                   .value(QStringLiteral("code"))
                   .toString()
            == u"in_progress";
    return answer.status == 408 || answer.status == 429 || answer.status >= 500;
}

// A "not now" answer after which the server holds nothing of the request.
bool rolledBack(const HttpResult& answer)
{
    return answer.status == 408 || answer.status == 429 || answer.status == 500 || answer.status == 503;
}

// Why the server refused an edit, in its own words: its message and, when it names several fields, what
// it says of each. Empty when it gave no reason (a gateway's page, a bare status).
QString refusalReason(const HttpResult& answer)
{
    const QJsonObject error = answer.json().value(QStringLiteral("error")).toObject();
    QStringList parts;
    if (const QString message = error.value(QStringLiteral("message")).toString().trimmed();
        !message.isEmpty())
        parts.append(message);
    const QJsonObject fields = error.value(QStringLiteral("fields")).toObject();
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        if (const QString text = it.value().toString().trimmed(); !text.isEmpty() && !parts.contains(text))
            parts.append(text);
    return parts.join(u' ');
}

// Whether the server's record already holds every field of a correction (PATCH) that met a 412.
bool alreadyThere(const OutboxEntry& entry, const QJsonObject& current)
{
    if (entry.method != u"PATCH" || current.isEmpty() || entry.body.isEmpty())
        return false;
    for (auto it = entry.body.constBegin(); it != entry.body.constEnd(); ++it) {
        const QJsonValue now = current.value(it.key());
        const bool bothEmpty = (it.value().isNull() || it.value().toString().isEmpty())
            && (now.isNull() || now.toString().isEmpty()) && !it.value().isBool() && !now.isBool();
        if (now != it.value() && !bothEmpty)
            return false;
    }
    return true;
}

// The answer, or why there is none: network trouble stays an error, 401 means signing in again.
Result<HttpResult> checked(Result<HttpResult> answer)
{
    if (!answer)
        return answer;
    if (answer->status == 401)
        return sessionExpired();
    return answer;
}

Result<Member> memberFrom(const QJsonObject& json)
{
    auto member = memberFromJson(json, Member {}, false);
    if (!member)
        return member;
    member->id = json.value(QStringLiteral("id")).toInteger();
    member->version = json.value(QStringLiteral("version")).toInteger();
    return member;
}

template <typename Apply> Status inTransaction(const QSqlDatabase& db, Apply apply)
{
    sql::Transaction transaction(db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    if (const Status applied = apply(); !applied)
        return applied;
    return transaction.commit();
}

bool exists(const QSqlDatabase& db, const char* table, qint64 id)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT 1 FROM ") + QString::fromLatin1(table) + QStringLiteral(" WHERE id = ?"),
        { id });
    return query && query->next();
}

// Units that came into the user's scope and whose members are still to be read, as "12 40 41". They are
// written with the feed position that revealed them, so a crash or a lost connection before they are read
// leaves them for the next sync instead of losing them.
const QString kUnitsToRefetch = QStringLiteral("refetch.units");

QList<qint64> idsIn(const QString& text)
{
    QList<qint64> ids;
    for (const auto& part : text.split(u' ', Qt::SkipEmptyParts))
        ids.append(part.toLongLong());
    return ids;
}

QString textOf(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QStringList parts;
    for (const qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(u' ');
}

// "/api/v1/members/12/events" -> ("member", 12)
std::pair<QString, qint64> entityOf(const QString& path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() >= 4)
        return { parts[2] == u"orgs" ? QStringLiteral("org_unit") : QStringLiteral("member"),
            parts[3].toLongLong() };
    return { parts.value(2) == u"orgs" ? QStringLiteral("org_unit") : QStringLiteral("member"), 0 };
}

} // namespace

SyncFailure failureOf(const Error& error)
{
    if (isCancelled(error))
        return SyncFailure::Cancelled;
    // Not "offline": the server answers but cannot be trusted (or is reached in clear without leave), and
    // trying again will not help, so the reason is shown.
    if (isInsecureConnection(error))
        return SyncFailure::Other;
    for (const auto& field : error.fields)
        if (field.field == kTag)
            return field.message == u"session_expired" ? SyncFailure::SessionExpired : SyncFailure::Other;
    return error.code == ErrorCode::Io ? SyncFailure::Offline : SyncFailure::Other;
}

SyncEngine::SyncEngine(ApiClient& api, Replica& replica)
    : m_api(api)
    , m_replica(replica)
{
}

Result<SyncReport> SyncEngine::syncOnce(const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    // A replica with a key takes nothing in clear: what the sync brings is sealed with the key, or not taken.
    auto keyed = m_replica.hasKey();
    if (!keyed)
        return keyed.error();
    if (*keyed && !m_replica.cipher())
        return Error { ErrorCode::Invalid,
            QCoreApplication::translate("SyncEngine",
                "Dữ liệu trên máy chưa được mở khóa bằng mật khẩu, nên không đồng bộ được. Xin đăng nhập "
                "lại."),
            {} };
    SyncReport report;
    const qint64 bytesBefore = m_api.wireBytes();
    m_api.setCancelFlag(cancel);
    if (const Status pushed = push(report); !pushed)
        return pushed.error();
    if (const Status downloaded = download(report, progress, cancel); !downloaded)
        return downloaded.error();
    if (const Status pulled = pull(report, progress, cancel); !pulled)
        return pulled.error();
    if (const Status periods = downloadPeriods(report); !periods)
        return periods.error();
    report.lastSeq = m_replica.state(QStringLiteral("last_seq")).value().toLongLong();
    report.wireBytes = m_api.wireBytes() - bytesBefore;
    return report;
}

Status SyncEngine::push(SyncReport& report)
{
    const auto listed = m_replica.pending();
    if (!listed)
        return listed.error();
    const QSqlDatabase db = m_replica.db();
    for (const auto& listedEntry : *listed) {
        auto claimed = m_replica.claim(listedEntry.id);
        if (!claimed)
            return claimed.error();
        if (!*claimed)
            continue; // withdrawn by the user since the list was read
        // Read again once taken: the user may have rewritten it (a second correction) since the list was
        // read.
        auto taken = m_replica.entry(listedEntry.id);
        if (!taken)
            return taken.error();
        const OutboxEntry entry = *taken;
        std::map<std::string, std::string> headers { { "Idempotency-Key",
            entry.idempotencyKey.toStdString() } };
        if (entry.ifMatch)
            headers["If-Match"] = std::to_string(*entry.ifMatch);
        auto answer = checked(m_api.send(entry.method.toStdString(), entry.path, entry.body, headers));
        if (!answer) {
            // Known not to have arrived: the entry is the user's again (it can be withdrawn or rewritten).
            // Otherwise it stays taken, and goes again under the same key.
            // Only if no earlier sync sent it either (it was still pending when this one listed it).
            if (wasNotSent(answer.error()) && listedEntry.state == u"pending")
                if (const Status back = m_replica.finish(entry.id, QStringLiteral("pending")); !back)
                    return back;
            return answer.error(); // offline or signed out: the entry waits, in order
        }
        if (isTransient(*answer)) {
            // The server could not take it now: the edit waits for the next sync instead of being refused
            // for good. It is the user's again only where the server says it did nothing (its own errors
            // roll the write back); after a gateway's 502/504 or while the same request still runs
            // (409 in_progress) it stays taken and goes again under the same key.
            if (rolledBack(*answer) && listedEntry.state == u"pending")
                if (const Status back = m_replica.finish(entry.id, QStringLiteral("pending")); !back)
                    return back;
            return refusedBy(*answer);
        }
        // Named copies, not a structured binding: the lambda below captures them.
        const auto target = entityOf(entry.path);
        const QString entity = target.first;
        const qint64 entityId = target.second;
        const Status recorded = inTransaction(db, [&]() -> Status {
            ReplicaWriter writer(db, m_replica.sealer());
            const QJsonObject json = answer->json();
            if (answer->ok()) {
                ++report.pushed;
                if (entity == u"member") {
                    if (auto member = memberFrom(json); member && member->id > 0) {
                        if (const Status rebased = rebaseLaterEdits(entry, *member); !rebased)
                            return rebased;
                        if (const Status written = writer.upsertMember(*member); !written)
                            return written;
                    }
                } else if (auto unit = orgUnitFromJson(json)) {
                    if (const Status written = writer.upsertUnit(*unit); !written)
                        return written;
                }
                return m_replica.finish(entry.id, QStringLiteral("done"));
            }
            if (answer->status == 412) {
                const QJsonObject current = json.value(QStringLiteral("error"))
                                                .toObject()
                                                .value(QStringLiteral("current"))
                                                .toObject();
                if (entity == u"member")
                    if (auto member = memberFrom(current))
                        if (const Status written = writer.upsertMember(*member); !written)
                            return written;
                if (alreadyThere(entry, current)) {
                    // A correction sent again after its answer was lost: the server holds it already.
                    ++report.pushed;
                    return m_replica.finish(entry.id, QStringLiteral("done"));
                }
                ++report.conflicts;
                if (const Status kept = m_replica.keepConflict(entry, entity, entityId, current); !kept)
                    return kept;
                return m_replica.finish(entry.id, QStringLiteral("conflict"), answer->errorMessage());
            }
            ++report.refused;
            return m_replica.finish(entry.id, QStringLiteral("refused"), refusalReason(*answer));
        });
        if (!recorded)
            return recorded;
    }
    return success();
}

Status SyncEngine::rebaseLaterEdits(const OutboxEntry& sent, const Member& after)
{
    // The version the sent edit was made on: its If-Match, or (an event sent without one) the replica's.
    qint64 before = sent.ifMatch.value_or(0);
    if (!sent.ifMatch) {
        auto query = sql::exec(
            m_replica.db(), QStringLiteral("SELECT version FROM member WHERE id = ?"), { after.id });
        if (!query)
            return query.error();
        before = query->next() ? query->value(0).toLongLong() : 0;
    }
    // Later edits of the same record made on that version were made by this user after this one: they
    // follow it, not a change by someone else, so they go on the version this one produced.
    auto query = sql::exec(m_replica.db(),
        QStringLiteral(
            "UPDATE outbox SET if_match = ? WHERE state = 'pending' AND if_match = ? AND (path = ? "
            "OR path = ?)"),
        { after.version, before, QStringLiteral("/api/v1/members/%1").arg(after.id),
            QStringLiteral("/api/v1/members/%1/events").arg(after.id) });
    if (!query)
        return query.error();
    return success();
}

Status SyncEngine::download(
    SyncReport& report, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    auto phase = m_replica.state(QStringLiteral("snapshot.phase"));
    if (!phase)
        return phase.error();
    if (*phase == u"done")
        return success();
    const QSqlDatabase db = m_replica.db();
    if (phase->isEmpty()) {
        auto head = checked(m_api.get(QStringLiteral("/api/v1/sync/head")));
        if (!head)
            return head.error();
        if (!head->ok())
            return refusedBy(*head);
        const QJsonObject headJson = head->json();
        const QString seq = QString::number(headJson.value(QStringLiteral("seq")).toInteger());
        const Status started = inTransaction(db, [&]() -> Status {
            if (const Status s = m_replica.setState(QStringLiteral("snapshot.head"), seq); !s)
                return s;
            // How many rows of each table the download brings, for "n of N" (absent from older servers).
            for (const SnapshotTable& table : kSnapshotTables) {
                const char* count = table.headCount;
                const QJsonValue value = headJson.value(QLatin1StringView(count));
                const QString total = value.isDouble() ? QString::number(value.toInteger()) : QString();
                if (const Status s
                    = m_replica.setState(QStringLiteral("snapshot.total.") + QLatin1StringView(count), total);
                    !s)
                    return s;
            }
            if (const Status s = m_replica.setState(QStringLiteral("snapshot.after"), QStringLiteral("0"));
                !s)
                return s;
            return m_replica.setState(QStringLiteral("snapshot.phase"), QStringLiteral("orgs"));
        });
        if (!started)
            return started;
        *phase = QStringLiteral("orgs");
    }

    // The next page is asked for while this one is written: on a slow link the transfer then overlaps the
    // writing instead of following it. Only the bytes are ahead; the replica's position moves with each
    // written page, so a kill or a cancel loses nothing.
    const auto tableAt = [](const QString& name) {
        const auto found = std::find_if(kSnapshotTables.begin(), kSnapshotTables.end(),
            [&](const SnapshotTable& t) { return name == QLatin1StringView(t.phase); });
        return found == kSnapshotTables.end() ? nullptr : &*found;
    };
    const auto nextPhase = [&](const QString& current) {
        const SnapshotTable* table = tableAt(current);
        return table && table + 1 != &*kSnapshotTables.end() ? QString::fromLatin1((table + 1)->phase)
                                                             : QStringLiteral("done");
    };
    const auto pagePath = [&](const QString& name, const QString& after) {
        return QStringLiteral("/api/v1/sync/%1?after=%2&limit=%3")
            .arg(name, after)
            .arg(std::min(pageSize, tableAt(name)->pageMax));
    };
    QString aheadPath;
    std::future<Result<HttpResult>> ahead;
    // Each table counts on from what the replica already holds of it (a resumed download), against the total
    // the head announced.
    const auto startPhase = [&](const QString& name) {
        struct Count {
            qint64 done = 0;
            qint64 total = -1;
        } count;
        const SnapshotTable* table = tableAt(name);
        auto held
            = sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1StringView(table->replicaTable));
        if (held && held->next())
            count.done = held->value(0).toLongLong();
        const auto stored
            = m_replica.state(QStringLiteral("snapshot.total.") + QLatin1StringView(table->headCount));
        bool known = false;
        const qint64 total = stored ? stored->toLongLong(&known) : 0;
        if (known)
            count.total = std::max(total, count.done);
        return count;
    };
    auto count = startPhase(*phase);
    while (*phase != u"done") {
        if (cancel && cancel->load())
            return Error { ErrorCode::Io, QCoreApplication::translate("SyncEngine", "Đã hủy."),
                { { QStringLiteral("cancelled"), {} } } };
        const QString table = *phase;
        const QString path = pagePath(table, m_replica.state(QStringLiteral("snapshot.after")).value());
        auto page = checked(ahead.valid() && aheadPath == path ? ahead.get() : m_api.get(path));
        if (!page)
            return page.error();
        if (!page->ok())
            return refusedBy(*page);
        const QJsonObject json = page->json();
        const QJsonArray items = json.value(QStringLiteral("items")).toArray();
        const bool more = json.value(QStringLiteral("more")).toBool();
        if (more
            || nextPhase(table) != u"done") { // after the last page of a table comes the first of the next
            aheadPath = more
                ? pagePath(table, QString::number(json.value(QStringLiteral("next")).toInteger()))
                : pagePath(nextPhase(table), QStringLiteral("0"));
            ahead = std::async(std::launch::async, [this, next = aheadPath] { return m_api.get(next); });
        }
        const Status applied = inTransaction(db, [&]() -> Status {
            ReplicaWriter writer(db, m_replica.sealer());
            for (const auto& item : items) {
                Status stored = success();
                if (table == u"orgs") {
                    auto unit = orgUnitFromJson(item.toObject());
                    stored = unit ? writer.upsertUnit(*unit) : Status(unit.error());
                } else if (table == u"members") {
                    auto member = memberFrom(item.toObject());
                    stored = member ? writer.upsertMember(*member) : Status(member.error());
                } else if (table == u"content") {
                    auto content = contentFromServerJson(item.toObject());
                    stored = content ? writer.upsertContent(*content) : Status(content.error());
                } else {
                    auto figures = participationFromJson(item.toObject());
                    stored = figures ? storeParticipationCopy(db, *figures) : Status(figures.error());
                }
                if (!stored)
                    return stored;
            }
            if (const Status s = m_replica.setState(QStringLiteral("snapshot.after"),
                    QString::number(json.value(QStringLiteral("next")).toInteger()));
                !s)
                return s;
            if (more)
                return success();
            // This table is complete: the next one, or the feed from where the download began.
            const QString next = nextPhase(table);
            if (next != u"done") {
                if (const Status s
                    = m_replica.setState(QStringLiteral("snapshot.after"), QStringLiteral("0"));
                    !s)
                    return s;
                return m_replica.setState(QStringLiteral("snapshot.phase"), next);
            }
            if (const Status s = m_replica.setState(
                    QStringLiteral("last_seq"), m_replica.state(QStringLiteral("snapshot.head")).value());
                !s)
                return s;
            return m_replica.setState(QStringLiteral("snapshot.phase"), QStringLiteral("done"));
        });
        if (!applied)
            return applied;
        report.*(tableAt(table)->downloaded) += items.size();
        count.done += items.size();
        if (count.total >= 0)
            count.total = std::max(count.total, count.done); // writes since the head was read
        if (progress)
            progress({ QCoreApplication::translate("SyncEngine", tableAt(table)->label), count.done,
                count.total });
        if (!more) {
            *phase = nextPhase(table);
            if (*phase != u"done")
                count = startPhase(*phase);
        }
    }
    return success();
}

Status SyncEngine::refetchEnteredUnits(SyncReport& report)
{
    auto waiting = m_replica.state(kUnitsToRefetch);
    if (!waiting)
        return waiting.error();
    for (const qint64 unitId : idsIn(*waiting))
        if (const Status fetched = refetchMembersOf(unitId, report); !fetched)
            return fetched;
    return success();
}

Status SyncEngine::refetchMembersOf(qint64 unitId, SyncReport& report)
{
    QString after;
    const QSqlDatabase db = m_replica.db();
    // The unit leaves the list in the transaction that writes its last page.
    const auto done = [&]() -> Status {
        auto waiting = m_replica.state(kUnitsToRefetch);
        if (!waiting)
            return waiting.error();
        QList<qint64> ids = idsIn(*waiting);
        ids.removeAll(unitId);
        return m_replica.setState(kUnitsToRefetch, textOf(ids));
    };
    for (;;) {
        QString path = QStringLiteral("/api/v1/members?org=%1&limit=500").arg(unitId);
        if (!after.isEmpty())
            path += QStringLiteral("&after=") + after;
        auto page = checked(m_api.get(path));
        if (!page)
            return page.error();
        if (page->status == 403 || page->status == 404) // it left the scope again: the feed says so later
            return inTransaction(db, done);
        if (!page->ok())
            return refusedBy(*page); // read again by the next sync
        const QJsonObject json = page->json();
        after = json.value(QStringLiteral("next")).toString();
        const Status applied = inTransaction(db, [&]() -> Status {
            ReplicaWriter writer(db, m_replica.sealer());
            for (const auto& item : json.value(QStringLiteral("items")).toArray()) {
                auto member = memberFrom(item.toObject());
                if (!member)
                    return member.error();
                if (const Status s = writer.upsertMember(*member); !s)
                    return s;
                ++report.membersDownloaded;
            }
            return after.isEmpty() ? done() : success();
        });
        if (!applied || after.isEmpty())
            return applied;
    }
}

Status SyncEngine::pull(SyncReport& report, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    const QSqlDatabase db = m_replica.db();
    // What an earlier sync could not finish reading.
    if (const Status fetched = refetchEnteredUnits(report); !fetched)
        return fetched;
    for (;;) {
        if (cancel && cancel->load())
            return Error { ErrorCode::Io, QCoreApplication::translate("SyncEngine", "Đã hủy."),
                { { QStringLiteral("cancelled"), {} } } };
        const QString since = m_replica.state(QStringLiteral("last_seq")).value();
        auto page = checked(m_api.get(QStringLiteral("/api/v1/changes?since=%1&limit=%2")
                                          .arg(since.isEmpty() ? QStringLiteral("0") : since)
                                          .arg(feedPageSize)));
        if (!page)
            return page.error();
        if (!page->ok())
            return refusedBy(*page);
        const QJsonObject json = page->json();
        const QJsonArray items = json.value(QStringLiteral("items")).toArray();
        QList<qint64> enteredScope;
        bool treeChanged = false;
        const Status applied = inTransaction(db, [&]() -> Status {
            ReplicaWriter writer(db, m_replica.sealer());
            for (const auto& value : items) {
                const QJsonObject item = value.toObject();
                const QString entity = item.value(QStringLiteral("entity")).toString();
                const qint64 id = item.value(QStringLiteral("id")).toInteger();
                const bool removed = item.value(QStringLiteral("change")).toString() == u"removed";
                const QJsonObject data = item.value(QStringLiteral("data")).toObject();
                Status done = success();
                if (entity == u"org_unit") {
                    treeChanged = true;
                    if (removed) {
                        done = writer.removeUnit(id);
                    } else if (auto unit = orgUnitFromJson(data)) {
                        if (!exists(db, "org_unit", id))
                            enteredScope.append(id);
                        done = unit->active() ? writer.upsertUnit(*unit) : writer.removeUnit(id);
                    } else {
                        done = unit.error();
                    }
                } else if (entity == u"member") {
                    if (removed) {
                        done = writer.removeMember(id);
                    } else if (auto member = memberFrom(data)) {
                        done = member->onRoster() ? writer.upsertMember(*member) : writer.removeMember(id);
                    } else {
                        done = member.error();
                    }
                } else if (entity == u"participation") {
                    auto figures = participationFromJson(data);
                    done = removed ? removeParticipationCopy(db, id)
                        : figures  ? storeParticipationCopy(db, *figures)
                                   : Status(figures.error());
                } else if (entity == u"content") {
                    if (removed) {
                        done = writer.removeContent(id);
                    } else if (auto content = contentFromServerJson(data)) {
                        done = writer.upsertContent(*content);
                    } else {
                        done = content.error();
                    }
                }
                if (!done)
                    return done;
                ++report.changesApplied;
            }
            if (treeChanged)
                if (const Status s
                    = m_replica.setState(QStringLiteral("periods.current"), QStringLiteral("0"));
                    !s)
                    return s;
            if (!enteredScope.isEmpty()) {
                auto waiting = m_replica.state(kUnitsToRefetch);
                if (!waiting)
                    return waiting.error();
                if (const Status s
                    = m_replica.setState(kUnitsToRefetch, textOf(idsIn(*waiting) + enteredScope));
                    !s)
                    return s;
            }
            return m_replica.setState(
                QStringLiteral("last_seq"), QString::number(json.value(QStringLiteral("next")).toInteger()));
        });
        if (!applied)
            return applied;
        // A unit that came into the scope brings members that the feed never mentioned to this user.
        if (const Status fetched = refetchEnteredUnits(report); !fetched)
            return fetched;
        if (progress)
            progress({ QCoreApplication::translate("SyncEngine", "Đang cập nhật thay đổi"),
                report.changesApplied, -1 });
        if (!json.value(QStringLiteral("more")).toBool())
            return success();
    }
}

Status SyncEngine::downloadPeriods(SyncReport& report)
{
    auto current = m_replica.state(QStringLiteral("periods.current"));
    if (!current)
        return current.error();
    if (*current == u"1")
        return success();
    // A few rows per unit: the whole history of a province fits in memory and in one transaction.
    QList<std::pair<qint64, OrgUnit>> periods;
    qint64 after = 0;
    for (bool more = true; more;) {
        auto page = checked(
            m_api.get(QStringLiteral("/api/v1/sync/periods?after=%1&limit=%2").arg(after).arg(pageSize)));
        if (!page)
            return page.error();
        if (!page->ok())
            return refusedBy(*page);
        const QJsonObject json = page->json();
        for (const auto& value : json.value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = value.toObject();
            OrgUnit unit;
            unit.id = item.value(QStringLiteral("unitId")).toInteger();
            if (const QJsonValue parent = item.value(QStringLiteral("parentId")); !parent.isNull())
                unit.parentId = parent.toInteger();
            unit.kind
                = orgKindFromCode(item.value(QStringLiteral("kind")).toString()).value_or(OrgKind::Cell);
            if (const QJsonValue category = item.value(QStringLiteral("categoryId")); !category.isNull())
                unit.categoryId = category.toInteger();
            unit.code = item.value(QStringLiteral("code")).toString();
            unit.name = item.value(QStringLiteral("name")).toString();
            unit.path = item.value(QStringLiteral("path")).toString();
            unit.validFrom
                = QDate::fromString(item.value(QStringLiteral("validFrom")).toString(), Qt::ISODate);
            unit.validTo = QDate::fromString(item.value(QStringLiteral("validTo")).toString(), Qt::ISODate);
            periods.append({ item.value(QStringLiteral("id")).toInteger(), unit });
        }
        after = json.value(QStringLiteral("next")).toInteger();
        more = json.value(QStringLiteral("more")).toBool();
    }
    // The categories the units refer to come along: a new one appears only with a unit that uses it.
    auto categoryList = checked(m_api.get(QStringLiteral("/api/v1/org-categories")));
    if (!categoryList)
        return categoryList.error();
    if (!categoryList->ok())
        return refusedBy(*categoryList);
    QList<OrgCategory> categories;
    for (const auto& value : categoryList->json().value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        categories.append({ item.value(QStringLiteral("id")).toInteger(),
            item.value(QStringLiteral("code")).toString(), item.value(QStringLiteral("name")).toString(),
            item.value(QStringLiteral("active")).toBool() });
    }
    const QSqlDatabase db = m_replica.db();
    return inTransaction(db, [&]() -> Status {
        ReplicaWriter writer(db, m_replica.sealer());
        if (const Status replaced = writer.replaceCategories(categories); !replaced)
            return replaced;
        if (const Status cleared = writer.clearPeriods(); !cleared)
            return cleared;
        for (const auto& [id, unit] : periods)
            if (const Status written = writer.insertPeriod(id, unit); !written)
                return written;
        report.periodsDownloaded = periods.size();
        return m_replica.setState(QStringLiteral("periods.current"), QStringLiteral("1"));
    });
}

} // namespace sotay::client
