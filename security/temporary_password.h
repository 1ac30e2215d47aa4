// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sotay {

// A temporary password an administrator reads out or writes down for a user: 12 characters from an alphabet
// without look-alikes (no 0/o, 1/l/i), in three groups of four joined by '-', e.g. "k7qm-3vxa-p9te".
// 31 symbols, 12 draws: about 59 bits, from libsodium's randombytes_uniform (no modulo bias).
QString generateTemporaryPassword();

// The characters generateTemporaryPassword() draws from.
inline constexpr char kTemporaryPasswordAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

} // namespace sotay
