// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timeline.h"

#include <QString>

#include <optional>

namespace TcpInspector {

/// Counters of an open socket that tell a keepalive probe (a segment without
/// data) from data; not stored with the sample, only compared with the last.
struct KernelCounters
{
    qint32 idleMs = -1;      ///< since data last moved either way (tcpi_last_data_sent/_recv)
    qint64 segsOut = -1;     ///< tcpi_segs_out (Linux 4.2 and later); 32 bits that wrap
    qint64 dataSegsOut = -1; ///< tcpi_data_segs_out
    qint64 dataSegsIn = -1;  ///< tcpi_data_segs_in
};

/// The kernel's own view of an open socket: getsockopt(TCP_INFO) for the TCP
/// state, RTT, cwnd, unacknowledged segments, retransmissions, probes and
/// backoff, SIOCOUTQ/SIOCINQ for the queued bytes, and a sock_diag lookup of
/// the connection for its timer (retransmit, keepalive, zero-window probe),
/// which TCP_INFO does not tell. Nothing when fd is not a TCP socket (or not
/// on Linux); the timer stays Unknown for a listener or when the lookup fails.
std::optional<KernelSample> sampleKernel(int fd, KernelCounters *counters = nullptr);

/// The kernel's state of the connection between local and peer ("host:port"
/// or "[v6]:port") after our socket is gone, through sock_diag netlink, which
/// needs no root: TIME_WAIT after an active close, FIN_WAIT2, LAST_ACK...
/// For TIME_WAIT, timeWaitMs says how long the kernel keeps it; for a socket
/// that still exists, the queues and tcp_info figures are filled in too.
/// IPv4-mapped IPv6 addresses ("[::ffff:127.0.0.1]:80") are asked for as IPv4.
/// Nothing when the kernel no longer knows the connection, for text that is
/// not two IP literals with ports, or when the kernel does not answer within
/// 200 ms (an exact lookup usually takes tens of microseconds).
std::optional<KernelSample> lookupKernelState(const QString &local, const QString &peer);

/// The state for a Linux TCP state number (TCP_ESTABLISHED = 1); Unknown for
/// a number Linux does not define.
KernelState kernelStateFromLinux(int state);

} // namespace TcpInspector
