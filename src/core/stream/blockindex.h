// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/packedpages.h"
#include "stream/slidingvector.h"

#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>

namespace TcpInspector {

/// The records of a stream in stream order, each packed as its difference
/// from the one before: what ChunkIndex and FrameIndex are made of.
///
/// Blocks of BlockEntries records start from a record stored in full (the
/// block's header), so a lookup decodes at most one block; a cursor remembers
/// where the last lookup ended, so reading in order decodes one record each.
/// Records and headers both go to PackedPages, which spill past the budget:
/// what stays in memory whatever the length of the stream is one summary
/// (the first header) per page of headers, 48 bytes per 43,000 frames or more.
/// A lookup by index finds its header's page among the summaries, a lookup by
/// key binary-searches the summaries and then the headers of one page; either
/// reads back at most that page of headers and the one or two pages its block
/// lies in. In ring mode dropBefore() lets whole blocks go; indexes stay
/// those of the whole stream.
///
/// Codec says how a record is packed:
/// - `Codec::Record`, trivially copyable, whose member `offset` (where the
///   entry starts in the stream) does not decrease from record to record;
/// - `Codec::MaxRecord`, the most bytes a packed record takes;
/// - `quint8 *Codec::encode(quint8 *out, const Record &record, const Record &before)`;
/// - `const quint8 *Codec::decode(const quint8 *in, Record *record)`, which
///   turns the record before into the one packed at in.
/// Move-only. Not thread-safe: the owner locks.
template<typename Codec>
class BlockIndex
{
public:
    using Record = typename Codec::Record;
    static constexpr int BlockEntries = 128;

    BlockIndex() : m_records(Codec::MaxRecord) { }

    /// Records must come in stream order.
    void append(const Record &record);
    /// Pages past budget bytes, records' and headers' together, go to files in
    /// directory (empty: the system's temporary folder); a negative budget
    /// keeps everything in memory.
    void setSpill(const QString &directory, qint64 budget);
    QString spillDirectory() const { return m_records.spillDirectory(); }
    qint64 spillBudget() const { return m_budget; }
    /// Lets go of the whole blocks before the last one that starts at or
    /// before offset: all their records start before it. The block being
    /// filled always stays.
    void dropBefore(qint64 offset);

    qint64 size() const { return m_size; }
    /// The first index still kept: 0 unless dropBefore() let records go.
    qint64 firstIndex() const { return m_firstBlock * BlockEntries; }
    /// The record at index, or a default one outside [firstIndex(), size()).
    Record at(qint64 index) const;
    /// The first kept index whose record is not before(record), or size();
    /// before must hold for a prefix of the records and not after it.
    /// O(log n) headers and at most a block of records.
    template<typename Before>
    qint64 partitionPoint(Before before) const;

    /// Heap bytes held: resident pages, the pages read back, the summaries.
    qint64 memoryBytes() const;
    /// Bytes of pages in the spill files and not dropped since.
    qint64 spilledBytes() const
    {
        return m_records.spilledBytes() + (m_headers ? m_headers->spilledBytes() : 0);
    }
    /// Why the last spill failed (pages then stay in memory), or empty.
    QString spillError() const;

private:
    struct Header
    {
        Record first;          ///< stored in full: decoding starts here
        PagePosition position; ///< where the records after it start
    };
    static_assert(std::is_trivially_copyable_v<Header>, "headers are copied as bytes");
    /// The first header of a page of headers.
    struct Summary
    {
        qint64 block = 0;
        Record first;
    };
    struct Cursor
    {
        qint64 index = -1; ///< record last decoded; -1: none
        Record record;
        PagePosition position; ///< the next packed record
    };
    using SummaryIt = typename SlidingVector<Summary>::const_iterator;
    /// Pages of headers grow to 16 KiB (341 blocks of a Frame, 43,000
    /// records): a lookup that reads one back reads little, and ring mode
    /// holds at most a page of headers it no longer needs.
    static constexpr quint32 HeaderPage = 16 * 1024;
    /// Headers take 0.1 to 0.4 bytes a record, records 1 to 5.
    qint64 headerBudget() const { return m_budget < 0 ? m_budget : m_budget / 4; }

    qint64 lastBlock() const { return (m_size - 1) / BlockEntries; }
    void storeHeader();
    /// The summary of the page of headers holding block's header.
    SummaryIt summaryOf(qint64 block) const;
    const quint8 *headerPage(SummaryIt summary) const;
    static Header headerIn(const quint8 *page, qint64 i);
    Header header(qint64 block) const;
    /// The last kept block whose first record is before, or m_firstBlock - 1.
    template<typename Before>
    qint64 lastBlockBefore(Before before) const;
    void seek(qint64 index) const;

