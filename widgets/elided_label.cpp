// SPDX-License-Identifier: GPL-3.0-or-later
#include "elided_label.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace sotay::widgets {

ElidedLabel::ElidedLabel(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

ElidedLabel::~ElidedLabel() = default;

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize full = QLabel::minimumSizeHint();
    // Room for a few letters and the ellipsis.
    const int few = fontMetrics().horizontalAdvance(QStringLiteral("Mmmm…"));
    const QMargins margins = contentsMargins();
    return { std::min(full.width(), few + margins.left() + margins.right()), full.height() };
}

void ElidedLabel::setLeadingSeparator(bool separated)
{
    m_separated = separated;
    setContentsMargins(separated ? 9 : 0, 0, 0, 0);
    update();
}

void ElidedLabel::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    if (m_separated) {
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(2, 3, 2, height() - 4);
    }
    style()->drawItemText(&painter, contentsRect(), static_cast<int>(alignment()), palette(), isEnabled(),
        shownText(), foregroundRole());
}

bool ElidedLabel::event(QEvent* event)
{
    // The whole text on hovering when part of it is hidden (a tooltip of the owner's own goes first).
    if (event->type() == QEvent::ToolTip && toolTip().isEmpty() && shownText() != text()) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), text(), this);
        return true;
    }
    return QLabel::event(event);
}

} // namespace sotay::widgets
