// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_writer.h"

#include "member/member_json.h"
#include "org/org_json.h"
#include "store/change_recorder.h"
#include "store/member_columns.h"
#include "store/sql.h"
#include "store/sqlite_rows.h"
#include "text/vietnamese_text.h"

#include <QJsonDocument>

namespace sotay::demo {
namespace {

// SQLite's historical limit on the parameters of one statement; PostgreSQL allows far more.
constexpr int kMaxParameters = 999;

// The member table's columns as the repositories write them, with the id first (the demo assigns ids).
QStringList memberColumns()
{
    return QStringList { QStringLiteral("id") } + kMemberDataColumns;
}

QStringList columns(std::initializer_list<const char*> names)
{
    QStringList list;
    for (const char* name : names)
        list.append(QString::fromLatin1(name));
    return list;
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

} // namespace

BulkInsert::BulkInsert(const QSqlDatabase& db, QString table, QStringList columns, BulkInsert* refersTo)
    : m_db(db)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_refersTo(refersTo)
    , m_batchRows(std::max(1, kMaxParameters / static_cast<int>(m_columns.size())))
{
}

Status BulkInsert::add(const QVariantList& row)
{
    m_pending.append(row);
    if (m_pending.size() >= qsizetype { m_batchRows } * m_columns.size())
        return flush();
    return success();
}

Status BulkInsert::flush()
{
    if (m_pending.isEmpty())
        return success();
    if (m_refersTo)
        if (const Status flushed = m_refersTo->flush(); !flushed)
            return flushed;
    const int rows = static_cast<int>(m_pending.size() / m_columns.size());
    // On SQLite through its own API: Qt SQL's binding of a thousand values a statement costs more than the
    // insert itself.
    if (m_direct) {
        std::unique_ptr<SqliteRows>& prepared = m_directStatements[rows];
        Status done = success();
        if (prepared) {
            done = prepared->runAgain(m_pending);
        } else {
            auto direct = SqliteRows::prepare(m_db, text(rows), {});
            if (!direct)
                return direct.error();
            prepared = std::move(*direct);
            m_direct = prepared != nullptr;
            if (prepared)
                done = prepared->runAgain(m_pending);
        }
        if (!done)
            return done;
        if (m_direct) {
            m_pending.clear();
            return success();
        }
    }
    auto query = statement(rows);
    if (!query)
        return query.error();
    for (qsizetype i = 0; i < m_pending.size(); ++i)
        (*query)->bindValue(static_cast<int>(i), m_pending.at(i));
    if (!(*query)->exec())
        return sql::storageError(**query);
    m_pending.clear();
    return success();
}

const QString& BulkInsert::text(int rows)
{
    QString& statement = m_texts[rows];
    if (statement.isEmpty()) {
        const QString row = u'(' + sql::placeholders(m_columns.size()) + u')';
        statement = QStringLiteral("INSERT INTO ") + m_table + QStringLiteral(" (")
            + m_columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES ")
            + QStringList(rows, row).join(u',');
    }
    return statement;
}

Result<QSqlQuery*> BulkInsert::statement(int rows)
{
    auto& slot = m_statements[rows];
    if (!slot) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(text(rows)))
            return sql::storageError(*query);
        slot = std::move(query);
    }
    return slot.get();
}

DemoWriter::DemoWriter(const QSqlDatabase& db, const WriteContext& context)
    : m_db(db)
    , m_actor(context.actor)
    , m_now(sql::timestamp(context.now))
    , m_units(db, QStringLiteral("org_unit"),
          columns({ "id", "parent_id", "kind", "category_id", "code", "name", "name_folded", "path",
              "valid_from" }))
    , m_periods(db, QStringLiteral("org_unit_period"),
          columns({ "unit_id", "parent_id", "kind", "category_id", "code", "name", "path", "valid_from" }),
          &m_units)
    , m_operations(db, QStringLiteral("org_operation"),
          columns({ "type", "unit_id", "other_unit_id", "decision_number", "effective_on", "details",
              "recorded_at", "recorded_by" }),
          &m_periods)
    , m_members(db, QStringLiteral("member"), memberColumns(), &m_operations)
    , m_events(db, QStringLiteral("member_event"),
          columns({ "member_id", "type", "occurred_on", "decision_number", "permanent", "from_org_unit_id",
              "to_org_unit_id", "note", "recorded_at", "recorded_by" }),
          &m_members)
    , m_feed(db, QStringLiteral("change_feed"),
          columns({ "seq", "entity", "entity_id", "operation", "path", "old_path", "changed_at" }))
    , m_audit(db, QStringLiteral("audit_log"),
          columns({ "at", "actor", "action", "entity", "entity_id", "before_json", "after_json" }))
{
}

