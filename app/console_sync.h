// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace sotay::app {

// sotay-console sync --server URL --user NAME --password-file FILE [--replica PATH]
// One sync without a window, for scheduled tasks and tests. Exit codes: 0 done, 1 server out of reach,
// 2 bad command line or file, 3 sign-in refused or session lost, 4 anything else.
int runHeadlessSync(const QStringList& arguments);

// How `sotay-console sync` is called and its options, one a line, for the console's own --help.
QString headlessSyncHelp();

} // namespace sotay::app
