// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_address.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace sotay::app {

// --ca-file FILE and --allow-insecure-http, shared by the console's command line and `sync`.
struct TlsOptions {
    QCommandLineOption caFile;
    QCommandLineOption allowInsecureHttp;

    TlsOptions();
    // What `parser` was given; a CA file that is missing, unreadable or holds no certificate is refused with
    // its name.
    Result<client::TlsSettings> read(const QCommandLineParser& parser) const;
};

} // namespace sotay::app
