// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace TcpInspector {

/// The cases of issue 9: StreamChannel::append against a memcpy into fresh
/// memory, and both engines on loopback against plain blocking sockets.
void printChannelSection();

} // namespace TcpInspector
