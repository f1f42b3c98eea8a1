// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/timelinetext.h"

#include <QCoreApplication>

#include <cstdlib>

namespace TcpInspector::TimelineText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TcpInspector::TimelineText", text);
}
} // namespace

QString markName(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ConnectStart:
        return tr("Connect started");
    case MarkKind::Accepted:
        return tr("Accepted");
    case MarkKind::Connected:
        return tr("Connected");
    case MarkKind::FinSent:
        return tr("FIN sent");
    case MarkKind::EofReceived:
        return tr("EOF received");
    case MarkKind::QtClosedAfterEof:
        return tr("Qt closed the socket after EOF");
    case MarkKind::ResetSent:
        return tr("RST sent");
    case MarkKind::ResetReceived:
        return tr("RST received");
    case MarkKind::BrokenPipe:
        return tr("Broken pipe");
    case MarkKind::ConnectTimeout:
        return timeoutName(TimeoutKind::Connect);
    case MarkKind::IdleTimeout:
        return timeoutName(TimeoutKind::Idle);
    case MarkKind::WriteStall:
        return timeoutName(TimeoutKind::WriteStall);
    case MarkKind::CloseTimeout:
        return timeoutName(TimeoutKind::Close);
    case MarkKind::Error:
        return tr("Error");
    case MarkKind::Closed:
        return tr("Closed");
    case MarkKind::Note:
        return tr("Note");
    }
    return QString();
}

QString timeoutName(TimeoutKind kind)
{
    switch (kind) {
    case TimeoutKind::Connect:
        return tr("Connect timeout");
    case TimeoutKind::Idle:
        return tr("Idle timeout");
    case TimeoutKind::WriteStall:
        return tr("Write stall");
    case TimeoutKind::Close:
        return tr("Close timeout");
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
        return tr("SYN");
    case MarkKind::Accepted:
        return tr("accept");
    case MarkKind::Connected:
        return tr("connected");
    case MarkKind::FinSent:
        return tr("FIN");
    case MarkKind::EofReceived:
        return tr("EOF");
    case MarkKind::QtClosedAfterEof:
        return tr("Qt close");
    case MarkKind::ResetSent:
        return tr("RST sent");
    case MarkKind::ResetReceived:
        return tr("RST received");
    case MarkKind::BrokenPipe:
        return tr("EPIPE");
    case MarkKind::ConnectTimeout:
        return tr("connect timeout");
    case MarkKind::IdleTimeout:
        return tr("idle timeout");
    case MarkKind::WriteStall:
        return tr("write stall");
    case MarkKind::CloseTimeout:
        return tr("no FIN");
    case MarkKind::Error:
        return tr("error");
    case MarkKind::Closed:
        return tr("close");
    case MarkKind::Note:
        return tr("i");
    }
    return QString();
}

QString markExplanation(MarkKind kind)
{
    switch (kind) {
    case MarkKind::ConnectStart:
        return tr("connect() sent a SYN: the three-way handshake begins.");
    case MarkKind::Accepted:
        return tr("The listener accepted a connection whose handshake the kernel had already "
                  "completed.");
    case MarkKind::Connected:
        return tr("The peer answered the SYN with SYN-ACK and we acknowledged it: the "
                  "connection is established.");
    case MarkKind::FinSent:
        return tr("We sent FIN (shutdown SHUT_WR): we send nothing more but keep reading.");
    case MarkKind::EofReceived:
        return tr("read() returned 0: the peer sent FIN and will send nothing more.");
    case MarkKind::QtClosedAfterEof:
        return tr("QTcpSocket closed the whole socket on its own after EOF, so nothing more can "
                  "be sent to the peer (the native engine can stay half-open).");
    case MarkKind::ResetSent:
        return tr("We closed with SO_LINGER 0: the kernel sent an RST and threw away what was "
                  "not yet sent.");
    case MarkKind::ResetReceived:
        return tr("The peer sent an RST: it aborted or closed with unread data, and bytes in "
                  "flight are lost.");
    case MarkKind::BrokenPipe:
        return tr("A write failed with EPIPE: the peer had closed and answered our earlier data "
                  "with an RST.");
    case MarkKind::ConnectTimeout:
        return tr("No SYN-ACK came back within the connect timeout, so we gave up on the "
                  "handshake.");
    case MarkKind::IdleTimeout:
        return tr("Nothing was read within the idle timeout (a read deadline), so we closed.");
    case MarkKind::WriteStall:
        return tr("Bytes we wrote stayed unsent: the peer is not reading and its receive window "
                  "is full.");
    case MarkKind::CloseTimeout:
        return tr("The peer did not send its FIN in time after ours, so we closed anyway.");
    case MarkKind::Error:
        return tr("A socket call failed.");
    case MarkKind::Closed:
        return tr("The socket was closed.");
    case MarkKind::Note:
        return tr("What the engine did or noticed on its own.");
    }
    return QString();
}

