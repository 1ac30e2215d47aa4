// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>
#include <QString>

namespace sotay::widgets {

// Every message box of the console goes through here, so that a test can give the answer in advance
// (as KeePassXC's MessageBox::setNextAnswer does) and no GUI test ever waits for a person.
class MessageBox final {
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    MessageBox() = delete;

    static Button question(QWidget* parent, const QString& title, const QString& text,
        Buttons buttons = Buttons(QMessageBox::Yes | QMessageBox::No),
        Button defaultButton = QMessageBox::NoButton);
    static Button information(QWidget* parent, const QString& title, const QString& text);
    static Button warning(QWidget* parent, const QString& title, const QString& text);
    static Button critical(QWidget* parent, const QString& title, const QString& text);
    static void about(QWidget* parent, const QString& title, const QString& text);

    // Tests: the next box is not shown and returns `answer` at once.
    static void setNextAnswer(Button answer);
    // Tests: every box without a prepared answer returns its default button at once instead of waiting.
    static void setUnattended(bool unattended);
    // The text of the last box asked (shown or answered in advance), and how many were asked.
    static QString lastText();
    static int askedCount();
};

} // namespace sotay::widgets
