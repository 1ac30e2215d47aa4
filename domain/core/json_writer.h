// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>
#include <string>

namespace sotay {

// Writes compact JSON straight into bytes. Rosters and sync pages carry thousands of members, and building
// QJsonObjects for them costs more than the database query; this writer produces the same text.
// The caller writes keys in the order QJsonDocument would (sorted), so both forms are byte-identical.
// It appends to a std::string: QByteArray's appends of single characters cost several times more.
class JsonWriter final {
public:
    explicit JsonWriter(std::size_t expectedBytes = 4096) { m_out.reserve(expectedBytes); }

    void beginObject()
    {
        separate();
        m_out += '{';
        m_first = true;
    }
    void endObject()
    {
        m_out += '}';
        m_first = false;
    }
    void beginArray()
    {
        separate();
        m_out += '[';
        m_first = true;
    }
    void endArray()
    {
        m_out += ']';
        m_first = false;
    }

    template <std::size_t N> JsonWriter& key(const char (&name)[N])
    {
        separate();
        m_out += '"';
        m_out.append(name, N - 1);
        m_out += "\":";
        m_afterKey = true;
        return *this;
    }
    void string(const QString& value);
    void integer(qint64 value);
    void boolean(bool value);
    void null();
    void date(QDate value); // "yyyy-MM-dd" or null
    void optionalId(std::optional<qint64> id);
    // Appends JSON text made elsewhere as one value.
    void raw(const QByteArray& json);

    QByteArray bytes() const { return QByteArray(m_out.data(), static_cast<qsizetype>(m_out.size())); }

private:
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first)
            m_out += ',';
        m_first = false;
    }
    void escape(char byte);
    std::string m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace sotay
