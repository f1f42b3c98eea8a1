// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// Positioned reads and writes that finish what they start: pread and pwrite
/// may do part of the work or be interrupted by a signal. Positioned rather
/// than through QFile: readers on other threads read the same spill files,
/// and none may move a shared file position under another.
namespace TcpInspector::FileIo {

/// Writes size bytes of data at offset at of fd; false (errno says why) if
/// not all of them could be written.
bool writeAll(int fd, const void *data, qint64 size, qint64 at);

/// Reads up to size bytes at offset at of fd into data: fewer only where the
/// file ends. -1 (errno says why) on an error.
qint64 readAll(int fd, void *data, qint64 size, qint64 at);

} // namespace TcpInspector::FileIo
