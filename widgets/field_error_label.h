// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace sotay::widgets {

// The message shown beside a field: red, wrapped, hidden while empty.
QLabel* newFieldErrorLabel(QWidget* parent);
void showFieldError(QLabel* label, const QString& message);

// Makes `label` the line where a dialog says what went wrong: plain text, wrapped, dark red, hidden until
// there is something to say.
void styleAsError(QLabel* label);

// `input` with its error label under it, as one widget for a form row (focus goes to the input).
QWidget* withErrorLabel(QWidget* input, QLabel* error, QWidget* parent);

} // namespace sotay::widgets
