// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "stream/streamstore.h"

#include <vector>

namespace TcpInspector {

/// An inclusive range of row indexes; empty when first > last.
struct IndexRange
{
    qint64 first = 0;
    qint64 last = -1;
    bool isEmpty() const { return first > last; }
    qint64 count() const { return isEmpty() ? 0 : last - first + 1; }
    friend bool operator==(IndexRange a, IndexRange b)
    {
        return (a.isEmpty() && b.isEmpty()) || (a.first == b.first && a.last == b.last);
    }
};

/// The chunks (reads) that hold the bytes [offset, offset + length).
IndexRange chunksOfRange(const StreamStore &store, qint64 offset, qint64 length);

/// The frames that share at least one byte with [offset, offset + length).
/// frames must be sorted by offset and must not overlap, as decoders emit them.
IndexRange framesTouching(const std::vector<Frame> &frames, qint64 offset, qint64 length);

} // namespace TcpInspector
