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

QString nameOf(const QSqlDatabase& db, bool member, qint64 id)
{
    const QString statement = member
        ? QStringLiteral(
            "SELECT family_name || ' ' || CASE WHEN middle_name = '' THEN '' ELSE middle_name || ' ' "
            "END || given_name FROM member WHERE id = ?")
        : QStringLiteral("SELECT name FROM org_unit WHERE id = ?");
    auto query = sql::exec(db, statement, { id });
    return query && query->next() ? query->value(0).toString() : QStringLiteral("#%1").arg(id);
}

} // namespace

std::optional<OutboxTarget> outboxTargetOf(const client::OutboxEntry& entry)
{
    static const QRegularExpression pattern(
        QStringLiteral("^/api/v1/(members|orgs)(?:/(\\d+))?(?:/(\\w+))?$"));
    const auto match = pattern.match(entry.path);
    if (!match.hasMatch())
        return std::nullopt;
    return OutboxTarget { match.captured(1) == u"members", match.captured(2).toLongLong(),
        match.captured(3) };
}

QString describeOutboxEntry(const QSqlDatabase& db, const client::OutboxEntry& entry)
{
    const auto target = outboxTargetOf(entry);
    if (!target)
        return entry.method + u' ' + entry.path;
    const qint64 id = target->id;
    const QString& action = target->action;
    const QJsonObject& body = entry.body;
    if (target->members) {
        if (id == 0) {
            const QStringList parts { body.value(QStringLiteral("familyName")).toString(),
                body.value(QStringLiteral("middleName")).toString(),
                body.value(QStringLiteral("givenName")).toString() };
            return translated(QT_TRANSLATE_NOOP("OutboxDescription", "Thêm đảng viên %1"))
                .arg(parts.join(u' ').simplified());
        }
        const QString name = nameOf(db, target->members, id);
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
    const QString name = nameOf(db, target->members, id);
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
