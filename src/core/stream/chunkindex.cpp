// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/chunkindex.h"
#include "stream/varint.h"

namespace TcpInspector {

namespace {
enum Field : quint8 {
    Gap = 0x01,     ///< bytes between the chunk before and this one (signed)
    Size = 0x02,    ///< differs from the chunk before
    Earlier = 0x04, ///< the clock stepped back: the time difference is negative
};
} // namespace

quint8 *ChunkIndex::Codec::encode(quint8 *out, const ChunkRecord &chunk, const ChunkRecord &before)
{
    // The gap is 0 in a store (chunks follow each other); kept general so
    // the index answers what it was given.
    quint8 *flags = out++;
    *flags = 0;
    if (const qint64 gap = chunk.offset - before.end()) {
        *flags |= Gap;
        out = Varint::putSigned(out, gap);
    }
    if (chunk.size != before.size) {
        *flags |= Size;
        out = Varint::putVarint(out, quint64(chunk.size));
    }
    // Times go forward but for a stepped clock: unsigned saves a bit.
    const qint64 time = chunk.timestampNs - before.timestampNs;
    if (time < 0)
        *flags |= Earlier;
    return Varint::putVarint(out, time < 0 ? 0 - quint64(time) : quint64(time));
}

const quint8 *ChunkIndex::Codec::decode(const quint8 *in, ChunkRecord *chunk)
{
    const quint8 flags = *in++;
    qint64 gap = 0;
    if (flags & Gap)
        in = Varint::getSigned(in, &gap);
    chunk->offset = chunk->end() + gap;
    quint64 value = 0;
    if (flags & Size) {
        in = Varint::getVarint(in, &value);
        chunk->size = qint64(value);
    }
    in = Varint::getVarint(in, &value);
    chunk->timestampNs += (flags & Earlier) ? -qint64(value) : qint64(value);
    return in;
}

void ChunkIndex::setSpill(const QString &directory, qint64 budget)
{
    m_index.setSpill(directory, budget);
}

void ChunkIndex::append(const ChunkRecord &chunk)
{
    m_index.append(chunk);
}

void ChunkIndex::dropBefore(qint64 offset)
{
    m_index.dropBefore(offset);
}

ChunkRecord ChunkIndex::at(qint64 index) const
{
    return m_index.at(index);
}

qint64 ChunkIndex::indexAt(qint64 offset) const
{
    // The last chunk starting at or before offset, if offset is inside it.
    const qint64 index = m_index.partitionPoint([offset](const ChunkRecord &chunk) {
        return chunk.offset <= offset;
    }) - 1;
    if (index < m_index.firstIndex())
        return -1;
    return offset < m_index.at(index).end() ? index : -1;
}

} // namespace TcpInspector
