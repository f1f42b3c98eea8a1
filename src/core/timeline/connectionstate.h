// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

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

} // namespace TcpInspector
