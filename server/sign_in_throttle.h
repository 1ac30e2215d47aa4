// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <deque>
#include <mutex>
#include <optional>

namespace sotay::server {

// How far sign-in attempts may go before they are refused. Failures are counted in a sliding window; a
// commune office signs in from one shared address, so the per-address limit is generous next to the
// per-account ones (docs/security.md).
struct SignInLimits {
    int failuresPerAccountAndAddress = 10; // one address guessing one account
    int failuresPerAddress = 100;          // one address guessing any accounts
    int failuresPerAccount = 30;           // one account guessed from ...
    int addressesPerAccount = 3;           // ... at least this many addresses
    int windowSeconds = 15 * 60;
    int concurrentSignIns = 8; // checked at once; password hashing never holds more request threads
};

// Decides whether a sign-in attempt may check its password, before it does: the attempt is counted as it
// is admitted, so a burst of parallel attempts cannot check more passwords than the limits allow. An
// account is keyed by the user name as typed (trimmed, lower case), whether or not it exists, so the
// answers say nothing about which accounts exist. Kept in memory: a restart forgets the failures.
class SignInThrottle final {
public:
    enum class Refusal {
        Busy,          // too many sign-ins being checked at this moment
        AddressPaused, // too many failures from this address
        AccountPaused, // too many failures for this account, from this address or from several
    };
    struct Refused {
        Refusal reason;
        int retryAfterSeconds;
    };
    enum class Outcome { Succeeded, Failed, Abandoned }; // abandoned: no answer about the password

    explicit SignInThrottle(SignInLimits limits = {});

    // Reserves the attempt, or says why it may not go on; every admitted attempt is settled exactly once.
    std::optional<Refused> admit(const QString& address, const QString& account, const QDateTime& now);
    void settle(const QString& address, const QString& account, Outcome outcome, const QDateTime& now);

    // An administrator lifts an account's pause: the failures counted against the user name, from every
    // address, are forgotten. What each address has spent on its own (any names) stays counted.
    void forgetAccount(const QString& account);

    static QString accountKey(const QString& username);

private:
    struct Failures {
        std::deque<qint64> at; // seconds since the epoch, oldest first
        int inFlight = 0;
    };
    struct AccountFailures {
        std::deque<std::pair<qint64, QString>> at; // with the address each came from
    };

    void forgetBefore(qint64 horizon);
    std::optional<int> pausedFor(Failures& failures, int limit, qint64 now) const;
    std::optional<int> accountPausedFor(AccountFailures& failures, qint64 now) const;

    SignInLimits m_limits;
    std::mutex m_mutex;
    QHash<QString, Failures> m_byAddress;
    QHash<QString, Failures> m_byAccountAndAddress;
    QHash<QString, AccountFailures> m_byAccount;
    int m_checking = 0;
    qint64 m_lastSweep = 0;
};

} // namespace sotay::server
