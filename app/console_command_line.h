// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_address.h"

#include <QStringList>
#include <QUrl>

namespace sotay::app {

struct ConsoleCommandLine {
    QUrl server;         // empty unless --server was given: the sign-in dialog then offers the last one used
    QString replicaPath; // empty unless --replica was given: the user's default replica
    // --ca-file (checked: a readable PEM file) and --allow-insecure-http: pre-fill the sign-in dialog.
    client::TlsSettings tls;
    // The start-up probe (--quit-after-start, with --replica, --user and --password-file): open the main
    // window on the replica without the server, wait for the first paint of the data, and exit.
    bool quitAfterStart = false;
    QString username;
    QString password;
    bool exitNow = false; // --help or --version: print `text` and stop
    QString text;
};

// sotay-console [--server URL] [--ca-file FILE] [--allow-insecure-http] [--replica FILE]
// [--user NAME --password-file FILE --quit-after-start]. Needs a QCoreApplication (not a QApplication: no
// display required).
Result<ConsoleCommandLine> parseConsoleCommandLine(const QStringList& arguments);

} // namespace sotay::app
