// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/content_json.h"

#include "core/json_reader.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

namespace sotay {
namespace {

QJsonValue dateValue(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue timeValue(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString wrongType(const QString& expected)
{
    return QCoreApplication::translate("JsonReader", "Kiểu dữ liệu sai: cần %1.").arg(expected);
}

bool isWholeNumber(const QJsonValue& value)
{
    const double number = value.toDouble();
    return value.isDouble() && std::floor(number) == number && std::abs(number) < 1e9;
}

// A question's reading with its own field prefix ("quiz.questions[2].").
QuizQuestion readQuestion(const QJsonValue& value, const QString& prefix, QList<FieldError>& errors)
{
    QuizQuestion question;
    if (!value.isObject()) {
        errors.append(
            { prefix.chopped(1), wrongType(QCoreApplication::translate("ContentJson", "một đối tượng")) });
        return question;
    }
    JsonReader in(value.toObject());
    in.ignore({ "number", "options", "correct" });
    in.required({ "text", "options", "correct" });
    in.text("text", question.text, 1000);
    const QJsonObject object = value.toObject();
    const QJsonValue options = object.value(QStringLiteral("options"));
    if (!options.isUndefined() && !options.isNull()) {
        if (!options.isArray())
            in.addError(QStringLiteral("options"),
                wrongType(QCoreApplication::translate("ContentJson", "một mảng chuỗi")));
        for (qsizetype i = 0; options.isArray() && i < options.toArray().size(); ++i) {
            const QJsonValue option = options.toArray().at(i);
            QString text;
            JsonReader one(QJsonObject { { QStringLiteral("o"), option } });
            one.text("o", text, 500);
            for (const auto& error : one.finish())
                in.addError(QStringLiteral("options[%1]").arg(i), error.message);
            question.options.append(text);
        }
    }
    const QJsonValue correct = object.value(QStringLiteral("correct"));
    if (!correct.isUndefined() && !correct.isNull()) {
        if (!correct.isArray())
            in.addError(QStringLiteral("correct"),
                wrongType(QCoreApplication::translate("ContentJson", "một mảng số")));
        for (const QJsonValue index : correct.toArray()) {
            if (!isWholeNumber(index)) {
                in.addError(QStringLiteral("correct"),
                    wrongType(QCoreApplication::translate("ContentJson", "một mảng số")));
                break;
            }
            question.correct.append(index.toInt());
        }
    }
    for (const auto& error : in.finish())
        errors.append({ prefix + error.field, error.message });
    return question;
}

std::optional<Quiz> readQuiz(const QJsonValue& value, QList<FieldError>& errors)
{
    if (value.isNull())
        return std::nullopt;
    Quiz quiz;
    if (!value.isObject()) {
        errors.append({ QStringLiteral("quiz"),
            wrongType(QCoreApplication::translate("ContentJson", "một đối tượng")) });
        return quiz;
    }
    const QJsonObject object = value.toObject();
    JsonReader in(object);
    in.ignore({ "questions", "passPercent" });
    in.required({ "questions", "passPercent" });
    const QJsonValue pass = object.value(QStringLiteral("passPercent"));
    if (!pass.isUndefined() && !pass.isNull()) {
        if (isWholeNumber(pass))
            quiz.passPercent = pass.toInt();
        else
            in.addError(QStringLiteral("passPercent"),
                wrongType(QCoreApplication::translate("ContentJson", "số nguyên")));
    }
    QList<FieldError> questionErrors;
    const QJsonValue questions = object.value(QStringLiteral("questions"));
    if (!questions.isUndefined() && !questions.isNull()) {
        if (!questions.isArray())
            in.addError(QStringLiteral("questions"),
                wrongType(QCoreApplication::translate("ContentJson", "một mảng")));
        const QJsonArray list = questions.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            quiz.questions.append(
                readQuestion(list.at(i), QStringLiteral("quiz.questions[%1].").arg(i), questionErrors));
    }
    for (const auto& error : in.finish())
        errors.append({ QStringLiteral("quiz.") + error.field, error.message });
    errors.append(questionErrors);
    return quiz;
}

QList<qint64> readAudience(const QJsonValue& value, QList<FieldError>& errors)
{
    QList<qint64> ids;
    const QString field = QStringLiteral("audience");
    if (!value.isArray()) {
        errors.append(
            { field, wrongType(QCoreApplication::translate("ContentJson", "một mảng mã số tổ chức đảng")) });
        return ids;
    }
    for (const QJsonValue id : value.toArray()) {
        const double number = id.toDouble();
        if (!id.isDouble() || std::floor(number) != number || number < 1 || number > 9007199254740991.0) {
            errors.append({ field,
                wrongType(QCoreApplication::translate("ContentJson", "một mảng mã số tổ chức đảng")) });
            return {};
        }
        const qint64 unitId = static_cast<qint64>(id.toDouble());
        if (ids.contains(unitId)) {
            errors.append({ field,
                QCoreApplication::translate("ContentJson", "Tổ chức có mã số %1 được chọn hai lần.")
                    .arg(unitId) });
            return {};
        }
        ids.append(unitId);
    }
    return ids;
}

} // namespace

Result<Quiz> quizFromJson(const QJsonObject& json)
{
    QList<FieldError> errors;
    std::optional<Quiz> quiz = readQuiz(json, errors);
    if (!errors.isEmpty() || !quiz)
        return Error::invalid(
            QCoreApplication::translate("ContentJson", "Bài kiểm tra đã lưu không đọc được."), errors);
    return *quiz;
}

QJsonObject toJson(const Quiz& quiz, bool withAnswers)
{
    QJsonArray questions;
    for (qsizetype i = 0; i < quiz.questions.size(); ++i) {
        const QuizQuestion& q = quiz.questions[i];
        QJsonObject question { { QStringLiteral("number"), i + 1 }, { QStringLiteral("text"), q.text },
            { QStringLiteral("options"), QJsonArray::fromStringList(q.options) } };
        if (withAnswers) {
            QJsonArray correct;
            for (const int index : q.correct)
                correct.append(index);
            question.insert(QStringLiteral("correct"), correct);
        }
        questions.append(question);
    }
    return { { QStringLiteral("questions"), questions },
        { QStringLiteral("passPercent"), quiz.passPercent } };
}

QJsonObject toJson(const ContentItem& item, const QDateTime& now, bool withAnswers)
{
    QJsonArray audience;
    for (const qint64 id : item.audience)
        audience.append(id);
    QJsonArray attachments;
    for (const ContentAttachment& file : item.attachments)
        attachments.append(QJsonObject { { QStringLiteral("id"), file.id },
            { QStringLiteral("fileName"), file.fileName }, { QStringLiteral("mediaType"), file.mediaType },
            { QStringLiteral("size"), file.size }, { QStringLiteral("sha256"), file.sha256 },
            { QStringLiteral("confirmedUnclassified"), file.confirmedUnclassified },
            { QStringLiteral("uploadedBy"), file.uploadedBy },
            { QStringLiteral("uploadedAt"), timeValue(file.uploadedAt) } });
    return {
        { QStringLiteral("id"), item.id },
        { QStringLiteral("kind"), toCode(item.kind) },
        { QStringLiteral("title"), item.title },
        { QStringLiteral("body"), item.body },
        { QStringLiteral("summary"), item.summary },
        { QStringLiteral("docType"), item.docType ? QJsonValue(toCode(*item.docType)) : QJsonValue() },
        { QStringLiteral("docNumber"), item.docNumber },
        { QStringLiteral("issuer"), item.issuer },
        { QStringLiteral("issuedOn"), dateValue(item.issuedOn) },
        { QStringLiteral("topicMonth"),
            item.topicMonth.isEmpty() ? QJsonValue() : QJsonValue(item.topicMonth) },
        { QStringLiteral("category"), item.category },
        { QStringLiteral("quiz"), item.quiz ? QJsonValue(toJson(*item.quiz, withAnswers)) : QJsonValue() },
        { QStringLiteral("state"), toCode(item.stateAt(now)) },
        { QStringLiteral("publishAt"), timeValue(item.publishAt) },
        { QStringLiteral("authorId"), item.authorUserId },
        { QStringLiteral("authorName"), item.authorName },
        { QStringLiteral("authorOrgId"), item.authorOrgId ? QJsonValue(*item.authorOrgId) : QJsonValue() },
        { QStringLiteral("audience"), audience },
        { QStringLiteral("attachments"), attachments },
        { QStringLiteral("createdAt"), timeValue(item.createdAt) },
        { QStringLiteral("updatedAt"), timeValue(item.updatedAt) },
        { QStringLiteral("version"), item.version },
    };
}

Result<ContentItem> contentFromJson(const QJsonObject& json, ContentItem item, bool create)
{
    JsonReader in(json);
    in.ignore({ "id", "state", "publishAt", "authorId", "authorName", "authorOrgId", "createdAt", "updatedAt",
        "version", "quiz", "audience", "attachments" });
    if (create)
        in.required({ "kind", "title", "audience" });
    const ContentKind before = item.kind;
    in.code("kind", item.kind, contentKindFromCode);
    if (!create && item.kind != before)
        in.addError(QStringLiteral("kind"),
            QCoreApplication::translate("ContentJson", "Không đổi được loại của bài đã tạo."));
    in.text("title", item.title, 300);
    in.text("body", item.body, 200000);
    in.text("summary", item.summary, 2000);
    in.optionalCode("docType", item.docType, docTypeFromCode);
    in.text("docNumber", item.docNumber, 50);
    in.text("issuer", item.issuer, 200);
    in.date("issuedOn", item.issuedOn);
    in.text("topicMonth", item.topicMonth, 7);
    in.text("category", item.category, 100);
    QList<FieldError> errors;
    if (const QJsonValue quiz = json.value(QStringLiteral("quiz")); !quiz.isUndefined())
        item.quiz = readQuiz(quiz, errors);
    if (const QJsonValue audience = json.value(QStringLiteral("audience"));
        !audience.isUndefined() && !audience.isNull())
        item.audience = readAudience(audience, errors);
    errors = in.finish() + errors;
    if (!errors.isEmpty())
        return Error::invalid(QCoreApplication::translate("ContentJson",
                                  "Dữ liệu bài chưa hợp lệ ở %n trường.", nullptr, int(errors.size())),
            errors);
    return item;
}

Result<ContentItem> contentFromServerJson(const QJsonObject& json)
{
    static const QStringList readOnly { QStringLiteral("id"), QStringLiteral("state"),
        QStringLiteral("publishAt"), QStringLiteral("authorId"), QStringLiteral("authorName"),
        QStringLiteral("authorOrgId"), QStringLiteral("createdAt"), QStringLiteral("updatedAt"),
        QStringLiteral("version") };
    QJsonObject writable = json;
    for (const QString& key : readOnly)
        writable.remove(key);
    auto item = contentFromJson(writable, ContentItem {}, true);
    const auto time = [&](const char* key) {
        return QDateTime::fromString(json.value(QLatin1StringView(key)).toString(), Qt::ISODateWithMs)
            .toUTC();
    };
    const std::optional<ContentState> state
        = contentStateFromCode(json.value(QStringLiteral("state")).toString());
    const qint64 id = json.value(QStringLiteral("id")).toInteger();
    if (!item || !state || id <= 0)
        return Error::invalid(
            QCoreApplication::translate("ContentJson", "Dữ liệu bài từ máy chủ không hợp lệ."),
            item ? QList<FieldError> {} : item.error().fields);
    item->id = id;
    item->state = *state == ContentState::Scheduled ? ContentState::Published : *state;
    item->publishAt = json.value(QStringLiteral("publishAt")).isNull() ? QDateTime() : time("publishAt");
    item->authorUserId = json.value(QStringLiteral("authorId")).toInteger();
    item->authorName = json.value(QStringLiteral("authorName")).toString();
    if (const QJsonValue unit = json.value(QStringLiteral("authorOrgId")); unit.isDouble())
        item->authorOrgId = unit.toInteger();
    item->createdAt = time("createdAt");
    item->updatedAt = time("updatedAt");
    item->version = json.value(QStringLiteral("version")).toInteger();
    return item;
}

} // namespace sotay
