// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/quiz_grading.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace sotay {
namespace {

std::optional<int> wholeNumber(const QJsonValue& value)
{
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number || std::abs(number) > 1e6)
        return std::nullopt;
    return static_cast<int>(number);
}

} // namespace

Result<QList<QuizAnswer>> quizAnswersFromJson(const QJsonArray& answers, const Quiz& quiz)
{
    QList<QuizAnswer> read;
    QList<FieldError> errors;
    QSet<int> answered;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QString field = QStringLiteral("answers[%1]").arg(i);
        const QJsonObject object = answers.at(i).toObject();
        const QStringList keys = object.keys();
        const bool shaped = answers.at(i).isObject() && keys.size() == 2
            && keys.contains(QStringLiteral("question")) && keys.contains(QStringLiteral("chosen"))
            && object.value(QStringLiteral("chosen")).isArray();
        const std::optional<int> number = wholeNumber(object.value(QStringLiteral("question")));
        if (!shaped || !number) {
            errors.append({ field,
                QCoreApplication::translate("QuizGrading",
                    "Mỗi câu trả lời gồm question (số câu) và chosen (các phương án chọn).") });
            continue;
        }
        if (*number < 1 || *number > quiz.questions.size()) {
            errors.append({ field,
                QCoreApplication::translate("QuizGrading", "Bài kiểm tra không có câu %1.").arg(*number) });
            continue;
        }
        if (answered.contains(*number)) {
            errors.append({ field,
                QCoreApplication::translate("QuizGrading", "Câu %1 được trả lời hai lần.").arg(*number) });
            continue;
        }
        answered.insert(*number);
        QuizAnswer answer { *number, {} };
        const QuizQuestion& question = quiz.questions[*number - 1];
        for (const QJsonValue option : object.value(QStringLiteral("chosen")).toArray()) {
            const std::optional<int> index = wholeNumber(option);
            if (!index || *index < 0 || *index >= question.options.size() || answer.chosen.contains(*index)) {
                errors.append({ field,
                    QCoreApplication::translate("QuizGrading",
                        "Câu %1 không có phương án đã chọn, hoặc một phương án được chọn hai lần.")
                        .arg(*number) });
                break;
            }
            answer.chosen.append(*index);
        }
        std::sort(answer.chosen.begin(), answer.chosen.end());
        read.append(answer);
    }
    if (!errors.isEmpty())
        return Error::invalid(errors.front().message, errors);
    return read;
}

QuizResult gradeQuiz(const Quiz& quiz, const QList<QuizAnswer>& answers)
{
    QuizResult result;
    result.total = static_cast<int>(quiz.questions.size());
    for (qsizetype i = 0; i < quiz.questions.size(); ++i) {
        const auto answer = std::find_if(
            answers.begin(), answers.end(), [&](const QuizAnswer& a) { return a.question == i + 1; });
        const bool right = answer != answers.end() && answer->chosen == quiz.questions[i].correct;
        result.right.append(right);
        result.correct += right ? 1 : 0;
    }
    result.scorePercent = result.total == 0 ? 0 : result.correct * 100 / result.total;
    result.passed = result.total > 0 && result.scorePercent >= quiz.passPercent;
    return result;
}

} // namespace sotay
