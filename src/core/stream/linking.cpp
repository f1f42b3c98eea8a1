// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/linking.h"

#include <algorithm>

namespace TcpInspector {

IndexRange chunksOfRange(const StreamStore &store, qint64 offset, qint64 length)
{
    if (length <= 0)
        return {};
    const qint64 first = store.chunkIndexAt(offset);
    const qint64 last = store.chunkIndexAt(offset + length - 1);
    if (first < 0 || last < 0)
        return {};
    return {first, last};
}

IndexRange framesTouching(const std::vector<Frame> &frames, qint64 offset, qint64 length)
{
    if (length <= 0)
        return {};
    // Frames do not overlap, so their ends are sorted as well as their starts.
    const auto firstIt
        = std::upper_bound(frames.begin(), frames.end(), offset,
                           [](qint64 value, const Frame &f) { return value < f.end(); });
    const auto lastIt
        = std::lower_bound(frames.begin(), frames.end(), offset + length,
                           [](const Frame &f, qint64 value) { return f.offset < value; });
    return {qint64(firstIt - frames.begin()), qint64(lastIt - frames.begin()) - 1};
}

} // namespace TcpInspector
