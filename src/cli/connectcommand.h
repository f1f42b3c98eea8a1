// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace TcpInspector {

/// `tcpinspector-cli connect`: opens one or N client connections, sends what
/// it was given (in fragments if asked), half-closes if asked, and prints
/// everything that happens as JSON lines until the peer closes, the idle
/// timeout fires or a duration has passed, then a summary. Returns the exit
/// code (0 done, 2 usage, 3 a connection failed: refused, timeout, error).
int runConnectCommand(const QStringList &arguments);

} // namespace TcpInspector
