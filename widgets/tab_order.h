// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

class QWidget;

namespace sotay::widgets {

// Makes Tab go through `widgets` in the order listed (a screen's natural order: top to bottom, left to
// right), whatever order they were made in. A widget shown inside a box that hands it the focus (a field
// with its message under it, see withErrorLabel; a button box) is ordered by that box, so that the two stay
// together in the focus chain: ordering the field alone would leave its box behind, and Tab would reach the
// field from there at the wrong moment.
void setTabOrderChain(const QList<QWidget*>& widgets);

} // namespace sotay::widgets
