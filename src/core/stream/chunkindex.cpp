// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/chunkindex.h"
#include "stream/varint.h"

#include <algorithm>

namespace TcpInspector {

namespace {
// A flags byte, then a gap, a size and a time difference as varints of at
// most 10 bytes each.
constexpr quint32 MaxRecord = 1 + 3 * 10;

enum Field : quint8 {
    Gap = 0x01,     ///< bytes between the chunk before and this one (signed)
    Size = 0x02,    ///< differs from the chunk before
    Earlier = 0x04, ///< the clock stepped back: the time difference is negative
};
} // namespace

ChunkIndex::ChunkIndex() : m_pages(MaxRecord) { }
ChunkIndex::~ChunkIndex() = default;
ChunkIndex::ChunkIndex(ChunkIndex &&other) noexcept = default;
ChunkIndex &ChunkIndex::operator=(ChunkIndex &&other) noexcept = default;

void ChunkIndex::setSpill(const QString &directory, qint64 budget)
{
    m_pages.setSpill(directory, budget);
}

void ChunkIndex::append(const ChunkRecord &chunk)
{
    if (m_size % BlockChunks == 0) {
        m_blocks.push_back({chunk, m_pages.next()});
    } else {
        // The gap is 0 in a store (chunks follow each other); kept general
        // so the index answers what it was given.
        quint8 record[MaxRecord];
        quint8 *out = record + 1;
        quint8 flags = 0;
        if (const qint64 gap = chunk.offset - m_last.end()) {
            flags |= Gap;
            out = Varint::putSigned(out, gap);
        }
        if (chunk.size != m_last.size) {
            flags |= Size;
            out = Varint::putVarint(out, quint64(chunk.size));
        }
        // Times go forward but for a stepped clock: unsigned saves a bit.
        const qint64 time = chunk.timestampNs - m_last.timestampNs;
        if (time < 0)
            flags |= Earlier;
        out = Varint::putVarint(out, time < 0 ? 0 - quint64(time) : quint64(time));
        record[0] = flags;
        m_pages.write(record, int(out - record));
    }
    m_last = chunk;
    ++m_size;
}

void ChunkIndex::step(Cursor *cursor) const
{
    const quint8 *start = m_pages.read(&cursor->position);
    const quint8 *in = start;
    const quint8 flags = *in++;
    ChunkRecord &chunk = cursor->chunk;
    qint64 gap = 0;
    if (flags & Gap)
        in = Varint::getSigned(in, &gap);
    chunk.offset = chunk.end() + gap;
    quint64 value = 0;
    if (flags & Size) {
        in = Varint::getVarint(in, &value);
        chunk.size = qint64(value);
    }
    in = Varint::getVarint(in, &value);
    chunk.timestampNs += (flags & Earlier) ? -qint64(value) : qint64(value);
    cursor->position.offset += quint32(in - start);
    ++cursor->index;
}

ChunkIndex::Cursor ChunkIndex::seek(qint64 index) const
{
    const qint64 block = index / BlockChunks;
    Cursor cursor = m_cursor;
    if (cursor.index < 0 || cursor.index > index || cursor.index / BlockChunks != block) {
        const Block &start = m_blocks[size_t(block - m_firstBlock)];
        cursor.index = block * BlockChunks;
        cursor.chunk = start.first;
        cursor.position = start.position;
    }
    while (cursor.index < index)
        step(&cursor);
    return cursor;
}

ChunkRecord ChunkIndex::at(qint64 index) const
{
    if (index < firstIndex() || index >= m_size)
        return {};
    m_cursor = seek(index);
    return m_cursor.chunk;
}

qint64 ChunkIndex::indexAt(qint64 offset) const
{
    if (m_blocks.empty() || offset < m_blocks.front().first.offset || offset >= m_last.end())
        return -1;
    const auto block
        = std::upper_bound(m_blocks.begin(), m_blocks.end(), offset,
                           [](qint64 value, const Block &b) { return value < b.first.offset; });
    qint64 index = m_firstBlock * BlockChunks + qint64(block - m_blocks.begin() - 1) * BlockChunks;
    // Within the block, in order: the cursor steps one record at a time.
    for (; index < m_size; ++index) {
        const ChunkRecord chunk = at(index);
        if (offset < chunk.end())
            return offset >= chunk.offset ? index : -1;
    }
    return -1;
}

void ChunkIndex::dropBefore(qint64 offset)
{
    // Every chunk of a block starts before the next block's first one; the
    // last block, still being filled, always stays.
    size_t drop = 0;
    while (drop + 1 < m_blocks.size() && m_blocks[drop + 1].first.offset <= offset)
        ++drop;
    if (drop == 0)
        return;
    m_blocks.pop_front(drop);
    m_firstBlock += qint64(drop);
    m_pages.dropBefore(m_blocks.front().position.page);
    m_cursor = Cursor();
}

qint64 ChunkIndex::memoryBytes() const
{
    return qint64(m_blocks.capacityBytes()) + m_pages.memoryBytes();
}

} // namespace TcpInspector
