// SPDX-License-Identifier: GPL-3.0-or-later
#include "change_batch.h"

#include "store/change_recorder.h"
#include "store/sql.h"

#include <QJsonDocument>

namespace sotay::demo {
namespace {

QVariant jsonOrNull(const QJsonObject& object)
{
    return object.isEmpty()
        ? QVariant(QMetaType::fromType<QString>())
        : QVariant(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

} // namespace

ChangeBatch::ChangeBatch(const QSqlDatabase& db)
    : m_db(db)
    , m_feed(db, QStringLiteral("change_feed"),
          { QStringLiteral("seq"), QStringLiteral("entity"), QStringLiteral("entity_id"),
              QStringLiteral("operation"), QStringLiteral("path"), QStringLiteral("old_path"),
              QStringLiteral("changed_at") })
    , m_audit(db, QStringLiteral("audit_log"),
          { QStringLiteral("at"), QStringLiteral("actor"), QStringLiteral("action"), QStringLiteral("entity"),
              QStringLiteral("entity_id"), QStringLiteral("before_json"), QStringLiteral("after_json") })
{
}

void ChangeBatch::add(const Change& change, const WriteContext& context)
{
    m_changes.append({ change, context });
}

void ChangeBatch::audit(const QString& action, const QString& entity, qint64 entityId,
    const QJsonObject& after, const WriteContext& context)
{
    Change row;
    row.entity = entity;
    row.entityId = entityId;
    row.action = action;
    row.after = after;
    m_audits.append({ row, context });
}

Status ChangeBatch::write()
{
    if (m_changes.isEmpty() && m_audits.isEmpty())
        return success();
    const auto count = static_cast<qint64>(m_changes.size());
    qint64 seq = 0;
    if (count > 0) {
        const auto reserved = reserveChangeSequence(m_db, count);
        if (!reserved)
            return reserved.error();
        seq = *reserved - count + 1;
    }

    for (const auto& [change, context] : m_changes) {
        const QVariant at = sql::timestamp(context.now);
        if (const Status added = m_feed.add({ seq++, change.entity, change.entityId, change.operation,
                change.path, QVariant(QMetaType::fromType<QString>()), at });
            !added)
            return added;
        const QString action
            = change.action.isEmpty() ? change.entity + u'.' + change.operation : change.action;
        if (const Status added = m_audit.add({ at, context.actor, action, change.entity, change.entityId,
                jsonOrNull(change.before), jsonOrNull(change.after) });
            !added)
            return added;
    }
    for (const auto& [row, context] : m_audits)
        if (const Status added = m_audit.add({ sql::timestamp(context.now), context.actor, row.action,
                row.entity, row.entityId, QVariant(QMetaType::fromType<QString>()), jsonOrNull(row.after) });
            !added)
            return added;
    if (const Status flushed = m_feed.flush(); !flushed)
        return flushed;
    if (const Status flushed = m_audit.flush(); !flushed)
        return flushed;
    m_changes.clear();
    m_audits.clear();
    return success();
}

} // namespace sotay::demo
