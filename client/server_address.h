// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

namespace sotay::client {

// How the console may connect to one server, as the user chose it for that server (the sign-in dialog
// remembers it per server; the command line gives it with --ca-file and --allow-insecure-http).
struct TlsSettings {
    // PEM file of the certificate authorities to trust for https instead of the system's store (on Windows,
    // its root store); empty: the system's store.
    QString caFile;
    // Plain http to a computer other than this one, allowed by the user for this server.
    bool allowInsecureHttp = false;
    friend bool operator==(const TlsSettings&, const TlsSettings&) = default;
};

// "127.0.0.1:8080", "https://host/" and the like, as a base URL (http when no scheme is given); an error
// names what is wrong.
Result<QUrl> parseServerAddress(const QString& text);

// True for this computer: 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const QString& host);

// True when `server` is plain http to another computer: what crosses the network there is readable by
// anyone on the way, so the user must allow it for that server.
bool needsInsecureHttpAllowance(const QUrl& server);

// The rule for plain http: to this computer always, to another computer only when the user allowed it for
// that server. The refusal says why and what to do instead.
Status checkInsecureHttpAllowed(const QUrl& server, bool allowed);

// The port the server's address means: the one given, or https's 443 and http's 80.
int effectivePort(const QUrl& server);

} // namespace sotay::client
