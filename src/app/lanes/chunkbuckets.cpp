// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/chunkbuckets.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace TcpInspector {

qint64 ChunkBuckets::boundary(double startNs, double nsPerColumn, int k)
{
    // Timestamps are whole nanoseconds: t >= b exactly when t >= ceil(b).
    const double b = std::ceil(startNs + double(k) * nsPerColumn);
    if (b >= 9.2e18)
        return std::numeric_limits<qint64>::max();
    if (b <= -9.2e18)
        return std::numeric_limits<qint64>::min();
    return qint64(b);
}

qint64 ChunkBuckets::lowerBound(const StreamStore &store, qint64 timeNs, qint64 from, qint64 to)
{
    while (from < to) {
        const qint64 middle = from + (to - from) / 2;
        if (store.chunk(middle).timestampNs < timeNs)
            from = middle + 1;
        else
            to = middle;
    }
    return from;
}

qint64 ChunkBuckets::nearestChunk(const StreamStore &store, qint64 timeNs)
{
    const qint64 count = store.chunkCount();
    if (count == 0)
        return -1;
    const qint64 after = lowerBound(store, timeNs, 0, count);
    if (after == 0)
        return 0;
    if (after == count)
        return count - 1;
    const qint64 before = after - 1;
    // Differences in double: an overflow-free comparison for any timestamps.
    const double toBefore = double(timeNs) - double(store.chunk(before).timestampNs);
    const double toAfter = double(store.chunk(after).timestampNs) - double(timeNs);
    return toBefore <= toAfter ? before : after;
}

std::vector<ChunkBuckets::Column> ChunkBuckets::build(const StreamStore &store, double startNs,
                                                      double nsPerColumn, int columns,
                                                      qint64 chunkCount)
{
    std::vector<Column> result(size_t(std::max(0, columns)));
    if (columns <= 0 || !(nsPerColumn > 0))
        return result;
    const qint64 count
        = chunkCount >= 0 ? std::min(chunkCount, store.chunkCount()) : store.chunkCount();
    const qint64 first = lowerBound(store, boundary(startNs, nsPerColumn, 0), 0, count);
    const qint64 end = lowerBound(store, boundary(startNs, nsPerColumn, columns), first, count);
    if (first == end)
        return result;

    if (end - first <= qint64(columns)) {
        // Few chunks on screen: visiting them is cheaper than searching.
        int k = 0;
        for (qint64 i = first; i < end; ++i) {
            const StreamStore::Chunk chunk = store.chunk(i);
            k = std::clamp(int((double(chunk.timestampNs) - startNs) / nsPerColumn), k,
                           columns - 1);
            // The division may land one column off a boundary; the integer
            // boundaries decide, as they do for the searches.
            while (k > 0 && chunk.timestampNs < boundary(startNs, nsPerColumn, k))
                --k;
            while (k + 1 < columns && chunk.timestampNs >= boundary(startNs, nsPerColumn, k + 1))
                ++k;
            Column &column = result[size_t(k)];
            if (column.chunks == 0)
                column.firstChunk = i;
            column.bytes += chunk.size;
            ++column.chunks;
        }
        return result;
    }

    // Many chunks per column: each boundary is one binary search in what is
    // left, and the bytes between two boundaries are an offset difference.
    qint64 index = first;
    qint64 offset = store.chunk(first).offset;
    const StreamStore::Chunk lastChunk = store.chunk(end - 1);
    for (int k = 0; k < columns && index < end; ++k) {
        const qint64 next = lowerBound(store, boundary(startNs, nsPerColumn, k + 1), index, end);
        if (next == index)
            continue;
        const qint64 nextOffset = next < end ? store.chunk(next).offset : lastChunk.end();
        Column &column = result[size_t(k)];
        column.firstChunk = index;
        column.chunks = next - index;
        column.bytes = nextOffset - offset;
        index = next;
        offset = nextOffset;
    }
    return result;
}

std::vector<double> ChunkBuckets::rates(const std::vector<Column> &columns, double nsPerColumn,
                                        int groupColumns)
{
    groupColumns = std::max(1, groupColumns);
    std::vector<double> result;
    result.reserve(columns.size() / size_t(groupColumns) + 1);
    const double seconds = nsPerColumn * groupColumns / 1e9;
    for (size_t i = 0; i < columns.size(); i += size_t(groupColumns)) {
        qint64 bytes = 0;
        const size_t stop = std::min(columns.size(), i + size_t(groupColumns));
        for (size_t j = i; j < stop; ++j)
            bytes += columns[j].bytes;
        result.push_back(seconds > 0 ? double(bytes) / seconds : 0.0);
    }
    return result;
}

} // namespace TcpInspector
