// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamstore.h"
#include "fileio.h"
#include "spillwriter.h"
#include "text/tr.h"

#include <QDir>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace TcpInspector {

namespace {
// A run of up to 1 MiB: O_DIRECT writes of 64 KiB take this disk at half the
// speed of 1 MiB ones.
constexpr qint64 RunBytes = qint64(1) << 20;
// Runs queued or being written per store; append() waits past this. Bounds
// the memory a store holds above its budget while the disk falls behind.
constexpr int MaxRunsInFlight = 4;
// O_DIRECT wants buffers, offsets and lengths aligned to the device's block.
constexpr qint64 DirectAlignment = 4096;

} // namespace

StreamStore::StreamStore() : StreamStore(Options()) { }

StreamStore::StreamStore(Options options) : m_options(std::move(options))
{
    m_options.blockSize = std::max<qint64>(m_options.blockSize, 16);
    m_options.memoryBudget = std::max(m_options.memoryBudget, m_options.blockSize);
    // As the frame index: a sixteenth of the bytes' budget.
    m_chunks.setSpill(m_options.spillDirectory,
                      std::max<qint64>(m_options.memoryBudget / 16, qint64(64) * 1024));
}

StreamStore::~StreamStore()
{
    // The spill writer holds pointers into this store's blocks.
    waitForSpill();
    if (m_directFd >= 0)
        ::close(m_directFd);
}

void StreamStore::waitForSpill() const
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_spillDone.wait(lock, [this] { return m_inFlightRuns == 0; });
}

StreamStore::BlockData StreamStore::allocate(qint64 capacity)
{
    void *data = nullptr;
    if (capacity == m_options.blockSize) {
        if (::posix_memalign(&data, size_t(DirectAlignment), size_t(capacity)) != 0)
            data = nullptr;
    } else {
        data = std::malloc(size_t(capacity));
    }
    return BlockData(static_cast<char *>(data));
}

bool StreamStore::ensureBlock(qint64 blockIndex, qint64 needed)
{
    if (blockIndex == 0 && m_firstCapacity < needed)
        return growFirstBlock(needed);
    if (blockIndex < m_firstBlock + qint64(m_blocks.size()))
        return true;
    Block block;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_spare.empty()) {
            block.data = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    if (!block.data)
        block.data = allocate(m_options.blockSize);
    if (!block.data)
        return false;
    try {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_blocks.push_back(std::move(block));
        m_resident += m_options.blockSize;
    } catch (const std::bad_alloc &) {
        return false;
    }
    return true;
}

bool StreamStore::growFirstBlock(qint64 needed)
{
    // Ten thousand connections that each say hello must not cost a 64 KiB
    // block per direction: the first block starts small and doubles until
    // it is a whole block, after which offsets map to blocks as before.
    constexpr qint64 FirstCapacity = 512;
    const qint64 capacity
        = std::min(m_options.blockSize, std::max({needed, 2 * m_firstCapacity, FirstCapacity}));
    BlockData data = allocate(capacity);
    if (!data)
        return false;
    if (m_firstCapacity > 0)
        std::memcpy(data.get(), m_blocks.front().data.get(), size_t(m_written));
    BlockData old;
    try {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_blocks.empty())
            m_blocks.emplace_back();
        old = std::exchange(m_blocks.front().data, std::move(data));
        m_resident += capacity - m_firstCapacity;
    } catch (const std::bad_alloc &) {
        return false;
    }
    m_firstCapacity = capacity;
    return true;
}

void StreamStore::recycleLocked(BlockData data, std::vector<BlockData> *toFree)
{
    // Enough for the runs in flight to come back and be written into again.
    constexpr size_t MaxSpare = size_t(MaxRunsInFlight) * 16;
    if (!data)
        return;
    if (m_spare.size() < MaxSpare)
        m_spare.push_back(std::move(data));
    else
        toFree->push_back(std::move(data));
}

qint64 StreamStore::append(const char *data, qint64 size, qint64 timestampNs)
{
    if (size <= 0)
        return 0;
    if (m_source.load(std::memory_order_relaxed))
        return appendShared(data, size, timestampNs);
    qint64 keep = size;
    if (m_options.maxBytes >= 0)
        keep = std::clamp<qint64>(m_options.maxBytes - m_written, 0, size);

    const qint64 copied = copyIn(m_written, data, keep);
    const bool overBudget = copied > 0 && publishChunk(copied, timestampNs);
    if (m_options.keepBytes >= 0)
        evict();
    if (overBudget)
        spill();
    if (copied < size) {
        m_droppedBytes.fetch_add(size - copied, std::memory_order_acq_rel);
        m_droppedChunks.fetch_add(1, std::memory_order_acq_rel);
        if (m_gapAt.load(std::memory_order_relaxed) < 0)
            m_gapAt.store(m_written, std::memory_order_release);
    }
    return copied;
}

