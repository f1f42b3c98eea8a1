// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timelinetext.h"
#include "text/tr.h"

#include <algorithm>
#include <cstdlib>

namespace TcpInspector::TimelineText {

QString markName(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ConnectStart:
        return Tr::tr("Connect started");
    case MarkKind::Accepted:
        return Tr::tr("Accepted");
    case MarkKind::Connected:
        return Tr::tr("Connected");
    case MarkKind::FinSent:
        return Tr::tr("FIN sent");
    case MarkKind::EofReceived:
        return Tr::tr("EOF received");
    case MarkKind::QtClosedAfterEof:
        return Tr::tr("Qt closed the socket after EOF");
    case MarkKind::ResetSent:
        return Tr::tr("RST sent");
    case MarkKind::ResetReceived:
        return Tr::tr("RST received");
    case MarkKind::BrokenPipe:
        return Tr::tr("Broken pipe");
    case MarkKind::ConnectTimeout:
        return timeoutName(TimeoutKind::Connect);
    case MarkKind::IdleTimeout:
        return timeoutName(TimeoutKind::Idle);
    case MarkKind::WriteStall:
        return timeoutName(TimeoutKind::WriteStall);
    case MarkKind::CloseTimeout:
        return timeoutName(TimeoutKind::Close);
    case MarkKind::Error:
        return Tr::tr("Error");
    case MarkKind::Discarded:
        return Tr::tr("Bytes never sent");
    case MarkKind::Closed:
        return Tr::tr("Closed");
    case MarkKind::KeepaliveProbe:
        return Tr::tr("Keepalive probe");
    case MarkKind::WindowProbe:
        return Tr::tr("Zero-window probe");
    case MarkKind::Retransmission:
        return Tr::tr("Retransmission");
    case MarkKind::TlsHandshakeStart:
        return Tr::tr("TLS handshake began");
    case MarkKind::TlsHandshake:
        return Tr::tr("TLS handshake done");
    case MarkKind::TlsCloseNotify:
        return Tr::tr("TLS close_notify");
    case MarkKind::TlsAlert:
        return Tr::tr("TLS alert");
    case MarkKind::TlsError:
        return Tr::tr("TLS error");
    case MarkKind::Note:
        return Tr::tr("Note");
    }
    return QString();
}

QString timeoutName(TimeoutKind kind)
{
    switch (kind) {
    case TimeoutKind::Connect:
        return Tr::tr("Connect timeout");
    case TimeoutKind::Idle:
        return Tr::tr("Idle timeout");
    case TimeoutKind::WriteStall:
        return Tr::tr("Write stall");
    case TimeoutKind::Close:
        return Tr::tr("Close timeout");
    }
    return QString();
}

QString kernelStateName(KernelState state)
{
    // Left as Linux spells them: they are what ss(8) prints and what people look up.
    return kernelStateKey(state);
}

QString markTag(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ConnectStart:
        return Tr::tr("SYN");
    case MarkKind::Accepted:
        return Tr::tr("accept");
    case MarkKind::Connected:
        return Tr::tr("connected");
    case MarkKind::FinSent:
        return Tr::tr("FIN");
    case MarkKind::EofReceived:
        return Tr::tr("EOF");
    case MarkKind::QtClosedAfterEof:
        return Tr::tr("Qt close");
    case MarkKind::ResetSent:
        return Tr::tr("RST sent");
    case MarkKind::ResetReceived:
        return Tr::tr("RST received");
    case MarkKind::BrokenPipe:
        return Tr::tr("EPIPE");
    case MarkKind::ConnectTimeout:
        return Tr::tr("connect timeout");
    case MarkKind::IdleTimeout:
        return Tr::tr("idle timeout");
    case MarkKind::WriteStall:
        return Tr::tr("write stall");
    case MarkKind::CloseTimeout:
        return Tr::tr("no FIN");
    case MarkKind::Error:
        return Tr::tr("error");
    case MarkKind::Discarded:
        return Tr::tr("lost");
    case MarkKind::Closed:
        return Tr::tr("close");
    case MarkKind::KeepaliveProbe:
        return Tr::tr("keepalive");
    case MarkKind::WindowProbe:
        return Tr::tr("window probe");
    case MarkKind::Retransmission:
        return Tr::tr("retransmit");
    case MarkKind::TlsHandshakeStart:
        return Tr::tr("TLS hello");
    case MarkKind::TlsHandshake:
        return Tr::tr("TLS");
    case MarkKind::TlsCloseNotify:
        return Tr::tr("close_notify");
    case MarkKind::TlsAlert:
        return Tr::tr("TLS alert");
    case MarkKind::TlsError:
        return Tr::tr("TLS error");
    case MarkKind::Note:
        return Tr::tr("i");
    }
    return QString();
}

