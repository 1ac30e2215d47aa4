// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"

#include <QDateTime>
#include <QList>

namespace sotay::demo {

// An item of the demo year's content and when it is published (Vietnam's time).
struct PlannedContent {
    ContentItem item; // a draft: kind, texts, quiz, audience
    QDateTime publishAt;
};

// What the Provincial Committee's propaganda staff publish to the whole province (`rootId`) in the months
// from `from` to `to`: each month a lesson with its quiz, the next month's meeting topic, a document and
// three items of news; a guidance item each quarter. Only items whose publication falls from `from` to
// `until` are given.
QList<PlannedContent> plannedContent(qint64 rootId, QDate from, const QDateTime& until);

} // namespace sotay::demo
