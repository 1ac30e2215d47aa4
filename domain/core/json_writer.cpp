// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/json_writer.h"

namespace sotay {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_out += ',';
    m_first = false;
}

JsonWriter& JsonWriter::key(const char* name)
{
    separate();
    m_out += '"';
    m_out += name;
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

void JsonWriter::string(const QString& value)
{
    separate();
    m_out += '"';
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
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
        default:
            if (byte < 0x20) {
                static const char hex[] = "0123456789abcdef";
                m_out += "\\u00";
                m_out += hex[byte >> 4];
                m_out += hex[byte & 0xf];
            } else {
                m_out += c;
            }
        }
    }
    m_out += '"';
}

void JsonWriter::integer(qint64 value)
{
    separate();
    m_out += QByteArray::number(value);
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
    m_out += json;
}

} // namespace sotay
