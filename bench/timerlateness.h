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

    void start();
    void stop();
    int ticks() const { return int(m_lateMs.size()); }
    /// The 99th percentile (nearest rank) of the lateness, in ms; 0 with no tick.
    double p99Ms() const;
    double worstMs() const;

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    std::vector<double> m_lateMs;
};

} // namespace TcpInspector
