// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/frameindex.h"
#include "text/tr.h"

#include <QDir>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

namespace {
// Pages grow from 256 bytes to 64 KiB: ten thousand connections with a
// few messages each must not cost a large page apiece.
constexpr quint32 FirstPage = 256;
constexpr quint32 LargestPage = 64 * 1024;
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

quint8 *putVarint(quint8 *out, quint64 value)
{
    while (value >= 0x80) {
        *out++ = quint8(value) | 0x80;
        value >>= 7;
    }
    *out++ = quint8(value);
    return out;
}

quint8 *putSigned(quint8 *out, qint64 value)
{
    return putVarint(out, (quint64(value) << 1) ^ quint64(value >> 63));
}

const quint8 *getVarint(const quint8 *in, quint64 *value)
{
    quint64 result = 0;
    int shift = 0;
    quint8 byte = 0;
    do {
        byte = *in++;
        result |= quint64(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    *value = result;
    return in;
}

const quint8 *getSigned(const quint8 *in, qint64 *value)
{
    quint64 raw = 0;
    in = getVarint(in, &raw);
    *value = qint64(raw >> 1) ^ -qint64(raw & 1);
    return in;
}

quint32 pageSize(quint32 page)
{
    return page >= 8 ? LargestPage : FirstPage << page;
}

bool writeAll(int fd, const quint8 *data, qint64 size, qint64 at)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size_t(size), at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
        at += n;
    }
    return true;
}
} // namespace

FrameIndex::FrameIndex() = default;
FrameIndex::~FrameIndex() = default;
FrameIndex::FrameIndex(FrameIndex &&other) noexcept = default;
FrameIndex &FrameIndex::operator=(FrameIndex &&other) noexcept = default;

void FrameIndex::append(const Frame &frame)
{
    if (m_size % BlockFrames == 0) {
        if (m_pageCount == 0 || m_pageUsed + MaxRecord > pageSize(m_pageCount - 1))
            addPage();
        m_blocks.push_back({frame, m_pageCount - 1, m_pageUsed});
    } else {
        quint8 record[MaxRecord];
        quint8 *out = record + 1;
        quint8 flags = 0;
        if (const qint64 gap = frame.offset - m_last.end()) {
            flags |= Gap;
            out = putSigned(out, gap);
        }
        if (frame.length != m_last.length) {
            flags |= Length;
            out = putSigned(out, frame.length - m_last.length);
        }
        if (prefixOf(frame) != prefixOf(m_last)) {
            flags |= Prefix;
            out = putSigned(out, prefixOf(frame) - prefixOf(m_last));
        }
        if (suffixOf(frame) != suffixOf(m_last)) {
            flags |= Suffix;
            out = putSigned(out, suffixOf(frame) - suffixOf(m_last));
        }
        if (frame.headerLength != m_last.headerLength) {
            flags |= Header;
            out = putSigned(out, qint64(frame.headerLength) - m_last.headerLength);
        }
        if (frame.kind != m_last.kind) {
            flags |= Kind;
            out = putVarint(out, frame.kind);
        }
        if (frame.status != m_last.status) {
            flags |= Status;
            *out++ = quint8(frame.status);
        }
        record[0] = flags;
        write(record, int(out - record));
    }
    m_last = frame;
    ++m_size;
}

void FrameIndex::append(const std::vector<Frame> &frames)
{
    for (const Frame &frame : frames)
        append(frame);
}

void FrameIndex::write(const quint8 *record, int size)
{
    if (m_pageUsed + MaxRecord > pageSize(m_pageCount - 1))
        addPage();
    std::memcpy(m_pages.back().data.get() + m_pageUsed, record, size_t(size));
    m_pageUsed += quint32(size);
}

void FrameIndex::addPage()
{
    const quint32 size = pageSize(m_pageCount);
    m_pages.push_back({std::make_unique<quint8[]>(size), -1});
    ++m_pageCount;
    m_pageUsed = 0;
    m_residentPageBytes += size;
    if (m_budget >= 0 && m_residentPageBytes > m_budget)
        spillPages();
}

void FrameIndex::clear()
{
    const QString directory = m_spillDirectory;
    const qint64 budget = m_budget;
    *this = FrameIndex();
    setSpill(directory, budget);
}

void FrameIndex::setSpill(const QString &directory, qint64 budget)
{
    m_spillDirectory = directory;
    m_budget = budget;
}

