// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framing/frame.h"

#include <QtGlobal>

#include <memory>
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

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// The frame at index, or a default Frame outside [0, size()).
    Frame at(qint64 index) const;
    /// Up to count frames from index from, clamped to what exists.
    std::vector<Frame> range(qint64 from, qint64 count) const;

    /// Heap bytes held, blocks and pages included.
    qint64 memoryBytes() const;

private:
    struct Block
    {
        Frame first;    ///< stored in full: decoding starts here
        quint32 page;   ///< where the records of the frames after it start
        quint32 offset; ///< within that page
    };
    struct Cursor
    {
        qint64 index = -1; ///< frame last decoded; -1: none
        Frame frame;
        quint32 page = 0;
        quint32 offset = 0; ///< the next record
    };

    void write(const quint8 *record, int size);
    void addPage();
    Cursor seek(qint64 index) const;
    void step(Cursor *cursor) const;

    std::vector<Block> m_blocks;
    std::vector<std::unique_ptr<quint8[]>> m_pages;
    quint32 m_pageUsed = 0; ///< bytes used in the last page
    Frame m_last;           ///< what the next record is relative to
    qint64 m_size = 0;
    mutable Cursor m_cursor;
};

} // namespace TcpInspector
