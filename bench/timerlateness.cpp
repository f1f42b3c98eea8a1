// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerlateness.h"

#include "benchsupport.h"

#include <algorithm>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

TimerLateness::TimerLateness(int intervalMs)
    : m_intervalMs(intervalMs),
      m_schedStatFd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        const double gapMs = double(m_sinceLast.nsecsElapsed()) / 1e6;
        m_lateMs.push_back(std::max(0.0, gapMs - m_intervalMs));
        m_sinceLast.restart();
        const SchedStat now = readSchedStat();
        m_gaps.push_back({now.cpuNs - m_atLast.cpuNs, now.queuedNs - m_atLast.queuedNs});
        m_atLast = now;
    });
}

TimerLateness::~TimerLateness()
{
    if (m_schedStatFd >= 0)
        ::close(m_schedStatFd);
}

TimerLateness::SchedStat TimerLateness::readSchedStat() const
{
    // "<ns on a core> <ns runnable in the run queue> <timeslices>"
    char text[128] = {};
    SchedStat stat;
    if (m_schedStatFd >= 0 && ::pread(m_schedStatFd, text, sizeof text - 1, 0) > 0) {
        long long cpu = 0, queued = 0;
        if (std::sscanf(text, "%lld %lld", &cpu, &queued) == 2)
            stat = {cpu, queued};
    }
    return stat;
}

void TimerLateness::start()
{
    m_lateMs.clear();
    m_gaps.clear();
    m_atLast = readSchedStat();
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

size_t TimerLateness::worstIndex() const
{
    return size_t(std::max_element(m_lateMs.begin(), m_lateMs.end()) - m_lateMs.begin());
}

double TimerLateness::worstMs() const
{
    return m_lateMs.empty() ? 0 : m_lateMs[worstIndex()];
}

double TimerLateness::worstGapCpuMs() const
{
    return m_lateMs.empty() ? 0 : double(m_gaps[worstIndex()].cpuNs) / 1e6;
}

double TimerLateness::worstGapQueuedMs() const
{
    return m_lateMs.empty() ? 0 : double(m_gaps[worstIndex()].queuedNs) / 1e6;
}

} // namespace TcpInspector
