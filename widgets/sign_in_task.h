// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "field_cipher.h"
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
    // The cost of the Argon2id key that wraps the replica's data key.
    PasswordHasher::Cost verifierCost = PasswordHasher::Cost::interactive();
    // The password just replaced (a temporary one changed at sign-in): the replica's key is wrapped again
    // from it to `password`.
    QString previousPassword = {};
    // False when a window already works on the replica (unlocking it after a pause): only the password is
    // checked, and the replica is left as it is.
    bool openReplica = true;
};

struct SignInAnswer {
    enum class Status {
        SignedIn,      // the server accepted: `token` is set
        Refused,       // the server refused: `message` is its Vietnamese reason
        OutOfReach,    // no answer from the server: `message` says why
        Unsafe,        // the connection was refused as unsafe (certificate, handshake): `message` says why
        OpenedOffline, // the password opens the replica's key
        WrongPassword, // it does not
        NoVerifier,    // this computer has never signed this user in online
        Failed,        // the replica could not be read or the check failed
    };
    Status status = Status::Failed;
    QString token;
    QString message;
    // SignedIn with a temporary password: the new one must be set before anything else.
    bool mustChangePassword = false;
    // SignedIn or OpenedOffline: the replica's data key, for every connection of the session.
    std::optional<FieldCipher> cipher = {};
    // SignedIn: something the user should read before working (the replica was set aside), else empty.
    QString notice = {};
};

// The blocking halves of signing in, for a worker thread (they open their own replica connection and
// close it before returning). Online: signs in and unlocks the replica with the password (making its key
// on the first sign-in), so that the next sign-in can work offline. When the key was wrapped under another
// password (changed on another computer, or reset by an administrator), the replica is set aside with its
// unsent edits and a fresh one is made; `notice` says so.
SignInAnswer signInOnline(const SignInRequest& request);
// Offline: unlocks the replica with the password; never creates a replica.
SignInAnswer checkOffline(const SignInRequest& request);

} // namespace sotay::widgets
