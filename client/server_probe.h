// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

namespace sotay::client {

struct ServerHealth {
    QString status;
    QString version;
};

// Asks the server's /healthz whether it answers. Blocking: call it off the GUI thread.
Result<ServerHealth> probeServer(const QUrl& server, int timeoutMilliseconds = 5000);

// "127.0.0.1:8080", "http://host:8080/" and the like, as a base URL; an error names what is wrong.
Result<QUrl> parseServerAddress(const QString& text);

} // namespace sotay::client