Status DemoWriter::reserveChanges(qint64 count)
{
    const auto reserved = reserveChangeSequence(m_db, count);
    if (!reserved)
        return reserved.error();
    m_nextSeq = *reserved - count + 1;
    return success();
}

// What recordChange() writes for a created object: its feed row and its audit row ("org.create",
// "member.create") with the object as it was read back after the insert.
Status DemoWriter::addChange(const QString& entity, qint64 id, const QString& path, const QJsonObject& after)
{
    if (const Status added
        = m_feed.add({ m_nextSeq++, entity, id, QStringLiteral("upsert"), path, nullText(), m_now });
        !added)
        return added;
    const QString action
        = entity == u"member" ? QStringLiteral("member.create") : QStringLiteral("org.create");
    return m_audit.add({ m_now, m_actor, action, entity, id, nullText(),
        QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)) });
}

Status DemoWriter::addUnit(const UnitRow& u)
{
    const QString name = text::cleanText(u.name);
    const QString code = text::cleanText(u.code);
    const QVariant parent = sql::optionalId(u.parentId);
    const QVariant category = sql::optionalId(u.categoryId);
    const QVariant validFrom = sql::date(u.decision.effectiveOn);
    if (const Status added = m_units.add(
            { u.id, parent, toCode(u.kind), category, code, name, text::fold(name), u.path, validFrom });
        !added)
        return added;
    if (const Status added
        = m_periods.add({ u.id, parent, toCode(u.kind), category, code, name, u.path, validFrom });
        !added)
        return added;
    if (const Status added = m_operations.add({ QStringLiteral("create"), u.id, parent,
            text::cleanText(u.decision.number), validFrom, QStringLiteral(""), m_now, m_actor });
        !added)
        return added;
    OrgUnit stored;
    stored.id = u.id;
    stored.parentId = u.parentId;
    stored.kind = u.kind;
    stored.categoryId = u.categoryId;
    stored.code = code;
    stored.name = name;
    stored.path = u.path;
    stored.validFrom = u.decision.effectiveOn;
    stored.version = 1;
    return addChange(QStringLiteral("org_unit"), u.id, u.path, toJson(stored));
}

Status DemoWriter::addMember(const GeneratedMember& generated, const QString& unitPath)
{
    const Member& m = generated.member;
    QVariantList row { m.id };
    row += bindMember(m);
    const Status added = m_members.add(row);
    if (!added)
        return added;
    for (const MemberEvent& e : generated.events) {
        if (const Status event = m_events.add({ m.id, toCode(e.type), sql::date(e.occurredOn),
                sql::text(text::cleanText(e.decisionNumber)), e.permanent, sql::optionalId(e.fromOrgUnitId),
                sql::optionalId(e.toOrgUnitId), sql::text(e.note.trimmed()), m_now, m_actor });
            !event)
            return event;
        ++m_eventCount;
    }
    Member stored = m;
    stored.version = 1;
    return addChange(QStringLiteral("member"), m.id, unitPath, toJson(stored));
}

Status DemoWriter::finish()
{
    for (BulkInsert* table :
        { &m_units, &m_periods, &m_operations, &m_members, &m_events, &m_feed, &m_audit })
        if (const Status flushed = table->flush(); !flushed)
            return flushed;
    if (sql::dialectOf(m_db) != Dialect::Postgres)
        return success();
    // Ids were given explicitly, which an identity column does not notice: move its sequence past them.
    for (const char* table : { "org_unit", "member" }) {
        const QString name = QString::fromLatin1(table);
        const auto moved = sql::exec(m_db,
            QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT MAX(id) FROM %1))")
                .arg(name));
        if (!moved)
            return moved.error();
    }
    return success();
}

} // namespace sotay::demo
