// SPDX-License-Identifier: GPL-3.0-or-later
#include "handler_support.h"

#include "core/json_reader.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "unit_path_cache.h"

#include <QCoreApplication>

#include <algorithm>

namespace sotay::server {
ApiError notVisible()
{
    return ApiError::notFound(
        QCoreApplication::translate("ApiError", "Không tìm thấy, hoặc không thuộc phạm vi của bạn."));
}

bool covers(const Principal& principal, const QString& path)
{
    return principal.scopePath.isEmpty() ? principal.user.role == Role::Admin
                                         : path.startsWith(principal.scopePath);
}

void requireRole(const Principal& principal, std::initializer_list<Role> roles)
{
    for (const Role role : roles)
        if (principal.user.role == role)
            return;
    throw ApiError::forbidden(
        QCoreApplication::translate("ApiError", "Tài khoản của bạn không có quyền làm việc này."));
}

void orThrow(const Status& status)
{
    if (!status)
        throw ApiError::fromError(status.error());
}

qint64 pathId(const ApiRequest& request, const char* name)
{
    // Digits only, as the server writes ids: "72 ", " 72", "072" or "72<NUL>junk" name no record, and
    // toLongLong() alone would take some of them for 72.
    const QString text = request.pathParameters.value(QString::fromLatin1(name));
    const bool digits = !text.isEmpty() && text.size() <= 18 && text.front() != u'0'
        && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!digits)
        throw notVisible();
    return text.toLongLong();
}

QJsonObject bodyObject(const ApiRequest& request)
{
    auto parsed = parseJsonObject(request.body);
    if (!parsed)
        throw ApiError::badRequest(parsed.error().message);
    return *parsed;
}

int queryInt(const ApiRequest& request, const QString& name, int fallback, int min, int max)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = request.query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        const QString message
            = QCoreApplication::translate("ApiError", "Tham số %1 phải là số nguyên từ %2 đến %3.")
                  .arg(name)
                  .arg(min)
                  .arg(max);
        throw ApiError::badRequest(message, { { name, message } });
    }
    return value;
}

void allowQuery(const ApiRequest& request, std::initializer_list<const char*> names)
{
    QList<FieldError> unknown;
    for (const auto& [key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        bool known = false;
        for (const char* name : names)
            known = known || key == QLatin1String(name);
        // A control character is never part of a search or a cursor (and PostgreSQL cannot take U+0000).
        const bool control = std::any_of(
            value.begin(), value.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
        if (!known)
            unknown.append(
                { key.left(60), QCoreApplication::translate("ApiError", "Tham số không được hỗ trợ.") });
        else if (control)
            unknown.append({ key,
                QCoreApplication::translate("ApiError", "Tham số không được chứa ký tự điều khiển.") });
    }
    if (!unknown.isEmpty())
        throw ApiError::badRequest(unknown.front().message, unknown);
}

OrgUnit visibleUnit(const ApiRequest& request, qint64 id)
{
    OrgUnit unit = foundOrNotVisible(OrgRepository(request.db).find(id));
    if (!covers(request.caller(), unit.path))
        throw notVisible();
    return unit;
}

QString visibleUnitPath(const ApiRequest& request, qint64 id, UnitPathCache* paths)
{
    // Paths are kept under the account generation this request read first.
    UnitPathCache* const kept = request.counters ? paths : nullptr;
    const qint64 generation = request.counters ? request.counters->authGeneration : 0;
    std::optional<QString> path = kept ? kept->find(id, generation) : std::nullopt;
    if (!path) {
        path = foundOrNotVisible(OrgRepository(request.db).path(id));
        if (kept)
            kept->keep(id, generation, *path);
    }
    if (!covers(request.caller(), *path))
        throw notVisible();
    return *path;
}

QString unitPath(const ApiRequest& request, qint64 unitId)
{
    return orThrow(OrgRepository(request.db).path(unitId));
}

Member visibleMember(const ApiRequest& request, qint64 id)
{
    Member member = foundOrNotVisible(MemberRepository(request.db).find(id));
    const Principal& caller = request.caller();
    if (caller.user.role == Role::Member) {
        if (caller.user.memberId != member.id)
            throw notVisible();
        return member;
    }
    if (!covers(caller, unitPath(request, member.orgUnitId)))
        throw notVisible();
    return member;
}

qint64 expectedVersion(const ApiRequest& request)
{
    QString value = request.header(QStringLiteral("if-match")).trimmed();
    if (value.startsWith(QStringLiteral("W/")))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
        value = value.mid(1, value.size() - 2);
    bool ok = false;
    const qint64 version = value.toLongLong(&ok);
    if (!ok)
        throw ApiError(428, QStringLiteral("version_required"),
            QCoreApplication::translate("ApiError", "Cần gửi phiên bản đang sửa trong tiêu đề If-Match."));
    return version;
}

WriteContext writeContext(const ApiRequest& request, const Services& services)
{
    return { request.caller().user.username, services.clock() };
}

} // namespace sotay::server
