// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace TcpInspector {

/// CRC-32C (Castagnoli), what iSCSI, ext4 and pcapng-adjacent tools use.
/// With SSE 4.2 (x86-64, checked at run time) the CPU's crc32 instruction
/// (~8 GB/s); otherwise crc32cPortable(). Pass the previous result as crc to
/// continue over more bytes.
quint32 crc32c(const void *data, qint64 size, quint32 crc = 0);
/// The same in software (slicing by 8: ~2 GB/s, no CPU feature needed).
quint32 crc32cPortable(const void *data, qint64 size, quint32 crc = 0);

} // namespace TcpInspector
