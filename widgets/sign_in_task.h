// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "password_hasher.h"
#include "server_address.h"

#include <QString>
#include <QUrl>

namespace sotay::widgets {

struct SignInRequest {
    QUrl server;
    client::TlsSettings tls;
    QString username;
    QString password;
    QString replicaPath;
    PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
};

struct SignInAnswer {
    enum class Status {
        SignedIn,      // the server accepted: `token` is set
        Refused,       // the server refused: `message` is its Vietnamese reason
        OutOfReach,    // no answer from the server: `message` says why
        Unsafe,        // the connection was refused as unsafe (certificate, handshake): `message` says why
        OpenedOffline, // the password matches the replica's verifier
        WrongPassword, // it does not
        NoVerifier,    // this computer has never signed this user in online
        Failed,        // the replica could not be read or the check failed
    };
    Status status = Status::Failed;
    QString token;
    QString message;
    // SignedIn with a temporary password: the new one must be set before anything else.
    bool mustChangePassword = false;
};

// The blocking halves of signing in, for a worker thread (they open their own replica connection and
// close it before returning). Online: signs in and stores a fresh verifier of the password in the replica,
// so that the next sign-in can work offline.
SignInAnswer signInOnline(const SignInRequest& request);
// Offline: checks the password against the replica's verifier; never creates a replica.
SignInAnswer checkOffline(const SignInRequest& request);

} // namespace sotay::widgets
