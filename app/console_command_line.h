// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QStringList>
#include <QUrl>

namespace sotay::app {

struct ConsoleCommandLine {
    QUrl server;          // empty unless --server was given: the sign-in dialog then offers the last one used
    QString replicaPath;  // empty unless --replica was given: the user's default replica
    bool exitNow = false; // --help or --version: print `text` and stop
    QString text;
};

// sotay-console [--server URL] [--replica FILE]. Needs a QCoreApplication (not a QApplication: no display
// required).
Result<ConsoleCommandLine> parseConsoleCommandLine(const QStringList& arguments);

} // namespace sotay::app
