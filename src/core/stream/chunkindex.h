// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/blockindex.h"

#include <QString>
#include <QtGlobal>

namespace TcpInspector {

/// One read (or one write, for the tx direction): where its bytes lie in the
/// stream and when it happened.
struct ChunkRecord
{
    qint64 offset = 0;
    qint64 size = 0;
    qint64 timestampNs = 0;
    qint64 end() const { return offset + size; }
    friend bool operator==(const ChunkRecord &a, const ChunkRecord &b)
    {
        return a.offset == b.offset && a.size == b.size && a.timestampNs == b.timestampNs;
    }
};

/// The chunks of one stream, packed. A chatty peer makes one chunk per
/// message, and at 24 bytes each the chunk list outgrew the frame index.
/// Chunks follow each other without gaps, so each is stored as a flags byte,
/// its size when it differs from the one before, and the time since the one
/// before, as varints: four to six bytes.
///
/// Blocks, spilling, ring mode and lookups are BlockIndex's: a lookup decodes
/// at most a block of BlockChunks, a lookup by offset is a binary search over
/// the blocks, and reading in order costs one record per chunk.
/// Not thread-safe: the owner locks.
class ChunkIndex
{
public:
    static constexpr int BlockChunks = 128;

    /// Chunks must come in stream order.
    void append(const ChunkRecord &chunk);
    /// As BlockIndex::setSpill().
    void setSpill(const QString &directory, qint64 budget);
    /// Lets go of the whole blocks whose chunks all start before offset.
    void dropBefore(qint64 offset);

    qint64 size() const { return m_index.size(); }
    /// The first index still kept: 0 unless dropBefore() let chunks go.
    qint64 firstIndex() const { return m_index.firstIndex(); }
    /// The chunk at index, or a default one outside [firstIndex(), size()).
    ChunkRecord at(qint64 index) const;
    /// The kept chunk holding offset, or -1.
    qint64 indexAt(qint64 offset) const;

    qint64 memoryBytes() const { return m_index.memoryBytes(); }
    qint64 spilledBytes() const { return m_index.spilledBytes(); }
    QString spillError() const { return m_index.spillError(); }

private:
    /// A flags byte, then what differs from the chunk before, as varints.
    struct Codec
    {
        using Record = ChunkRecord;
        static constexpr quint32 MaxRecord = 1 + 3 * 10;
        static quint8 *encode(quint8 *out, const ChunkRecord &chunk, const ChunkRecord &before);
        static const quint8 *decode(const quint8 *in, ChunkRecord *chunk);
    };

    BlockIndex<Codec> m_index;
    static_assert(BlockIndex<Codec>::BlockEntries == BlockChunks);
};

} // namespace TcpInspector
