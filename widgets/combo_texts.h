// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QComboBox;

namespace sotay::widgets {

// Gives the first items of `box` these texts, in order, and has the box measure itself again. QComboBox
// forgets the least size it computed only on a change of style or font, never when its items' texts change:
// after a change of language it would keep the old language's, and a layout could squeeze it below the new
// texts (or keep it wider than they need).
void setComboTexts(QComboBox* box, const QStringList& texts);

} // namespace sotay::widgets
