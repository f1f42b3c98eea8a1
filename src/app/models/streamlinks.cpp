// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/streamlinks.h"

#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "stream/streamchannel.h"

#include <algorithm>

namespace TcpInspector {

namespace {

// An error that discarded nothing (a fatal one) still links to the byte
// where it happened.
MessageTableModel::ByteRange linkable(MessageTableModel::ByteRange range)
{
    range.length = std::max<qint64>(range.length, 1);
    return range;
}

bool overlaps(MessageTableModel::ByteRange range, qint64 from, qint64 to)
{
    return range.offset < to && range.offset + range.length > from;
}

// The errors sharing a byte with [from, to). Errors are in stream order and
// the bytes they discard never overlap, so both ends of their ranges grow with
// the index: two binary searches instead of a walk over every error, which
// would make each hex-view paint cost as much as the stream's error count.
IndexRange errorsTouching(const MessageTableModel &messages, qint64 from, qint64 to)
{
    const auto rangeOf = [&messages](qint64 e) {
        return linkable(messages.rowBytes(messages.rowOfError(int(e))));
    };
    return itemsTouching(
        messages.errorCount(), from, to, [&](qint64 e) { return rangeOf(e).offset; },
        [&](qint64 e) {
            const auto range = rangeOf(e);
            return range.offset + range.length;
        });
}

LinkSpan clipped(qint64 offset, qint64 end, int row, qint64 from, qint64 to)
{
    LinkSpan span;
    span.from = std::max(offset, from);
    span.to = std::min(end, to);
    span.row = row;
    span.opens = offset >= from;
    span.closes = end <= to;
    return span;
}

} // namespace

StreamLinks::StreamLinks(const ChunkTableModel &chunks, const MessageTableModel &messages)
    : m_chunks(chunks), m_messages(messages)
{ }

bool StreamLinks::sameChannel() const
{
    return m_chunks.channel() && m_chunks.channel() == m_messages.channel();
}

qint64 StreamLinks::announcedBytes() const
{
    const int rows = m_chunks.rowCount();
    return rows > 0 ? m_chunks.channel()->store().chunk(rows - 1).end() : 0;
}

IndexRange StreamLinks::chunkRowsOfMessage(int messageRow) const
{
    if (!sameChannel() || messageRow < 0 || messageRow >= m_messages.rowCount())
        return {};
    const auto range = linkable(m_messages.rowBytes(messageRow));
    const StreamStore &store = m_chunks.channel()->store();
    // Only the bytes of chunks the chunk table shows.
    const qint64 end = std::min(range.offset + range.length, announcedBytes());
    const IndexRange chunks = chunksOfRange(store, range.offset, end - range.offset);
    return chunks;
}

IndexRange StreamLinks::announcedFramesTouching(qint64 from, qint64 to) const
{
    // framesTouching() of linking.h wants the frames in a vector; the model's
    // frames stay in the channel, so they are probed one by one (a short lock
    // each) instead of copying a million frames.
    const StreamChannel &channel = *m_messages.channel();
    return itemsTouching(
        m_messages.frameCount(), from, to, [&](qint64 i) { return channel.frame(i).offset; },
        [&](qint64 i) { return channel.frame(i).end(); });
}

IndexRange StreamLinks::messageRowsOfChunk(int chunkRow) const
{
    if (!sameChannel() || chunkRow < 0 || chunkRow >= m_chunks.rowCount())
        return {};
    const StreamStore::Chunk chunk = m_chunks.channel()->store().chunk(chunkRow);
    if (chunk.size <= 0)
        return {};
    const qint64 from = chunk.offset;
    const qint64 to = chunk.end();

    // Rows are in stream order, so the rows touching a byte range are one
    // block: its ends are what the frames, errors and the tail contribute.
    IndexRange rows;
    auto include = [&rows](int row) {
        if (row >= 0)
            rows.unite({row, row});
    };
    const IndexRange frames = announcedFramesTouching(from, to);
    if (!frames.isEmpty()) {
        include(m_messages.rowOfFrame(frames.first));
        include(m_messages.rowOfFrame(frames.last));
    }
    const IndexRange errors = errorsTouching(m_messages, from, to);
    for (qint64 e = errors.first; e <= errors.last; ++e)
        include(m_messages.rowOfError(int(e)));
    const int partial = m_messages.partialRow();
    if (partial >= 0 && overlaps(m_messages.rowBytes(partial), from, to))
        include(partial);
    return rows;
}

int StreamLinks::messageRowAt(qint64 offset) const
{
    // Rows are in stream order: the last row starting at or before the byte.
    const int candidate
        = int(partitionPoint(
              m_messages.rowCount(),
              [&](qint64 row) { return m_messages.rowBytes(int(row)).offset <= offset; }))
          - 1;
    if (candidate < 0)
        return -1;
    const MessageTableModel::ByteRange range = m_messages.rowBytes(candidate);
    return offset < range.offset + range.length ? candidate : -1;
}

std::vector<LinkSpan> StreamLinks::chunkBands(qint64 from, qint64 to) const
{
    std::vector<LinkSpan> bands;
    if (!sameChannel())
        return bands;
    to = std::min(to, announcedBytes());
    if (from < 0 || from >= to)
        return bands;
    const StreamStore &store = m_chunks.channel()->store();
    for (qint64 i = store.chunkIndexAt(from); i >= 0 && i < m_chunks.rowCount(); ++i) {
        const StreamStore::Chunk chunk = store.chunk(i);
        if (chunk.offset >= to)
            break;
        if (chunk.size > 0)
            bands.push_back(clipped(chunk.offset, chunk.end(), int(i), from, to));
    }
    return bands;
}

std::vector<LinkSpan> StreamLinks::messageBrackets(qint64 from, qint64 to) const
{
    std::vector<LinkSpan> brackets;
    if (!sameChannel() || from < 0 || from >= to)
        return brackets;
    const IndexRange frames = announcedFramesTouching(from, to);
    if (!frames.isEmpty()) {
        // One lock for the whole window rather than one per frame.
        const std::vector<Frame> visible
            = m_messages.channel()->frames(frames.first, frames.count());
        for (size_t i = 0; i < visible.size(); ++i) {
            const int row = m_messages.rowOfFrame(frames.first + qint64(i));
            brackets.push_back(clipped(visible[i].offset, visible[i].end(), row, from, to));
        }
    }
    auto addRow = [&](int row) {
        const auto range = m_messages.rowBytes(row);
        if (range.length > 0 && overlaps(range, from, to))
            brackets.push_back(clipped(range.offset, range.offset + range.length, row, from, to));
    };
    const IndexRange errors = errorsTouching(m_messages, from, to);
    for (qint64 e = errors.first; e <= errors.last; ++e)
        addRow(m_messages.rowOfError(int(e)));
    if (m_messages.partialRow() >= 0)
        addRow(m_messages.partialRow());
    std::sort(brackets.begin(), brackets.end(),
              [](const LinkSpan &a, const LinkSpan &b) { return a.row < b.row; });
    return brackets;
}

} // namespace TcpInspector
