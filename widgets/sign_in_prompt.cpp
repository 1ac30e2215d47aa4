// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_prompt.h"

#include <QList>
#include <QTimer>

namespace sotay::widgets {
namespace {

// GUI thread only.
struct Answers {
    QList<std::optional<QString>> next;
    int asked = 0;
    SignInDialog::Options lastOptions;
    QString lastError;
};

Answers& answers()
{
    static Answers state;
    return state;
}

} // namespace

std::optional<ConsoleSession> SignInPrompt::ask(QWidget* parent, const SignInDialog::Options& options)
{
    Answers& state = answers();
    ++state.asked;
    state.lastOptions = options;
    state.lastError.clear();
    SignInDialog dialog(options, parent);
    if (!state.next.isEmpty()) {
        const std::optional<QString> password = state.next.takeFirst();
        if (!password)
            return std::nullopt;
        dialog.setPassword(*password);
        QObject::connect(&dialog, &SignInDialog::failed, &dialog, [&dialog](const QString& message) {
            answers().lastError = message;
            dialog.reject();
        });
        QTimer::singleShot(0, &dialog, &SignInDialog::submit);
    }
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.session();
}

void SignInPrompt::setNextAnswer(std::optional<QString> password)
{
    answers().next.append(std::move(password));
}

int SignInPrompt::askedCount()
{
    return answers().asked;
}

SignInDialog::Options SignInPrompt::lastOptions()
{
    return answers().lastOptions;
}

QString SignInPrompt::lastError()
{
    return answers().lastError;
}

} // namespace sotay::widgets
