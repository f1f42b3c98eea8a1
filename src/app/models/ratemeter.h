// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <deque>

namespace TcpInspector {

/// A rate from a growing total sampled at display rate: the growth over the
/// last window (one second by default), so the status bar neither jumps with
/// every frame nor lags far behind.
class RateMeter
{
public:
    explicit RateMeter(qint64 windowNs = 1000000000) : m_windowNs(windowNs) { }

    /// total never shrinks, except when the things counted go away: then the
    /// history restarts instead of showing a negative rate.
    void sample(qint64 nowNs, qint64 total);
    /// Units per second; 0 until two samples span some time.
    double rate() const;

private:
    struct Sample
    {
        qint64 ns;
        qint64 total;
    };
    qint64 m_windowNs;
    std::deque<Sample> m_samples;
};

} // namespace TcpInspector
