// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/sampleclock.h"

#include "net/kernelsampler.h"

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace TcpInspector {

namespace {
// Per thread: samplers live on their connection's thread, and so must the
// timer that calls them. Clocks stay for the thread's life, stopped when idle.
thread_local std::map<int, std::unique_ptr<SampleClock>> clocks;
} // namespace

SampleClock::SampleClock(int intervalMs) : QObject(nullptr), m_timer(this)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &SampleClock::handleTick);
}

SampleClock *SampleClock::forInterval(int intervalMs, bool create)
{
    auto found = clocks.find(intervalMs);
    if (found != clocks.end())
        return found->second.get();
    if (!create)
        return nullptr;
    auto *clock = new SampleClock(intervalMs);
    clocks.emplace(intervalMs, std::unique_ptr<SampleClock>(clock));
    return clock;
}

void SampleClock::add(KernelSampler *sampler, int intervalMs)
{
    SampleClock *clock = forInterval(intervalMs, true);
    sampler->m_clockSlot = clock->m_samplers.size();
    clock->m_samplers.push_back(sampler);
    if (!clock->m_timer.isActive())
        clock->m_timer.start();
}

void SampleClock::remove(KernelSampler *sampler, int intervalMs)
{
    SampleClock *clock = forInterval(intervalMs, false);
    if (!clock)
        return;
    std::vector<KernelSampler *> &samplers = clock->m_samplers;
    const size_t slot = sampler->m_clockSlot;
    if (slot >= samplers.size() || samplers[slot] != sampler)
        return;
    // O(1) for 10,000 connections closing at once: the last one takes the slot.
    samplers[slot] = samplers.back();
    samplers[slot]->m_clockSlot = slot;
    samplers.pop_back();
    if (samplers.empty())
        clock->m_timer.stop();
}

void SampleClock::handleTick()
{
    // A sample emits changed(), and what listens may stop or destroy
    // samplers, which moves others between slots: index afresh each time. One
    // may then wait a round or be sampled twice, which reports nothing new.
    const size_t turns = std::min(m_samplers.size(), size_t(samplesPerTick));
    for (size_t turn = 0; turn < turns && !m_samplers.empty(); ++turn) {
        if (m_next >= m_samplers.size())
            m_next = 0;
        m_samplers[m_next++]->handleSampleTimer();
    }
}

} // namespace TcpInspector
