// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_config.h"

#include <QStringList>

namespace sotay::server {

struct ServerCommandLine {
    ServerConfig config;
    bool exitNow = false; // --help or --version: print `text` and stop
    QString text;
};

// sotay-server [--data DIR | --database postgresql://...] [--listen HOST:PORT] [--threads N]
Result<ServerCommandLine> parseServerCommandLine(const QStringList& arguments);

} // namespace sotay::server
