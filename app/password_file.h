// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

namespace sotay::app {

// The password in the first line of a file (--password-file), without its line break; spaces are kept,
// since they may belong to the password.
Result<QString> readPasswordFile(const QString& path);

} // namespace sotay::app
