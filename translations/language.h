// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QCoreApplication;

namespace sotay {

// Languages the program speaks, from the embedded translations: "vi" (the default) and "en".
QStringList availableLanguages();

// Installs the translators for `language` ("vi" or "en") into the application: our own strings and
// Qt's (buttons, dialogs, the command-line help). Unknown languages fall back to Vietnamese. Called again,
// it replaces the translators it installed before; text already shown changes only where it is read again.
void installLanguage(QCoreApplication& application, const QString& language);

} // namespace sotay
