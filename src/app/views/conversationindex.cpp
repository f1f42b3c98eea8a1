// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/conversationindex.h"

#include "views/textlineindex.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace TcpInspector {

namespace {
// Reads of the stream for the line indexes; small enough to stop on time.
constexpr qint64 readSize = qint64(256) * 1024;

Direction directionOf(int slot)
{
    return slot == 0 ? Direction::Rx : Direction::Tx;
}

qint64 hexRowsOf(qint64 size)
{
    using Index = ConversationIndex;
    return std::max<qint64>(1, (size + Index::hexRowBytes - 1) / Index::hexRowBytes);
}
} // namespace

ConversationIndex::ConversationIndex()
{
    for (auto &lines : m_lines)
        lines = std::make_unique<TextLineIndex>(m_wrap);
}

ConversationIndex::~ConversationIndex() = default;

void ConversationIndex::reset(const StreamStore *rx, const StreamStore *tx)
{
    m_stores = {rx, tx};
    m_entries.clear();
    m_first = 0;
    m_hexEnd = 0;
    m_textLaid = 0;
    m_textEnd = 0;
    m_merged = {0, 0};
    m_frontChunk = {0, 0};
    for (auto &lines : m_lines)
        lines->reset(m_wrap);
    m_lineBase = {0, 0};
}

void ConversationIndex::setWrapWidth(int bytes)
{
    m_wrap = std::clamp(bytes, 1, TextLineIndex::maxWrapWidth);
    for (auto &lines : m_lines)
        lines->reset(m_wrap);
    m_lineBase = {0, 0};
    m_textLaid = 0;
    m_textEnd = 0;
}

ChunkRecord ConversationIndex::record(int direction, qint64 chunk) const
{
    const StreamStore *s = store(direction);
    return s ? s->chunk(chunk) : ChunkRecord();
}

bool ConversationIndex::caughtUp() const
{
    for (int d = 0; d < 2; ++d) {
        if (store(d) && m_merged[size_t(d)] < store(d)->chunkCount())
            return false;
    }
    return true;
}

ConversationIndex::Changes ConversationIndex::update(qint64 maxChunks, int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    Changes changes;
    dropEvicted(&changes);
    std::array<qint64, 2> count {0, 0};
    for (int d = 0; d < 2; ++d) {
        if (!store(d))
            continue;
        count[size_t(d)] = store(d)->chunkCount();
        // Chunks let go before they were merged are not merged at all.
        m_merged[size_t(d)] = std::max(m_merged[size_t(d)], store(d)->firstChunk());
        if (m_frontChunk[size_t(d)] < store(d)->firstChunk()) // none of d is left
            m_frontChunk[size_t(d)] = m_merged[size_t(d)];
    }
    // The two counts are read one after the other: a chunk of one direction
    // may come to light after a later one of the other was merged.
    for (int d = 0; d < 2; ++d) {
        if (m_merged[size_t(d)] < count[size_t(d)]) {
            const ChunkRecord next = record(d, m_merged[size_t(d)]);
            changes.rewound += rewindAfter(1 - d, next.timestampNs);
        }
    }
    std::array<ChunkRecord, 2> next;
    std::array<bool, 2> have {false, false};
    auto refill = [&](int d) {
        have[size_t(d)] = m_merged[size_t(d)] < count[size_t(d)];
        if (have[size_t(d)])
            next[size_t(d)] = record(d, m_merged[size_t(d)]);
    };
    refill(0);
    refill(1);
    for (qint64 budget = maxChunks; budget > 0 && (have[0] || have[1]); --budget) {
        // A look at the clock every 1024 chunks: a chunk takes well under a microsecond.
        if (milliseconds >= 0 && changes.appended % 1024 == 1023 && timer.hasExpired(milliseconds))
            break;
        // Ties go to rx: what was read is shown before what was written at
        // the same time, as a session file replays them.
        const int d = !have[1] || (have[0] && next[0].timestampNs <= next[1].timestampNs) ? 0 : 1;
        append(d, m_merged[size_t(d)], next[size_t(d)]);
        ++changes.appended;
        refill(d);
    }
    // Chunks merged now may be older than what ring mode kept of the other
    // direction (a connection shown after it let bytes go).
    dropEvicted(&changes);
    return changes;
}

qint64 ConversationIndex::rewindAfter(int direction, qint64 timeNs)
{
    // The late chunk is of the other direction; it goes before every tail
    // entry of this direction that is later, or as late and tx before rx.
    qint64 rewound = 0;
    while (!m_entries.empty()) {
        const Slot &back = m_entries.back();
        if (int(back.key & 1) != direction)
            break;
        const qint64 t = record(back).timestampNs;
        if (t < timeNs || (t == timeNs && direction == 0))
            break;
        m_hexEnd = back.hexRow;
        if (m_textLaid == qint64(m_entries.size())) {
            m_textEnd = back.textRow;
            --m_textLaid;
        }
        --m_merged[size_t(direction)];
        m_entries.pop_back();
        ++rewound;
    }
    return rewound;
}

