// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace TcpInspector {

/// Descriptors this process has open now (entries of /proc/self/fd), or -1.
/// A client that never closes its connections shows here first (S7).
/// At the limit (no descriptor left to list them with) it is the limit.
/// Cheap enough to call twice a second with thousands open (no allocation per entry).
int openDescriptorCount();

/// The soft RLIMIT_NOFILE: past it, accept() and socket() fail with EMFILE.
int descriptorLimit();

} // namespace TcpInspector
