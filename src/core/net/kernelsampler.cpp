// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/kernelsampler.h"

#include "net/kernelinfo.h"
#include "net/sampleclock.h"

#include <QTimer>

#include <algorithm>
#include <climits>
#include <iterator>
#include <utility>

namespace TcpInspector {

namespace {

// A transition on loopback takes well under a millisecond; one that waits
// for a peer (its FIN, its ACK) lasts as long as the peer takes. Every 2 ms
// for up to 2 s catches a FIN_WAIT2 of 30 ms many times over, and costs a
// few hundred samples of only the connections that are closing.
constexpr int burstIntervalMs = 2;
constexpr int burstLooks = 1000;

bool isTransitional(KernelState state)
{
    switch (state) {
    case KernelState::SynSent:
    case KernelState::SynRecv:
    case KernelState::FinWait1:
    case KernelState::FinWait2:
    case KernelState::Closing:
    case KernelState::LastAck:
        return true;
    default:
        return false;
    }
}

// Longer than Linux delays an ACK (TCP_DELACK_MAX, 200 ms).
constexpr int quietBeforeProbeMs = 200;

} // namespace

int keepaliveProbesBetween(const KernelSample &before, const KernelCounters &countersBefore,
                           const KernelSample &after, const KernelCounters &countersAfter)
{
    const bool keepalive
        = before.timer == KernelTimer::Keepalive || after.timer == KernelTimer::Keepalive;
    const bool open
        = after.state == before.state
          && (after.state == KernelState::Established || after.state == KernelState::CloseWait);
    if (!keepalive || !open)
        return 0;
    const int unanswered
        = before.probes >= 0 && after.probes > before.probes ? after.probes - before.probes : 0;
    const KernelCounters &b = countersBefore;
    const KernelCounters &a = countersAfter;
    const bool counted = b.segsOut >= 0 && a.segsOut >= 0;
    const bool quiet = counted && a.dataSegsOut == b.dataSegsOut && a.dataSegsIn == b.dataSegsIn
                       && before.sendQueue == 0 && before.recvQueue == 0 && after.sendQueue == 0
                       && after.recvQueue == 0 && b.idleMs >= quietBeforeProbeMs;
    // The counters are the kernel's 32 bits: a wrap reads as a small step.
    const auto sent = quint32(a.segsOut - b.segsOut);
    const int answered = quiet && sent < 1000 ? int(sent) : 0;
    return std::max(unanswered, answered);
}

KernelSampler::KernelSampler(std::function<int()> descriptor, QObject *parent)
    : QObject(parent), m_descriptor(std::move(descriptor))
{ }

KernelSampler::~KernelSampler()
{
    stopSampling();
}

void KernelSampler::start(int intervalMs)
{
    stopSampling();
    handleSampleTimer();
    if (intervalMs <= 0)
        return; // once, then no more
    m_intervalMs = intervalMs;
    SampleClock::add(this, intervalMs);
}

void KernelSampler::sampleNow()
{
    if (!isSampling())
        return;
    m_burstLooks = 0;
    handleSampleTimer();
}

void KernelSampler::followTransition()
{
    if (!isSampling() || !isTransitional(m_last.state) || m_burstLooks >= burstLooks)
        return;
    if (!m_burst) {
        m_burst = new QTimer(this);
        m_burst->setSingleShot(true);
        m_burst->setTimerType(Qt::PreciseTimer);
        connect(m_burst, &QTimer::timeout, this, &KernelSampler::handleSampleTimer);
    }
    if (!m_burst->isActive()) {
        ++m_burstLooks;
        m_burst->start(burstIntervalMs);
    }
}

void KernelSampler::stopSampling()
{
    if (m_burst)
        m_burst->stop();
    if (m_intervalMs > 0)
        SampleClock::remove(this, m_intervalMs);
    m_intervalMs = 0;
}

void KernelSampler::handleSampleTimer()
{
    KernelCounters counters;
    std::optional<KernelSample> sample = sampleKernel(m_descriptor(), &counters);
    if (!sample)
        return;
    if (counters.segsOut >= 0) {
        const int probes = keepaliveProbesBetween(m_last, m_lastCounters, *sample, counters);
        sample->keepaliveProbes
            = qint16(std::min(std::max<int>(m_last.keepaliveProbes, 0) + probes, int(SHRT_MAX)));
    }
    m_lastCounters = counters;
    // The timer's own countdown changes at every look and is left out; its
    // kind, the probes and the retransmissions are what marks are made of.
    const bool differs = sample->state != m_last.state || sample->sendQueue != m_last.sendQueue
                         || sample->recvQueue != m_last.recvQueue || sample->cwnd != m_last.cwnd
                         || sample->timer != m_last.timer || sample->probes != m_last.probes
                         || sample->backoff != m_last.backoff
                         || sample->retransmits != m_last.retransmits
                         || sample->consecutiveRetransmits != m_last.consecutiveRetransmits
                         || sample->keepaliveProbes != m_last.keepaliveProbes;
    m_last = *sample;
    if (differs)
        emit changed(*sample);
    followTransition();
}

void KernelSampler::socketClosed(const QString &local, const QString &peer)
{
    if (!isSampling())
        return;
    stopSampling();
    m_local = local;
    m_peer = peer;
    // The kernel may still hold the connection (FIN_WAIT2 on its way to
    // TIME_WAIT after an active close). Ask soon, then less and less often.
    QTimer::singleShot(2, this, &KernelSampler::lookUpAfterClose);
}

void KernelSampler::lookUpAfterClose()
{
    // After close() the kernel may keep the connection through FIN_WAIT1/2,
    // CLOSING or LAST_ACK before TIME_WAIT or nothing. Ask again while it is in
    // between, less and less often, up to the kernel's own 60 s FIN_WAIT2 limit.
    // Quick at first: a FIN_WAIT2 of 30 ms is on its way to TIME_WAIT.
    static constexpr int gapsMs[] = {2, 4, 8, 16, 32, 64, 128, 400, 1500, 5000, 15000, 40000};
    const std::optional<KernelSample> sample = lookupKernelState(m_local, m_peer);
    const KernelState state = sample ? sample->state : KernelState::Closed;
    if (state != m_last.state) {
        KernelSample reported = sample.value_or(KernelSample());
        reported.state = state;
        m_last = reported;
        emit changed(reported);
    }
    const bool settled = state == KernelState::Closed || state == KernelState::TimeWait;
    if (settled || m_afterCloseLookups >= int(std::size(gapsMs)))
        return;
    QTimer::singleShot(gapsMs[m_afterCloseLookups++], this, &KernelSampler::lookUpAfterClose);
}

} // namespace TcpInspector
