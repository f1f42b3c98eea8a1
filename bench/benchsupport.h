// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <vector>

namespace TcpInspector {

/// The middle value (the upper one of an even count); 0 for none.
double median(std::vector<double> values);

/// The nearest-rank percentile p (0 to 1] of the values; 0 for none.
double percentile(std::vector<double> values, double p);

/// "200M", "2G", "64K" or plain bytes; -1 when it is none of them.
qint64 parseByteSize(const QString &text);

/// Runs the calling thread's event loop until done() or timeoutMs; false on
/// timeout. spinFor(ms): the same for ms, whatever happens.
bool spinUntil(const std::function<bool()> &done, int timeoutMs);
void spinFor(int ms);

} // namespace TcpInspector
