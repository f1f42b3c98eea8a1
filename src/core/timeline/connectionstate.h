// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace TcpInspector {

/// The application's view of one connection (the kernel's own TCP state is
/// sampled separately and drawn beside it).
enum class ConnectionState {
    Resolving,
    Connecting,
    Established,
    LocalHalfClosed,  ///< we sent FIN (shutdown SHUT_WR) and still read
    RemoteHalfClosed, ///< we read EOF and may still write
    Closing,          ///< flushing before close, or waiting for the peer's EOF
    Closed,
    Reset,  ///< ended by an RST, ours or the peer's
    Failed, ///< never established: refused, timeout, unreachable...
};

/// Who or what made a state change happen.
enum class StateCause {
    User,    ///< a button, a CLI option, an auto-reply policy
    Peer,    ///< the other end: FIN, RST, accept
    Timeout, ///< connect, idle or close timeout
    Error,   ///< a socket error
    Engine,  ///< the socket engine on its own (Qt closing after EOF)
};

QString connectionStateName(ConnectionState state); ///< "RemoteHalfClosed", stable
QString connectionStateKey(ConnectionState state);  ///< "remote_half_closed", for JSON
QString stateCauseKey(StateCause cause);            ///< "user", "peer", ...
bool isFinalState(ConnectionState state);

/// Which deadline passed (S5, S6, S12).
enum class TimeoutKind : quint8 {
    Connect,    ///< no handshake within the connect timeout
    Idle,       ///< nothing read within the idle timeout (a read deadline)
    WriteStall, ///< bytes waited to be sent for the write-stall threshold
    Close,      ///< the peer's FIN did not come in time after ours
};
constexpr int timeoutKindCount = int(TimeoutKind::Close) + 1;

QString timeoutKindKey(TimeoutKind kind); ///< "connect", "idle", "write_stall", "close", for JSON
std::optional<TimeoutKind> timeoutKindFromKey(const QString &key);

/// The kernel's own TCP state of a socket, as Linux names it
/// (include/net/tcp_states.h), plus Closed: the kernel no longer knows the
/// connection at all (asked through sock_diag after our socket is gone).
enum class KernelState : quint8 {
    Unknown, ///< no state known, or a number Linux does not define
    Established,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close, ///< ended (RST, or both FINs done) while the program still holds the socket
    CloseWait,
    LastAck,
    Listen,
    Closing,
    Closed, ///< forgotten by the kernel
};
constexpr int kernelStateCount = int(KernelState::Closed) + 1;

/// "ESTABLISHED", "TIME_WAIT", "CLOSED", "UNKNOWN": the kernel's own names as
/// ss(8) prints them, for JSON and for people alike.
QString kernelStateKey(KernelState state);
std::optional<KernelState> kernelStateFromKey(const QString &key);

} // namespace TcpInspector
