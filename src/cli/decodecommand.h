// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace TcpInspector {

/// `tcpinspector-cli decode`: decodes a recorded byte stream and prints one JSON
/// line per message, error and unfinished tail, then a summary. Returns the exit
/// code (0 done, 2 usage or spec error).
int runDecodeCommand(const QStringList &arguments);

} // namespace TcpInspector
