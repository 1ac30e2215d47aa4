// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPushButton>

#include <functional>

namespace sotay::widgets {

// Tests answer a dialog in place of a person (as MessageBox::setNextAnswer does for message boxes): while an
// answer is set, the dialog hands itself to it instead of waiting in exec(). One per dialog type.
template <typename Dialog, typename Answer> std::function<Answer(Dialog&)>& testAnswerFor()
{
    static std::function<Answer(Dialog&)> answer;
    return answer;
}

// An OK/Cancel dialog shown, or answered by the test: the answer fills it and returns whether to press OK,
// which counts only while OK is enabled, as for a person.
template <typename Dialog> bool askForOk(Dialog& dialog, const QPushButton* ok)
{
    const auto& answer = testAnswerFor<Dialog, bool>();
    return answer ? answer(dialog) && ok->isEnabled() : dialog.exec() == QDialog::Accepted;
}

} // namespace sotay::widgets
