// SPDX-License-Identifier: GPL-3.0-or-later
#include "idle_watcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace sotay::widgets {
namespace {

bool isInput(const QEvent& event)
{
    switch (event.type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::NonClientAreaMouseButtonPress:
    case QEvent::NonClientAreaMouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
        return event.spontaneous();
    default:
        return false;
    }
}

} // namespace

IdleWatcher::IdleWatcher(int intervalMilliseconds, QObject* parent)
    : QObject(parent)
    , m_interval(std::max(0, intervalMilliseconds))
    , m_timer(new QTimer(this))
{
    m_clock = [clock = std::make_shared<QElapsedTimer>()] {
        if (!clock->isValid())
            clock->start();
        return clock->elapsed();
    };
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &IdleWatcher::check);
    QCoreApplication::instance()->installEventFilter(this);
    restart();
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication* application = QCoreApplication::instance())
        application->removeEventFilter(this);
}

void IdleWatcher::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
    restart();
}

void IdleWatcher::restart()
{
    m_lastInput = m_clock();
    m_watching = m_interval > 0;
    if (m_watching)
        arm(m_interval);
}

void IdleWatcher::pause()
{
    m_watching = false;
    m_timer->stop();
}

qint64 IdleWatcher::idleMilliseconds() const
{
    return m_clock() - m_lastInput;
}

void IdleWatcher::check()
{
    if (!m_watching)
        return;
    const qint64 idleFor = idleMilliseconds();
    if (idleFor < m_interval) {
        arm(m_interval - idleFor);
        return;
    }
    pause();
    emit idle();
}

void IdleWatcher::arm(qint64 milliseconds)
{
    // A timer is only re-armed when it fires: input itself costs one clock reading.
    m_timer->start(static_cast<int>(std::clamp<qint64>(milliseconds, 1, qint64 { 60 } * 60 * 1000)));
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    if (m_watching && isInput(*event))
        m_lastInput = m_clock();
    return QObject::eventFilter(watched, event);
}

} // namespace sotay::widgets
