// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateEdit>

namespace sotay::widgets {

// A day typed as dd/MM/yyyy gives that day. QDateEdit alone does not: typing over the whole text is
// ignored until a part is selected, and a separator typed after a part it has already left (the "15" of
// "15/03") skips the next part, so "15/03/2024" became another day. Here typing over the whole text starts at
// the day, and a separator right after such a move is taken as already typed. No maximum is set on these
// fields: a limit applied to a day half typed (15 December while the month still reads December) refuses
// it; the forms check the whole day instead, with the domain's message.
class DayEdit final : public QDateEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DayEdit)

public:
    explicit DayEdit(QDate date, QWidget* parent = nullptr);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;

private:
    bool m_movedOn = false; // the last digit completed a part and moved to the next
};

} // namespace sotay::widgets
