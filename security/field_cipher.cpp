// SPDX-License-Identifier: GPL-3.0-or-later
#include "field_cipher.h"

#include <QCoreApplication>
#include <QStringList>

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace sotay {

// The data key and the two subkeys drawn from it, in memory that libsodium locks, guards and wipes.
struct FieldCipher::Keys {
    Keys()
        : bytes(static_cast<unsigned char*>(sodium_malloc(3 * crypto_kdf_KEYBYTES)))
    {
        if (!bytes)
            throw std::bad_alloc();
    }
    ~Keys() { sodium_free(bytes); }
    Keys(const Keys&) = delete;
    Keys& operator=(const Keys&) = delete;

    unsigned char* data() const { return bytes; }
    unsigned char* sealing() const { return bytes + crypto_kdf_KEYBYTES; }
    unsigned char* hashing() const { return bytes + 2 * crypto_kdf_KEYBYTES; }

    void deriveSubkeys() const
    {
        crypto_kdf_derive_from_key(sealing(), crypto_kdf_KEYBYTES, 1, "sotayfld", data());
        crypto_kdf_derive_from_key(hashing(), crypto_kdf_KEYBYTES, 2, "sotayidx", data());
    }

    unsigned char* bytes;
};

namespace {

const QString kSealedPrefix = QStringLiteral("s1:");
constexpr std::size_t kPaddingBlock = 64;

void initialise()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

const unsigned char* bytesOf(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

unsigned char* bytesOf(QByteArray& array)
{
    return reinterpret_cast<unsigned char*>(array.data());
}

// The key that wraps the data key: Argon2id of the password in NFC (as PasswordHasher takes it), in locked
// memory wiped when it goes.
struct PasswordKey {
    PasswordKey()
        : bytes(static_cast<unsigned char*>(sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)))
    {
        if (!bytes)
            throw std::bad_alloc();
    }
    ~PasswordKey() { sodium_free(bytes); }
    PasswordKey(const PasswordKey&) = delete;
    PasswordKey& operator=(const PasswordKey&) = delete;
    unsigned char* bytes;
};

Error outOfMemory()
{
    return Error { ErrorCode::Io,
        QCoreApplication::translate("FieldCipher", "Không đủ bộ nhớ để tạo khóa từ mật khẩu."), {} };
}

Status derive(PasswordKey& key, const QString& password, const WrappedKey& parameters)
{
    const QByteArray utf8 = password.normalized(QString::NormalizationForm_C).toUtf8();
    if (parameters.salt.size() != crypto_pwhash_SALTBYTES)
        return Error::invalid(QCoreApplication::translate("FieldCipher", "Khóa đã lưu bị hỏng."));
    if (crypto_pwhash(key.bytes, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, utf8.constData(),
            static_cast<unsigned long long>(utf8.size()), bytesOf(parameters.salt), parameters.operations,
            parameters.memoryBytes, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return outOfMemory();
    return success();
}

QByteArray sealUnder(const unsigned char* key, const QByteArray& plain, const QByteArray& place)
{
    QByteArray out(static_cast<qsizetype>(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size()
                       + crypto_aead_xchacha20poly1305_ietf_ABYTES),
        Qt::Uninitialized);
    unsigned char* nonce = bytesOf(out);
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &length,
        bytesOf(plain), static_cast<unsigned long long>(plain.size()), bytesOf(place),
        static_cast<unsigned long long>(place.size()), nullptr, nonce, key);
    return out;
}

std::optional<QByteArray> openUnder(
    const unsigned char* key, const QByteArray& sealed, const QByteArray& place)
{
    constexpr auto overhead
        = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (static_cast<std::size_t>(sealed.size()) < overhead)
        return std::nullopt;
    QByteArray plain(
        static_cast<qsizetype>(static_cast<std::size_t>(sealed.size()) - overhead), Qt::Uninitialized);
    const unsigned char* nonce = bytesOf(sealed);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(bytesOf(plain), &length, nullptr,
            nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            static_cast<unsigned long long>(sealed.size()) - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            bytesOf(place), static_cast<unsigned long long>(place.size()), nonce, key)
        != 0)
        return std::nullopt;
    plain.truncate(static_cast<qsizetype>(length));
    return plain;
}

Error wrongPassword()
{
    const QString message
        = QCoreApplication::translate("FieldCipher", "Mật khẩu này không mở được dữ liệu đã lưu trên máy.");
    return Error::invalid(message, { { QStringLiteral("password"), message } });
}

Error damaged()
{
    return Error { ErrorCode::Storage,
        QCoreApplication::translate("FieldCipher", "Một trường dữ liệu đã mã hóa bị hỏng hoặc bị thay đổi."),
        {} };
}

} // namespace

QString WrappedKey::toText() const
{
    return QStringList { QStringLiteral("argon2id"), QStringLiteral("1"), QString::number(operations),
        QString::number(memoryBytes), QString::fromLatin1(salt.toBase64()),
        QString::fromLatin1(sealed.toBase64()) }
        .join(u'$');
}

std::optional<WrappedKey> WrappedKey::fromText(const QString& text)
{
    const QStringList parts = text.split(u'$');
    if (parts.size() != 6 || parts[0] != u"argon2id" || parts[1] != u"1")
        return std::nullopt;
    bool operationsOk = false;
    bool memoryOk = false;
    WrappedKey key;
    key.operations = parts[2].toULongLong(&operationsOk);
    key.memoryBytes = static_cast<std::size_t>(parts[3].toULongLong(&memoryOk));
    const auto salt
        = QByteArray::fromBase64Encoding(parts[4].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto sealed
        = QByteArray::fromBase64Encoding(parts[5].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!operationsOk || !memoryOk || !salt || !sealed || salt.decoded.size() != crypto_pwhash_SALTBYTES)
        return std::nullopt;
    key.salt = *salt;
    key.sealed = *sealed;
    return key;
}

FieldCipher::FieldCipher(std::shared_ptr<Keys> keys)
    : m_keys(std::move(keys))
{
}

Result<std::pair<FieldCipher, WrappedKey>> FieldCipher::create(
    const QString& password, PasswordHasher::Cost cost)
{
    initialise();
    auto keys = std::make_shared<Keys>();
    randombytes_buf(keys->data(), crypto_kdf_KEYBYTES);
    keys->deriveSubkeys();
    FieldCipher cipher(std::move(keys));
    auto wrapped = cipher.wrap(password, cost);
    if (!wrapped)
        return wrapped.error();
    return std::pair { cipher, *wrapped };
}

Result<FieldCipher> FieldCipher::open(const WrappedKey& wrapped, const QString& password)
{
    initialise();
    PasswordKey key;
    if (const Status derived = derive(key, password, wrapped); !derived)
        return derived.error();
    auto data = openUnder(key.bytes, wrapped.sealed, QByteArrayLiteral("sotay data key"));
    if (!data || data->size() != crypto_kdf_KEYBYTES)
        return wrongPassword();
    auto keys = std::make_shared<Keys>();
    std::copy(data->cbegin(), data->cend(), keys->data());
    sodium_memzero(data->data(), static_cast<std::size_t>(data->size()));
    keys->deriveSubkeys();
    return FieldCipher(std::move(keys));
}

Result<WrappedKey> FieldCipher::wrap(const QString& password, PasswordHasher::Cost cost) const
{
    WrappedKey wrapped;
    wrapped.operations = cost.operations;
    wrapped.memoryBytes = cost.memoryBytes;
    wrapped.salt = QByteArray(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    randombytes_buf(bytesOf(wrapped.salt), crypto_pwhash_SALTBYTES);
    PasswordKey key;
    if (const Status derived = derive(key, password, wrapped); !derived)
        return derived.error();
    QByteArray data(reinterpret_cast<const char*>(m_keys->data()), crypto_kdf_KEYBYTES);
    wrapped.sealed = sealUnder(key.bytes, data, QByteArrayLiteral("sotay data key"));
    sodium_memzero(data.data(), static_cast<std::size_t>(data.size()));
    return wrapped;
}

QString FieldCipher::seal(const QString& plain, const QString& place) const
{
    const QByteArray utf8 = plain.toUtf8();
    const std::size_t room = (static_cast<std::size_t>(utf8.size()) / kPaddingBlock + 1) * kPaddingBlock;
    QByteArray padded(static_cast<qsizetype>(room), '\0');
    std::copy(utf8.cbegin(), utf8.cend(), padded.begin());
    std::size_t paddedLength = 0;
    sodium_pad(&paddedLength, bytesOf(padded), static_cast<std::size_t>(utf8.size()), kPaddingBlock, room);
    padded.truncate(static_cast<qsizetype>(paddedLength));
    return kSealedPrefix
        + QString::fromLatin1(sealUnder(m_keys->sealing(), padded, place.toUtf8()).toBase64());
}

Result<QString> FieldCipher::unseal(QStringView sealed, QByteArrayView place) const
{
    // On the stack: a province's roster opens 600,000 of these, and each allocation showed.
    constexpr std::size_t kRoom = 1024;
    constexpr std::size_t overhead
        = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (!sealed.startsWith(kSealedPrefix))
        return damaged();
    const QStringView text = sealed.mid(kSealedPrefix.size());
    if (static_cast<std::size_t>(text.size()) >= kRoom) { // longer than any field allows: on the heap
        const auto decoded
            = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        auto opened = decoded ? openUnder(m_keys->sealing(), *decoded, place.toByteArray()) : std::nullopt;
        std::size_t unpadded = 0;
        if (!opened
            || sodium_unpad(
                   &unpadded, bytesOf(*opened), static_cast<std::size_t>(opened->size()), kPaddingBlock)
                != 0)
            return damaged();
        return QString::fromUtf8(opened->constData(), static_cast<qsizetype>(unpadded));
    }
    std::array<char, kRoom> ascii {};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].unicode() > 127)
            return damaged();
        ascii[static_cast<std::size_t>(i)] = static_cast<char>(text[i].unicode());
    }
    std::array<unsigned char, kRoom> bytes {};
    std::size_t length = 0;
    if (sodium_base642bin(bytes.data(), bytes.size(), ascii.data(), static_cast<std::size_t>(text.size()),
            nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL)
            != 0
        || length < overhead)
        return damaged();
    std::array<unsigned char, kRoom> padded {};
    unsigned long long paddedLength = 0;
    const unsigned char* nonce = bytes.data();
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(padded.data(), &paddedLength, nullptr,
            nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            length - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            reinterpret_cast<const unsigned char*>(place.data()),
            static_cast<unsigned long long>(place.size()), nonce, m_keys->sealing())
        != 0)
        return damaged();
    std::size_t plainLength = 0;
    if (sodium_unpad(&plainLength, padded.data(), static_cast<std::size_t>(paddedLength), kPaddingBlock) != 0)
        return damaged();
    return QString::fromUtf8(
        reinterpret_cast<const char*>(padded.data()), static_cast<qsizetype>(plainLength));
}

bool FieldCipher::isSealed(const QString& value)
{
    return value.startsWith(kSealedPrefix);
}

QString FieldCipher::citizenIdHash(const QString& citizenId) const
{
    QByteArray digits;
    for (const QChar c : citizenId)
        if (c.isDigit())
            digits.append(static_cast<char>(c.digitValue() + '0'));
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, bytesOf(digits), static_cast<unsigned long long>(digits.size()),
        m_keys->hashing(), crypto_kdf_KEYBYTES);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), sizeof hash).toBase64());
}

} // namespace sotay