QString markExplanation(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ConnectStart:
        return Tr::tr("connect() sent a SYN: the three-way handshake begins.");
    case MarkKind::Accepted:
        return Tr::tr("The listener accepted a connection whose handshake the kernel had already "
                      "completed.");
    case MarkKind::Connected:
        return Tr::tr("The peer answered the SYN with SYN-ACK and we acknowledged it: the "
                      "connection is established.");
    case MarkKind::FinSent:
        return Tr::tr("We sent FIN (shutdown SHUT_WR): we send nothing more but keep reading.");
    case MarkKind::EofReceived:
        return Tr::tr("read() returned 0: the peer sent FIN and will send nothing more.");
    case MarkKind::QtClosedAfterEof:
        return Tr::tr(
            "QTcpSocket closed the whole socket on its own after EOF, so nothing more can "
            "be sent to the peer (the native engine can stay half-open).");
    case MarkKind::ResetSent:
        return Tr::tr("We closed with SO_LINGER 0: the kernel sent an RST and threw away what was "
                      "not yet sent.");
    case MarkKind::ResetReceived:
        return Tr::tr("The peer sent an RST: it aborted or closed with unread data, and bytes in "
                      "flight are lost.");
    case MarkKind::BrokenPipe:
        return Tr::tr(
            "A write failed with EPIPE: the peer had closed and answered our earlier data "
            "with an RST.");
    case MarkKind::ConnectTimeout:
        return Tr::tr("No SYN-ACK came back within the connect timeout, so we gave up on the "
                      "handshake.");
    case MarkKind::IdleTimeout:
        return Tr::tr("Nothing was read within the idle timeout (a read deadline), so we closed.");
    case MarkKind::WriteStall:
        return Tr::tr(
            "Bytes we wrote stayed unsent: the peer is not reading and its receive window "
            "is full.");
    case MarkKind::CloseTimeout:
        return Tr::tr("The peer did not send its FIN in time after ours, so we closed anyway.");
    case MarkKind::Error:
        return Tr::tr("A socket call failed.");
    case MarkKind::Discarded:
        return Tr::tr("Bytes that were written never reached the peer: the connection ended (Qt "
                      "closing after EOF, an RST, an error) while they still waited in a buffer, "
                      "or they came after the end. They do not count as sent.");
    case MarkKind::Closed:
        return Tr::tr("The socket was closed.");
    case MarkKind::KeepaliveProbe:
        return Tr::tr("The kernel sent a keepalive probe: SO_KEEPALIVE is on and nothing came "
                      "for the keepalive idle time (TCP_KEEPIDLE); it probes again every "
                      "interval (TCP_KEEPINTVL) and gives up after count (TCP_KEEPCNT) "
                      "unanswered probes or TCP_USER_TIMEOUT: the next read then fails with "
                      "ETIMEDOUT.");
    case MarkKind::WindowProbe:
        return Tr::tr("The peer's receive window is zero (it does not read), so the kernel "
                      "probes it when the persist timer fires, waiting twice as long each time "
                      "(backoff). A peer that answers keeps the connection open for ever; only "
                      "TCP_USER_TIMEOUT ends it.");
    case MarkKind::Retransmission:
        return Tr::tr("The kernel resent a segment that was not acknowledged in time (the "
                      "retransmission timeout, doubled after each try), or a SYN that got no "
                      "answer. It gives up after the SYN retries (TCP_SYNCNT), tcp_retries2 "
                      "(about 15 min) or TCP_USER_TIMEOUT, and the connection fails with "
                      "ETIMEDOUT.");
    case MarkKind::TlsHandshakeStart:
        return Tr::tr("The TLS handshake began: the client sends its ClientHello (the server "
                      "name, the versions and ciphers it offers) and no application byte passes "
                      "until the handshake is over.");
    case MarkKind::TlsHandshake:
        return Tr::tr("The TLS handshake finished: both ends agreed on a version, a cipher and "
                      "keys, and the client checked (or not) the server's certificate. From "
                      "here the records carry the application's bytes, encrypted.");
    case MarkKind::TlsCloseNotify:
        return Tr::tr("A close_notify alert: this end of TLS has sent everything, so the FIN "
                      "after it is an orderly end, not a truncation an attacker could fake.");
    case MarkKind::TlsAlert:
        return Tr::tr("A TLS alert: a warning, or a fatal error after which the connection "
                      "ends (unknown_ca, handshake_failure, protocol_version...).");
    case MarkKind::TlsError:
        return Tr::tr("TLS failed: the handshake or a record could not be completed. The "
                      "explanation says why and what to change.");
    case MarkKind::Note:
        return Tr::tr("What the engine did or noticed on its own.");
    }
    return QString();
}

