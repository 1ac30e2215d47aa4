// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "core/result.h"

namespace sotay {

// Every rule an item breaks, each naming its field: what its kind requires (a document's type, number,
// issuer and date; a meeting topic's month; a guidance's category and answer), the fields its kind does not
// use, lengths, the quiz (questions, options, right answers, pass mark), links in the body's markup, and a
// classification stamp anywhere in its text: the handbook never carries classified material.
QList<FieldError> validateContent(const ContentItem& item, QDate today);

// The largest lengths, in characters.
inline constexpr int kContentTitleMax = 300;
inline constexpr int kContentBodyMax = 200000;
inline constexpr int kContentSummaryMax = 2000;
inline constexpr int kAudienceMax = 200;
inline constexpr int kQuizQuestionsMax = 100;
inline constexpr int kQuizOptionsMax = 10;

} // namespace sotay
