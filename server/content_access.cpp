// SPDX-License-Identifier: GPL-3.0-or-later
#include "content_access.h"

#include "handler_support.h"
#include "store/content_repository.h"

#include <QCoreApplication>

#include <algorithm>

namespace sotay::server {

bool mayReadContent(const Principal& caller, const ContentItem& item)
{
    if (caller.user.role == Role::Admin)
        return true;
    if (caller.user.role == Role::Member || caller.scopePath.isEmpty())
        return false;
    if (covers(caller, item.authorOrgPath))
        return true;
    if (item.state == ContentState::Draft)
        return false;
    return std::any_of(item.audiencePaths.begin(), item.audiencePaths.end(),
        [&](const QString& path) { return covers(caller, path) || caller.scopePath.startsWith(path); });
}

bool mayWriteContent(const Principal& caller, const ContentItem& item)
{
    if (caller.user.role == Role::Admin)
        return true;
    if (caller.user.role == Role::Member || caller.scopePath.isEmpty() || !covers(caller, item.authorOrgPath))
        return false;
    return std::all_of(item.audiencePaths.begin(), item.audiencePaths.end(),
        [&](const QString& path) { return covers(caller, path); });
}

ContentItem visibleContent(const ApiRequest& request, qint64 id)
{
    ContentItem item = foundOrNotVisible(ContentRepository(request.db).find(id));
    if (!mayReadContent(request.caller(), item))
        throw notVisible();
    return item;
}

ContentItem writableContent(const ApiRequest& request, qint64 id)
{
    ContentItem item = visibleContent(request, id);
    if (!mayWriteContent(request.caller(), item))
        throw ApiError::forbidden(QCoreApplication::translate("ApiError",
            "Bài này do cấp trên biên soạn hoặc đăng cho cả nơi ngoài phạm vi của bạn: bạn chỉ xem được, "
            "không "
            "sửa được. Cần sửa thì liên hệ nơi đã đăng bài."));
    return item;
}

void checkAudienceFor(const ApiRequest& request, const QList<qint64>& unitIds)
{
    const Principal& caller = request.caller();
    for (const qint64 id : unitIds)
        visibleUnit(request, id);
    if (caller.user.role == Role::Secretary
        && (unitIds.size() != 1 || unitIds.front() != caller.user.scopeOrgId.value_or(0))) {
        const QString message
            = QCoreApplication::translate("ApiError", "Bí thư chi bộ chỉ đăng bài cho chi bộ của mình.");
        throw ApiError(
            403, QStringLiteral("forbidden"), message, { { QStringLiteral("audience"), message } });
    }
}

} // namespace sotay::server
