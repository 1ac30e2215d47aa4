// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "core/result.h"

#include <QJsonObject>

namespace sotay {

// The JSON form of an item as the API sends it and the audit log keeps it; `state` is the state at `now`
// (a published item whose time has not come is "scheduled"). The quiz's right answers are written only when
// `withAnswers` (staff, the audit log): a member's app never receives them before an attempt.
QJsonObject toJson(const ContentItem& item, const QDateTime& now, bool withAnswers = true);
QJsonObject toJson(const Quiz& quiz, bool withAnswers);
// A quiz as toJson(quiz, true) wrote it (the database keeps it so).
Result<Quiz> quizFromJson(const QJsonObject& json);

// Reads an item from a request body onto `base` (a blank item for a create, the current one for a PATCH).
// Unknown fields, wrong types and control characters are errors naming the field; the kind cannot change;
// read-only fields (id, state, publishAt, author, times, version) are ignored. The rules of the content
// itself are validateContent's.
Result<ContentItem> contentFromJson(const QJsonObject& json, ContentItem base, bool create);

// An item as toJson wrote it, its read-only fields included (id, state, publishAt, author, times, version):
// what a replica stores from the server.
Result<ContentItem> contentFromServerJson(const QJsonObject& json);

} // namespace sotay