void ConversationIndex::dropEvicted(Changes *changes)
{
    if (m_entries.empty())
        return;
    using Key = std::tuple<qint64, int, qint64>; // the merge's order: time, direction, chunk
    std::array<qint64, 2> firstChunk {0, 0};
    std::optional<Key> cut;
    for (int d = 0; d < 2; ++d) {
        if (!store(d))
            continue;
        firstChunk[size_t(d)] = store(d)->firstChunk();
        // The first chunk a direction kept after letting some go: what is
        // shown starts there, for both directions.
        if (firstChunk[size_t(d)] > 0 && firstChunk[size_t(d)] < store(d)->chunkCount()) {
            const Key key {record(d, firstChunk[size_t(d)]).timestampNs, d, firstChunk[size_t(d)]};
            cut = cut ? std::max(*cut, key) : key;
        }
    }
    auto behind = [&](const Slot &slot) {
        const int d = int(slot.key & 1);
        if ((slot.key >> 1) < firstChunk[size_t(d)])
            return true;
        return cut && Key {record(slot).timestampNs, d, slot.key >> 1} < *cut;
    };
    const qint64 hexBefore = m_entries.front().hexRow;
    const qint64 textBefore = textBase();
    qint64 dropped = 0;
    while (!m_entries.empty() && behind(m_entries.front())) {
        ++m_frontChunk[size_t(m_entries.front().key & 1)];
        m_entries.pop_front();
        ++dropped;
    }
    if (dropped == 0)
        return;
    m_first += dropped;
    m_textLaid = std::max<qint64>(0, m_textLaid - dropped);
    changes->droppedRows[0]
        += (m_entries.empty() ? m_hexEnd : m_entries.front().hexRow) - hexBefore;
    changes->droppedRows[1] += textBase() - textBefore;
}

void ConversationIndex::append(int direction, qint64 chunk, const ChunkRecord &record)
{
    Slot slot;
    slot.key = chunk << 1 | direction;
    slot.hexRow = m_hexEnd;
    slot.textRow = m_textEnd;
    m_entries.push_back(slot);
    m_hexEnd += hexRowsOf(record.size);
    m_merged[size_t(direction)] = chunk + 1;
}

qint64 ConversationIndex::textBase() const
{
    return m_textLaid > 0 ? m_entries.front().textRow : m_textEnd;
}

bool ConversationIndex::indexLines(int direction, const ChunkRecord &record,
                                   const QElapsedTimer &timer, qint64 deadlineMs)
{
    TextLineIndex &lines = *m_lines[size_t(direction)];
    qint64 &base = m_lineBase[size_t(direction)];
    // A gap before the chunk: its bytes were let go (ring mode) before they
    // were laid out, and with them every entry laid out before.
    if (base + lines.indexedBytes() < record.offset) {
        lines.clear();
        base = record.offset;
    }
    m_buffer.resize(size_t(readSize));
    while (base + lines.indexedBytes() < record.end()) {
        if (deadlineMs >= 0 && timer.hasExpired(deadlineMs))
            return false;
        const qint64 from = base + lines.indexedBytes();
        const qint64 got = store(direction)->read(from, m_buffer.data(),
                                                  std::min(readSize, record.end() - from));
        if (got <= 0)
            break; // gone meanwhile: the chunk counts one row
        lines.append(m_buffer.data(), got);
    }
    return true;
}

qint64 ConversationIndex::textRows(int direction, const ChunkRecord &record) const
{
    const TextLineIndex &lines = *m_lines[size_t(direction)];
    const qint64 base = m_lineBase[size_t(direction)];
    const qint64 first = lines.lineOf(record.offset - base);
    const qint64 last = lines.lineOf(record.end() - 1 - base);
    return first < 0 || last < first ? 1 : last - first + 1;
}

bool ConversationIndex::layOutText(int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    bool laid = false;
    while (m_textLaid < qint64(m_entries.size())) {
        Slot &slot = m_entries[size_t(m_textLaid)];
        const int d = int(slot.key & 1);
        const ChunkRecord chunk = record(slot);
        if (chunk.size > 0 && !indexLines(d, chunk, timer, milliseconds))
            break;
        slot.textRow = m_textEnd;
        m_textEnd += chunk.size > 0 ? textRows(d, chunk) : 1;
        ++m_textLaid;
        laid = true;
        if (milliseconds >= 0 && timer.hasExpired(milliseconds))
            break;
    }
    return laid;
}

void ConversationIndex::layOutTextTo(qint64 entry)
{
    while (m_textLaid < std::min(entry + 1 - m_first, qint64(m_entries.size()))) {
        if (!layOutText(-1))
            break;
    }
}

