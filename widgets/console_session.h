// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "field_cipher.h"
#include "server_address.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace sotay::widgets {

// Who works in the console, on which server, and on which local replica. Without a token the console was
// opened offline, on the replica alone, after the password opened the replica's key.
struct ConsoleSession {
    QUrl server;
    QString username;
    QString token;
    QString replicaPath;
    // How the server is reached (CA file, leave for plain http): every connection of the session uses it.
    client::TlsSettings tls = {};
    // The replica's data key, opened at sign-in: every connection to the replica seals and opens with it.
    std::optional<FieldCipher> cipher = {};

    bool online() const { return !token.isEmpty(); }
};

} // namespace sotay::widgets
