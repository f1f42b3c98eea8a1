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

/// The soft RLIMIT_NOFILE: past it, accept() and socket() fail with EMFILE.
int descriptorLimit();

} // namespace TcpInspector
