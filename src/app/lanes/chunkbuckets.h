// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/streamstore.h"

#include <vector>

namespace TcpInspector {

/// The chunks of a store summed per pixel column, without visiting every
/// chunk: the index is sorted by time and its offsets are cumulative, so the
/// bytes of [t0, t1) are the difference of the offsets two binary searches
/// by timestamp find. A row of columns costs O(columns x log n) chunk lookups
/// however many millions of chunks it covers; when the visible chunks are
/// fewer than the columns, it visits those chunks instead.
class ChunkBuckets
{
public:
    struct Column
    {
        qint64 bytes = 0;
        qint64 chunks = 0;
        qint64 firstChunk = -1; ///< index of the column's first chunk, -1 when none
    };

    /// Columns [k] holds the chunks with boundary(k) <= timestamp < boundary(k + 1).
    static qint64 boundary(double startNs, double nsPerColumn, int k);

    /// The first chunk in [from, to) whose timestamp is >= timeNs, or to.
    static qint64 lowerBound(const StreamStore &store, qint64 timeNs, qint64 from, qint64 to);
    /// The chunk whose timestamp is nearest timeNs (the earlier one on a
    /// tie), or -1 for an empty store.
    static qint64 nearestChunk(const StreamStore &store, qint64 timeNs);

    /// The chunks of store in columns of nsPerColumn from startNs. Only the
    /// first chunkCount chunks count (-1: as many as there are now), so that
    /// one paint sees one consistent prefix while the writer goes on.
    static std::vector<Column> build(const StreamStore &store, double startNs, double nsPerColumn,
                                     int columns, qint64 chunkCount = -1);

    /// Bytes per second in groups of groupColumns columns: one value per group.
    static std::vector<double> rates(const std::vector<Column> &columns, double nsPerColumn,
                                     int groupColumns);
};

} // namespace TcpInspector
