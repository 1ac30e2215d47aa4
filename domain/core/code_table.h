// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1String>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace sotay {

// An enum's codes as they travel in JSON and sit in the database: {value, "code"} pairs.
template <typename Enum, std::size_t N> using CodeTable = std::array<std::pair<Enum, const char*>, N>;

template <typename Enum, std::size_t N> QString codeOf(const CodeTable<Enum, N>& table, Enum value)
{
    for (const auto& [v, code] : table)
        if (v == value)
            return QString::fromLatin1(code);
    return {};
}

// The value whose code is `code`, matched exactly.
template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const CodeTable<Enum, N>& table, const QString& code)
{
    for (const auto& [v, c] : table)
        if (code == QLatin1String(c))
            return v;
    return std::nullopt;
}

} // namespace sotay
