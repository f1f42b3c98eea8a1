// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerlateness.h"

#include "benchsupport.h"

#include <algorithm>

namespace TcpInspector {

TimerLateness::TimerLateness(int intervalMs) : m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        const double gapMs = double(m_sinceLast.nsecsElapsed()) / 1e6;
        m_lateMs.push_back(std::max(0.0, gapMs - m_intervalMs));
        m_sinceLast.restart();
    });
}

void TimerLateness::start()
{
    m_lateMs.clear();
    m_sinceLast.start();
    m_timer.start();
}

void TimerLateness::stop()
{
    m_timer.stop();
}

double TimerLateness::p99Ms() const
{
    return percentile(m_lateMs, 0.99);
}

double TimerLateness::worstMs() const
{
    return m_lateMs.empty() ? 0 : *std::max_element(m_lateMs.begin(), m_lateMs.end());
}

} // namespace TcpInspector
