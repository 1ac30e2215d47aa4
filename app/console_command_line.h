// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QStringList>
#include <QUrl>

namespace sotay::app {

struct ConsoleCommandLine {
    QUrl server;
    bool exitNow = false; // --help or --version: print `text` and stop
    QString text;
};

// sotay-console [--server URL]. Needs a QCoreApplication (not a QApplication: no display required).
Result<ConsoleCommandLine> parseConsoleCommandLine(const QStringList& arguments);

} // namespace sotay::app
