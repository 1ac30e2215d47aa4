// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/json_writer.h"

namespace sotay {

void JsonWriter::string(const QString& value)
{
    // UTF-16 straight to escaped UTF-8: a QByteArray in between doubled the cost of a roster page.
    separate();
    m_out += '"';
    const QChar* const units = value.constData();
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char32_t unit = units[i].unicode();
        if (unit < 0x80) {
            const auto byte = static_cast<char>(unit);
            if (unit >= 0x20 && byte != '"' && byte != '\\') {
                m_out += byte;
                continue;
            }
            escape(byte);
        } else if (unit < 0x800) {
            m_out += static_cast<char>(0xc0 | (unit >> 6));
            m_out += static_cast<char>(0x80 | (unit & 0x3f));
        } else if (QChar::isHighSurrogate(unit) && i + 1 < size && units[i + 1].isLowSurrogate()) {
            const char32_t point = QChar::surrogateToUcs4(static_cast<char16_t>(unit), units[++i].unicode());
            m_out += static_cast<char>(0xf0 | (point >> 18));
            m_out += static_cast<char>(0x80 | ((point >> 12) & 0x3f));
            m_out += static_cast<char>(0x80 | ((point >> 6) & 0x3f));
            m_out += static_cast<char>(0x80 | (point & 0x3f));
        } else {
            // A lone surrogate cannot be encoded: write U+FFFD as QString::toUtf8 does.
            const char32_t point = QChar::isSurrogate(unit) ? char32_t { 0xfffd } : unit;
            m_out += static_cast<char>(0xe0 | (point >> 12));
            m_out += static_cast<char>(0x80 | ((point >> 6) & 0x3f));
            m_out += static_cast<char>(0x80 | (point & 0x3f));
        }
    }
    m_out += '"';
}

void JsonWriter::escape(char byte)
{
    switch (byte) {
    case '"':
        m_out += "\\\"";
        break;
    case '\\':
        m_out += "\\\\";
        break;
    case '\b':
        m_out += "\\b";
        break;
    case '\f':
        m_out += "\\f";
        break;
    case '\n':
        m_out += "\\n";
        break;
    case '\r':
        m_out += "\\r";
        break;
    case '\t':
        m_out += "\\t";
        break;
    default: {
        static const char hex[] = "0123456789abcdef";
        const auto code = static_cast<unsigned char>(byte);
        m_out += "\\u00";
        m_out += hex[code >> 4];
        m_out += hex[code & 0xf];
    }
    }
}

void JsonWriter::integer(qint64 value)
{
    separate();
    m_out += std::to_string(value);
}

void JsonWriter::boolean(bool value)
{
    separate();
    m_out += value ? "true" : "false";
}

void JsonWriter::null()
{
    separate();
    m_out += "null";
}

void JsonWriter::date(QDate value)
{
    if (!value.isValid() || value.year() < 1 || value.year() > 9999) {
        null();
        return;
    }
    // QDate::toString parses a format on every call: too slow for thousands of dates a page.
    separate();
    char text[13];
    const auto digit = [](int n) { return static_cast<char>('0' + n); };
    const int year = value.year();
    text[0] = '"';
    text[1] = digit(year / 1000);
    text[2] = digit(year / 100 % 10);
    text[3] = digit(year / 10 % 10);
    text[4] = digit(year % 10);
    text[5] = '-';
    text[6] = digit(value.month() / 10);
    text[7] = digit(value.month() % 10);
    text[8] = '-';
    text[9] = digit(value.day() / 10);
    text[10] = digit(value.day() % 10);
    text[11] = '"';
    text[12] = '\0';
    m_out.append(text, 12);
}

void JsonWriter::optionalId(std::optional<qint64> id)
{
    if (id)
        integer(*id);
    else
        null();
}

void JsonWriter::raw(const QByteArray& json)
{
    separate();
    m_out.append(json.constData(), static_cast<std::size_t>(json.size()));
}

} // namespace sotay
