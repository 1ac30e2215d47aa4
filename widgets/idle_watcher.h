// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QTimer;

namespace sotay::widgets {

// Watches the whole application's input (keys, mouse buttons and moves, the wheel, touch) and says when
// none came for `interval` milliseconds. Programs that send themselves events do not count: only events
// from the window system do. A test gives it its own clock and calls check() instead of waiting.
class IdleWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleWatcher)

public:
    // 0: never idle.
    explicit IdleWatcher(int intervalMilliseconds, QObject* parent = nullptr);
    ~IdleWatcher() override;

    int interval() const { return m_interval; }
    // Milliseconds since any fixed moment; the default is a monotonic clock.
    void setClock(std::function<qint64()> clock);
    // Counts from now again and watches (after an unlock).
    void restart();
    // Stops watching until restart() (while the window is locked).
    void pause();
    bool isWatching() const { return m_watching; }
    // Emits idle() when the interval has passed since the last input, else waits for the rest of it.
    void check();
    qint64 idleMilliseconds() const;

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void arm(qint64 milliseconds);

    int m_interval;
    std::function<qint64()> m_clock;
    qint64 m_lastInput = 0;
    bool m_watching = false;
    QTimer* m_timer;
};

} // namespace sotay::widgets
