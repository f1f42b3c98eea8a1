// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace TcpInspector {

/// The three deadlines of a connection (S6, S12): the idle (read) timeout,
/// the write-stall check, and the wait for the peer's FIN after ours. It
/// only tells when one passes; the connection decides what that means.
///
/// The write-stall check asks how many bytes wait to be sent (ours, the
/// engine's, the kernel's) and reads the time from a clock, both given to
/// it, so that a test can drive it without sockets or waiting.
class ConnectionDeadlines : public QObject
{
    Q_OBJECT

public:
    using Measure = std::function<qint64()>;

    /// queuedBytes: bytes not yet acknowledged by the peer; clockNs: a
    /// monotonic time in nanoseconds.
    ConnectionDeadlines(Measure queuedBytes, Measure clockNs, QObject *parent = nullptr);

    /// 0 turns the idle deadline off; otherwise it starts over now.
    void setIdleTimeout(int ms);
    int idleTimeout() const { return m_idleMs; }
    /// A read: the idle deadline starts over.
    void restartIdle();
    void stopIdle() { m_idleTimer.stop(); }

    /// 0 turns the check off; otherwise checks run every quarter of it (at
    /// least every 10 ms) and the wait counts from now.
    void setWriteStallThreshold(int ms);
    int writeStallThreshold() const { return m_stallMs; }
    /// One check now, as the timer does: reports once when the queued bytes
    /// have not shrunk for the threshold, again only after they moved.
    void checkWriteStall();

    /// Waits ms for the peer's FIN; nothing when already waiting.
    void waitForPeerClose(int ms);
    bool isWaitingForPeerClose() const { return m_closeTimer.isActive(); }
    void stopWaitingForPeerClose() { m_closeTimer.stop(); }

    /// The connection has ended: every deadline stops and none starts again.
    void stopAll();

Q_SIGNALS:
    void idleTimedOut();
    /// queued bytes have waited the threshold without shrinking.
    void writeStalled(qint64 queued);
    void peerCloseTimedOut();

private:
    Measure m_queuedBytes;
    Measure m_clockNs;
    QTimer m_idleTimer;
    QTimer m_stallTimer;
    QTimer m_closeTimer;
    int m_idleMs = 0;
    int m_stallMs = 0;
    qint64 m_lastProgressNs = 0;
    qint64 m_lastQueued = 0;
    bool m_stallReported = false;
    bool m_ended = false;
};

} // namespace TcpInspector
