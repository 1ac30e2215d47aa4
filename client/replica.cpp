// SPDX-License-Identifier: GPL-3.0-or-later
#include "replica.h"

#include "server_address.h"
#include "store/database.h"
#include "store/member_repository.h"
#include "store/private_files.h"
#include "store/sealed_fields.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

#include <atomic>
#include <tuple>

namespace sotay::client {
namespace {

std::atomic<int> g_connections { 0 };

// The console's own tables, beside the domain schema. Replicas are SQLite only.
const char* const kReplicaTables[] = {
    "CREATE TABLE IF NOT EXISTS replica_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, "
    "method TEXT NOT NULL, path TEXT NOT NULL, body TEXT NOT NULL, if_match INTEGER, "
    "state TEXT NOT NULL DEFAULT 'pending', message TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS conflict (id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL, entity TEXT "
    "NOT NULL, "
    "entity_id INTEGER NOT NULL, local_json TEXT NOT NULL, server_json TEXT NOT NULL, resolved INTEGER NOT "
    "NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS local_verifier (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL)",
};

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
QJsonObject parse(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

Status done(const Result<QSqlQuery>& query)
{
    if (!query)
        return query.error();
    return success();
}

const QString kWrappedKey = QStringLiteral("key.wrapped");

QString outboxPlace(const QString& idempotencyKey)
{
    return QStringLiteral("outbox:") + idempotencyKey;
}

QString conflictPlace(qint64 outboxId, const char* side)
{
    return QStringLiteral("conflict:%1:%2").arg(outboxId).arg(QLatin1StringView(side));
}

// The keyed hash of each member's citizen id, by which a sealed replica finds a member.
Status addCitizenIdHash(const QSqlDatabase& db)
{
    auto present = sql::exec(db,
        QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('member') WHERE name = 'citizen_id_hash'"));
    if (!present)
        return present.error();
    if (present->next() && present->value(0).toInt() > 0)
        return success();
    present->finish();
    if (const Status added
        = done(sql::exec(db, QStringLiteral("ALTER TABLE member ADD COLUMN citizen_id_hash TEXT")));
        !added)
        return added;
    return done(sql::exec(
        db, QStringLiteral("CREATE INDEX IF NOT EXISTS member_citizen_id_hash ON member (citizen_id_hash)")));
}

} // namespace

Replica::Replica(QString path, QString connection, const QSqlDatabase& db)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
    , m_db(db)
{
}

Replica::~Replica()
{
    m_db = {};
    closeDatabase(m_connection);
}

QString Replica::defaultPath(const QUrl& server, const QString& username)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/replicas/") + server.host() + u'_' + QString::number(effectivePort(server));
    return folder + u'/' + username.trimmed().toLower() + QStringLiteral(".sqlite");
}

Result<std::unique_ptr<Replica>> Replica::open(const QString& path)
{
    // The replicas' own folders (defaultPath), which versions before issue 11 left readable by everyone; a
    // folder the user chose (--replica) is left as it is, the file itself is made private in any case.
    const QString replicas = QDir::cleanPath(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/replicas"));
    const QString folder = QFileInfo(path).absolutePath();
    if (folder.startsWith(replicas + u'/') && QFileInfo(folder).isDir())
        for (const QString& own : { replicas, folder })
            if (const Status restricted = restrictFolder(own); !restricted)
                return restricted.error();
    DatabaseConfig config = DatabaseConfig::sqlite(path, false);
    config.foreignKeys = false;
    const QString connection = QStringLiteral("sotay-replica-%1").arg(++g_connections);
    auto db = openAndMigrate(config, connection);
    if (!db) {
        closeDatabase(connection);
        return db.error();
    }
    for (const char* statement : kReplicaTables)
        if (const Status created = done(sql::exec(*db, QString::fromLatin1(statement))); !created) {
            db = QSqlDatabase();
            closeDatabase(connection);
            return created.error();
        }
    // Deleted and overwritten rows are zeroed rather than left in free pages (a sealed replica's older values
    // are sealed too, but one from before sealing had them in clear).
    if (const Status zeroing = done(sql::exec(*db, QStringLiteral("PRAGMA secure_delete = ON"))); !zeroing) {
        db = QSqlDatabase();
        closeDatabase(connection);
        return zeroing.error();
    }
    if (const Status added = addCitizenIdHash(*db); !added) {
        db = QSqlDatabase();
        closeDatabase(connection);
        return added.error();
    }
    return std::unique_ptr<Replica>(new Replica(path, connection, *db));
}

Result<Replica::Unlock> Replica::unlock(const QString& password, PasswordHasher::Cost cost)
{
    auto stored = state(kWrappedKey);
    if (!stored)
        return stored.error();
    if (!stored->isEmpty()) {
        const auto wrapped = WrappedKey::fromText(*stored);
        if (!wrapped)
            return Error::storage(
                QCoreApplication::translate("Replica", "Khóa dữ liệu lưu trên máy này bị hỏng."));
        auto opened = FieldCipher::open(*wrapped, password);
        if (!opened)
            return opened.error().code == ErrorCode::Invalid ? Result<Unlock>(Unlock::WrongPassword)
                                                             : Result<Unlock>(opened.error());
        m_cipher = *opened;
        return Unlock::Opened;
    }
    auto made = FieldCipher::create(password, cost);
    if (!made)
        return made.error();
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    m_cipher = made->first;
    Status sealed = setState(kWrappedKey, made->second.toText());
    if (sealed)
        sealed = sealExisting();
    if (sealed)
        sealed = transaction.commit();
    if (!sealed) {
        m_cipher.reset();
        return sealed.error();
    }
    // What was in clear may linger in free pages and in the WAL: rewritten without it, then the WAL emptied.
    if (const Status compacted = done(sql::exec(m_db, QStringLiteral("VACUUM"))); !compacted)
        return compacted.error();
    if (const Status emptied = done(sql::exec(m_db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        !emptied)
        return emptied.error();
    return Unlock::Created;
}

Result<bool> Replica::hasKey() const
{
    auto stored = state(kWrappedKey);
    if (!stored)
        return stored.error();
    return !stored->isEmpty();
}

Status Replica::rewrap(const QString& newPassword, PasswordHasher::Cost cost)
{
    if (!m_cipher)
        return Error::invalid(QCoreApplication::translate("Replica", "Dữ liệu trên máy chưa được mở khóa."));
    auto wrapped = m_cipher->wrap(newPassword, cost);
    if (!wrapped)
        return wrapped.error();
    return setState(kWrappedKey, wrapped->toText());
}

Status Replica::sealExisting()
{
    auto members = sql::exec(m_db, QStringLiteral("SELECT id, ethnicity, religion, citizen_id FROM member"));
    if (!members)
        return members.error();
    QList<Member> clear;
    while (members->next()) {
        Member member;
        member.id = members->value(0).toLongLong();
        member.ethnicity = members->value(1).toString();
        member.religion = members->value(2).toString();
        member.citizenId = members->value(3).toString();
        clear.append(member);
    }
    members->finish();
    // One statement prepared for a province's 200,000 rows.
    QSqlQuery update(m_db);
    if (!update.prepare(QStringLiteral("UPDATE member SET ethnicity = ?, religion = ?, citizen_id = ?, "
                                       "citizen_id_hash = ? WHERE id = ?")))
        return sql::storageError(update);
    for (const Member& member : clear) {
        const Member sealed = sealedMember(member, *m_cipher);
        update.bindValue(0, sealed.ethnicity);
        update.bindValue(1, sealed.religion);
        update.bindValue(2, sealed.citizenId);
        update.bindValue(3,
            member.citizenId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                       : QVariant(m_cipher->citizenIdHash(member.citizenId)));
        update.bindValue(4, member.id);
        if (!update.exec())
            return sql::storageError(update);
    }
    auto bodies = sql::exec(m_db, QStringLiteral("SELECT id, idempotency_key, body FROM outbox"));
    if (!bodies)
        return bodies.error();
    QList<std::tuple<qint64, QString, QString>> outbox;
    while (bodies->next())
        outbox.append(
            { bodies->value(0).toLongLong(), bodies->value(1).toString(), bodies->value(2).toString() });
    bodies->finish();
    for (const auto& [id, key, body] : outbox)
        if (const Status written
            = done(sql::exec(m_db, QStringLiteral("UPDATE outbox SET body = ? WHERE id = ?"),
                { sealedText(parse(body), outboxPlace(key)), id }));
            !written)
            return written;
    auto kept
        = sql::exec(m_db, QStringLiteral("SELECT id, outbox_id, local_json, server_json FROM conflict"));
    if (!kept)
        return kept.error();
    QList<std::tuple<qint64, qint64, QString, QString>> conflicts;
    while (kept->next())
        conflicts.append({ kept->value(0).toLongLong(), kept->value(1).toLongLong(),
            kept->value(2).toString(), kept->value(3).toString() });
    kept->finish();
    for (const auto& [id, outboxId, local, server] : conflicts)
        if (const Status written = done(sql::exec(m_db,
                QStringLiteral("UPDATE conflict SET local_json = ?, server_json = ? WHERE id = ?"),
                { sealedText(parse(local), conflictPlace(outboxId, "local")),
                    sealedText(parse(server), conflictPlace(outboxId, "server")), id }));
            !written)
            return written;
    return success();
}

QString Replica::sealedText(const QJsonObject& json, const QString& place) const
{
    return compact(m_cipher ? sealedJson(json, *m_cipher, place) : json);
}

Result<QJsonObject> Replica::openedJson(const QString& text, const QString& place) const
{
    const QJsonObject json = parse(text);
    if (!m_cipher)
        return json;
    return unsealedJson(json, *m_cipher, place);
}

Result<Member> Replica::member(qint64 id) const
{
    auto found = MemberRepository(m_db).find(id);
    if (!found || !m_cipher)
        return found;
    return unsealedMember(*found, *m_cipher);
}

Result<QString> Replica::state(const QString& key) const
{
    auto query = sql::exec(m_db, QStringLiteral("SELECT value FROM replica_state WHERE key = ?"), { key });
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toString() : QString();
}

Status Replica::setState(const QString& key, const QString& value)
{
    return done(sql::exec(m_db,
        QStringLiteral("INSERT INTO replica_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                       "value = excluded.value"),
        { key, sql::text(value) }));
}

Result<OutboxEntry> Replica::enqueue(
    const QString& method, const QString& path, const QJsonObject& body, std::optional<qint64> ifMatch)
{
    OutboxEntry entry { 0, QUuid::createUuid().toString(QUuid::WithoutBraces), method, path, body, ifMatch,
        QStringLiteral("pending"), {}, QDateTime::currentDateTimeUtc() };
    auto inserted = sql::exec(m_db,
        QStringLiteral("INSERT INTO outbox (idempotency_key, method, path, body, if_match, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        { entry.idempotencyKey, method, path, sealedText(body, outboxPlace(entry.idempotencyKey)),
            sql::optionalId(ifMatch), sql::timestamp(entry.createdAt) });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    entry.id = inserted->value(0).toLongLong();
    return entry;
}

Result<bool> Replica::adopt(const OutboxEntry& entry)
{
    auto inserted = sql::exec(m_db,
        QStringLiteral("INSERT INTO outbox (idempotency_key, method, path, body, if_match, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING"),
        { entry.idempotencyKey, entry.method, entry.path,
            sealedText(entry.body, outboxPlace(entry.idempotencyKey)), sql::optionalId(entry.ifMatch),
            sql::timestamp(entry.createdAt) });
    if (!inserted)
        return inserted.error();
    return inserted->numRowsAffected() == 1;
}

namespace {

const QString kOutboxColumns = QStringLiteral(
    "id, idempotency_key, method, path, body, if_match, state, message, created_at FROM outbox ");

Result<bool> changedOneRow(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    return query->numRowsAffected() == 1;
}

} // namespace

Result<OutboxEntry> Replica::outboxEntryFrom(const QSqlQuery& query, int first) const
{
    const QString key = query.value(first + 1).toString();
    auto body = openedJson(query.value(first + 4).toString(), outboxPlace(key));
    if (!body)
        return body.error();
    return OutboxEntry { query.value(first).toLongLong(), key, query.value(first + 2).toString(),
        query.value(first + 3).toString(), *body, sql::toOptionalId(query.value(first + 5)),
        query.value(first + 6).toString(), query.value(first + 7).toString(),
        QDateTime::fromString(query.value(first + 8).toString(), Qt::ISODateWithMs) };
}

// A conflict row: id, outbox_id, entity, entity_id, local_json, server_json.
Result<Conflict> Replica::conflictFrom(const QSqlQuery& query) const
{
    const qint64 outboxId = query.value(1).toLongLong();
    auto local = openedJson(query.value(4).toString(), conflictPlace(outboxId, "local"));
    if (!local)
        return local.error();
    auto server = openedJson(query.value(5).toString(), conflictPlace(outboxId, "server"));
    if (!server)
        return server.error();
    return Conflict { query.value(0).toLongLong(), outboxId, query.value(2).toString(),
        query.value(3).toLongLong(), *local, *server };
}

Result<QList<OutboxEntry>> Replica::pending() const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT ") + kOutboxColumns
            + QStringLiteral("WHERE state IN ('pending', 'sending') ORDER BY id"));
    if (!query)
        return query.error();
    QList<OutboxEntry> entries;
    while (query->next()) {
        auto entry = outboxEntryFrom(*query);
        if (!entry)
            return entry.error();
        entries.append(*entry);
    }
    return entries;
}

Result<qint64> Replica::pendingCount() const
{
    auto query = sql::exec(
        m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<OutboxEntry> Replica::entry(qint64 outboxId) const
{
    auto query = sql::exec(
        m_db, QStringLiteral("SELECT ") + kOutboxColumns + QStringLiteral("WHERE id = ?"), { outboxId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("Replica", "Không còn sửa đổi này trong danh sách chờ gửi."));
    return outboxEntryFrom(*query);
}

Result<bool> Replica::claim(qint64 outboxId)
{
    return changedOneRow(sql::exec(m_db,
        QStringLiteral(
            "UPDATE outbox SET state = 'sending' WHERE id = ? AND state IN ('pending', 'sending')"),
        { outboxId }));
}

Result<bool> Replica::withdraw(qint64 outboxId)
{
    return changedOneRow(sql::exec(
        m_db, QStringLiteral("DELETE FROM outbox WHERE id = ? AND state = 'pending'"), { outboxId }));
}

Result<bool> Replica::replaceBody(qint64 outboxId, const QJsonObject& body)
{
    auto key
        = sql::exec(m_db, QStringLiteral("SELECT idempotency_key FROM outbox WHERE id = ?"), { outboxId });
    if (!key)
        return key.error();
    if (!key->next())
        return false;
    const QString place = outboxPlace(key->value(0).toString());
    key->finish();
    return changedOneRow(
        sql::exec(m_db, QStringLiteral("UPDATE outbox SET body = ? WHERE id = ? AND state = 'pending'"),
            { sealedText(body, place), outboxId }));
}

Status Replica::finish(qint64 outboxId, const QString& state, const QString& message)
{
    return done(sql::exec(m_db, QStringLiteral("UPDATE outbox SET state = ?, message = ? WHERE id = ?"),
        { state, sql::text(message), outboxId }));
}

Status Replica::keepConflict(
    const OutboxEntry& entry, const QString& entity, qint64 entityId, const QJsonObject& server)
{
    return done(sql::exec(m_db,
        QStringLiteral("INSERT INTO conflict (outbox_id, entity, entity_id, local_json, server_json) VALUES "
                       "(?, ?, ?, ?, ?)"),
        { entry.id, entity, entityId, sealedText(entry.body, conflictPlace(entry.id, "local")),
            sealedText(server, conflictPlace(entry.id, "server")) }));
}

Result<QList<Conflict>> Replica::conflicts() const
{
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT id, outbox_id, entity, entity_id, local_json, server_json FROM conflict WHERE "
                       "resolved = 0 "
                       "ORDER BY id"));
    if (!query)
        return query.error();
    QList<Conflict> list;
    while (query->next()) {
        auto conflict = conflictFrom(*query);
        if (!conflict)
            return conflict.error();
        list.append(*conflict);
    }
    return list;
}

Result<qint64> Replica::conflictCount() const
{
    auto query = sql::exec(m_db, QStringLiteral("SELECT COUNT(*) FROM conflict WHERE resolved = 0"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Status Replica::resolveConflict(qint64 conflictId)
{
    return done(
        sql::exec(m_db, QStringLiteral("UPDATE conflict SET resolved = 1 WHERE id = ?"), { conflictId }));
}

Result<QList<UnsettledEdit>> Replica::unsettled() const
{
    // The refused entries, and the conflicts still open with the entry each came from.
    auto query = sql::exec(m_db,
        QStringLiteral("SELECT c.id, c.outbox_id, c.entity, c.entity_id, c.local_json, c.server_json, o.id, "
                       "o.idempotency_key, o.method, o.path, o.body, o.if_match, o.state, o.message, "
                       "o.created_at FROM outbox o LEFT JOIN conflict c ON c.outbox_id = o.id AND "
                       "c.resolved = 0 WHERE o.state = 'refused' OR c.id IS NOT NULL ORDER BY o.id, c.id"));
    if (!query)
        return query.error();
    QList<UnsettledEdit> list;
    while (query->next()) {
        auto entry = outboxEntryFrom(*query, 6);
        if (!entry)
            return entry.error();
        UnsettledEdit edit { *entry, std::nullopt };
        if (!query->value(0).isNull()) {
            auto conflict = conflictFrom(*query);
            if (!conflict)
                return conflict.error();
            edit.conflict = *conflict;
        }
        list.append(edit);
    }
    return list;
}

Result<qint64> Replica::refusedCount() const
{
    auto query = sql::exec(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'refused'"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<bool> Replica::discardRefused(qint64 outboxId)
{
    return changedOneRow(sql::exec(
        m_db, QStringLiteral("DELETE FROM outbox WHERE id = ? AND state = 'refused'"), { outboxId }));
}

Result<OutboxEntry> Replica::replaceRefused(qint64 refusedId, const QString& method, const QString& path,
    const QJsonObject& body, std::optional<qint64> ifMatch)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto dropped = discardRefused(refusedId);
    if (!dropped)
        return dropped.error();
    if (!*dropped)
        return Error::notFound(QCoreApplication::translate(
            "Replica", "Sửa đổi bị từ chối này không còn trong danh sách (đã được bỏ hoặc gửi lại)."));
    auto queued = enqueue(method, path, body, ifMatch);
    if (!queued)
        return queued.error();
    if (const Status committed = transaction.commit(); !committed)
        return committed.error();
    return queued;
}

Result<OutboxEntry> Replica::requeueConflict(const Conflict& conflict, qint64 version)
{
    auto original = entry(conflict.outboxId);
    if (!original)
        return original.error();
    if (!m_db.transaction())
        return Error::storage(m_db.lastError().text());
    auto queued = enqueue(original->method, original->path, original->body, version);
    const Status resolved = queued ? resolveConflict(conflict.id) : Status(queued.error());
    if (!resolved || !m_db.commit()) {
        const Error error = resolved ? Error::storage(m_db.lastError().text()) : resolved.error();
        m_db.rollback();
        return error;
    }
    return queued;
}

Status Replica::setVerifier(const QString& username, const QString& hash)
{
    return done(sql::exec(m_db,
        QStringLiteral("INSERT INTO local_verifier (username, password_hash) VALUES (?, ?) ON CONFLICT "
                       "(username) DO UPDATE "
                       "SET password_hash = excluded.password_hash"),
        { username.trimmed().toLower(), hash }));
}

Result<QString> Replica::verifier(const QString& username) const
{
    auto query
        = sql::exec(m_db, QStringLiteral("SELECT password_hash FROM local_verifier WHERE username = ?"),
            { username.trimmed().toLower() });
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toString() : QString();
}

} // namespace sotay::client
