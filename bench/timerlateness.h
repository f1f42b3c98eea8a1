// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace TcpInspector {

/// A 10 ms timer on the calling thread's event loop that records how late
/// each tick comes: what a user feels as a window that stalls. The issue's
/// targets are on its 99th percentile and its worst tick.
class TimerLateness
{
public:
    explicit TimerLateness(int intervalMs = 10);
    ~TimerLateness();
    TimerLateness(const TimerLateness &) = delete;
    TimerLateness &operator=(const TimerLateness &) = delete;

    void start();
    void stop();
    int ticks() const { return int(m_lateMs.size()); }
    /// The 99th percentile (nearest rank) of the lateness, in ms; 0 with no tick.
    double p99Ms() const;
    double worstMs() const;
    /// In the gap before the worst tick: the thread's time on a core, and its
    /// time runnable but waiting for one (the scheduler's run queue). A gap
    /// mostly spent in the run queue is the machine's load, not the app's work;
    /// one with neither was blocked (a lock, a system call).
    double worstGapCpuMs() const;
    double worstGapQueuedMs() const;

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    struct SchedStat
    {
        qint64 cpuNs = 0;
        qint64 queuedNs = 0;
    };
    SchedStat readSchedStat() const;
    size_t worstIndex() const;

    int m_schedStatFd = -1; ///< /proc/thread-self/schedstat of the thread that made it
    SchedStat m_atLast;
    std::vector<double> m_lateMs;
    std::vector<SchedStat> m_gaps; ///< what each gap's thread did
};

} // namespace TcpInspector