qint64 StreamStore::appendShared(const char *data, qint64 size, qint64 timestampNs)
{
    const StreamStore *source = m_source.load(std::memory_order_relaxed);
    const qint64 at = m_offered;
    m_offered += size;
    qint64 kept = 0;
    // Once a byte was dropped the kept bytes no longer lie at their stream
    // offsets, the source's do: nothing after it is kept.
    if (m_written == at) {
        qint64 end = at + size;
        if (m_options.maxBytes >= 0)
            end = std::min(end, m_options.maxBytes);
        const qint64 sharedEnd = m_sharedEnd.load(std::memory_order_relaxed);
        // The source read them before we wrote them, unless it could not keep them.
        kept = std::clamp<qint64>(std::min({end, sharedEnd, source->alignedSize()}) - at, 0, size);
        const qint64 ownFrom = std::max(at, sharedEnd);
        if (at + kept == ownFrom && end > ownFrom) {
            if (m_blocks.empty()) {
                // This store's first block of its own: the stream before it is the source's.
                std::lock_guard<std::mutex> lock(m_mutex);
                m_firstBlock = ownFrom / m_options.blockSize;
                m_spillNext = m_spilledUpTo = m_firstBlock;
            }
            kept += copyIn(ownFrom, data + kept, end - ownFrom);
        }
    }
    const bool overBudget = kept > 0 && publishChunk(kept, timestampNs);
    if (m_options.keepBytes >= 0)
        evict();
    dropSharedChunks();
    if (overBudget)
        spill();
    if (kept < size) {
        m_droppedBytes.fetch_add(size - kept, std::memory_order_acq_rel);
        m_droppedChunks.fetch_add(1, std::memory_order_acq_rel);
        if (m_gapAt.load(std::memory_order_relaxed) < 0)
            m_gapAt.store(m_written, std::memory_order_release);
    }
    return kept;
}

qint64 StreamStore::copyIn(qint64 from, const char *data, qint64 count)
{
    // Copy outside the lock: readers never look past the published length, and
    // blocks never move, so the bytes being written are nobody else's yet.
    qint64 copied = 0;
    while (copied < count) {
        const qint64 at = from + copied;
        const qint64 blockIndex = at / m_options.blockSize;
        const qint64 inBlock = at % m_options.blockSize;
        const qint64 n = std::min(count - copied, m_options.blockSize - inBlock);
        if (!ensureBlock(blockIndex, inBlock + n))
            break;
        std::memcpy(m_blocks[size_t(blockIndex - m_firstBlock)].data.get() + inBlock, data + copied,
                    size_t(n));
        copied += n;
    }
    return copied;
}

bool StreamStore::publishChunk(qint64 size, qint64 timestampNs)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_chunks.append({m_written, size, timestampNs});
    m_chunkCount.store(m_chunks.size(), std::memory_order_release);
    m_written += size;
    m_published.store(m_written, std::memory_order_release);
    return !m_spillBroken && m_resident - m_inFlightBytes > m_options.memoryBudget;
}

bool StreamStore::shareBytesOf(std::shared_ptr<const StreamStore> source)
{
    if (!source || source.get() == this || m_offered > 0 || m_written > 0
        || m_source.load(std::memory_order_relaxed))
        return false;
    m_sourceOwner = std::move(source);
    m_source.store(m_sourceOwner.get(), std::memory_order_release);
    return true;
}

void StreamStore::stopSharingAt(qint64 offset)
{
    const qint64 end = std::max(offset, m_offered);
    if (end < m_sharedEnd.load(std::memory_order_relaxed))
        m_sharedEnd.store(end, std::memory_order_release);
}

void StreamStore::dropSharedChunks()
{
    // The source let bytes go (ring mode): the chunks that lay in them go
    // too, so that every chunk listed can be read whole and the index
    // stays as bounded as the source's.
    const qint64 first = firstOffset();
    if (first <= m_chunksDroppedAt)
        return;
    m_chunksDroppedAt = first;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_chunks.dropBefore(first);
    firstChunkLocked();
}

bool StreamStore::openSpillFile()
{
    const QString dir
        = m_options.spillDirectory.isEmpty() ? QDir::tempPath() : m_options.spillDirectory;
    auto file
        = std::make_unique<QTemporaryFile>(dir + QStringLiteral("/tcpinspector-XXXXXX.spill"));
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!file->open()) {
        m_spillError = Tr::tr("Cannot create a spill file in %1: %2. "
                              "Bytes stay in memory.")
                           .arg(dir, file->errorString());
        m_spillBroken = true;
        return false;
    }
    // Written once and read back seldom: past the page cache, which would
    // only copy each block once more and fill memory the budget meant to
    // spare. tmpfs and some others refuse O_DIRECT; writes are buffered there.
    if (m_options.blockSize % DirectAlignment == 0)
        m_directFd = ::open(QFile::encodeName(file->fileName()).constData(),
                            O_WRONLY | O_DIRECT | O_CLOEXEC);
    m_spillFile = std::move(file);
    return true;
}

