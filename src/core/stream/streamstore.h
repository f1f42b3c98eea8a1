// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <atomic>
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
/// blocks are written to a temporary file and read back on demand. Bytes that
/// cannot be kept (past maxBytes, or when memory runs out) are counted, never
/// dropped in silence.
class StreamStore
{
public:
    struct Options
    {
        qint64 blockSize = qint64(64) * 1024;
        qint64 memoryBudget = qint64(64) * 1024 * 1024; ///< resident bytes before spilling
        qint64 maxBytes = -1;   ///< stop keeping bytes past this, -1: no cap
        QString spillDirectory; ///< empty: QDir::tempPath()
    };

    /// One read (or one write, for the tx direction).
    struct Chunk
    {
        qint64 offset = 0;
        qint64 size = 0;
        qint64 timestampNs = 0;
        qint64 end() const { return offset + size; }
    };

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

    qint64 droppedBytes() const { return m_droppedBytes.load(std::memory_order_acquire); }
    qint64 droppedChunks() const { return m_droppedChunks.load(std::memory_order_acquire); }
    qint64 residentBytes() const;
    qint64 spilledBytes() const;
    /// Why the last spill failed (bytes then stay in memory), or empty.
    QString spillError() const;
    const Options &options() const { return m_options; }

private:
    struct Block
    {
        std::unique_ptr<char[]> data; ///< null once spilled
        bool spilled = false;
    };

    bool ensureBlock(qint64 blockIndex);
    void spillLocked();
    qint64 readLocked(qint64 offset, char *out, qint64 count) const;

    Options m_options;
    mutable std::mutex m_mutex; // guards everything below but the atomics
    std::vector<Block> m_blocks;
    std::vector<Chunk> m_chunks;
    qint64 m_resident = 0;
    qint64 m_spilled = 0;
    qint64 m_firstResident = 0; ///< blocks before it are spilled
    std::unique_ptr<QFile> m_spillFile;
    QString m_spillError;
    bool m_spillBroken = false;

    qint64 m_written = 0; // writer-only copy of the length
    std::atomic<qint64> m_published {0};
    std::atomic<qint64> m_droppedBytes {0};
    std::atomic<qint64> m_droppedChunks {0};
};

} // namespace TcpInspector