ConversationIndex::Entry ConversationIndex::at(qint64 entry) const
{
    if (entry < m_first || entry >= endEntry())
        return {};
    const Slot &slot = m_entries[size_t(entry - m_first)];
    return {directionOf(int(slot.key & 1)), slot.key >> 1};
}

ChunkRecord ConversationIndex::chunk(const Entry &entry) const
{
    return record(slot(entry.direction), entry.chunk);
}

qint64 ConversationIndex::entryOf(Direction direction, qint64 chunk) const
{
    const int d = slot(direction);
    if (chunk < 0 || chunk >= m_merged[size_t(d)] || m_entries.empty())
        return -1;
    // Entries are in (time, direction, chunk) order: the merge's own order.
    const qint64 time = record(d, chunk).timestampNs;
    const auto key = std::make_tuple(time, d, chunk);
    const auto found = std::lower_bound(
        m_entries.begin(), m_entries.end(), key, [this](const Slot &slot, const auto &wanted) {
            return std::make_tuple(record(slot).timestampNs, int(slot.key & 1), slot.key >> 1)
                   < wanted;
        });
    if (found == m_entries.end() || found->key != (chunk << 1 | d))
        return -1;
    return m_first + qint64(found - m_entries.begin());
}

qint64 ConversationIndex::laidOutEnd(Mode mode) const
{
    return m_first + (mode == Mode::Hex ? qint64(m_entries.size()) : m_textLaid);
}

qint64 ConversationIndex::rowCount(Mode mode) const
{
    if (mode == Mode::Hex)
        return m_entries.empty() ? 0 : m_hexEnd - m_entries.front().hexRow;
    return m_textEnd - textBase();
}

qint64 ConversationIndex::firstRow(Mode mode, qint64 entry) const
{
    if (entry < m_first || entry >= laidOutEnd(mode))
        return -1;
    const Slot &slot = m_entries[size_t(entry - m_first)];
    return mode == Mode::Hex ? slot.hexRow - m_entries.front().hexRow : slot.textRow - textBase();
}

ConversationIndex::Row ConversationIndex::rowAt(Mode mode, qint64 row) const
{
    Row result;
    if (row < 0 || row >= rowCount(mode))
        return result;
    const bool hex = mode == Mode::Hex;
    const auto end = m_entries.begin() + (hex ? qint64(m_entries.size()) : m_textLaid);
    const qint64 absolute = row + (hex ? m_entries.front().hexRow : textBase());
    const auto after
        = std::upper_bound(m_entries.begin(), end, absolute, [hex](qint64 value, const Slot &slot) {
              return value < (hex ? slot.hexRow : slot.textRow);
          });
    const auto found = after - 1;
    const int d = int(found->key & 1);
    const ChunkRecord chunk = record(*found);
    result.entry = m_first + qint64(found - m_entries.begin());
    result.rowInEntry = absolute - (hex ? found->hexRow : found->textRow);
    result.direction = directionOf(d);
    result.chunk = found->key >> 1;
    if (hex) {
        result.from = std::min(chunk.end(), chunk.offset + result.rowInEntry * hexRowBytes);
        result.to = std::min(chunk.end(), result.from + hexRowBytes);
        return result;
    }
    const TextLineIndex &lines = *m_lines[size_t(d)];
    const qint64 base = m_lineBase[size_t(d)];
    const qint64 first = lines.lineOf(chunk.offset - base);
    const qint64 line = first + result.rowInEntry;
    if (first < 0 || line >= lines.lineCount()) {
        result.from = result.to = chunk.offset;
        return result;
    }
    result.from = std::max(chunk.offset, base + lines.lineStart(line));
    result.to = std::min(chunk.end(), base + lines.lineEnd(line));
    return result;
}

std::vector<ConversationIndex::Turn> ConversationIndex::turns(qint64 maxTurns) const
{
    std::vector<Turn> result;
    for (const Slot &slot : m_entries) {
        const Direction direction = directionOf(int(slot.key & 1));
        if (result.empty() || result.back().direction != direction) {
            if (qint64(result.size()) == maxTurns)
                break;
            result.push_back({direction, 0, 0});
        }
        ++result.back().chunks;
        result.back().bytes += record(slot).size;
    }
    return result;
}

qint64 ConversationIndex::hiddenBytes(Direction direction) const
{
    const int d = slot(direction);
    const StreamStore *s = store(d);
    if (!s)
        return 0;
    if (m_frontChunk[size_t(d)] < m_merged[size_t(d)])
        return record(d, m_frontChunk[size_t(d)]).offset;
    // None of this direction is listed: all it merged is gone from view.
    return m_merged[size_t(d)] > 0 ? record(d, m_merged[size_t(d)] - 1).end() : 0;
}

qint64 ConversationIndex::droppedBytes(Direction direction) const
{
    const StreamStore *s = store(slot(direction));
    return s ? s->droppedBytes() : 0;
}

} // namespace TcpInspector
