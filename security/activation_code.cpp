// SPDX-License-Identifier: GPL-3.0-or-later
#include "activation_code.h"

#include <QByteArray>

#include <sodium.h>

#include <cstring>

namespace sotay {

QString generateActivationCode()
{
    constexpr auto symbols = static_cast<uint32_t>(sizeof kActivationCodeAlphabet - 1);
    QString code;
    for (int i = 0; i < 8; ++i) {
        if (i == 4)
            code += u'-';
        code += QChar::fromLatin1(kActivationCodeAlphabet[randombytes_uniform(symbols)]);
    }
    return code;
}

QString normalizeActivationCode(const QString& typed)
{
    QString code;
    for (const QChar c : typed) {
        if (c == u'-' || c.isSpace())
            continue;
        const QChar upper = c.toUpper();
        if (upper.unicode() > 0x7f || !std::strchr(kActivationCodeAlphabet, upper.toLatin1())
            || upper == u'\0')
            return {};
        code += upper;
    }
    return code.size() == 8 ? code : QString();
}

QString newActivationSalt()
{
    QByteArray salt(crypto_generichash_KEYBYTES, '\0');
    randombytes_buf(salt.data(), static_cast<size_t>(salt.size()));
    return QString::fromLatin1(salt.toHex());
}

QString hashActivationCode(const QString& normalizedCode, const QString& saltHex)
{
    const QByteArray key = QByteArray::fromHex(saltHex.toLatin1());
    const QByteArray code = normalizedCode.toLatin1();
    QByteArray hash(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), static_cast<size_t>(hash.size()),
        reinterpret_cast<const unsigned char*>(code.constData()),
        static_cast<unsigned long long>(code.size()), reinterpret_cast<const unsigned char*>(key.constData()),
        static_cast<size_t>(key.size()));
    return QString::fromLatin1(hash.toHex());
}

bool sameActivationHash(const QString& a, const QString& b)
{
    const QByteArray left = a.toLatin1();
    const QByteArray right = b.toLatin1();
    return left.size() == right.size()
        && sodium_memcmp(left.constData(), right.constData(), static_cast<size_t>(left.size())) == 0;
}

} // namespace sotay
