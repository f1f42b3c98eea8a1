// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/frameindex.h"
#include "stream/varint.h"

#include <algorithm>

namespace TcpInspector {

namespace {
// Which fields a record carries: those that differ from the frame before.
// (MaxRecord: a flags byte, five zigzag varints of at most 10 bytes, a kind
// and a status.)
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

quint8 *FrameIndex::Codec::encode(quint8 *out, const Frame &frame, const Frame &before)
{
    quint8 *flags = out++;
    *flags = 0;
    if (const qint64 gap = frame.offset - before.end()) {
        *flags |= Gap;
        out = Varint::putSigned(out, gap);
    }
    if (frame.length != before.length) {
        *flags |= Length;
        out = Varint::putSigned(out, frame.length - before.length);
    }
    if (prefixOf(frame) != prefixOf(before)) {
        *flags |= Prefix;
        out = Varint::putSigned(out, prefixOf(frame) - prefixOf(before));
    }
    if (suffixOf(frame) != suffixOf(before)) {
        *flags |= Suffix;
        out = Varint::putSigned(out, suffixOf(frame) - suffixOf(before));
    }
    if (frame.headerLength != before.headerLength) {
        *flags |= Header;
        out = Varint::putSigned(out, qint64(frame.headerLength) - before.headerLength);
    }
    if (frame.kind != before.kind) {
        *flags |= Kind;
        out = Varint::putVarint(out, frame.kind);
    }
    if (frame.status != before.status) {
        *flags |= Status;
        *out++ = quint8(frame.status);
    }
    return out;
}

const quint8 *FrameIndex::Codec::decode(const quint8 *in, Frame *frame)
{
    const quint8 flags = *in++;
    qint64 gap = 0;
    qint64 prefix = prefixOf(*frame);
    qint64 suffix = suffixOf(*frame);
    qint64 delta = 0;
    if (flags & Gap)
        in = Varint::getSigned(in, &gap);
    frame->offset = frame->end() + gap;
    if (flags & Length) {
        in = Varint::getSigned(in, &delta);
        frame->length += delta;
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
        frame->headerLength = qint32(frame->headerLength + delta);
    }
    if (flags & Kind) {
        quint64 kind = 0;
        in = Varint::getVarint(in, &kind);
        frame->kind = quint16(kind);
    }
    if (flags & Status)
        frame->status = Frame::Status(*in++);
    frame->payloadOffset = frame->offset + prefix;
    frame->payloadLength = frame->length - prefix - suffix;
    return in;
}

void FrameIndex::append(const Frame &frame)
{
    m_index.append(frame);
}

void FrameIndex::append(const std::vector<Frame> &frames)
{
    for (const Frame &frame : frames)
        m_index.append(frame);
}

void FrameIndex::clear()
{
    const QString directory = m_index.spillDirectory();
    const qint64 budget = m_index.spillBudget();
    m_index = BlockIndex<Codec>();
    m_index.setSpill(directory, budget);
}

void FrameIndex::setSpill(const QString &directory, qint64 budget)
{
    m_index.setSpill(directory, budget);
}

void FrameIndex::dropBefore(qint64 offset)
{
    // A block's frames all end before the next block's first frame starts.
    m_index.dropBefore(offset);
}

Frame FrameIndex::at(qint64 index) const
{
    return m_index.at(index);
}

std::vector<Frame> FrameIndex::range(qint64 from, qint64 count) const
{
    const qint64 size = m_index.size();
    from = std::clamp<qint64>(from, 0, size);
    const qint64 end = std::clamp<qint64>(from + count, from, size);
    std::vector<Frame> frames;
    frames.reserve(size_t(end - from));
    // Frames dropped in ring mode come as default ones; the cursor makes the
    // rest one record each.
    for (qint64 index = from; index < end; ++index)
        frames.push_back(m_index.at(index));
    return frames;
}

qint64 FrameIndex::firstEndingAfter(qint64 offset) const
{
    return m_index.partitionPoint([offset](const Frame &frame) { return frame.end() <= offset; });
}

qint64 FrameIndex::firstStartingAt(qint64 offset) const
{
    return m_index.partitionPoint([offset](const Frame &frame) { return frame.offset < offset; });
}

} // namespace TcpInspector