    PackedPages m_records;
    /// Of every block but the last; made at the second block: ten thousand
    /// connections of one message each need none (176 bytes an index).
    std::unique_ptr<PackedPages> m_headers;
    SlidingVector<Summary> m_summaries; ///< one per kept page of m_headers
    Header m_lastHeader;                ///< of the block being filled
    qint64 m_budget = -1;
    qint64 m_firstBlock = 0; ///< blocks before it were dropped
    Record m_last;           ///< what the next record is relative to
    qint64 m_size = 0;
    mutable Cursor m_cursor;
};

template<typename Codec>
void BlockIndex<Codec>::append(const Record &record)
{
    if (m_size % BlockEntries == 0) {
        if (m_size > 0)
            storeHeader();
        m_lastHeader = {record, m_records.next()};
    } else {
        quint8 packed[Codec::MaxRecord];
        m_records.write(packed, int(Codec::encode(packed, record, m_last) - packed));
    }
    m_last = record;
    ++m_size;
}

template<typename Codec>
void BlockIndex<Codec>::storeHeader()
{
    // Headers all have the same size, so a page's first block and a block's
    // place in its page say where its header lies.
    if (!m_headers) {
        m_headers = std::make_unique<PackedPages>(quint32(sizeof(Header)), HeaderPage);
        m_headers->setSpill(m_records.spillDirectory(), headerBudget());
    }
    if (m_headers->next().offset == 0)
        m_summaries.push_back({lastBlock(), m_lastHeader.first});
    m_headers->write(reinterpret_cast<const quint8 *>(&m_lastHeader), int(sizeof(Header)));
}

template<typename Codec>
void BlockIndex<Codec>::setSpill(const QString &directory, qint64 budget)
{
    m_budget = budget;
    const qint64 headers = headerBudget();
    m_records.setSpill(directory, budget < 0 ? budget : budget - headers);
    if (m_headers)
        m_headers->setSpill(directory, headers);
}

template<typename Codec>
QString BlockIndex<Codec>::spillError() const
{
    const QString error = m_records.spillError();
    return error.isEmpty() && m_headers ? m_headers->spillError() : error;
}

template<typename Codec>
qint64 BlockIndex<Codec>::memoryBytes() const
{
    return m_records.memoryBytes() + (m_headers ? m_headers->memoryBytes() : 0)
           + qint64(m_summaries.capacityBytes());
}

template<typename Codec>
typename BlockIndex<Codec>::SummaryIt BlockIndex<Codec>::summaryOf(qint64 block) const
{
    return std::upper_bound(m_summaries.begin(), m_summaries.end(), block,
                            [](qint64 value, const Summary &s) { return value < s.block; })
           - 1;
}

template<typename Codec>
const quint8 *BlockIndex<Codec>::headerPage(SummaryIt summary) const
{
    return m_headers->pageData(m_headers->firstPage() + quint32(summary - m_summaries.begin()));
}

template<typename Codec>
typename BlockIndex<Codec>::Header BlockIndex<Codec>::headerIn(const quint8 *page, qint64 i)
{
    Header header;
    std::memcpy(&header, page + size_t(i) * sizeof(Header), sizeof(Header));
    return header;
}

template<typename Codec>
typename BlockIndex<Codec>::Header BlockIndex<Codec>::header(qint64 block) const
{
    if (block == lastBlock())
        return m_lastHeader;
    const auto summary = summaryOf(block);
    return headerIn(headerPage(summary), block - summary->block);
}

template<typename Codec>
void BlockIndex<Codec>::seek(qint64 index) const
{
    const qint64 block = index / BlockEntries;
    Cursor &cursor = m_cursor;
    if (cursor.index < 0 || cursor.index > index || cursor.index / BlockEntries != block) {
        const Header start = header(block);
        cursor.index = block * BlockEntries;
        cursor.record = start.first;
        cursor.position = start.position;
    }
    while (cursor.index < index) {
        const quint8 *packed = m_records.read(&cursor.position);
        cursor.position.offset += quint32(Codec::decode(packed, &cursor.record) - packed);
        ++cursor.index;
    }
}

template<typename Codec>
typename BlockIndex<Codec>::Record BlockIndex<Codec>::at(qint64 index) const
{
    if (index < firstIndex() || index >= m_size)
        return {};
    seek(index);
    return m_cursor.record;
}

template<typename Codec>
template<typename Before>
qint64 BlockIndex<Codec>::lastBlockBefore(Before before) const
{
    if (m_size == 0)
        return m_firstBlock - 1;
    const qint64 last = lastBlock();
    if (before(m_lastHeader.first))
        return last;
    // The last page of headers whose first is before holds the answer, or
    // the answer is the last block of the page before the one that is not.
    const auto next = std::partition_point(m_summaries.begin(), m_summaries.end(),
                                           [&](const Summary &s) { return before(s.first); });
    if (next == m_summaries.begin())
        return m_firstBlock - 1;
    const auto summary = next - 1;
    const qint64 end = next == m_summaries.end() ? last : next->block;
    const quint8 *page = headerPage(summary);
    // The first block of [from, end) that is not before; the one ahead of it.
    qint64 from = std::max(summary->block, m_firstBlock);
    qint64 count = std::max<qint64>(end - from, 0);
    while (count > 0) {
        const qint64 half = count / 2;
        if (before(headerIn(page, from + half - summary->block).first)) {
            from += half + 1;
            count -= half + 1;
        } else {
            count = half;
        }
    }
    return from - 1;
}

template<typename Codec>
template<typename Before>
qint64 BlockIndex<Codec>::partitionPoint(Before before) const
{
    const qint64 block = lastBlockBefore(before);
    if (block < m_firstBlock)
        return firstIndex();
    // The answer lies in the block, or is the first record of the next one.
    qint64 index = block * BlockEntries;
    const qint64 end = std::min(m_size, index + BlockEntries);
    while (index < end && before(at(index)))
        ++index;
    return index;
}

template<typename Codec>
void BlockIndex<Codec>::dropBefore(qint64 offset)
{
    // Every record of a block starts before the next block's first one.
    const qint64 first
        = lastBlockBefore([offset](const Record &record) { return record.offset <= offset; });
    if (first <= m_firstBlock)
        return;
    m_records.dropBefore(header(first).position.page);
    // Blocks before the last one exist, so their headers do.
    const quint32 headerPages = m_headers->firstPage();
    // The page being written stays whatever page is asked for.
    m_headers->dropBefore(first == lastBlock()
                              ? std::numeric_limits<quint32>::max()
                              : m_headers->firstPage()
                                    + quint32(summaryOf(first) - m_summaries.begin()));
    m_summaries.pop_front(m_headers->firstPage() - headerPages);
    m_firstBlock = first;
    m_cursor = Cursor();
}

} // namespace TcpInspector
