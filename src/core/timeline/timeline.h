// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/connectionstate.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <memory>
#include <mutex>
#include <vector>

namespace TcpInspector {

/// Nanoseconds on one monotonic clock shared by every connection of the
/// process, so that the server and client ends of a loopback pair line up.
qint64 monotonicNs();

enum class Direction : quint8 { Rx, Tx };
QString directionKey(Direction direction); ///< "rx", "tx"

/// Which of the kernel's timers runs for a socket, as sock_diag reports it
/// (idiag_timer): what the kernel will do next on its own.
enum class KernelTimer : quint8 {
    Unknown,         ///< not asked, or the kernel did not say
    None,            ///< no timer: nothing is pending
    Retransmit,      ///< unacknowledged data (or a SYN): resent when it fires
    Keepalive,       ///< SO_KEEPALIVE: a probe goes out when it fires on an idle connection
    TimeWait,        ///< the TIME_WAIT countdown
    ZeroWindowProbe, ///< the peer's window is zero: a window probe when it fires
};

/// "none", "retransmit", "keepalive", "time_wait", "zero_window_probe", as
/// ss(8) calls them ("on", "keepalive", "timewait", "persist") spelt for
/// JSON; empty for Unknown.
QString kernelTimerKey(KernelTimer timer);
/// The timer for sock_diag's idiag_timer number (0 none ... 4 zero-window probe).
KernelTimer kernelTimerFromDiag(int number);

/// A sample of the kernel's own view of a socket (Linux TCP_INFO and the
/// sock_diag timer), or the state sock_diag reports after the socket is
/// gone (TIME_WAIT). Stored with every kernel event, so the figures are
/// 32 bits (the kernel's own are) and the small counters 16: -1 is unknown.
struct KernelSample
{
    KernelState state = KernelState::Unknown;
    KernelTimer timer = KernelTimer::Unknown;
    qint16 probes = -1;  ///< tcpi_probes: keepalive or window probes sent and not yet answered
    qint16 backoff = -1; ///< tcpi_backoff: how often the timer's interval has doubled
    /// tcpi_retransmits: timeouts in a row for the oldest unacknowledged segment
    qint16 consecutiveRetransmits = -1;
    /// Keepalive probes the sampler saw go out over the connection's life: a
    /// segment without data on an idle connection with SO_KEEPALIVE (on
    /// loopback the answer comes before tcpi_probes can be seen to rise)
    qint16 keepaliveProbes = -1;
    qint32 rttUs = -1;
    qint32 rttVarUs = -1;
    qint32 cwnd = -1;        ///< segments
    qint32 unacked = -1;     ///< segments in flight
    qint32 sendQueue = -1;   ///< bytes written, not yet acknowledged (SIOCOUTQ)
    qint32 recvQueue = -1;   ///< bytes received, not yet read (SIOCINQ)
    qint32 retransmits = -1; ///< tcpi_total_retrans: segments resent over the connection's life
    qint32 timeWaitMs = -1;  ///< TIME_WAIT only: ms until the kernel forgets it (sock_diag)
    qint32 timerMs = -1;     ///< ms until the timer fires, when there is one
};

/// What a TLS note says beyond its text (TimelineEvent::tls): the
/// handshake's outcome, or an alert.
struct TlsDetails
{
    QString protocol;      ///< "TLSv1.3"
    QString cipher;        ///< "TLS_AES_256_GCM_SHA384"
    QString alpn;          ///< the protocol ALPN chose; empty: none
    QString serverName;    ///< SNI: what the client asked for
    QString peerSubject;   ///< the peer certificate's subject (RFC 2253); empty: none
    QString peerIssuer;    ///< its issuer
    QString peerExpires;   ///< its notAfter, ISO 8601 UTC
    QStringList chain;     ///< each certificate of the peer's chain: "subject; expires DATE"
    bool verified = false; ///< the peer's certificate was checked and passed
    QString
        verifyError;    ///< --tls-insecure let it through: the tls_* code it would have failed with
    QString alertLevel; ///< "warning", "fatal"
    QString alertKey;   ///< "close_notify", "unknown_ca", ... (RFC 8446 names, snake case)
};

/// One thing that happened to a connection. Data itself (chunks and messages)
/// is not copied here: it lives in the stream stores, with timestamps.
struct TimelineEvent
{
    enum Type : quint8 {
        StateChanged, ///< state, cause, text (why)
        HalfClosed,   ///< direction: Tx = we sent FIN, Rx = we read EOF
        Error,        ///< code, sysErrno, message, explanation; text when they do not say it all
        Timeout,      ///< timeout, text
        Kernel,       ///< kernel
        Note,         ///< text: what the engine did on its own, and why it matters
        /// bytes handed to send() that never reached the kernel: bytes, code
        /// (where they waited: "engine_buffer", "send_queue", "after_end"), text
        Discarded,
    };

    qint64 timeNs = 0;
    Type type = Note;
    ConnectionState state = ConnectionState::Connecting;
    StateCause cause = StateCause::User;
    Direction direction = Direction::Rx;
    TimeoutKind timeout = TimeoutKind::Connect;
    QString code;        ///< stable snake_case key: "refused", "broken_pipe", "listening" ...
    int sysErrno = 0;    ///< errno where there is one, else 0
    QString message;     ///< an error's own words, the system's or Qt's
    QString explanation; ///< what an error means and what to check, ours
    QString text;        ///< for people: one or two sentences
    qint64 bytes = 0;    ///< Discarded: how many bytes
    KernelSample kernel;
    /// A TLS note (code "tls_handshake_start", "tls_handshake", "tls_alert";
    /// an alert's direction: Rx received, Tx sent): its details, or null.
    std::shared_ptr<const TlsDetails> tls;
};

/// What a person reads about an event: its text, or for an error without
/// one, the message and the explanation ("Connection reset by peer: The peer
/// sent an RST..."). For display only: scripts read the parts.
QString eventDetail(const TimelineEvent &event);

/// The events of one connection, append-only. One writer (the connection's
/// thread); readers on other threads copy ranges under a short lock.
class Timeline
{
public:
    void append(TimelineEvent event);
    qint64 count() const;
    TimelineEvent at(qint64 index) const;
    /// Events [from, count()) at the time of the call.
    std::vector<TimelineEvent> since(qint64 from) const;

private:
    mutable std::mutex m_mutex;
    std::vector<TimelineEvent> m_events;
};

} // namespace TcpInspector
