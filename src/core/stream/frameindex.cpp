// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/frameindex.h"
#include "stream/varint.h"

#include <algorithm>

namespace TcpInspector {

namespace {
// A flags byte, five zigzag varints of at most 10 bytes, a kind and a status.
constexpr quint32 MaxRecord = 1 + 5 * 10 + 3 + 1;

// Which fields a record carries: those that differ from the frame before.
enum Field : quint8 {
    Gap = 0x01,    ///< bytes between the frame before and this one
    Length = 0x02, ///< as a difference
    Prefix = 0x04, ///< payloadOffset - offset, as a difference
    Suffix = 0x08, ///< bytes after the payload, as a difference
    Header = 0x10, ///< as a difference
    Kind = 0x20,
    Status = 0x40,
};

qint64 prefixOf(const Frame &frame)
{
    return frame.payloadOffset - frame.offset;
}

qint64 suffixOf(const Frame &frame)
{
    return frame.length - prefixOf(frame) - frame.payloadLength;
}

} // namespace

FrameIndex::FrameIndex() : m_pages(MaxRecord) { }
FrameIndex::~FrameIndex() = default;
FrameIndex::FrameIndex(FrameIndex &&other) noexcept = default;
FrameIndex &FrameIndex::operator=(FrameIndex &&other) noexcept = default;

void FrameIndex::append(const Frame &frame)
{
    if (m_size % BlockFrames == 0) {
        m_blocks.push_back({frame, m_pages.next()});
    } else {
        quint8 record[MaxRecord];
        quint8 *out = record + 1;
        quint8 flags = 0;
        if (const qint64 gap = frame.offset - m_last.end()) {
            flags |= Gap;
            out = Varint::putSigned(out, gap);
        }
        if (frame.length != m_last.length) {
            flags |= Length;
            out = Varint::putSigned(out, frame.length - m_last.length);
        }
        if (prefixOf(frame) != prefixOf(m_last)) {
            flags |= Prefix;
            out = Varint::putSigned(out, prefixOf(frame) - prefixOf(m_last));
        }
        if (suffixOf(frame) != suffixOf(m_last)) {
            flags |= Suffix;
            out = Varint::putSigned(out, suffixOf(frame) - suffixOf(m_last));
        }
        if (frame.headerLength != m_last.headerLength) {
            flags |= Header;
            out = Varint::putSigned(out, qint64(frame.headerLength) - m_last.headerLength);
        }
        if (frame.kind != m_last.kind) {
            flags |= Kind;
            out = Varint::putVarint(out, frame.kind);
        }
        if (frame.status != m_last.status) {
            flags |= Status;
            *out++ = quint8(frame.status);
        }
        record[0] = flags;
        m_pages.write(record, int(out - record));
    }
    m_last = frame;
    ++m_size;
}

void FrameIndex::append(const std::vector<Frame> &frames)
{
    for (const Frame &frame : frames)
        append(frame);
}

void FrameIndex::clear()
{
    const QString directory = m_pages.spillDirectory();
    const qint64 budget = m_pages.spillBudget();
    *this = FrameIndex();
    setSpill(directory, budget);
}

void FrameIndex::setSpill(const QString &directory, qint64 budget)
{
    m_pages.setSpill(directory, budget);
}

void FrameIndex::dropBefore(qint64 offset)
{
    // A block's frames all end before the next block's first frame starts;
    // the last block, still being filled, always stays.
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

void FrameIndex::step(Cursor *cursor) const
{
    const quint8 *start = m_pages.read(&cursor->position);
    const quint8 *in = start;
    const quint8 flags = *in++;
    Frame &frame = cursor->frame;
    qint64 gap = 0;
    qint64 prefix = prefixOf(frame);
    qint64 suffix = suffixOf(frame);
    qint64 delta = 0;
    if (flags & Gap)
        in = Varint::getSigned(in, &gap);
    frame.offset = frame.end() + gap;
    if (flags & Length) {
        in = Varint::getSigned(in, &delta);
        frame.length += delta;
    }
    if (flags & Prefix) {
        in = Varint::getSigned(in, &delta);
        prefix += delta;
    }
    if (flags & Suffix) {
        in = Varint::getSigned(in, &delta);
        suffix += delta;
    }
    if (flags & Header) {
        in = Varint::getSigned(in, &delta);
        frame.headerLength = qint32(frame.headerLength + delta);
    }
    if (flags & Kind) {
        quint64 kind = 0;
        in = Varint::getVarint(in, &kind);
        frame.kind = quint16(kind);
    }
    if (flags & Status)
        frame.status = Frame::Status(*in++);
    frame.payloadOffset = frame.offset + prefix;
    frame.payloadLength = frame.length - prefix - suffix;
    cursor->position.offset += quint32(in - start);
    ++cursor->index;
}

FrameIndex::Cursor FrameIndex::seek(qint64 index) const
{
    const qint64 block = index / BlockFrames;
    Cursor cursor = m_cursor;
    if (cursor.index < 0 || cursor.index > index || cursor.index / BlockFrames != block) {
        const Block &start = m_blocks[size_t(block - m_firstBlock)];
        cursor.index = block * BlockFrames;
        cursor.frame = start.first;
        cursor.position = start.position;
    }
    while (cursor.index < index)
        step(&cursor);
    return cursor;
}

Frame FrameIndex::at(qint64 index) const
{
    if (index < firstIndex() || index >= m_size)
        return {};
    m_cursor = seek(index);
    return m_cursor.frame;
}

std::vector<Frame> FrameIndex::range(qint64 from, qint64 count) const
{
    from = std::clamp<qint64>(from, 0, m_size);
    const qint64 end = std::clamp<qint64>(from + count, from, m_size);
    std::vector<Frame> frames;
    frames.reserve(size_t(end - from));
    for (qint64 index = from; index < std::min(end, firstIndex()); ++index)
        frames.emplace_back();
    for (qint64 index = std::max(from, firstIndex()); index < end; ++index) {
        // Within a block the cursor steps one record; at a block's start it
        // takes the stored frame.
        m_cursor = seek(index);
        frames.push_back(m_cursor.frame);
    }
    return frames;
}

template<typename Before>
qint64 FrameIndex::partitionPoint(Before before) const
{
    // The last block whose first frame is still before: the answer lies in
    // it, or is the first frame of the block after it.
    const auto block = std::partition_point(m_blocks.begin(), m_blocks.end(),
                                            [&](const Block &b) { return before(b.first); });
    if (block == m_blocks.begin())
        return firstIndex();
    qint64 index = (m_firstBlock + qint64(block - m_blocks.begin()) - 1) * BlockFrames;
    const qint64 end = std::min(m_size, index + BlockFrames);
    while (index < end && before(at(index)))
        ++index;
    return index;
}

qint64 FrameIndex::firstEndingAfter(qint64 offset) const
{
    return partitionPoint([offset](const Frame &frame) { return frame.end() <= offset; });
}

qint64 FrameIndex::firstStartingAt(qint64 offset) const
{
    return partitionPoint([offset](const Frame &frame) { return frame.offset < offset; });
}

qint64 FrameIndex::memoryBytes() const
{
    return qint64(m_blocks.capacityBytes()) + m_pages.memoryBytes();
}

} // namespace TcpInspector
