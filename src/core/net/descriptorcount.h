// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace TcpInspector {

/// Descriptors this process has open now, or -1. A client that never closes
/// its connections shows here first (S7). Cheap enough for twice a second
/// with thousands open: the size of /proc/self/fd (Linux 6.2 and later),
/// else listedDescriptorCount().
int openDescriptorCount();

/// The entries of /proc/self/fd, counted one by one (older kernels). At the
/// limit, with no descriptor left to list them with, it answers the limit.
int listedDescriptorCount();

/// The soft RLIMIT_NOFILE that leaves exactly @p more descriptor numbers
/// free, counting the gaps below the highest open one (a new descriptor takes
/// the lowest free number); -1 when /proc/self/fd cannot be read.
int limitLeavingFree(int more);

/// The soft RLIMIT_NOFILE: past it, accept() and socket() fail with EMFILE.
int descriptorLimit();

/// What raiseDescriptorLimit() did.
struct DescriptorLimitRaise
{
    int before = -1;  ///< the soft limit before the call
    int after = -1;   ///< the soft limit now
    int target = -1;  ///< the limit asked for: the hard limit (or fs.nr_open)
    int sysErrno = 0; ///< why setrlimit() failed, 0 when it did not
};

/// Raises the soft RLIMIT_NOFILE to the hard one, the most a process may take
/// without privileges: a soft limit of 1024 (the usual default) caps a server
/// at about a thousand connections. Both programs call it at start; a user who
/// wants a lower limit lowers the hard one (ulimit -n N sets both). An
/// unlimited hard limit means fs.nr_open, the most the kernel lets one ask.
DescriptorLimitRaise raiseDescriptorLimit();

} // namespace TcpInspector
