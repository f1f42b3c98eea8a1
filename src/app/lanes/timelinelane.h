// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/lanesource.h"

#include <QString>

#include <memory>
#include <utility>
#include <vector>

namespace TcpInspector {

/// What a mark on a lane stands for: the moments of a connection's life
/// worth a line of their own, read from its timeline events.
enum class MarkKind : quint8 {
    ConnectStart,     ///< connect() began: the SYN goes out
    Accepted,         ///< a server's connection begins: the listener accepted it
    Connected,        ///< the handshake finished on the client side
    FinSent,          ///< we half-closed (HalfClosed Tx)
    EofReceived,      ///< we read EOF, the peer's FIN (HalfClosed Rx)
    QtClosedAfterEof, ///< QTcpSocket closed the socket on its own after EOF
    ResetSent,        ///< we aborted with SO_LINGER 0
    ResetReceived,    ///< the peer's RST (ECONNRESET)
    BrokenPipe,       ///< a write failed with EPIPE
    ConnectTimeout,
    IdleTimeout,
    WriteStall,
    CloseTimeout, ///< the peer's FIN did not come in time after ours
    Error,        ///< any other socket error
    Discarded,    ///< bytes written that never reached the peer (TimelineEvent::Discarded)
    Closed,       ///< the connection ended normally
    /// The kernel's keepalive probes rose (tcpi_probes), on an idle connection with SO_KEEPALIVE
    KeepaliveProbe,
    /// The kernel probed a zero receive window (tcpi_probes or the backoff rose, persist timer)
    WindowProbe,
    Retransmission,    ///< the kernel resent a segment (tcpi_total_retrans rose): RTO, SYN retry
    TlsHandshakeStart, ///< the TLS handshake began (ClientHello sent or awaited)
    TlsHandshake,      ///< the TLS handshake finished: protocol, cipher, ALPN, certificates
    TlsCloseNotify,    ///< a close_notify alert, sent or received: TLS's own orderly end
    TlsAlert,          ///< any other TLS alert, sent or received (fatal ones end the connection)
    TlsError,          ///< a TLS failure (an Error whose code starts with tls_)
    Note,              ///< a remark of the engine
};
constexpr int markKindCount = int(MarkKind::Note) + 1;

/// One mark: when, what, and the engine's own words about it.
struct LaneMark
{
    qint64 timeNs = 0;
    MarkKind kind = MarkKind::Note;
    QString code; ///< the event's code ("broken_pipe", "refused"), if any
    int sysErrno = 0;
    QString detail;   ///< the event's words, as the engine wrote them (eventDetail())
    qint64 event = 0; ///< index in the timeline
    QString tag;      ///< a tag of its own ("TLSv1.3", "unknown_ca"); empty: the kind's
    /// A TLS mark's details (protocol, cipher, chain, alert), or null.
    std::shared_ptr<const TlsDetails> tls;
};

/// A stretch of time in one application state. endNs is -1 while it lasts;
/// a final state (Closed, Reset, Failed) is an instant: endNs == startNs.
struct StateSegment
{
    qint64 startNs = 0;
    qint64 endNs = -1;
    ConnectionState state = ConnectionState::Connecting;
    StateCause cause = StateCause::User;
    QString why;
};

/// A kernel sample and when it was taken.
struct KernelPoint
{
    qint64 timeNs = 0;
    KernelSample sample;
};

/// A stretch of one kernel TCP state (ESTABLISHED, FIN_WAIT2, TIME_WAIT...):
/// samples [firstPoint, lastPoint] fall in it. endNs is -1 while it lasts.
struct KernelSegment
{
    qint64 startNs = 0;
    qint64 endNs = -1;
    KernelState state = KernelState::Unknown;
    int firstPoint = 0;
    int lastPoint = 0;
};

/// The drawable form of one connection's timeline, built incrementally from
/// its events: state segments, marks and the kernel strip. Data chunks are
/// not copied here; ChunkBuckets reads them from the stores when painted.
class TimelineLane
{
public:
    /// The source must outlive the lane.
    explicit TimelineLane(const LaneSource *source);

    const LaneSource *source() const { return m_source; }

    /// Takes in the events recorded since the last call. Returns whether
    /// there were any. Cheap when there are none (one short lock).
    bool update();
    qint64 eventsTaken() const { return m_taken; }

    const std::vector<StateSegment> &segments() const { return m_segments; }
    const std::vector<LaneMark> &marks() const { return m_marks; }
    const std::vector<KernelPoint> &kernelPoints() const { return m_kernelPoints; }
    const std::vector<KernelSegment> &kernelSegments() const { return m_kernelSegments; }

    /// The first event's time, or -1 before any.
    qint64 startNs() const { return m_startNs; }
    /// The latest event's time, or -1 before any.
    qint64 lastEventNs() const { return m_lastEventNs; }
    /// Bytes written that never reached the peer, from the Discarded events so far.
    qint64 discardedBytes() const { return m_discardedBytes; }
    /// When the connection ended (its final state), or -1 while it lasts.
    qint64 endNs() const { return m_endNs; }
    bool isFinal() const { return m_endNs >= 0; }
    ConnectionState state() const;
    /// When the kernel strip ends (TIME_WAIT over, CLOSED), or -1 while the
    /// kernel may still hold the connection. -1 also when never sampled.
    qint64 kernelEndNs() const;

    /// Marks with time in [fromNs, toNs), as [first, last) indexes into marks().
    std::pair<size_t, size_t> marksBetween(qint64 fromNs, qint64 toNs) const;
    /// The segment covering timeNs, or nullptr (before the first one, or
    /// after a final one).
    const StateSegment *segmentAt(qint64 timeNs) const;
    /// The latest kernel sample at or before timeNs, or nullptr.
    const KernelPoint *kernelPointAt(qint64 timeNs) const;
    /// The kernel segment covering timeNs, or nullptr.
    const KernelSegment *kernelSegmentAt(qint64 timeNs, qint64 nowNs) const;

    /// How long the kernel keeps TIME_WAIT when a sample does not say: 60 s on Linux.
    static constexpr qint64 defaultTimeWaitNs = 60LL * 1000 * 1000 * 1000;

private:
    void take(const TimelineEvent &event, qint64 index);
    void addMark(const TimelineEvent &event, qint64 index, MarkKind kind);
    void takeNote(const TimelineEvent &event, qint64 index);
    void takeState(const TimelineEvent &event, qint64 index);
    void takeKernel(const TimelineEvent &event, qint64 index);
    /// Marks for what the kernel did between the previous sample and this one.
    void markKernel(const TimelineEvent &event, qint64 index, const KernelSample &previous);

    const LaneSource *m_source;
    qint64 m_taken = 0;
    std::vector<StateSegment> m_segments;
    std::vector<LaneMark> m_marks;
    std::vector<KernelPoint> m_kernelPoints;
    std::vector<KernelSegment> m_kernelSegments;
    qint64 m_startNs = -1;
    qint64 m_lastEventNs = -1;
    qint64 m_discardedBytes = 0;
    qint64 m_endNs = -1;
    bool m_kernelClosed = false;
    bool m_connectMarked = false;
};

} // namespace TcpInspector
