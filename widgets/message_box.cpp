// SPDX-License-Identifier: GPL-3.0-or-later
#include "message_box.h"

#include <QList>

namespace sotay::widgets {
namespace {

// GUI thread only, like the boxes themselves.
struct Answers {
    QList<MessageBox::Button> next;
    bool unattended = false;
    QString lastText;
    int asked = 0;
};

Answers& answers()
{
    static Answers state;
    return state;
}

MessageBox::Button ask(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text,
    MessageBox::Buttons buttons, MessageBox::Button defaultButton)
{
    Answers& state = answers();
    state.lastText = text;
    ++state.asked;
    if (!state.next.isEmpty())
        return state.next.takeFirst();
    if (state.unattended) {
        qWarning("MessageBox: no answer prepared for \"%s\"", qUtf8Printable(text));
        return defaultButton != QMessageBox::NoButton ? defaultButton : QMessageBox::Cancel;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    if (defaultButton != QMessageBox::NoButton)
        box.setDefaultButton(defaultButton);
    return static_cast<MessageBox::Button>(box.exec());
}

} // namespace

MessageBox::Button MessageBox::question(
    QWidget* parent, const QString& title, const QString& text, Buttons buttons, Button defaultButton)
{
    return ask(QMessageBox::Question, parent, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::information(QWidget* parent, const QString& title, const QString& text)
{
    return ask(QMessageBox::Information, parent, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

MessageBox::Button MessageBox::warning(QWidget* parent, const QString& title, const QString& text)
{
    return ask(QMessageBox::Warning, parent, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

MessageBox::Button MessageBox::critical(QWidget* parent, const QString& title, const QString& text)
{
    return ask(QMessageBox::Critical, parent, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBox::about(QWidget* parent, const QString& title, const QString& text)
{
    Answers& state = answers();
    state.lastText = text;
    ++state.asked;
    if (!state.next.isEmpty()) {
        state.next.removeFirst();
        return;
    }
    if (!state.unattended)
        QMessageBox::about(parent, title, text);
}

void MessageBox::setNextAnswer(Button answer)
{
    answers().next.append(answer);
}

void MessageBox::setUnattended(bool unattended)
{
    answers().unattended = unattended;
}

QString MessageBox::lastText()
{
    return answers().lastText;
}

int MessageBox::askedCount()
{
    return answers().asked;
}

} // namespace sotay::widgets
