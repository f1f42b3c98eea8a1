// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connectiondeadlines.h"

#include <algorithm>
#include <utility>

namespace TcpInspector {

ConnectionDeadlines::ConnectionDeadlines(Measure queuedBytes, Measure clockNs, QObject *parent)
    : QObject(parent), m_queuedBytes(std::move(queuedBytes)), m_clockNs(std::move(clockNs))
{
    m_idleTimer.setSingleShot(true);
    // A deadline that fires early is a wrong lesson: coarse timers may run 5% short.
    m_idleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionDeadlines::idleTimedOut);
    connect(&m_stallTimer, &QTimer::timeout, this, &ConnectionDeadlines::checkWriteStall);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_closeTimer, &QTimer::timeout, this, &ConnectionDeadlines::peerCloseTimedOut);
}

void ConnectionDeadlines::setIdleTimeout(int ms)
{
    m_idleMs = std::max(0, ms);
    if (m_idleMs > 0 && !m_ended)
        m_idleTimer.start(m_idleMs);
    else
        m_idleTimer.stop();
}

void ConnectionDeadlines::restartIdle()
{
    if (m_idleMs > 0 && !m_ended)
        m_idleTimer.start(m_idleMs);
}

void ConnectionDeadlines::setWriteStallThreshold(int ms)
{
    m_stallMs = std::max(0, ms);
    m_stallReported = false;
    m_lastProgressNs = m_clockNs();
    if (m_stallMs > 0 && !m_ended)
        m_stallTimer.start(std::max(10, m_stallMs / 4));
    else
        m_stallTimer.stop();
}

void ConnectionDeadlines::checkWriteStall()
{
    // Bytes we hold plus bytes the kernel holds unacknowledged: if that total
    // does not shrink for the threshold, the peer is not reading (S6).
    if (m_stallMs <= 0)
        return;
    const qint64 queued = m_queuedBytes();
    const qint64 now = m_clockNs();
    if (queued == 0 || queued < m_lastQueued) {
        m_lastProgressNs = now;
        m_stallReported = false;
    }
    m_lastQueued = queued;
    if (queued > 0 && !m_stallReported && now - m_lastProgressNs >= qint64(m_stallMs) * 1000000) {
        m_stallReported = true;
        emit writeStalled(queued);
    }
}

void ConnectionDeadlines::waitForPeerClose(int ms)
{
    if (!m_closeTimer.isActive() && !m_ended)
        m_closeTimer.start(ms);
}

void ConnectionDeadlines::stopAll()
{
    m_ended = true;
    m_idleTimer.stop();
    m_stallTimer.stop();
    m_closeTimer.stop();
}

} // namespace TcpInspector
