// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "core/result.h"

#include <QJsonArray>

namespace sotay {

// A member's answer to one question: its number (from 1) and the options chosen (indexes from 0).
struct QuizAnswer {
    int question = 0;
    QList<int> chosen;
};

// A graded attempt. A question is right when exactly its right options were chosen; an unanswered one is
// wrong.
struct QuizResult {
    int correct = 0;
    int total = 0;
    int scorePercent = 0; // correct * 100 / total, rounded down
    bool passed = false;  // scorePercent reaches the quiz's pass mark
    QList<bool> right;    // per question, in order
};

// Reads the answers of a request ({"question": 1, "chosen": [0, 2]} each), refusing a question that does not
// exist, a question answered twice, and an option that does not exist, each naming its field ("answers[2]").
Result<QList<QuizAnswer>> quizAnswersFromJson(const QJsonArray& answers, const Quiz& quiz);
QuizResult gradeQuiz(const Quiz& quiz, const QList<QuizAnswer>& answers);

} // namespace sotay
