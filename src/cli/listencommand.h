// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace TcpInspector {

/// `tcpinspector-cli listen`: a server that prints every accepted connection's
/// chunks, messages, half-closes, errors and timeouts as JSON lines until N
/// connections have ended, a duration has passed, or SIGINT/SIGTERM, then a
/// summary. Returns the exit code (0 done, 2 usage, 3 listening failed).
int runListenCommand(const QStringList &arguments);

} // namespace TcpInspector
