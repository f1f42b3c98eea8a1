// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TcpInspector {

class StreamPattern;

/// Case (e) and its variants: how fast the spill folder's disk takes total
/// bytes with O_DIRECT and through the page cache, and what lz4 on 64 KiB
/// spill blocks would cost and save. Prints a Markdown table of medians of
/// runs; returns the median GB/s of O_DIRECT 1 MiB writes, the disk's own limit.
double printDiskSection(StreamPattern &pattern, qint64 total, int runs, const QString &directory);

} // namespace TcpInspector
