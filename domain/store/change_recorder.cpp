// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/change_recorder.h"

#include "store/sql.h"

#include <QJsonDocument>

namespace sotay {

Result<qint64> recordChange(const QSqlDatabase& db, const Change& change, const WriteContext& context)
{
    auto counter = sql::exec(db,
        QStringLiteral("UPDATE change_counter SET last_seq = last_seq + 1 WHERE id = 1 "
                       "RETURNING last_seq"));
    if (!counter)
        return counter.error();
    if (!counter->next())
        return sql::storageError(*counter);
    const qint64 seq = counter->value(0).toLongLong();
    counter->finish();

    const auto inserted = sql::exec(db,
        QStringLiteral(
            "INSERT INTO change_feed (seq, entity, entity_id, operation, path, old_path, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { seq, change.entity, change.entityId, change.operation, change.path,
            change.oldPath.isEmpty() || change.oldPath == change.path
                ? QVariant(QMetaType::fromType<QString>())
                : QVariant(change.oldPath),
            sql::timestamp(context.now) });
    if (!inserted)
        return inserted.error();

    const auto json = [](const QJsonObject& object) {
        return object.isEmpty()
            ? QVariant(QMetaType::fromType<QString>())
            : QVariant(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    };
    const auto audited = sql::exec(db,
        QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, "
                       "after_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { sql::timestamp(context.now), context.actor,
            change.action.isEmpty() ? QString(change.entity + QStringLiteral(".") + change.operation)
                                    : change.action,
            change.entity, change.entityId, json(change.before), json(change.after) });
    if (!audited)
        return audited.error();
    return seq;
}

} // namespace sotay
