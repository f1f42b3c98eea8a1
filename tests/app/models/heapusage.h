// SPDX-License-Identifier: GPL-3.0-or-later
// Heap bytes in use, from glibc's allocator: what a model keeps after a
// refresh (QString and QList allocate with malloc, std::vector with operator
// new, which ends in malloc too; large blocks are counted as mmapped).
#pragma once

#include <QtGlobal>

#include <malloc.h>

#if defined(__SANITIZE_ADDRESS__)
#define TCPI_HEAP_USAGE_WORKS 0 // ASan's allocator does not fill mallinfo2
#else
#define TCPI_HEAP_USAGE_WORKS 1
#endif

inline qint64 heapBytesInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd);
}
