// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace sotay::widgets {

// The message shown beside a field: red, wrapped, hidden while empty.
QLabel* newFieldErrorLabel(QWidget* parent);
void showFieldError(QLabel* label, const QString& message);

// `input` with its error label under it, as one widget for a form row (focus goes to the input).
QWidget* withErrorLabel(QWidget* input, QLabel* error, QWidget* parent);

} // namespace sotay::widgets
