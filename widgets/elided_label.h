// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace sotay::widgets {

// A one-line label that gives up width when space is short: it then shows the start of its text and "…",
// and the whole text in its tooltip. Its preferred width is the whole text's, its minimum a few letters', so
// that a row of them (the status bar) never widens the window.
class ElidedLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget* parent = nullptr);
    ~ElidedLabel() override;

    // The text as shown now: the whole text, or its start and "…" when the label is narrower.
    QString shownText() const;
    QSize minimumSizeHint() const override;
    // A thin line before the text, to set it apart from its neighbour in a row (the status bar).
    void setLeadingSeparator(bool separated);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    bool m_separated = false;
};

} // namespace sotay::widgets
