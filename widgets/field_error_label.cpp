// SPDX-License-Identifier: GPL-3.0-or-later
#include "field_error_label.h"

#include <QColor>
#include <QLabel>
#include <QPalette>
#include <QVBoxLayout>

namespace sotay::widgets {

QLabel* newFieldErrorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b91c1c"));
    label->setVisible(false);
    return label;
}

void styleAsError(QLabel* label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
    label->hide();
}

void showFieldError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QWidget* withErrorLabel(QWidget* input, QLabel* error, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    input->setParent(box);
    error->setParent(box);
    layout->addWidget(input);
    layout->addWidget(error);
    box->setFocusProxy(input);
    return box;
}

} // namespace sotay::widgets
