// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <vector>

namespace TcpInspector {

class KernelSampler;

/// The one timer of a thread for all its KernelSamplers of one interval, and
/// a budget of samples per tick. A timer per connection costs a QObject and
/// an entry in Qt's timer list; and a sample is three system calls, so 10,000
/// connections sampled every 100 ms took most of a core, half of the CLI's
/// time in a burst of accepts. Past the budget the samplers take turns: each
/// is sampled every interval * samplers / budget instead.
class SampleClock : public QObject
{
    Q_OBJECT

public:
    static constexpr int samplesPerTick = 1000;

    /// Samples sampler every intervalMs from the next tick on, on this thread.
    static void add(KernelSampler *sampler, int intervalMs);
    /// Stops sampling it; harmless when it was not added.
    static void remove(KernelSampler *sampler, int intervalMs);

private:
    explicit SampleClock(int intervalMs);
    static SampleClock *forInterval(int intervalMs, bool create);
    void handleTick();

    QTimer m_timer;
    std::vector<KernelSampler *> m_samplers; ///< each knows its slot here
    size_t m_next = 0;                       ///< whose turn it is
};

} // namespace TcpInspector
