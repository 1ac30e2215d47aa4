// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "password_hasher.h"
#include "server_address.h"

#include <QString>
#include <QUrl>

namespace sotay::widgets {

struct UnlockRequest {
    QUrl server;
    client::TlsSettings tls;
    QString username;
    QString password;
    QString replicaPath;
    PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
    // Whether the window wants the new session the check opens (it has none, or its own has expired);
    // otherwise the new session is closed at once and the window keeps its own.
    bool keepSession = false;
};

struct UnlockAnswer {
    enum class Status {
        Unlocked,        // the server accepted the password; `token` is set when the session was kept
        UnlockedOffline, // the server did not answer; the password matches this computer's verifier
        Refused,         // the server (or the verifier) refused: `message` says why, in Vietnamese
        Failed,          // the password could not be checked at all: `message` says why
    };
    Status status = Status::Failed;
    QString token;
    QString message;
};

// The blocking check behind the lock's "Mở khoá", for a worker thread. The server first (a sign-in, so that
// its throttle counts every attempt); only when it does not answer, the verifier this computer keeps of the
// last online sign-in, which the offline sign-in trusts too. With neither, the window stays locked.
UnlockAnswer checkUnlock(const UnlockRequest& request);

// Ends the session `token` on the server (POST /api/v1/auth/logout). Blocking; false when the server did
// not take it (the session then ends by itself at its expiry; the console forgets the token anyway).
bool signOutOnServer(const QUrl& server, const client::TlsSettings& tls, const QString& token);

} // namespace sotay::widgets
