// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/replica_writer.h"

#include "org/org_rules.h"
#include "store/content_repository.h"
#include "store/member_columns.h"
#include "store/sealed_fields.h"
#include "store/sql.h"
#include "text/vietnamese_text.h"

namespace sotay {
namespace {

Status done(const Result<QSqlQuery>& query)
{
    if (!query)
        return query.error();
    return success();
}

} // namespace

ReplicaWriter::ReplicaWriter(const QSqlDatabase& db, const FieldSealer* sealer)
    : m_db(db)
    , m_sealer(sealer)
{
}

Status ReplicaWriter::run(
    std::optional<QSqlQuery>& statement, const QString& text, const QVariantList& values)
{
    if (!statement) {
        statement.emplace(m_db);
        if (!statement->prepare(text)) {
            const Error error = sql::storageError(*statement);
            statement.reset();
            return error;
        }
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        statement->bindValue(static_cast<int>(i), values[i]);
    if (!statement->exec())
        return sql::storageError(*statement);
    return success();
}

Status ReplicaWriter::upsertContent(const ContentItem& item)
{
    return storeContentCopy(m_db, item);
}

Status ReplicaWriter::removeContent(qint64 id)
{
    return removeContentCopy(m_db, id);
}

Status ReplicaWriter::upsertUnit(const OrgUnit& u)
{
    return run(m_upsertUnit,
        QStringLiteral(
            "INSERT INTO org_unit (id, parent_id, kind, category_id, code, name, name_folded, path, "
            "valid_from, "
            "valid_to, end_reason, successor_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, kind = excluded.kind, "
            "category_id = excluded.category_id, code = excluded.code, name = excluded.name, "
            "name_folded = excluded.name_folded, path = excluded.path, valid_from = excluded.valid_from, "
            "valid_to = excluded.valid_to, end_reason = excluded.end_reason, "
            "successor_id = excluded.successor_id, version = excluded.version"),
        { u.id, sql::optionalId(u.parentId), toCode(u.kind), sql::optionalId(u.categoryId), u.code, u.name,
            text::fold(u.name), u.path, sql::date(u.validFrom), sql::date(u.validTo),
            u.endReason ? QVariant(toCode(*u.endReason)) : QVariant(QMetaType::fromType<QString>()),
            sql::optionalId(u.successorId), u.version });
}

Status ReplicaWriter::upsertMember(const Member& m)
{
    // The sealed form also keeps the citizen id's keyed hash, by which the console finds a member.
    const auto statementFor = [](bool sealed) -> QString {
        QStringList columns = kMemberDataColumns;
        if (sealed)
            columns.append(QStringLiteral("citizen_id_hash"));
        QStringList updates;
        for (const auto& column : columns)
            updates.append(column + QStringLiteral(" = excluded.") + column);
        return QStringLiteral("INSERT INTO member (id, ") + columns.join(QStringLiteral(", "))
            + QStringLiteral(", version) VALUES (") + sql::placeholders(columns.size() + 2)
            + QStringLiteral(") ON CONFLICT (id) DO UPDATE SET ") + updates.join(QStringLiteral(", "))
            + QStringLiteral(", version = excluded.version");
    };
    static const QString plain = statementFor(false);
    static const QString sealed = statementFor(true);
    QVariantList values { m.id };
    if (m_sealer) {
        values += bindMember(sealedMember(m, *m_sealer));
        values << (m.citizenId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                         : QVariant(m_sealer->citizenIdHash(m.citizenId)));
    } else {
        values += bindMember(m);
    }
    values << m.version;
    return run(m_upsertMember, m_sealer ? sealed : plain, values);
}

Status ReplicaWriter::removeUnit(qint64 id)
{
    auto query = sql::exec(m_db, QStringLiteral("SELECT path FROM org_unit WHERE id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return success();
    const QString path = query->value(0).toString();
    query->finish();
    // Its members and its cells' participation figures go with it.
    for (const QString& statement : { QStringLiteral("DELETE FROM member WHERE org_unit_id IN (SELECT id "
                                                     "FROM org_unit WHERE path >= ? AND path < ?)"),
             QStringLiteral(
                 "DELETE FROM participation_month WHERE cell_id IN (SELECT id FROM org_unit WHERE path >= ? "
                 "AND path < ?)") })
        if (const Status removed = done(sql::exec(m_db, statement, { path, subtreeEnd(path) })); !removed)
            return removed;
    return done(sql::exec(m_db, QStringLiteral("DELETE FROM org_unit WHERE path >= ? AND path < ?"),
        { path, subtreeEnd(path) }));
}

Status ReplicaWriter::removeMember(qint64 id)
{
    return done(sql::exec(m_db, QStringLiteral("DELETE FROM member WHERE id = ?"), { id }));
}

Status ReplicaWriter::clearPeriods()
{
    return done(sql::exec(m_db, QStringLiteral("DELETE FROM org_unit_period")));
}

Status ReplicaWriter::replaceCategories(const QList<OrgCategory>& categories)
{
    if (const Status cleared = done(sql::exec(m_db, QStringLiteral("DELETE FROM org_category"))); !cleared)
        return cleared;
    for (const OrgCategory& category : categories)
        if (const Status inserted = done(sql::exec(m_db,
                QStringLiteral("INSERT INTO org_category (id, code, name, active) VALUES (?, ?, ?, ?)"),
                { category.id, category.code, category.name, category.active ? 1 : 0 }));
            !inserted)
            return inserted;
    return success();
}

Status ReplicaWriter::insertPeriod(qint64 periodId, const OrgUnit& unit)
{
    return run(m_insertPeriod,
        QStringLiteral(
            "INSERT INTO org_unit_period (id, unit_id, parent_id, kind, category_id, code, name, path, "
            "valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { periodId, unit.id, sql::optionalId(unit.parentId), toCode(unit.kind),
            sql::optionalId(unit.categoryId), unit.code, unit.name, unit.path, sql::date(unit.validFrom),
            sql::date(unit.validTo) });
}

} // namespace sotay
