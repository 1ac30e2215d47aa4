// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace sotay::app {

// sotay-console sync --server URL --user NAME --password-file FILE [--replica PATH] [--ca-file FILE]
// [--allow-insecure-http]
// One sync without a window, for scheduled tasks and tests. Exit codes: 0 done, 1 server out of reach,
// 2 bad command line or file (plain http to another computer without --allow-insecure-http included),
// 3 sign-in refused or session lost, 4 anything else, 5 the connection refused as unsafe (the server's
// certificate failed its check, or the TLS handshake failed).
int runHeadlessSync(const QStringList& arguments);

// How `sotay-console sync` is called and its options, one a line, for the console's own --help.
QString headlessSyncHelp();

} // namespace sotay::app