void StreamStore::spill()
{
    if (!m_spillFile && !openSpillFile())
        return;
    // Only full blocks go: the block being written must stay in memory. A full
    // block is read-only, and only finishRun() frees it.
    const qint64 fullBlocks = m_written / m_options.blockSize;
    const qint64 runBlocks = std::max<qint64>(RunBytes / m_options.blockSize, 1);
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_spillBroken && m_resident - m_inFlightBytes > m_options.memoryBudget
           && m_spillNext < fullBlocks) {
        if (m_inFlightRuns >= MaxRunsInFlight) {
            m_spillDone.wait(lock);
            continue;
        }
        SpillRun run;
        run.first = m_spillNext;
        const qint64 count = std::min(runBlocks, fullBlocks - m_spillNext);
        for (qint64 i = 0; i < count; ++i)
            run.data.push_back(blockAt(m_spillNext + i).data.get());
        m_spillNext += count;
        m_inFlightBytes += count * m_options.blockSize;
        ++m_inFlightRuns;
        SpillWriter::shared().post([this, run = std::move(run)] {
            const bool written = writeRun(run);
            finishRun(run, written, written ? 0 : errno);
        });
    }
}

bool StreamStore::writeRun(const SpillRun &run) const
{
    // Runs are contiguous in the file, at the blocks' own offsets.
    const qint64 at = run.first * m_options.blockSize;
    const qint64 size = qint64(run.data.size()) * m_options.blockSize;
    if (m_directFd >= 0) {
        std::vector<iovec> pieces;
        pieces.reserve(run.data.size());
        for (const char *data : run.data)
            pieces.push_back({const_cast<char *>(data), size_t(m_options.blockSize)});
        ssize_t n;
        do {
            n = ::pwritev(m_directFd, pieces.data(), int(pieces.size()), at);
        } while (n < 0 && errno == EINTR);
        if (n == size)
            return true;
        // A short or refused O_DIRECT write: the rest through the page cache.
    }
    const int fd = int(m_spillFile->handle());
    for (size_t i = 0; i < run.data.size(); ++i) {
        if (!FileIo::writeAll(fd, run.data[i], m_options.blockSize,
                              at + qint64(i) * m_options.blockSize))
            return false;
    }
    return true;
}

void StreamStore::finishRun(const SpillRun &run, bool written, int error)
{
    std::vector<BlockData> toFree;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto count = qint64(run.data.size());
        if (written) {
            for (qint64 i = 0; i < count; ++i) {
                Block &block = m_blocks[size_t(run.first + i - m_firstBlock)];
                recycleLocked(std::move(block.data), &toFree);
                block.spilled = true;
            }
            m_resident -= count * m_options.blockSize;
            m_spilled += count * m_options.blockSize;
        } else if (!m_spillBroken) {
            m_spillError
                = Tr::tr("Cannot write the spill file %1: %2. "
                         "Bytes stay in memory.")
                      .arg(m_spillFile->fileName(), QString::fromLocal8Bit(std::strerror(error)));
            m_spillBroken = true;
        }
        m_spilledUpTo = run.first + count;
        m_inFlightBytes -= count * m_options.blockSize;
        --m_inFlightRuns;
        // Under the lock: once it is released, the store may be gone.
        m_spillDone.notify_all();
    }
}

