// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/streamstore.h"
#include "timeline/timeline.h"

#include <QElapsedTimer>
#include <QtGlobal>

#include <array>
#include <deque>
#include <limits>
#include <memory>
#include <vector>

namespace TcpInspector {

class TextLineIndex;

/// Both directions of a connection as one sequence of chunks in time order
/// (ties: rx first, as a session file replays them), laid out in rows for a
/// conversation view: a hex dump of 16 bytes a row, or text lines that end
/// after a '\n' or the wrap width. Every chunk starts a row of its own.
///
/// It pulls: update() takes in what the two stores published since the last
/// call, a bounded number of chunks per call. A chunk published late with an
/// earlier time than the tail (the two counts are read one after the other)
/// moves the tail back and merges it again. In ring mode the chunks the store
/// let go leave the front, with the other direction's up to the first chunk
/// kept, so what is listed starts where both directions are whole. Text rows need the bytes read;
/// layOutText() reads them for a bounded time per call, so only the chunks laid out so far have
/// text rows. No widget: the view paints what rowAt() says.
class ConversationIndex
{
public:
    enum class Mode { Hex, Text };
    static constexpr int hexRowBytes = 16;

    /// One chunk of the conversation.
    struct Entry
    {
        Direction direction = Direction::Rx;
        qint64 chunk = 0;
    };
    /// One row: which chunk, which of its rows, and its bytes [from, to) in
    /// the chunk's direction.
    struct Row
    {
        qint64 entry = -1; ///< absolute, as at()
        qint64 rowInEntry = 0;
        Direction direction = Direction::Rx;
        qint64 chunk = 0;
        qint64 from = 0;
        qint64 to = 0;
    };
    /// A run of consecutive chunks in one direction.
    struct Turn
    {
        Direction direction = Direction::Rx;
        qint64 chunks = 0;
        qint64 bytes = 0;
    };

    ConversationIndex();
    ~ConversationIndex();

    /// Forgets everything; the chunks now come from these (nullptr: none).
    void reset(const StreamStore *rx, const StreamStore *tx);
    /// Text rows end after wrapWidth bytes at the most; forgets the text rows.
    void setWrapWidth(int bytes);
    int wrapWidth() const { return m_wrap; }

    /// What one update() changed.
    struct Changes
    {
        qint64 appended = 0;            ///< entries added at the end
        qint64 rewound = 0;             ///< entries taken back from the end first
        qint64 droppedRows[2] = {0, 0}; ///< rows (hex, text) that left the front
        bool any() const { return appended || rewound || droppedRows[0] || droppedRows[1]; }
    };
    /// Takes in chunks published since the last call: up to maxChunks, and
    /// for about milliseconds at most (-1: no limit).
    Changes update(qint64 maxChunks = std::numeric_limits<qint64>::max(), int milliseconds = -1);
    /// Lays out text rows for at most milliseconds; whether it laid out any.
    bool layOutText(int milliseconds);
    /// Text rows as far as the entry (absolute), however long it takes.
    void layOutTextTo(qint64 entry);
    /// All published chunks merged (none left for update()).
    bool caughtUp() const;

    /// Entries [firstEntry(), endEntry()).
    qint64 firstEntry() const { return m_first; }
    qint64 endEntry() const { return m_first + qint64(m_entries.size()); }
    Entry at(qint64 entry) const;
    /// The entry of a chunk, or -1 when it is not (or no longer) merged.
    qint64 entryOf(Direction direction, qint64 chunk) const;
    ChunkRecord chunk(const Entry &entry) const;

    /// Rows laid out in a mode, counted from the front entry.
    qint64 rowCount(Mode mode) const;
    /// The entries with rows in a mode: all in hex, those laid out in text.
    qint64 laidOutEnd(Mode mode) const;
    /// The entry's first row in a mode, counted as rowCount().
    qint64 firstRow(Mode mode, qint64 entry) const;
    /// Row row (counted as rowCount()), or an invalid Row (entry -1).
    Row rowAt(Mode mode, qint64 row) const;
    /// Turns from the front entry on, at most maxTurns.
    std::vector<Turn> turns(qint64 maxTurns = 1 << 20) const;

    /// Bytes of a direction before the first chunk listed: let go by the
    /// store (ring mode), or kept but older than what the other direction let go.
    qint64 hiddenBytes(Direction direction) const;
    /// Bytes the store never kept (a cap, no memory).
    qint64 droppedBytes(Direction direction) const;

private:
    struct Slot
    {
        qint64 key = 0;     ///< chunk << 1 | direction
        qint64 hexRow = 0;  ///< absolute first row
        qint64 textRow = 0; ///< absolute first row, once laid out
    };
    static int slot(Direction direction) { return direction == Direction::Rx ? 0 : 1; }
    const StreamStore *store(int direction) const { return m_stores[size_t(direction)]; }
    /// Takes back the tail entries of direction that come after a chunk of
    /// the other direction at timeNs.
    qint64 rewindAfter(int direction, qint64 timeNs);
    void dropEvicted(Changes *changes);
    void append(int direction, qint64 chunk, const ChunkRecord &record);
    qint64 textRows(int direction, const ChunkRecord &record) const;
    /// Reads direction's bytes into its line index up to end; false when the
    /// time ran out (deadlineMs < 0: no limit).
    bool indexLines(int direction, const ChunkRecord &record, const QElapsedTimer &timer,
                    qint64 deadlineMs);
    ChunkRecord record(int direction, qint64 chunk) const;
    ChunkRecord record(const Slot &slot) const { return record(int(slot.key & 1), slot.key >> 1); }
    qint64 textBase() const;

    std::array<const StreamStore *, 2> m_stores {nullptr, nullptr};
    std::deque<Slot> m_entries;
    qint64 m_first = 0;                    ///< absolute index of m_entries.front()
    qint64 m_hexEnd = 0;                   ///< absolute row after the last entry
    qint64 m_textLaid = 0;                 ///< entries (from the front) with text rows
    qint64 m_textEnd = 0;                  ///< absolute text row after the last laid out
    std::array<qint64, 2> m_merged {0, 0}; ///< chunks of each direction merged
    /// The first chunk of each direction still listed (ring mode moves it).
    std::array<qint64, 2> m_frontChunk {0, 0};
    int m_wrap = 96;
    // One line index per direction over the bytes from its base on: a line
    // that runs across a chunk boundary is two rows, one in each chunk.
    std::array<std::unique_ptr<TextLineIndex>, 2> m_lines;
    std::array<qint64, 2> m_lineBase {0, 0};
    std::vector<char> m_buffer;
};

} // namespace TcpInspector
