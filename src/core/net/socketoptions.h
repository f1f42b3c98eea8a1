// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QString>

#include <vector>

namespace TcpInspector {

/// TCP keepalive probes, as Go's Dialer.KeepAlive and setsockopt set them.
struct KeepaliveOptions
{
    bool enabled = false;
    int idleSeconds = 0;     ///< TCP_KEEPIDLE; 0: the system's
    int intervalSeconds = 0; ///< TCP_KEEPINTVL; 0: the system's
    int count = 0;           ///< TCP_KEEPCNT; 0: the system's
};

/// One setsockopt() that the kernel refused, for the caller to put into words.
struct SocketOptionFailure
{
    QString name; ///< "TCP_NODELAY", "SO_RCVBUF", ...
    int value = 0;
    int sysErrno = 0;
};

/// The Linux socket options of a connection, set on its descriptor. Every
/// engine reaches them through here, so that the engine-neutral Connection
/// holds no system calls of its own.
///
/// Sets what the options ask for that needs a descriptor (nodelay, buffer
/// sizes, MSS, SYN retries); returns those the kernel refused.
std::vector<SocketOptionFailure> applyConnectionOptions(int fd, const ConnectionOptions &options);

/// Sets keepalive (S5) and TCP_USER_TIMEOUT (0: the system's); returns those
/// the kernel refused.
std::vector<SocketOptionFailure> applyKeepalive(int fd, const KeepaliveOptions &keepalive,
                                                int userTimeoutMs);

/// SO_LINGER {1, 0}: close() then sends an RST instead of a FIN and throws
/// away what was not sent yet.
void setResetOnClose(int fd);

/// Bytes written that the kernel has not had acknowledged yet (SIOCOUTQ),
/// or 0 when it does not say (a closed or non-TCP descriptor).
qint64 unacknowledgedBytes(int fd);

} // namespace TcpInspector