QString stateExplanation(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Resolving:
        return tr("Looking up the host name before connecting.");
    case ConnectionState::Connecting:
        return tr("SYN sent, waiting for the peer's SYN-ACK.");
    case ConnectionState::Established:
        return tr("Open: bytes can flow both ways.");
    case ConnectionState::LocalHalfClosed:
        return tr("We sent FIN: we still read, but can never write again.");
    case ConnectionState::RemoteHalfClosed:
        return tr("The peer sent FIN: it sends nothing more, and we may still write.");
    case ConnectionState::Closing:
        return tr("Sending what is left before closing, or waiting for the peer's FIN.");
    case ConnectionState::Closed:
        return tr("Closed: the kernel may still keep the connection for a while (TIME_WAIT).");
    case ConnectionState::Reset:
        return tr("Ended by an RST: unsent and unread bytes were thrown away.");
    case ConnectionState::Failed:
        return tr("Never established: refused, timed out or unreachable.");
    }
    return QString();
}

QString kernelStateExplanation(KernelState state)
{
    switch (state) {
    case KernelState::SynSent:
        return tr("The kernel sent a SYN and waits for the SYN-ACK.");
    case KernelState::SynRecv:
        return tr("The kernel answered a SYN and waits for the final ACK of the handshake.");
    case KernelState::Established:
        return tr("Open in both directions.");
    case KernelState::FinWait1:
        return tr("We sent FIN and wait for the peer to acknowledge it.");
    case KernelState::FinWait2:
        return tr("Our FIN is acknowledged; the kernel waits for the peer's FIN.");
    case KernelState::CloseWait:
        return tr("The peer sent FIN; the kernel waits for this program to close its side.");
    case KernelState::LastAck:
        return tr("We sent our FIN after the peer's and wait for its last ACK.");
    case KernelState::Closing:
        return tr("Both sides sent FIN at once; the kernel waits for the ACK of ours.");
    case KernelState::TimeWait:
        return tr("We closed first: the kernel keeps the connection for 60 s so that late "
                  "segments die out, and this port pair cannot be used again meanwhile.");
    case KernelState::Close:
        return tr("The kernel has ended the connection (an RST, or both FINs done) while this "
                  "program still holds the socket.");
    case KernelState::Closed:
        return tr("The kernel no longer knows this connection.");
    case KernelState::Listen:
        return tr("A listening socket.");
    case KernelState::Unknown:
        break;
    }
    return QString();
}

QString causeName(StateCause cause)
{
    switch (cause) {
    case StateCause::User:
        return tr("by us");
    case StateCause::Peer:
        return tr("by the peer");
    case StateCause::Timeout:
        return tr("by a timeout");
    case StateCause::Error:
        return tr("by an error");
    case StateCause::Engine:
        return tr("by the socket engine");
    }
    return QString();
}

QString laneTitle(Connection::Side side, quint64 id)
{
    return side == Connection::Side::Server ? tr("server #%1").arg(id) : tr("client #%1").arg(id);
}

QString portOf(const QString &address)
{
    const int colon = address.lastIndexOf(QLatin1Char(':'));
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
        text = tr("%1 ns").arg(magnitude);
    else if (magnitude < 1000000000)
        text = tr("%1 ms").arg(double(magnitude) / 1e6, 0, 'f', magnitude < 1000000 ? 4 : 3);
    else
        text = tr("%1 s").arg(double(magnitude) / 1e9, 0, 'f', 6);
    return negative ? tr("-%1").arg(text) : tr("+%1").arg(text);
}

QString duration(qint64 ns)
{
    ns = std::llabs(ns);
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < 1000000)
        return tr("%1 µs").arg(double(ns) / 1e3, 0, 'f', 1);
    if (ns < 1000000000)
        return tr("%1 ms").arg(double(ns) / 1e6, 0, 'f', 3);
    if (ns < 60LL * 1000000000)
        return tr("%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
    const qint64 minutes = ns / 60000000000LL;
    const double seconds = double(ns % 60000000000LL) / 1e9;
    return tr("%1 min %2 s").arg(minutes).arg(seconds, 4, 'f', 1, QLatin1Char('0'));
}

} // namespace TcpInspector::TimelineText
