// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stream/chunkindex.h"
#include "stream/slidingvector.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

class QFile;

namespace TcpInspector {

/// The bytes of one direction of one connection, as they arrived.
///
/// One writer thread appends each read as a chunk; any number of reader
/// threads read the published prefix at the same time. Bytes live in
/// fixed-size blocks that never move. Past a memory budget the oldest full
/// blocks are written to a temporary file and read back on demand. A shared
/// SpillWriter thread does the writing, in runs of up to 1 MiB and with
/// O_DIRECT where the file system allows it, so the disk's time overlaps the
/// next reads instead of adding to them; when the disk falls behind, append()
/// waits (the peer then meets TCP's own flow control). Bytes that
/// cannot be kept (past maxBytes, or when memory runs out) are counted, never
/// dropped in silence.
///
/// In ring mode (keepBytes) only the newest bytes are kept: whole blocks older
/// than the newest keepBytes go, with the chunks that lie in them, and are
/// counted as evicted. Offsets and chunk indexes stay those of the whole
/// stream; what went before firstOffset() and firstChunk() reads as nothing.
///
/// A store may share another's bytes (shareBytesOf()): a relay writes on one
/// leg the bytes it read on the other, so the written side keeps its own
/// chunks (its writes) but reads its bytes from the read side's store at the
/// same offsets, and a relayed byte is kept and spilled once. What the
/// source lets go of (ring mode, a cap) reads here as not kept too.
class StreamStore
{
public:
    struct Options
    {
        qint64 blockSize = qint64(64) * 1024;
        qint64 memoryBudget = qint64(64) * 1024 * 1024; ///< resident bytes before spilling
        qint64 maxBytes = -1;   ///< stop keeping bytes past this, -1: no cap
        qint64 keepBytes = -1;  ///< ring mode: keep at least the newest this many, -1: all
        QString spillDirectory; ///< empty: QDir::tempPath()
    };

    /// One read (or one write, for the tx direction).
    using Chunk = ChunkRecord;

    StreamStore();
    explicit StreamStore(Options options);
    ~StreamStore();
    StreamStore(const StreamStore &) = delete;
    StreamStore &operator=(const StreamStore &) = delete;

    // Writer side: one thread only.
    /// Appends one chunk. Returns the bytes kept; fewer than size means the
    /// rest was counted in droppedBytes().
    qint64 append(const char *data, qint64 size, qint64 timestampNs);
    qint64 append(const QByteArray &bytes, qint64 timestampNs)
    {
        return append(bytes.constData(), bytes.size(), timestampNs);
    }

    /// Makes this store, while empty, keep none of the bytes appended to it
    /// but read them from source: they must be source's bytes at the same
    /// stream offsets (from the first on), appended there before. Chunks,
    /// timestamps and the dropped counts stay this store's own. Holds source
    /// alive. False when bytes were appended already.
    bool shareBytesOf(std::shared_ptr<const StreamStore> source);
    /// Bytes appended at stream offset offset and after are not the
    /// source's (a send of the user's own on a relay leg): kept here, as a
    /// plain store keeps them. Offsets count dropped bytes too.
    void stopSharingAt(qint64 offset);
    bool sharesBytes() const { return m_source.load(std::memory_order_acquire) != nullptr; }
    /// Bytes [0, alignedSize()) are kept at their own stream offsets:
    /// size() until the first byte dropped, whatever came after it.
    qint64 alignedSize() const
    {
        const qint64 gap = m_gapAt.load(std::memory_order_acquire);
        return gap < 0 ? size() : std::min(gap, size());
    }

    /// Counts bytes as dropped without offering them: a recording read back
    /// from a file says how many its live store could not keep.
    void addDropped(qint64 bytes, qint64 chunks)
    {
        m_droppedBytes.fetch_add(bytes, std::memory_order_acq_rel);
        m_droppedChunks.fetch_add(chunks, std::memory_order_acq_rel);
    }

    // Reader side: any thread.
    /// Bytes readable now; everything below it is stable.
    qint64 size() const { return m_published.load(std::memory_order_acquire); }
    qint64 chunkCount() const;
    Chunk chunk(qint64 index) const;
    /// The chunk holding offset, or -1 when offset is outside [0, size()).
    qint64 chunkIndexAt(qint64 offset) const;
    /// Copies up to maxSize bytes from offset into out; returns the count copied.
    qint64 read(qint64 offset, char *out, qint64 maxSize) const;
    QByteArray read(qint64 offset, qint64 maxSize) const;

    /// Ring mode: the first byte and the first chunk still kept (0 otherwise).
    /// A store that shares bytes follows its source's.
    qint64 firstOffset() const
    {
        const qint64 own = m_firstOffset.load(std::memory_order_acquire);
        const StreamStore *source = m_source.load(std::memory_order_acquire);
        if (!source)
            return own;
        const qint64 shared
            = std::min(source->firstOffset(), m_sharedEnd.load(std::memory_order_acquire));
        return std::max(own, std::min(shared, size()));
    }
    qint64 firstChunk() const;
    /// Ring mode: bytes and whole chunks kept for a while, then let go.
    qint64 evictedBytes() const { return firstOffset(); }
    qint64 evictedChunks() const { return firstChunk(); }

