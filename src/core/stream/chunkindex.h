// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/packedpages.h"
#include "stream/slidingvector.h"

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
/// Blocks of BlockChunks start from a chunk stored in full, so a lookup
/// decodes at most one block, and a lookup by offset is a binary search over
/// the blocks; a cursor makes reading in order one record per chunk. Pages
/// spill past a budget and whole blocks go in ring mode (PackedPages).
/// Not thread-safe: the owner locks.
class ChunkIndex
{
public:
    static constexpr int BlockChunks = 128;

    ChunkIndex();
    ~ChunkIndex();
    ChunkIndex(ChunkIndex &&other) noexcept;
    ChunkIndex &operator=(ChunkIndex &&other) noexcept;
    ChunkIndex(const ChunkIndex &) = delete;
    ChunkIndex &operator=(const ChunkIndex &) = delete;

    /// Chunks must come in stream order.
    void append(const ChunkRecord &chunk);
    /// As PackedPages::setSpill().
    void setSpill(const QString &directory, qint64 budget);
    /// Lets go of the whole blocks whose chunks all start before offset.
    void dropBefore(qint64 offset);

    qint64 size() const { return m_size; }
    /// The first index still kept: 0 unless dropBefore() let chunks go.
    qint64 firstIndex() const { return m_firstBlock * BlockChunks; }
    /// The chunk at index, or a default one outside [firstIndex(), size()).
    ChunkRecord at(qint64 index) const;
    /// The kept chunk holding offset, or -1.
    qint64 indexAt(qint64 offset) const;

    qint64 memoryBytes() const;
    qint64 spilledBytes() const { return m_pages.spilledBytes(); }
    QString spillError() const { return m_pages.spillError(); }

private:
    struct Block
    {
        ChunkRecord first;     ///< stored in full: decoding starts here
        PagePosition position; ///< where the records of the chunks after it start
    };
    struct Cursor
    {
        qint64 index = -1; ///< chunk last decoded; -1: none
        ChunkRecord chunk;
        PagePosition position; ///< the next record
    };

    Cursor seek(qint64 index) const;
    void step(Cursor *cursor) const;

    PackedPages m_pages;
    SlidingVector<Block> m_blocks;
    qint64 m_firstBlock = 0; ///< stream index of m_blocks.front()
    ChunkRecord m_last;      ///< what the next record is relative to
    qint64 m_size = 0;
    mutable Cursor m_cursor;
};

} // namespace TcpInspector
