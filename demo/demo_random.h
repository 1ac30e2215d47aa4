// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QList>

#include <algorithm>
#include <random>
#include <utility>

// Random draws that give the same demo province for the same seed everywhere: std::mt19937's sequence is
// fixed by the standard, the standard distributions are not (each library implements them its own way),
// so every draw goes through these helpers, in integers only.
namespace sotay::demo {

using Rng = std::mt19937;

// The next 32 random bits (the engine's result type is wider than 32 bits on some platforms).
inline quint32 draw(Rng& rng)
{
    return static_cast<quint32>(rng());
}

// lo..hi, both included.
inline int uniform(Rng& rng, int lo, int hi)
{
    const quint32 range = static_cast<quint32>(hi - lo) + 1U;
    return lo + static_cast<int>(draw(rng) % range);
}

// True with probability perTenThousand / 10,000.
inline bool chance(Rng& rng, int perTenThousand)
{
    return static_cast<int>(draw(rng) % 10000U) < perTenThousand;
}

// A day in from..to, both included.
inline QDate dayBetween(Rng& rng, QDate from, QDate to)
{
    if (to <= from)
        return from;
    return from.addDays(uniform(rng, 0, static_cast<int>(from.daysTo(to))));
}

template <typename T> void shuffle(Rng& rng, QList<T>& list)
{
    for (qsizetype i = list.size() - 1; i > 0; --i)
        list.swapItemsAt(i, uniform(rng, 0, static_cast<int>(i)));
}

// Values drawn in proportion to integer weights (cumulative weights and a binary search).
template <typename T> class Weighted {
public:
    Weighted() = default;
    Weighted(std::initializer_list<std::pair<T, int>> entries)
    {
        for (const auto& [value, weight] : entries)
            add(value, weight);
    }

    void add(T value, int weight)
    {
        if (weight <= 0)
            return;
        m_total += static_cast<quint32>(weight);
        m_values.append(std::move(value));
        m_cumulative.append(m_total);
    }
    bool isEmpty() const { return m_values.isEmpty(); }

    const T& pick(Rng& rng) const
    {
        const quint32 r = draw(rng) % m_total;
        const auto it = std::upper_bound(m_cumulative.cbegin(), m_cumulative.cend(), r);
        return m_values.at(std::distance(m_cumulative.cbegin(), it));
    }

private:
    QList<T> m_values;
    QList<quint32> m_cumulative;
    quint32 m_total = 0;
};

// An age band: a member's age is drawn as a band by weight, then a year within the band.
struct AgeBand {
    int from;
    int to;
};

inline int pickAge(Rng& rng, const Weighted<AgeBand>& bands)
{
    const AgeBand band = bands.pick(rng);
    return uniform(rng, band.from, band.to);
}

} // namespace sotay::demo