QString stateExplanation(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Resolving:
        return Tr::tr("Looking up the host name before connecting.");
    case ConnectionState::Connecting:
        return Tr::tr("SYN sent, waiting for the peer's SYN-ACK.");
    case ConnectionState::Established:
        return Tr::tr("Open: bytes can flow both ways.");
    case ConnectionState::LocalHalfClosed:
        return Tr::tr("We sent FIN: we still read, but can never write again.");
    case ConnectionState::RemoteHalfClosed:
        return Tr::tr("The peer sent FIN: it sends nothing more, and we may still write.");
    case ConnectionState::Closing:
        return Tr::tr("Sending what is left before closing, or waiting for the peer's FIN.");
    case ConnectionState::Closed:
        return Tr::tr("Closed: the kernel may still keep the connection for a while (TIME_WAIT).");
    case ConnectionState::Reset:
        return Tr::tr("Ended by an RST: unsent and unread bytes were thrown away.");
    case ConnectionState::Failed:
        return Tr::tr("Never established: refused, timed out or unreachable.");
    }
    return QString();
}

QString kernelStateExplanation(KernelState state)
{
    switch (state) {
    case KernelState::SynSent:
        return Tr::tr("The kernel sent a SYN and waits for the SYN-ACK.");
    case KernelState::SynRecv:
        return Tr::tr("The kernel answered a SYN and waits for the final ACK of the handshake.");
    case KernelState::Established:
        return Tr::tr("Open in both directions.");
    case KernelState::FinWait1:
        return Tr::tr("We sent FIN and wait for the peer to acknowledge it.");
    case KernelState::FinWait2:
        return Tr::tr("Our FIN is acknowledged; the kernel waits for the peer's FIN.");
    case KernelState::CloseWait:
        return Tr::tr("The peer sent FIN; the kernel waits for this program to close its side.");
    case KernelState::LastAck:
        return Tr::tr("We sent our FIN after the peer's and wait for its last ACK.");
    case KernelState::Closing:
        return Tr::tr("Both sides sent FIN at once; the kernel waits for the ACK of ours.");
    case KernelState::TimeWait:
        return Tr::tr("We closed first: the kernel keeps the connection for 60 s so that late "
                      "segments die out, and this port pair cannot be used again meanwhile.");
    case KernelState::Close:
        return Tr::tr("The kernel has ended the connection (an RST, or both FINs done) while this "
                      "program still holds the socket.");
    case KernelState::Closed:
        return Tr::tr("The kernel no longer knows this connection.");
    case KernelState::Listen:
        return Tr::tr("A listening socket.");
    case KernelState::Unknown:
        break;
    }
    return QString();
}

QString kernelTimerName(KernelTimer timer)
{
    switch (timer) {
    case KernelTimer::Unknown:
        break;
    case KernelTimer::None:
        return Tr::tr("no timer");
    case KernelTimer::Retransmit:
        return Tr::tr("retransmit timer");
    case KernelTimer::Keepalive:
        return Tr::tr("keepalive timer");
    case KernelTimer::TimeWait:
        return Tr::tr("TIME_WAIT timer");
    case KernelTimer::ZeroWindowProbe:
        return Tr::tr("zero-window probe timer");
    }
    return QString();
}