    qint64 droppedBytes() const { return m_droppedBytes.load(std::memory_order_acquire); }
    qint64 droppedChunks() const { return m_droppedChunks.load(std::memory_order_acquire); }
    /// The bytes this store holds in memory and on disk: none of those it
    /// shares with its source.
    qint64 residentBytes() const;
    qint64 spilledBytes() const;
    /// Why the last spill failed (bytes then stay in memory), or empty.
    QString spillError() const;
    /// Waits until the blocks handed to the spill writer are on disk (or
    /// failed), so residentBytes() and spilledBytes() have settled.
    void waitForSpill() const;
    const Options &options() const { return m_options; }

private:
    struct FreeDeleter
    {
        void operator()(char *data) const { std::free(data); }
    };
    /// Full blocks are page-aligned, as O_DIRECT needs; a small first block
    /// is not.
    using BlockData = std::unique_ptr<char, FreeDeleter>;
    struct Block
    {
        BlockData data; ///< null once spilled
        bool spilled = false;
    };
    /// Blocks [first, first + data.size()) on their way to the spill file.
    struct SpillRun
    {
        qint64 first = 0;
        std::vector<const char *> data;
    };

    /// Copies count bytes to stream offset from; returns how many.
    qint64 copyIn(qint64 from, const char *data, qint64 count);
    qint64 appendShared(const char *data, qint64 size, qint64 timestampNs);
    /// Publishes a chunk of size bytes at the end; true when over budget.
    bool publishChunk(qint64 size, qint64 timestampNs);
    /// The first chunk listed, after what the source let go of.
    qint64 firstChunkLocked() const;
    /// Lets go of the chunks before firstOffset(): the source evicted them.
    void dropSharedChunks();
    /// Makes room for bytes [0, needed) of block blockIndex.
    bool ensureBlock(qint64 blockIndex, qint64 needed);
    bool growFirstBlock(qint64 needed);
    BlockData allocate(qint64 capacity);
    bool openSpillFile();
    void spill();
    bool writeRun(const SpillRun &run) const;
    void finishRun(const SpillRun &run, bool written, int error);
    void evict();
    void recycleLocked(BlockData data, std::vector<BlockData> *toFree);
    const Block &blockAt(qint64 blockIndex) const
    {
        return m_blocks[size_t(blockIndex - m_firstBlock)];
    }
    qint64 readLocked(qint64 offset, char *out, qint64 count) const;

    Options m_options;
    mutable std::mutex m_mutex; // guards everything below but the atomics
    // In ring mode the front goes while the back grows, for hours.
    SlidingVector<Block> m_blocks;
    // Packed: a chatty peer makes a chunk per message.
    ChunkIndex m_chunks;
    qint64 m_firstBlock = 0; ///< stream index of m_blocks.front()
    // Raised by readers too when a source let chunks' bytes go.
    mutable qint64 m_firstChunk = 0;   ///< the first chunk whose bytes are all kept
    mutable qint64 m_firstChunkAt = 0; ///< the first offset m_firstChunk was found for
    qint64 m_resident = 0;
    qint64 m_spilled = 0;
    std::unique_ptr<QFile> m_spillFile;
    int m_directFd = -1; ///< the spill file opened with O_DIRECT, or -1
    QString m_spillError;
    bool m_spillBroken = false;
    qint64 m_spilledUpTo = 0; ///< blocks before it are on disk, failed or evicted
    qint64 m_inFlightBytes = 0;
    int m_inFlightRuns = 0;
    mutable std::condition_variable m_spillDone;
    /// Spilled or evicted blocks' memory, reused for new blocks: touching
    /// fresh pages costs more than the copy into them.
    std::vector<BlockData> m_spare;

    /// Whose bytes this store reads, or null; set once, before the first
    /// append, while readers may look already.
    std::atomic<const StreamStore *> m_source {nullptr};
    std::shared_ptr<const StreamStore> m_sourceOwner;

    // Writer-only.
    qint64 m_written = 0;         ///< the length
    qint64 m_offered = 0;         ///< bytes appended, kept or dropped (a sharing store's)
    qint64 m_chunksDroppedAt = 0; ///< a sharing store let its chunks before it go
    qint64 m_firstCapacity = 0;   ///< block 0's size while it grows to blockSize
    qint64 m_spillNext = 0;       ///< blocks before it are handed to the spill writer or evicted

    std::atomic<qint64> m_published {0};
    std::atomic<qint64> m_chunkCount {0}; ///< published with the chunk, read without the lock
    std::atomic<qint64> m_firstOffset {0};
    std::atomic<qint64> m_droppedBytes {0};
    std::atomic<qint64> m_droppedChunks {0};
    std::atomic<qint64> m_gapAt {-1}; ///< the length when a byte was first dropped
    /// Bytes below it are the source's; the rest are kept here.
    std::atomic<qint64> m_sharedEnd {std::numeric_limits<qint64>::max()};
};

} // namespace TcpInspector
