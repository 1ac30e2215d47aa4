// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/json_reader.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>

namespace sotay {

QString invalidCodeMessage(const QString& code)
{
    return QCoreApplication::translate("JsonReader", "Giá trị \"%1\" không hợp lệ.").arg(code.left(40));
}

JsonReader::JsonReader(QJsonObject object)
    : m_object(std::move(object))
{
}

void JsonReader::ignore(std::initializer_list<const char*> keys)
{
    for (const char* key : keys)
        m_known.insert(QString::fromLatin1(key));
}

void JsonReader::required(std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const QString name = QString::fromLatin1(key);
        if (!m_object.contains(name) || m_object.value(name).isNull())
            addError(name, QCoreApplication::translate("JsonReader", "Trường này là bắt buộc."));
    }
}

const QJsonValue* JsonReader::take(const char* key)
{
    const QString name = QString::fromLatin1(key);
    m_known.insert(name);
    if (!m_object.contains(name))
        return nullptr;
    m_current = m_object.value(name);
    return &m_current;
}

void JsonReader::wrongType(const QString& key, const QString& expected)
{
    addError(key, QCoreApplication::translate("JsonReader", "Kiểu dữ liệu sai: cần %1.").arg(expected));
}

void JsonReader::text(const char* key, QString& target, int maxLength)
{
    const QJsonValue* value = take(key);
    if (!value)
        return;
    if (value->isNull()) {
        target.clear();
        return;
    }
    if (!value->isString())
        return wrongType(QString::fromLatin1(key), QCoreApplication::translate("JsonReader", "chuỗi ký tự"));
    const QString text = value->toString();
    if (text.size() > maxLength)
        return addError(QString::fromLatin1(key),
            QCoreApplication::translate("JsonReader", "Dài quá %1 ký tự.").arg(maxLength));
    // Control characters other than tab and line breaks are no text anyone types; PostgreSQL cannot even
    // store U+0000.
    const auto control = [](QChar c) {
        return (c.unicode() < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c.unicode() == 0x7f;
    };
    if (std::any_of(text.begin(), text.end(), control))
        return addError(QString::fromLatin1(key),
            QCoreApplication::translate("JsonReader", "Không được chứa ký tự điều khiển."));
    target = text;
}

void JsonReader::date(const char* key, QDate& target)
{
    const QJsonValue* value = take(key);
    if (!value)
        return;
    if (value->isNull()) {
        target = {};
        return;
    }
    const QString text = value->isString() ? value->toString() : QString();
    const QDate parsed = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!value->isString() || text.size() != 10 || !parsed.isValid())
        return addError(QString::fromLatin1(key),
            QCoreApplication::translate(
                "JsonReader", "Ngày không hợp lệ: cần một ngày có thật, dạng NNNN-TT-NN."));
    target = parsed;
}

void JsonReader::boolean(const char* key, bool& target)
{
    const QJsonValue* value = take(key);
    if (!value)
        return;
    if (!value->isBool())
        return wrongType(
            QString::fromLatin1(key), QCoreApplication::translate("JsonReader", "true hoặc false"));
    target = value->toBool();
}

void JsonReader::id(const char* key, qint64& target)
{
    std::optional<qint64> value;
    optionalId(key, value);
    if (value)
        target = *value;
}

void JsonReader::optionalId(const char* key, std::optional<qint64>& target, bool zeroAllowed)
{
    const QJsonValue* value = take(key);
    if (!value)
        return;
    if (value->isNull()) {
        target.reset();
        return;
    }
    const double number = value->toDouble();
    if (!value->isDouble() || number < (zeroAllowed ? 0 : 1) || number > 9007199254740991.0
        || std::floor(number) != number)
        return wrongType(
            QString::fromLatin1(key), QCoreApplication::translate("JsonReader", "số nguyên dương"));
    target = static_cast<qint64>(number);
}

bool JsonReader::codeText(const char* key, QString& code, bool& isNull)
{
    const QJsonValue* value = take(key);
    if (!value)
        return false;
    isNull = value->isNull();
    if (!isNull && !value->isString()) {
        wrongType(QString::fromLatin1(key), QCoreApplication::translate("JsonReader", "chuỗi ký tự"));
        return false;
    }
    code = value->toString();
    return true;
}

void JsonReader::addError(const QString& field, const QString& message)
{
    for (const auto& existing : m_errors)
        if (existing.field == field)
            return;
    m_errors.append({ field, message });
}

QList<FieldError> JsonReader::finish()
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!m_known.contains(it.key()))
            addError(
                it.key().left(60), QCoreApplication::translate("JsonReader", "Trường không được hỗ trợ."));
    return m_errors;
}

Result<QJsonObject> parseJsonObject(const QByteArray& body)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(body);
    if (decoder.hasError())
        return Error::invalid(
            QCoreApplication::translate("JsonReader", "Nội dung gửi lên không phải UTF-8 hợp lệ."));
    Q_UNUSED(decoded);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::invalid(QCoreApplication::translate("JsonReader", "JSON không hợp lệ ở vị trí %1: %2.")
                                  .arg(error.offset)
                                  .arg(error.errorString()));
    if (!document.isObject())
        return Error::invalid(
            QCoreApplication::translate("JsonReader", "Nội dung gửi lên phải là một đối tượng JSON."));
    return document.object();
}

} // namespace sotay
