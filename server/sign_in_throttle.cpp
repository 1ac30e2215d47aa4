// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_throttle.h"

#include "store/user_repository.h"

#include <QSet>

#include <algorithm>

namespace sotay::server {
namespace {

QString pairKey(const QString& account, const QString& address)
{
    return account + u'\n' + address;
}

// A failure at second t counts until t + window, exclusive.
template <typename Deque, typename Time> void dropBefore(Deque& at, qint64 horizon, Time timeOf)
{
    while (!at.empty() && timeOf(at.front()) <= horizon)
        at.pop_front();
}

} // namespace

SignInThrottle::SignInThrottle(SignInLimits limits)
    : m_limits(limits)
{
}

QString SignInThrottle::accountKey(const QString& username)
{
    // As accounts are looked up (folded), so that marks added to a name do not make a fresh name to guess
    // under.
    return usernameKey(username);
}

std::optional<int> SignInThrottle::pausedFor(Failures& failures, int limit, qint64 now) const
{
    dropBefore(failures.at, now - m_limits.windowSeconds, [](qint64 at) { return at; });
    const auto counted = static_cast<qsizetype>(failures.at.size());
    if (counted + failures.inFlight < limit)
        return std::nullopt;
    if (counted < limit)
        return 1; // attempts still being checked fill the allowance: one of them may yet succeed
    // Paused until enough of the failures have left the window.
    const qint64 freedAt = failures.at[static_cast<std::size_t>(counted - limit)] + m_limits.windowSeconds;
    return static_cast<int>(std::max<qint64>(1, freedAt - now));
}

std::optional<int> SignInThrottle::accountPausedFor(AccountFailures& failures, qint64 now) const
{
    dropBefore(failures.at, now - m_limits.windowSeconds, [](const auto& failure) { return failure.first; });
    const auto counted = static_cast<qsizetype>(failures.at.size());
    if (counted < m_limits.failuresPerAccount)
        return std::nullopt;
    QSet<QString> addresses;
    for (const auto& failure : failures.at)
        addresses.insert(failure.second);
    if (addresses.size() < m_limits.addressesPerAccount)
        return std::nullopt;
    const qint64 freedAt = failures.at[static_cast<std::size_t>(counted - m_limits.failuresPerAccount)].first
        + m_limits.windowSeconds;
    return static_cast<int>(std::max<qint64>(1, freedAt - now));
}

std::optional<SignInThrottle::Refused> SignInThrottle::admit(
    const QString& address, const QString& account, const QDateTime& now)
{
    const qint64 second = now.toSecsSinceEpoch();
    const std::lock_guard lock(m_mutex);
    if (second - m_lastSweep >= m_limits.windowSeconds) {
        forgetBefore(second - m_limits.windowSeconds);
        m_lastSweep = second;
    }
    // Pauses first: a paused client is told how long it must wait, not to try again in a second.
    Failures& byAddress = m_byAddress[address];
    if (const auto wait = pausedFor(byAddress, m_limits.failuresPerAddress, second))
        return Refused { Refusal::AddressPaused, *wait };
    Failures& byPair = m_byAccountAndAddress[pairKey(account, address)];
    if (const auto wait = pausedFor(byPair, m_limits.failuresPerAccountAndAddress, second))
        return Refused { Refusal::AccountPaused, *wait };
    if (const auto wait = accountPausedFor(m_byAccount[account], second))
        return Refused { Refusal::AccountPaused, *wait };
    if (m_checking >= m_limits.concurrentSignIns)
        return Refused { Refusal::Busy, 1 };
    ++byAddress.inFlight;
    ++byPair.inFlight;
    ++m_checking;
    return std::nullopt;
}

void SignInThrottle::settle(
    const QString& address, const QString& account, Outcome outcome, const QDateTime& now)
{
    const qint64 second = now.toSecsSinceEpoch();
    const std::lock_guard lock(m_mutex);
    m_checking = std::max(0, m_checking - 1);
    Failures& byAddress = m_byAddress[address];
    Failures& byPair = m_byAccountAndAddress[pairKey(account, address)];
    byAddress.inFlight = std::max(0, byAddress.inFlight - 1);
    byPair.inFlight = std::max(0, byPair.inFlight - 1);
    switch (outcome) {
    case Outcome::Failed:
        byAddress.at.push_back(second);
        byPair.at.push_back(second);
        m_byAccount[account].at.emplace_back(second, address);
        break;
    case Outcome::Succeeded:
        // Whoever knows the password may go on; the address keeps its own count.
        byPair.at.clear();
        m_byAccount.remove(account);
        break;
    case Outcome::Abandoned:
        break;
    }
}

void SignInThrottle::forgetAccount(const QString& account)
{
    const std::lock_guard lock(m_mutex);
    m_byAccount.remove(account);
    const QString prefix = pairKey(account, {});
    for (auto it = m_byAccountAndAddress.begin(); it != m_byAccountAndAddress.end();) {
        if (!it.key().startsWith(prefix)) {
            ++it;
            continue;
        }
        it->at.clear(); // attempts still being checked settle against the entry
        it = it->inFlight == 0 ? m_byAccountAndAddress.erase(it) : std::next(it);
    }
}

void SignInThrottle::forgetBefore(qint64 horizon)
{
    const auto sweep = [horizon](QHash<QString, Failures>& table) {
        for (auto it = table.begin(); it != table.end();) {
            dropBefore(it->at, horizon, [](qint64 at) { return at; });
            it = it->at.empty() && it->inFlight == 0 ? table.erase(it) : std::next(it);
        }
    };
    sweep(m_byAddress);
    sweep(m_byAccountAndAddress);
    for (auto it = m_byAccount.begin(); it != m_byAccount.end();) {
        dropBefore(it->at, horizon, [](const auto& failure) { return failure.first; });
        it = it->at.empty() ? m_byAccount.erase(it) : std::next(it);
    }
}

} // namespace sotay::server