void FrameIndex::spillPages()
{
    if (!m_spillFile) {
        const QString dir = m_spillDirectory.isEmpty() ? QDir::tempPath() : m_spillDirectory;
        auto file
            = std::make_unique<QTemporaryFile>(dir + QStringLiteral("/tcpinspector-XXXXXX.frames"));
        if (!file->open()) {
            m_spillError = Tr::tr("Cannot create a spill file in %1: %2. "
                                  "Messages stay in memory.")
                               .arg(dir, file->errorString());
            m_budget = -1;
            return;
        }
        m_spillFile = std::move(file);
    }
    // The last page is being written; every other one is full and final.
    while (m_residentPageBytes > m_budget && m_firstResidentPage + 1 < m_pageCount) {
        Page &page = m_pages[m_firstResidentPage - m_firstPage];
        const quint32 size = pageSize(m_firstResidentPage);
        if (!writeAll(int(m_spillFile->handle()), page.data.get(), size, m_spillEnd)) {
            m_spillError
                = Tr::tr("Cannot write the spill file %1: %2. "
                         "Messages stay in memory.")
                      .arg(m_spillFile->fileName(), QString::fromLocal8Bit(std::strerror(errno)));
            m_budget = -1;
            return;
        }
        page.fileOffset = m_spillEnd;
        page.data.reset();
        m_spillEnd += size;
        m_residentPageBytes -= size;
        m_spilledBytes += size;
        ++m_firstResidentPage;
    }
}

const quint8 *FrameIndex::pageData(quint32 page) const
{
    const Page &entry = m_pages[page - m_firstPage];
    if (entry.data)
        return entry.data.get();
    if (m_loaded && m_loadedPage == page)
        return m_loaded.get();
    if (!m_loaded)
        m_loaded = std::make_unique<quint8[]>(LargestPage);
    const quint32 size = pageSize(page);
    const ssize_t n = ::pread(int(m_spillFile->handle()), m_loaded.get(), size, entry.fileOffset);
    // A damaged spill file reads as zeros: frames repeat the block's first
    // shape rather than decoding garbage past the page.
    if (n < qint64(size))
        std::memset(m_loaded.get() + std::max<ssize_t>(n, 0), 0, size - std::max<ssize_t>(n, 0));
    m_loadedPage = page;
    return m_loaded.get();
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
    m_blocks.erase(m_blocks.begin(), m_blocks.begin() + qint64(drop));
    m_firstBlock += qint64(drop);
    const quint32 keep = m_blocks.front().page;
    while (m_firstPage < keep) {
        const Page &page = m_pages.front();
        const quint32 size = pageSize(m_firstPage);
        if (page.data) {
            m_residentPageBytes -= size;
        } else {
            m_spilledBytes -= size;
            ::fallocate(int(m_spillFile->handle()), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                        page.fileOffset, size);
        }
        m_pages.pop_front();
        ++m_firstPage;
    }
    m_firstResidentPage = std::max(m_firstResidentPage, m_firstPage);
    m_cursor = Cursor();
}

void FrameIndex::step(Cursor *cursor) const
{
    // The writer moved on to a fresh page here.
    if (cursor->offset + MaxRecord > pageSize(cursor->page)) {
        ++cursor->page;
        cursor->offset = 0;
    }
    const quint8 *start = pageData(cursor->page) + cursor->offset;
    const quint8 *in = start;
    const quint8 flags = *in++;
    Frame &frame = cursor->frame;
    qint64 gap = 0;
    qint64 prefix = prefixOf(frame);
    qint64 suffix = suffixOf(frame);
    qint64 delta = 0;
    if (flags & Gap)
        in = getSigned(in, &gap);
    frame.offset = frame.end() + gap;
    if (flags & Length) {
        in = getSigned(in, &delta);
        frame.length += delta;
    }
    if (flags & Prefix) {
        in = getSigned(in, &delta);
        prefix += delta;
    }
    if (flags & Suffix) {
        in = getSigned(in, &delta);
        suffix += delta;
    }
    if (flags & Header) {
        in = getSigned(in, &delta);
        frame.headerLength = qint32(frame.headerLength + delta);
    }
    if (flags & Kind) {
        quint64 kind = 0;
        in = getVarint(in, &kind);
        frame.kind = quint16(kind);
    }
    if (flags & Status)
        frame.status = Frame::Status(*in++);
    frame.payloadOffset = frame.offset + prefix;
    frame.payloadLength = frame.length - prefix - suffix;
    cursor->offset += quint32(in - start);
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
        cursor.page = start.page;
        cursor.offset = start.offset;
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

qint64 FrameIndex::memoryBytes() const
{
    return qint64(m_blocks.size() * sizeof(Block)) + qint64(m_pages.size() * sizeof(Page))
           + m_residentPageBytes + (m_loaded ? LargestPage : 0);
}

} // namespace TcpInspector
