// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace TcpInspector {

/// The middle value (the upper one of an even count); 0 for none.
double median(std::vector<double> values);

/// "200M", "2G", "64K" or plain bytes; -1 when it is none of them.
qint64 parseByteSize(const QString &text);

} // namespace TcpInspector
