// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "password_hasher.h"
#include "store/field_sealer.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace sotay {

// A data key sealed under a key derived from a password with Argon2id, as the replica keeps it. The data key
// never changes; a password change seals it again with a fresh salt.
struct WrappedKey {
    unsigned long long operations = 0;
    std::size_t memoryBytes = 0;
    QByteArray salt;   // crypto_pwhash_SALTBYTES
    QByteArray sealed; // nonce, then the data key encrypted and authenticated

    // "argon2id$1$<operations>$<memory>$<salt>$<sealed>" (base64), and back; nothing for malformed text.
    QString toText() const;
    static std::optional<WrappedKey> fromText(const QString& text);
};

// The sensitive fields of a replica at rest (citizen id, ethnicity, religion): each value is sealed with
// XChaCha20-Poly1305 under a subkey of a random data key, bound to where it belongs (its table, row and
// column), and padded so that its length does not tell one ethnicity or religion from another. A keyed
// hash of the citizen id lets the replica find a member by it without holding it in clear. Without the
// password that unwraps the data key, a copy of the replica reveals none of these values.
class FieldCipher final : public FieldSealer {
public:
    // A new random data key, and the key wrapped under `password`.
    static Result<std::pair<FieldCipher, WrappedKey>> create(
        const QString& password, PasswordHasher::Cost cost);
    // The data key unwrapped with `password`; an Invalid error, field "password", when it is not the password
    // the key was last wrapped with.
    static Result<FieldCipher> open(const WrappedKey& wrapped, const QString& password);

    // The same data key wrapped under another password, with a fresh salt.
    Result<WrappedKey> wrap(const QString& password, PasswordHasher::Cost cost) const;

    // "s1:" and the sealed value in base64; `place` says where it is kept ("member:12:citizen_id").
    QString seal(const QString& plain, const QString& place) const override;
    // The value sealed for `place`; an error when it was altered, moved from another place or sealed under
    // another key.
    using FieldSealer::unseal;
    Result<QString> unseal(QStringView sealed, QByteArrayView place) const override;
    static bool isSealed(const QString& value);

    // The keyed hash of a citizen id (its digits only): equal ids give equal hashes under one data key, and
    // without the key the hash neither reveals an id nor lets anyone try ids against it.
    QString citizenIdHash(const QString& citizenId) const override;

private:
    struct Keys;
    explicit FieldCipher(std::shared_ptr<Keys> keys);
    std::shared_ptr<Keys> m_keys;
};

} // namespace sotay
