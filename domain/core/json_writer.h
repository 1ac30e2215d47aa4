// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>

namespace sotay {

// Writes compact JSON straight into bytes. Rosters and sync pages carry thousands of members, and building
// QJsonObjects for them costs more than the database query; this writer produces the same text.
// The caller writes keys in the order QJsonDocument would (sorted), so both forms are byte-identical.
class JsonWriter final {
public:
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

    JsonWriter& key(const char* name);
    void string(const QString& value);
    void integer(qint64 value);
    void boolean(bool value);
    void null();
    void date(QDate value); // "yyyy-MM-dd" or null
    void optionalId(std::optional<qint64> id);
    // Appends JSON text made elsewhere as one value.
    void raw(const QByteArray& json);

    const QByteArray& bytes() const { return m_out; }

private:
    void separate();
    QByteArray m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace sotay
