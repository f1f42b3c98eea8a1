// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"
#include "stream/blockindex.h"

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
/// Blocks, spilling, ring mode and lookups are BlockIndex's: a lookup decodes
/// at most a block of BlockFrames, reading rows in order costs one record
/// each, and past a memory budget the oldest pages, of records and of block
/// headers, go to temporary files and come back one at a time when read.
/// In ring mode dropBefore() lets whole blocks go; indexes stay those of the
/// whole stream.
/// Not thread-safe: the owner locks.
class FrameIndex
{
public:
    static constexpr int BlockFrames = 128;

    /// Frames must come in stream order, as decoders emit them.
    void append(const Frame &frame);
    void append(const std::vector<Frame> &frames);
    void clear();
    /// Pages past budget bytes go to a file in directory (empty: the system's
    /// temporary folder); a negative budget keeps everything in memory.
    void setSpill(const QString &directory, qint64 budget);
    /// Lets go of the whole blocks whose frames all end at or before offset.
    void dropBefore(qint64 offset);

    qint64 size() const { return m_index.size(); }
    bool isEmpty() const { return m_index.size() == 0; }
    /// The first index still kept: 0 unless dropBefore() let frames go.
    qint64 firstIndex() const { return m_index.firstIndex(); }
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
    qint64 memoryBytes() const { return m_index.memoryBytes(); }
    /// Bytes of pages written to the spill files and not dropped since.
    qint64 spilledBytes() const { return m_index.spilledBytes(); }
    /// Why the last spill failed (pages then stay in memory), or empty.
    QString spillError() const { return m_index.spillError(); }

private:
    /// A flags byte saying which fields differ from the frame before, then
    /// those differences as varints.
    struct Codec
    {
        using Record = Frame;
        static constexpr quint32 MaxRecord = 1 + 5 * 10 + 3 + 1;
        static quint8 *encode(quint8 *out, const Frame &frame, const Frame &before);
        static const quint8 *decode(const quint8 *in, Frame *frame);
    };

    BlockIndex<Codec> m_index;
    static_assert(BlockIndex<Codec>::BlockEntries == BlockFrames);
};

} // namespace TcpInspector
