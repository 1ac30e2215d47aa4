// SPDX-License-Identifier: GPL-3.0-or-later
#include "day_edit.h"

#include <QKeyEvent>
#include <QLineEdit>

namespace sotay::widgets {

DayEdit::DayEdit(QDate date, QWidget* parent)
    : QDateEdit(date, parent)
{
    setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    setCalendarPopup(true);
}

void DayEdit::focusInEvent(QFocusEvent* event)
{
    m_movedOn = false;
    QDateEdit::focusInEvent(event);
}

void DayEdit::keyPressEvent(QKeyEvent* event)
{
    const QString typed = event->text();
    const bool digit = typed.size() == 1 && typed.front().isDigit();
    const bool separator = typed == u"/" || typed == u"." || typed == u"-";
    if (!digit && !separator) {
        m_movedOn = false;
        QDateEdit::keyPressEvent(event);
        return;
    }
    const QLineEdit* text = lineEdit();
    if (text->hasSelectedText() && text->selectedText() == text->text()) {
        // Typing over the whole date: from its first part.
        setSelectedSection(sectionAt(0));
        m_movedOn = false;
    }
    if (separator && m_movedOn) {
        m_movedOn = false; // the part was already left
        event->accept();
        return;
    }
    const int before = currentSectionIndex();
    QDateEdit::keyPressEvent(event);
    m_movedOn = digit && currentSectionIndex() != before;
}

} // namespace sotay::widgets
