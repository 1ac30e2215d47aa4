// SPDX-License-Identifier: GPL-3.0-or-later
#include "temporary_password.h"

#include <sodium.h>

namespace sotay {

QString generateTemporaryPassword()
{
    constexpr auto symbols = static_cast<uint32_t>(sizeof kTemporaryPasswordAlphabet - 1);
    QString password;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            password += u'-';
        password += QChar::fromLatin1(kTemporaryPasswordAlphabet[randombytes_uniform(symbols)]);
    }
    return password;
}

} // namespace sotay
