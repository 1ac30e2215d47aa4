// SPDX-License-Identifier: GPL-3.0-or-later
#include "combo_texts.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>

namespace sotay::widgets {

void setComboTexts(QComboBox* box, const QStringList& texts)
{
    for (int i = 0; i < texts.size() && i < box->count(); ++i)
        box->setItemText(i, texts[i]);
    // The one public way to make QComboBox drop both of its kept size hints.
    QEvent styleChange(QEvent::StyleChange);
    QCoreApplication::sendEvent(box, &styleChange);
}

} // namespace sotay::widgets
