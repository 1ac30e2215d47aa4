// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console_session.h"
#include "sign_in_dialog.h"

#include <optional>

namespace sotay::widgets {

// Shows the sign-in dialog and waits for it (a local event loop: the window behind stays painted and the
// sign-in itself runs on a worker thread). A test prepares the answer with setNextAnswer so that it never
// waits for a person.
class SignInPrompt final {
public:
    SignInPrompt() = delete;

    // The session, or nothing when the user cancelled.
    static std::optional<ConsoleSession> ask(QWidget* parent, const SignInDialog::Options& options);

    // Tests: the next ask() types `password` and presses Enter itself; a failed attempt then ends the dialog
    // as if cancelled. std::nullopt: the next ask() is cancelled at once.
    static void setNextAnswer(std::optional<QString> password);
    static int askedCount();
    // The options of the last ask() and the error that ended an answered prompt, for tests.
    static SignInDialog::Options lastOptions();
    static QString lastError();
};

} // namespace sotay::widgets
