// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/content_validation.h"

#include "content/classification_stamp.h"
#include "content/content_markup.h"

#include <QCoreApplication>
#include <QSet>

namespace sotay {
namespace {

void requireText(QList<FieldError>& errors, const QString& field, const QString& value)
{
    if (value.trimmed().isEmpty())
        errors.append({ field, QCoreApplication::translate("JsonReader", "Trường này là bắt buộc.") });
}

// A field that only some kinds use must stay empty in the others, so nothing is stored that no one sees.
void refuseUnused(
    QList<FieldError>& errors, const ContentItem& item, const QString& field, bool set, ContentKind usedBy)
{
    if (set && item.kind != usedBy)
        errors.append({ field,
            QCoreApplication::translate("ContentValidation", "Trường này chỉ dùng cho %1, không dùng cho %2.")
                .arg(contentKindLabel(usedBy).toLower(), contentKindLabel(item.kind).toLower()) });
}

void checkKindFields(QList<FieldError>& errors, const ContentItem& item, QDate today)
{
    refuseUnused(errors, item, QStringLiteral("docType"), item.docType.has_value(), ContentKind::Document);
    refuseUnused(errors, item, QStringLiteral("docNumber"), !item.docNumber.isEmpty(), ContentKind::Document);
    refuseUnused(errors, item, QStringLiteral("issuer"), !item.issuer.isEmpty(), ContentKind::Document);
    refuseUnused(errors, item, QStringLiteral("issuedOn"), item.issuedOn.isValid(), ContentKind::Document);
    refuseUnused(
        errors, item, QStringLiteral("topicMonth"), !item.topicMonth.isEmpty(), ContentKind::MeetingTopic);
    refuseUnused(errors, item, QStringLiteral("category"), !item.category.isEmpty(), ContentKind::Guidance);
    refuseUnused(errors, item, QStringLiteral("quiz"), item.quiz.has_value(), ContentKind::Lesson);

    switch (item.kind) {
    case ContentKind::Document:
        if (!item.docType)
            errors.append({ QStringLiteral("docType"),
                QCoreApplication::translate("ContentValidation", "Cần chọn loại văn bản.") });
        requireText(errors, QStringLiteral("docNumber"), item.docNumber);
        requireText(errors, QStringLiteral("issuer"), item.issuer);
        if (!item.issuedOn.isValid())
            errors.append({ QStringLiteral("issuedOn"),
                QCoreApplication::translate("ContentValidation", "Cần ngày ban hành.") });
        else if (item.issuedOn > today)
            errors.append({ QStringLiteral("issuedOn"),
                QCoreApplication::translate("ContentValidation", "Ngày ban hành không được ở tương lai.") });
        break;
    case ContentKind::MeetingTopic: {
        const QDate month
            = QDate::fromString(item.topicMonth + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
        if (item.topicMonth.size() != 7 || !month.isValid())
            errors.append({ QStringLiteral("topicMonth"),
                QCoreApplication::translate(
                    "ContentValidation", "Cần tháng sinh hoạt, dạng NNNN-TT (ví dụ 2026-03).") });
        break;
    }
    case ContentKind::Guidance:
        requireText(errors, QStringLiteral("category"), item.category);
        requireText(errors, QStringLiteral("body"), item.body);
        break;
    case ContentKind::News:
    case ContentKind::Lesson:
        requireText(errors, QStringLiteral("body"), item.body);
        break;
    }
}

void checkQuiz(QList<FieldError>& errors, const Quiz& quiz)
{
    if (quiz.passPercent < 1 || quiz.passPercent > 100)
        errors.append({ QStringLiteral("quiz.passPercent"),
            QCoreApplication::translate("ContentValidation", "Điểm đạt là một số phần trăm từ 1 đến 100.") });
    if (quiz.questions.isEmpty() || quiz.questions.size() > kQuizQuestionsMax)
        errors.append({ QStringLiteral("quiz.questions"),
            QCoreApplication::translate("ContentValidation", "Bài kiểm tra cần từ 1 đến %1 câu hỏi.")
                .arg(kQuizQuestionsMax) });
    for (qsizetype i = 0; i < quiz.questions.size(); ++i) {
        const QuizQuestion& question = quiz.questions[i];
        const QString prefix = QStringLiteral("quiz.questions[%1].").arg(i);
        requireText(errors, prefix + QStringLiteral("text"), question.text);
        if (question.options.size() < 2 || question.options.size() > kQuizOptionsMax)
            errors.append({ prefix + QStringLiteral("options"),
                QCoreApplication::translate("ContentValidation", "Mỗi câu hỏi cần từ 2 đến %1 phương án.")
                    .arg(kQuizOptionsMax) });
        QSet<QString> seen;
        for (qsizetype j = 0; j < question.options.size(); ++j) {
            const QString option = question.options[j].trimmed();
            const QString field = prefix + QStringLiteral("options[%1]").arg(j);
            if (option.isEmpty())
                errors.append({ field,
                    QCoreApplication::translate("ContentValidation", "Phương án không được để trống.") });
            else if (seen.contains(option))
                errors.append(
                    { field, QCoreApplication::translate("ContentValidation", "Hai phương án giống nhau.") });
            seen.insert(option);
        }
        QSet<int> right;
        for (const int index : question.correct) {
            if (index < 0 || index >= question.options.size() || right.contains(index)) {
                errors.append({ prefix + QStringLiteral("correct"),
                    QCoreApplication::translate("ContentValidation",
                        "Đáp án đúng phải là số thứ tự của một phương án (từ 0), mỗi phương án một lần.") });
                break;
            }
            right.insert(index);
        }
        if (question.correct.isEmpty())
            errors.append({ prefix + QStringLiteral("correct"),
                QCoreApplication::translate("ContentValidation", "Cần ít nhất một đáp án đúng.") });
    }
}

// Every text of the item, by field, as a reader would see it.
QList<std::pair<QString, QString>> textsOf(const ContentItem& item)
{
    QList<std::pair<QString, QString>> texts { { QStringLiteral("title"), item.title },
        { QStringLiteral("body"), item.body },
        { QStringLiteral("body"), content::markupToPlainText(item.body) },
        { QStringLiteral("summary"), item.summary }, { QStringLiteral("docNumber"), item.docNumber },
        { QStringLiteral("issuer"), item.issuer }, { QStringLiteral("category"), item.category } };
    if (item.quiz)
        for (qsizetype i = 0; i < item.quiz->questions.size(); ++i) {
            const QuizQuestion& question = item.quiz->questions[i];
            const QString prefix = QStringLiteral("quiz.questions[%1].").arg(i);
            texts.append({ prefix + QStringLiteral("text"), question.text });
            for (qsizetype j = 0; j < question.options.size(); ++j)
                texts.append({ prefix + QStringLiteral("options[%1]").arg(j), question.options[j] });
        }
    return texts;
}

} // namespace

QList<FieldError> validateContent(const ContentItem& item, QDate today)
{
    QList<FieldError> errors;
    requireText(errors, QStringLiteral("title"), item.title);
    checkKindFields(errors, item, today);
    if (item.quiz && item.kind == ContentKind::Lesson)
        checkQuiz(errors, *item.quiz);
    if (item.audience.isEmpty() || item.audience.size() > kAudienceMax)
        errors.append({ QStringLiteral("audience"),
            QCoreApplication::translate("ContentValidation", "Cần chọn từ 1 đến %1 tổ chức đảng nhận bài.")
                .arg(kAudienceMax) });
    for (const auto& problem : content::checkMarkup(item.body))
        errors.append({ QStringLiteral("body"),
            QCoreApplication::translate("ContentValidation", "Dòng %1: %2")
                .arg(problem.line)
                .arg(problem.message) });
    // The body is read as written (its line numbers are the author's) and as shown (a stamp inside markup).
    QSet<QString> stamped;
    for (const auto& [field, text] : textsOf(item))
        if (const auto stamp = content::findClassificationStamp(text); stamp && !stamped.contains(field)) {
            errors.append({ field, content::describeStamp(*stamp, field) });
            stamped.insert(field);
        }
    return errors;
}

} // namespace sotay
