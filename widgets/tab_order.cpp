// SPDX-License-Identifier: GPL-3.0-or-later
#include "tab_order.h"

#include <QWidget>

#include <utility>
#include <vector>

namespace sotay::widgets {
namespace {

// The outermost box that hands its focus down to `widget`, or the widget itself.
QWidget* focusStop(QWidget* widget)
{
    QWidget* stop = widget;
    while (!stop->isWindow() && stop->parentWidget() && stop->parentWidget()->focusProxy() == stop
        && stop->parentWidget()->focusPolicy() == Qt::NoFocus)
        stop = stop->parentWidget();
    return stop;
}

} // namespace

void setTabOrderChain(const QList<QWidget*>& widgets)
{
    QList<QWidget*> stops;
    for (QWidget* widget : widgets)
        if (widget)
            stops.append(focusStop(widget));
    // QWidget::setTabOrder() passes over a widget that takes no focus itself, as such a box: it takes its
    // input's policy meanwhile. A box's policy goes on to its focus proxy, so the inputs' own are put back.
    std::vector<std::pair<QWidget*, Qt::FocusPolicy>> inputs;
    std::vector<QWidget*> boxes;
    for (QWidget* stop : std::as_const(stops)) {
        if (stop->focusPolicy() != Qt::NoFocus || !stop->focusProxy())
            continue;
        QWidget* input = stop->focusProxy();
        inputs.emplace_back(input, input->focusPolicy());
        boxes.push_back(stop);
        stop->setFocusPolicy(input->focusPolicy());
    }
    for (qsizetype i = 1; i < stops.size(); ++i)
        QWidget::setTabOrder(stops[i - 1], stops[i]);
    for (QWidget* box : boxes)
        box->setFocusPolicy(Qt::NoFocus);
    for (const auto& [input, policy] : inputs)
        input->setFocusPolicy(policy);
}

} // namespace sotay::widgets
