// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

namespace sotay {

// Party records are sensitive personal data, so the files that hold them are for their owner's eyes only
// (mode 0600, folders 0700). On Windows these bits mean little; there the user's own profile folder keeps
// the files private.

// Creates `folder` and the folders above it that do not exist yet, each readable by the owner only. Folders
// that already exist are left as they are: they may be shared ones such as /tmp.
Status makePrivateFolder(const QString& folder);

// Creates the database `file` empty when it is missing, and makes it and SQLite's companions beside it
// (-wal, -shm, -journal) readable by the owner only. SQLite gives the companions it creates later the mode
// of the database file.
Status makePrivateDatabaseFile(const QString& file);

// Makes an existing folder readable by the owner only.
Status restrictFolder(const QString& folder);

} // namespace sotay
