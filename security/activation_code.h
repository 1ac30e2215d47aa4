// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sotay {

// The one-time code an officer hands a member, who types it once into the handbook app with their number and
// a new password: 8 characters from an alphabet without look-alikes (none of 0 O Q D, 1 I L, 2 Z, 5 S, 8 B,
// U V), in two groups of four, e.g. "K7MW-3FXA". 21 symbols, 8 draws: about 35 bits, enough for a code that
// lives 30 days, dies at its first use, and whose wrong guesses are paused like wrong passwords
// (docs/security.md).
inline constexpr char kActivationCodeAlphabet[] = "ACEFGHJKMNPRTWXY34679";
QString generateActivationCode();

// A typed code as codes are compared: upper case, without spaces or dashes; empty when it cannot be a code
// (another length, a character outside the alphabet).
QString normalizeActivationCode(const QString& typed);

// Codes are stored as a keyed hash (BLAKE2b-256, keyed by a random salt of the row), never in clear.
QString newActivationSalt();
QString hashActivationCode(const QString& normalizedCode, const QString& saltHex);
// Compares two hashes in constant time.
bool sameActivationHash(const QString& a, const QString& b);

} // namespace sotay