void StreamStore::evict()
{
    // A block goes when all of it is older than the newest keepBytes. One the
    // spill writer still holds goes once it is written: the wait is a run or
    // two, and the ring's bound on memory and disk holds at every append.
    std::vector<BlockData> toFree;
    bool punch = false;
    const qint64 cutoff
        = std::max<qint64>(m_written - m_options.keepBytes, 0) / m_options.blockSize;
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (cutoff <= m_firstBlock)
            return;
        m_spillDone.wait(lock, [&] { return m_inFlightRuns == 0 || m_spilledUpTo >= cutoff; });
        while (m_firstBlock < cutoff) {
            if (m_blocks.empty()) {
                // A store sharing its source's bytes holds no block there.
                m_firstBlock = cutoff;
                break;
            }
            Block &block = m_blocks.front();
            if (block.spilled) {
                m_spilled -= m_options.blockSize;
                punch = true;
            } else {
                m_resident -= m_options.blockSize;
                recycleLocked(std::move(block.data), &toFree);
            }
            m_blocks.pop_front();
            ++m_firstBlock;
        }
        m_spilledUpTo = std::max(m_spilledUpTo, cutoff);
        const qint64 first = cutoff * m_options.blockSize;
        m_chunks.dropBefore(first);
        const qint64 at = m_chunks.indexAt(first);
        m_firstChunk = std::max(
            m_firstChunk, at < 0 ? m_chunks.size() : at + (m_chunks.at(at).offset < first ? 1 : 0));
        // A chunk that straddles the cut goes too: every chunk listed can be
        // read whole. Its bytes after the cut stay readable by offset.
        m_firstOffset.store(first, std::memory_order_release);
    }
    m_spillNext = std::max(m_spillNext, cutoff);
    if (punch && m_spillFile) {
        // The spill file stays as large as what is spilled and kept.
        ::fallocate(int(m_spillFile->handle()), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
                    cutoff * m_options.blockSize);
    }
}

qint64 StreamStore::chunkCount() const
{
    // Without the lock: the window asks for it every tick for every
    // connection, and waited on spills and appends for it.
    return m_chunkCount.load(std::memory_order_acquire);
}

qint64 StreamStore::firstChunk() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return firstChunkLocked();
}

qint64 StreamStore::firstChunkLocked() const
{
    if (!m_source.load(std::memory_order_relaxed))
        return m_firstChunk;
    // The source may have let bytes go since this store last appended.
    const qint64 first = firstOffset();
    if (first > m_firstChunkAt) {
        const qint64 at = m_chunks.indexAt(first);
        m_firstChunk = std::max(
            m_firstChunk, at < 0 ? m_chunks.size() : at + (m_chunks.at(at).offset < first ? 1 : 0));
        m_firstChunkAt = first;
    }
    return m_firstChunk;
}

StreamStore::Chunk StreamStore::chunk(qint64 index) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (index < firstChunkLocked())
        return {};
    return m_chunks.at(index);
}

qint64 StreamStore::chunkIndexAt(qint64 offset) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const qint64 index = m_chunks.indexAt(offset);
    return index < firstChunkLocked() ? -1 : index;
}

qint64 StreamStore::read(qint64 offset, char *out, qint64 maxSize) const
{
    const StreamStore *source = m_source.load(std::memory_order_acquire);
    if (!source) {
        std::lock_guard<std::mutex> lock(m_mutex);
        return readLocked(offset, out, maxSize);
    }
    const qint64 end = size();
    if (offset < firstOffset() || offset >= end || maxSize <= 0)
        return 0;
    const qint64 count = std::min(maxSize, end - offset);
    const qint64 sharedEnd = m_sharedEnd.load(std::memory_order_acquire);
    qint64 done = 0;
    if (offset < sharedEnd) {
        // Without our lock: the source takes its own.
        const qint64 n = std::min(count, sharedEnd - offset);
        done = source->read(offset, out, n);
        if (done < n)
            return done; // the source let them go meanwhile
    }
    if (done < count) {
        std::lock_guard<std::mutex> lock(m_mutex);
        done += readLocked(offset + done, out + done, count - done);
    }
    return done;
}

QByteArray StreamStore::read(qint64 offset, qint64 maxSize) const
{
    const qint64 available = std::clamp<qint64>(size() - offset, 0, std::max<qint64>(maxSize, 0));
    QByteArray bytes(available, Qt::Uninitialized);
    const qint64 n = read(offset, bytes.data(), available);
    bytes.truncate(n);
    return bytes;
}

qint64 StreamStore::readLocked(qint64 offset, char *out, qint64 count) const
{
    const qint64 end = m_published.load(std::memory_order_acquire);
    if (offset < m_firstBlock * m_options.blockSize || offset >= end || count <= 0)
        return 0;
    count = std::min(count, end - offset);
    qint64 done = 0;
    while (done < count) {
        const qint64 at = offset + done;
        const qint64 blockIndex = at / m_options.blockSize;
        const qint64 inBlock = at % m_options.blockSize;
        const qint64 n = std::min(count - done, m_options.blockSize - inBlock);
        const Block &block = blockAt(blockIndex);
        if (block.spilled) {
            if (FileIo::readAll(int(m_spillFile->handle()), out + done, n, at) != n)
                break; // a damaged spill file: return what could be read
        } else {
            std::memcpy(out + done, block.data.get() + inBlock, size_t(n));
        }
        done += n;
    }
    return done;
}

qint64 StreamStore::residentBytes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_resident;
}

qint64 StreamStore::spilledBytes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_spilled;
}

QString StreamStore::spillError() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_spillError;
}

} // namespace TcpInspector
