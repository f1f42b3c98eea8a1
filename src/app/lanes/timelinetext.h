// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanes/timelinelane.h"

#include <QString>

namespace TcpInspector {

/// The timeline's words: names and one-sentence TCP explanations of marks,
/// states and kernel states, and exact times, all translatable.
namespace TimelineText {

/// "FIN sent", "RST received", "Connect timeout".
QString markName(MarkKind kind);
/// "Connect timeout", "Write stall".
QString timeoutName(TimeoutKind kind);
/// "FIN_WAIT2": the kernel's own name, not translated.
QString kernelStateName(KernelState state);
/// The short tag drawn beside a mark: "FIN", "EOF", "RST", "EPIPE".
QString markTag(MarkKind kind);
/// What happened in TCP terms, in one sentence.
QString markExplanation(MarkKind kind);
/// What an application state means, in one sentence.
QString stateExplanation(ConnectionState state);
/// What a kernel TCP state (FIN_WAIT2) means, in one sentence; empty for Unknown.
QString kernelStateExplanation(KernelState state);
/// "keepalive timer", "zero-window probe timer"; empty for Unknown.
QString kernelTimerName(KernelTimer timer);
/// What happens when that timer fires, in a sentence or two; empty for none.
QString kernelTimerExplanation(KernelTimer timer);
/// A retransmission mark's figures: resent so far, timeouts in a row.
QString retransmissionDetail(const KernelSample &sample);
/// A probe mark's figures: unanswered keepalive probes, or a window probe's backoff.
QString probeDetail(MarkKind kind, const KernelSample &sample);
/// Why a state was entered: "by us", "by the peer", "timeout"...
QString causeName(StateCause cause);
/// "server #2", "client #1".
/// "server #3", "client #4"; a relay's legs are "client leg #5" (the
/// accepted connection) and "server leg #6" (the one to the target).
QString laneTitle(Connection::Side side, quint64 id, quint64 relayPair = 0);
/// The port of "host:port" as ":51234", or empty.
QString portOf(const QString &address);
/// A time relative to the timeline's zero to the microsecond: "+12.345 ms",
/// "+3.250100 s", "+850 ns".
QString exactTime(qint64 relativeNs);
/// A duration: "850 ns", "12.345 ms", "3.250 s", "2 min 05.1 s".
QString duration(qint64 ns);

} // namespace TimelineText
} // namespace TcpInspector
