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
    /// Grows to the smallest range holding other as well (an empty one adds nothing).
    IndexRange &unite(IndexRange other)
    {
        if (other.isEmpty())
            return *this;
        if (isEmpty())
            return *this = other;
        first = first < other.first ? first : other.first;
        last = last > other.last ? last : other.last;
        return *this;
    }
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

/// The first of count items for which before(i) is false, where before(i) is
/// true for a prefix of them: a binary search that probes one item a step,
/// for items too costly to copy into a vector (each probe a short lock).
template<typename Before>
qint64 partitionPoint(qint64 count, Before before)
{
    qint64 low = 0;
    while (low < count) {
        const qint64 mid = low + (count - low) / 2;
        if (before(mid))
            low = mid + 1;
        else
            count = mid;
    }
    return low;
}

/// framesTouching() over items probed one by one: of count items in stream
/// order that do not overlap, those sharing a byte with [from, to). startOf(i)
/// and endOf(i) give item i's first byte and one past its last.
template<typename StartOf, typename EndOf>
IndexRange itemsTouching(qint64 count, qint64 from, qint64 to, StartOf startOf, EndOf endOf)
{
    // Items do not overlap, so their ends are sorted as well as their starts.
    const qint64 first = partitionPoint(count, [&](qint64 i) { return endOf(i) <= from; });
    const qint64 end = partitionPoint(count, [&](qint64 i) { return startOf(i) < to; });
    return {first, end - 1};
}

} // namespace TcpInspector
