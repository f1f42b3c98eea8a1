// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "stream/packedpages.h"
#include "stream/slidingvector.h"

#include <QString>
#include <QtGlobal>

#include <vector>

namespace TcpInspector {

/// The frames of one stream, packed. A Frame is 40 bytes; a stream of small
/// messages holds tens of millions of them, and they were most of what a
/// connection kept. Frames of one framing look alike (the same length, header
/// and terminator, no gap between them), so each is stored as a flags byte
/// saying which fields differ from the frame before, followed by only those
/// fields as varints: one byte for a run of equal lines, two or three for
/// lines of varying length.
///
/// Frames come in blocks of BlockFrames that each start from a frame stored in
/// full, so a lookup decodes at most one block; a cursor remembers where the
/// last lookup ended, so reading rows in order costs one record each.
///
/// Past a memory budget the oldest full pages go to a temporary file and come
/// back one at a time when read. In ring mode dropBefore() lets whole blocks
/// go; indexes stay those of the whole stream.
/// Not thread-safe: the owner locks.
class FrameIndex
{
public:
    static constexpr int BlockFrames = 128;

    FrameIndex();
    ~FrameIndex();
    FrameIndex(FrameIndex &&other) noexcept;
    FrameIndex &operator=(FrameIndex &&other) noexcept;
    FrameIndex(const FrameIndex &) = delete;
    FrameIndex &operator=(const FrameIndex &) = delete;

    /// Frames must come in stream order, as decoders emit them.
    void append(const Frame &frame);
    void append(const std::vector<Frame> &frames);
    void clear();
    /// Pages past budget bytes go to a file in directory (empty: the system's
    /// temporary folder); a negative budget keeps everything in memory.
    void setSpill(const QString &directory, qint64 budget);
    /// Lets go of the whole blocks whose frames all end at or before offset.
    void dropBefore(qint64 offset);

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// The first index still kept: 0 unless dropBefore() let frames go.
    qint64 firstIndex() const { return m_firstBlock * BlockFrames; }
    /// The frame at index, or a default Frame outside [firstIndex(), size()).
    Frame at(qint64 index) const;
    /// Up to count frames from index from, clamped to size(); frames before
    /// firstIndex() come as default Frames.
    std::vector<Frame> range(qint64 from, qint64 count) const;

    /// The first kept frame that ends after offset, or size(). With
    /// firstStartingAt(), the frames touching a byte range, in O(log n)
    /// block headers plus at most a block of records.
    qint64 firstEndingAfter(qint64 offset) const;
    /// The first kept frame that starts at or after offset, or size().
    qint64 firstStartingAt(qint64 offset) const;

    /// Heap bytes held, blocks and pages included.
    qint64 memoryBytes() const;
    /// Bytes of pages written to the spill file and not dropped since.
    qint64 spilledBytes() const { return m_pages.spilledBytes(); }
    /// Why the last spill failed (pages then stay in memory), or empty.
    QString spillError() const { return m_pages.spillError(); }

private:
    struct Block
    {
        Frame first;           ///< stored in full: decoding starts here
        PagePosition position; ///< where the records of the frames after it start
    };
    struct Cursor
    {
        qint64 index = -1; ///< frame last decoded; -1: none
        Frame frame;
        PagePosition position; ///< the next record
    };

    Cursor seek(qint64 index) const;
    void step(Cursor *cursor) const;
    /// The first kept index whose frame is not before(frame); before must be
    /// true for a prefix of the frames and false after it.
    template<typename Before>
    qint64 partitionPoint(Before before) const;

    PackedPages m_pages;
    // A deque: in ring mode the front goes while the back grows.
    SlidingVector<Block> m_blocks;
    qint64 m_firstBlock = 0; ///< stream index of m_blocks.front()
    Frame m_last;            ///< what the next record is relative to
    qint64 m_size = 0;
    mutable Cursor m_cursor;
};

} // namespace TcpInspector
