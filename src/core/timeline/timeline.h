// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/connectionstate.h"

#include <QString>
#include <QtGlobal>

#include <mutex>
#include <vector>

namespace TcpInspector {

/// Nanoseconds on one monotonic clock shared by every connection of the
/// process, so that the server and client ends of a loopback pair line up.
qint64 monotonicNs();

enum class Direction : quint8 { Rx, Tx };
QString directionKey(Direction direction); ///< "rx", "tx"

/// A sample of the kernel's own view of a socket (Linux TCP_INFO), or the
/// state sock_diag reports after the socket is gone (TIME_WAIT).
struct KernelSample
{
    KernelState state = KernelState::Unknown;
    qint64 rttUs = -1;
    qint64 rttVarUs = -1;
    qint64 cwnd = -1;      ///< segments
    qint64 unacked = -1;   ///< segments in flight
    qint64 sendQueue = -1; ///< bytes written, not yet acknowledged (SIOCOUTQ)
    qint64 recvQueue = -1; ///< bytes received, not yet read (SIOCINQ)
    qint64 retransmits = -1;
    qint64 timeWaitMs = -1; ///< TIME_WAIT only: ms until the kernel forgets it (sock_diag)
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
