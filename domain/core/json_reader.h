// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QDate>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace sotay {

// "Giá trị \"x\" không hợp lệ.", for a code that names no known value.
QString invalidCodeMessage(const QString& code);

// Reads a JSON object strictly: each getter checks the type and records a Vietnamese field error;
// finish() adds an error for every key nobody asked for. Absent keys leave the target untouched, so the
// same reader serves a full create (check required() first) and a partial PATCH.
class JsonReader final {
public:
    explicit JsonReader(QJsonObject object);

    bool has(const QString& key) const { return m_object.contains(key); }
    // Marks keys as known but ignored (read-only fields a client may echo back).
    void ignore(std::initializer_list<const char*> keys);
    void required(std::initializer_list<const char*> keys);

    void text(const char* key, QString& target, int maxLength = 200);
    void date(const char* key, QDate& target); // "yyyy-MM-dd" or null
    void boolean(const char* key, bool& target);
    void id(const char* key, qint64& target); // a positive integer
    void optionalId(const char* key, std::optional<qint64>& target, bool zeroAllowed = false);
    // An enum by its code: `parse` turns the code into a value or nothing.
    template <typename T, typename Parse> void code(const char* key, T& target, Parse parse);
    template <typename T, typename Parse>
    void optionalCode(const char* key, std::optional<T>& target, Parse parse);

    void addError(const QString& field, const QString& message);
    // Every error so far plus the unknown keys; empty when the object was read cleanly.
    QList<FieldError> finish();

private:
    const QJsonValue* take(const char* key);
    void wrongType(const QString& key, const QString& expected);
    bool codeText(const char* key, QString& code, bool& isNull);

    QJsonObject m_object;
    QSet<QString> m_known;
    QList<FieldError> m_errors;
    QJsonValue m_current;
};

// Parses a request body as one JSON object, refusing invalid UTF-8 and anything but an object.
Result<QJsonObject> parseJsonObject(const QByteArray& body);

template <typename T, typename Parse> void JsonReader::code(const char* key, T& target, Parse parse)
{
    QString text;
    bool isNull = false;
    if (!codeText(key, text, isNull))
        return;
    if (const auto value = parse(text); value && !isNull)
        target = *value;
    else
        addError(QString::fromLatin1(key), invalidCodeMessage(text));
}

template <typename T, typename Parse>
void JsonReader::optionalCode(const char* key, std::optional<T>& target, Parse parse)
{
    QString text;
    bool isNull = false;
    if (!codeText(key, text, isNull))
        return;
    if (isNull) {
        target.reset();
        return;
    }
    if (const auto value = parse(text))
        target = *value;
    else
        addError(QString::fromLatin1(key), invalidCodeMessage(text));
}

} // namespace sotay
