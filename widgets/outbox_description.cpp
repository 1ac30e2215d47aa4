// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox_description.h"

#include "member/member_event.h"
#include "member_labels.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sotay::widgets {
namespace {

QString translated(const char* text)
{
    return QCoreApplication::translate("OutboxDescription", text);
}

QString nameOf(const QSqlDatabase& db, const QString& entity, qint64 id)
{
    const QString statement = entity == u"members"
        ? QStringLiteral(
            "SELECT family_name || ' ' || CASE WHEN middle_name = '' THEN '' ELSE middle_name || ' ' "
            "END || given_name FROM member WHERE id = ?")
        : QStringLiteral("SELECT name FROM org_unit WHERE id = ?");
    auto query = sql::exec(db, statement, { id });
    return query && query->next() ? query->value(0).toString() : QStringLiteral("#%1").arg(id);
}

} // namespace

QString describeOutboxEntry(const QSqlDatabase& db, const client::OutboxEntry& entry)
{
    static const QRegularExpression pattern(
        QStringLiteral("^/api/v1/(members|orgs)(?:/(\\d+))?(?:/(\\w+))?$"));
    const auto match = pattern.match(entry.path);
    if (!match.hasMatch())
        return entry.method + u' ' + entry.path;
    const QString entity = match.captured(1);
    const qint64 id = match.captured(2).toLongLong();
    const QString action = match.captured(3);
    const QJsonObject& body = entry.body;
    if (entity == u"members") {
        if (id == 0) {
            const QStringList parts { body.value(QStringLiteral("familyName")).toString(),
                body.value(QStringLiteral("middleName")).toString(),
                body.value(QStringLiteral("givenName")).toString() };
            return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Thêm đảng viên %1"))
                .arg(parts.join(u' ').simplified());
        }
        const QString name = nameOf(db, entity, id);
        if (action == u"events") {
            const auto type = memberEventTypeFromCode(body.value(QStringLiteral("type")).toString());
            return translated(QT_TRANSLATE_NOOP("OutboxDescription", "%1: %2"))
                .arg(type ? eventTypeLabel(*type)
                          : translated(QT_TRANSLATE_NOOP("OutboxDescription", "Sự kiện")),
                    name);
        }
        return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Sửa hồ sơ %1")).arg(name);
    }
    if (id == 0)
        return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Thêm tổ chức %1"))
            .arg(body.value(QStringLiteral("name")).toString());
    const QString name = nameOf(db, entity, id);
    if (action == u"move")
        return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Chuyển %1 sang nơi trực thuộc khác"))
            .arg(name);
    if (action == u"merge")
        return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Hợp nhất %1")).arg(name);
    if (action == u"dissolve")
        return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Giải thể %1")).arg(name);
    return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Đổi tên %1 thành %2"))
        .arg(name, body.value(QStringLiteral("name")).toString());
}

} // namespace sotay::widgets
