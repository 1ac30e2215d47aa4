// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/change_recorder.h"

#include "store/sql.h"

#include <QJsonDocument>

namespace sotay {

Result<qint64> reserveChangeSequence(const QSqlDatabase& db, qint64 count)
{
    auto counter = sql::exec(db,
        QStringLiteral("UPDATE change_counter SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq"),
        { count });
    if (!counter)
        return counter.error();
    if (!counter->next())
        return sql::storageError(*counter);
    const qint64 last = counter->value(0).toLongLong();
    counter->finish();
    return last;
}

Result<qint64> recordChange(const QSqlDatabase& db, const Change& change, const WriteContext& context)
{
    QStringList paths { change.path };
    for (const QString& path : change.alsoPaths)
        if (!paths.mid(1).contains(path)) // the object's own row is another entity
            paths.append(path);
    const auto reserved = reserveChangeSequence(db, paths.size());
    if (!reserved)
        return reserved.error();
    const qint64 last = *reserved;

    for (qsizetype i = 0; i < paths.size(); ++i) {
        const qint64 seq = last - paths.size() + 1 + i;
        const QString& path = paths[i];
        const auto inserted = sql::exec(db,
            QStringLiteral(
                "INSERT INTO change_feed (seq, entity, entity_id, operation, path, old_path, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            { seq, i == 0 ? change.entity : change.alsoEntity, change.entityId, change.operation, path,
                i > 0 || change.oldPath.isEmpty() || change.oldPath == path
                    ? QVariant(QMetaType::fromType<QString>())
                    : QVariant(change.oldPath),
                sql::timestamp(context.now) });
        if (!inserted)
            return inserted.error();
    }

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
    return last;
}

} // namespace sotay
