// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

#include <memory>

namespace sotay {

// Argon2id password hashes (libsodium). Hashing is deliberately slow and memory-hungry, so at most
// `maxConcurrent` run at once: a burst of sign-ins queues here instead of starving every other request.
class PasswordHasher final {
public:
    struct Cost {
        unsigned long long operations;
        std::size_t memoryBytes;
        static Cost interactive(); // libsodium's INTERACTIVE: 2 passes, 64 MiB
        static Cost minimal();     // the least libsodium allows: for tests only
    };

    explicit PasswordHasher(Cost cost = Cost::interactive(), int maxConcurrent = 2);
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    // Both take the password in any Unicode form: it is normalised to NFC first.
    Result<QString> hash(const QString& password);
    // False for a wrong password or a malformed hash; an error only when no slot freed up in time.
    Result<bool> verify(const QString& hash, const QString& password);

    // Rules a new password must meet; empty when it is acceptable.
    static QString weakness(const QString& password);

private:
    static QByteArray normalised(const QString& password);

    struct Slots;
    Cost m_cost;
    std::unique_ptr<Slots> m_slots;
};

} // namespace sotay