QString kernelTimerExplanation(KernelTimer timer)
{
    switch (timer) {
    case KernelTimer::Retransmit:
        return Tr::tr("When it fires, what is still unacknowledged is sent again.");
    case KernelTimer::Keepalive:
        return Tr::tr("When it fires on a connection still idle, a keepalive probe goes out "
                      "(TCP_KEEPIDLE, then every TCP_KEEPINTVL). On loopback the probe is "
                      "answered at once; the lane marks each probe.");
    case KernelTimer::TimeWait:
        return Tr::tr("When it fires, the kernel forgets the connection and its port pair is "
                      "free again.");
    case KernelTimer::ZeroWindowProbe:
        return Tr::tr("When it fires, a window probe asks the peer whether it has room again.");
    case KernelTimer::Unknown:
    case KernelTimer::None:
        break;
    }
    return QString();
}

QString retransmissionDetail(const KernelSample &sample)
{
    //: A retransmission mark: the connection's total, then the current run of timeouts
    return Tr::tr("%1 segment(s) resent so far; %2 timeout(s) in a row for the oldest one")
        .arg(sample.retransmits)
        .arg(std::max<int>(sample.consecutiveRetransmits, 0));
}

QString probeDetail(MarkKind kind, const KernelSample &sample)
{
    if (kind == MarkKind::WindowProbe)
        //: A zero-window probe mark: the doubling count and the wait until the next probe
        return Tr::tr("backoff %1: the next probe in %2 ms")
            .arg(std::max<int>(sample.backoff, 0))
            .arg(std::max<int>(sample.timerMs, 0));
    //: A keepalive probe mark: probes since the connection opened, then those not answered yet
    return Tr::tr("probe %1 on this connection; %2 unanswered")
        .arg(std::max<int>(sample.keepaliveProbes, 0))
        .arg(std::max<int>(sample.probes, 0));
}

QString causeName(StateCause cause)
{
    switch (cause) {
    case StateCause::User:
        return Tr::tr("by us");
    case StateCause::Peer:
        return Tr::tr("by the peer");
    case StateCause::Timeout:
        return Tr::tr("by a timeout");
    case StateCause::Error:
        return Tr::tr("by an error");
    case StateCause::Engine:
        return Tr::tr("by the socket engine");
    }
    return QString();
}

QString laneTitle(Connection::Side side, quint64 id, quint64 relayPair)
{
    if (relayPair != 0)
        return side == Connection::Side::Server ? Tr::tr("client leg #%1").arg(id)
                                                : Tr::tr("server leg #%1").arg(id);
    return side == Connection::Side::Server ? Tr::tr("server #%1").arg(id)
                                            : Tr::tr("client #%1").arg(id);
}

QString portOf(const QString &address)
{
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon < 0 || colon + 1 >= address.size())
        return QString();
    return address.mid(colon);
}

QString exactTime(qint64 relativeNs)
{
    const bool negative = relativeNs < 0;
    const qint64 magnitude = std::llabs(relativeNs);
    QString text;
    if (magnitude < 1000)
        text = Tr::tr("%1 ns").arg(magnitude);
    else if (magnitude < 1000000000)
        text = Tr::tr("%1 ms").arg(double(magnitude) / 1e6, 0, 'f', magnitude < 1000000 ? 4 : 3);
    else
        text = Tr::tr("%1 s").arg(double(magnitude) / 1e9, 0, 'f', 6);
    return negative ? Tr::tr("-%1").arg(text) : Tr::tr("+%1").arg(text);
}

QString duration(qint64 ns)
{
    ns = std::llabs(ns);
    if (ns < 1000)
        return Tr::tr("%1 ns").arg(ns);
    if (ns < 1000000)
        return Tr::tr("%1 µs").arg(double(ns) / 1e3, 0, 'f', 1);
    if (ns < 1000000000)
        return Tr::tr("%1 ms").arg(double(ns) / 1e6, 0, 'f', 3);
    if (ns < 60LL * 1000000000)
        return Tr::tr("%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
    const qint64 minutes = ns / 60000000000LL;
    const double seconds = double(ns % 60000000000LL) / 1e9;
    return Tr::tr("%1 min %2 s").arg(minutes).arg(seconds, 4, 'f', 1, QLatin1Char('0'));
}

} // namespace TcpInspector::TimelineText
