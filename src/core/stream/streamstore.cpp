// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamstore.h"
#include "text/tr.h"

#include <QDir>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

namespace {
// pwrite rather than QFile: readers on other threads read the same file with
// pread, and neither may move a shared file position under the other.
bool writeAll(int fd, const char *data, qint64 size, qint64 at)
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

StreamStore::StreamStore() : StreamStore(Options()) { }

StreamStore::StreamStore(Options options) : m_options(std::move(options))
{
    m_options.blockSize = std::max<qint64>(m_options.blockSize, 16);
    m_options.memoryBudget = std::max(m_options.memoryBudget, m_options.blockSize);
    // As the frame index: a sixteenth of the bytes' budget.
    m_chunks.setSpill(m_options.spillDirectory,
                      std::max<qint64>(m_options.memoryBudget / 16, qint64(64) * 1024));
}

StreamStore::~StreamStore() = default;

bool StreamStore::ensureBlock(qint64 blockIndex, qint64 needed)
{
    try {
        if (blockIndex == 0 && m_firstCapacity < needed)
            return growFirstBlock(needed);
        if (blockIndex < m_firstBlock + qint64(m_blocks.size()))
            return true;
        Block block;
        if (m_spare.empty()) {
            block.data.reset(new char[size_t(m_options.blockSize)]);
        } else {
            block.data = std::move(m_spare.back());
            m_spare.pop_back();
        }
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
    std::unique_ptr<char[]> data(new char[size_t(capacity)]);
    if (m_firstCapacity > 0)
        std::memcpy(data.get(), m_blocks.front().data.get(), size_t(m_written));
    std::unique_ptr<char[]> old;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_blocks.empty())
            m_blocks.emplace_back();
        old = std::exchange(m_blocks.front().data, std::move(data));
        m_resident += capacity - m_firstCapacity;
    }
    m_firstCapacity = capacity;
    return true;
}

void StreamStore::recycle(std::unique_ptr<char[]> data)
{
    // A few are enough: spilling and evicting free one block per block written.
    constexpr size_t MaxSpare = 4;
    if (data && m_spare.size() < MaxSpare)
        m_spare.push_back(std::move(data));
}

qint64 StreamStore::append(const char *data, qint64 size, qint64 timestampNs)
{
    if (size <= 0)
        return 0;
    qint64 keep = size;
    if (m_options.maxBytes >= 0)
        keep = std::clamp<qint64>(m_options.maxBytes - m_written, 0, size);

    // Copy outside the lock: readers never look past the published length, and
    // blocks never move, so the bytes being written are nobody else's yet.
    qint64 copied = 0;
    while (copied < keep) {
        const qint64 at = m_written + copied;
        const qint64 blockIndex = at / m_options.blockSize;
        const qint64 inBlock = at % m_options.blockSize;
        const qint64 n = std::min(keep - copied, m_options.blockSize - inBlock);
        if (!ensureBlock(blockIndex, inBlock + n))
            break;
        std::memcpy(m_blocks[size_t(blockIndex - m_firstBlock)].data.get() + inBlock, data + copied,
                    size_t(n));
        copied += n;
    }

    if (copied > 0) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_chunks.append({m_written, copied, timestampNs});
        m_chunkCount.store(m_chunks.size(), std::memory_order_release);
        m_written += copied;
        m_published.store(m_written, std::memory_order_release);
    }
    if (m_options.keepBytes >= 0)
        evict();
    if (m_resident > m_options.memoryBudget && !m_spillBroken)
        spill();
    if (copied < size) {
        m_droppedBytes.fetch_add(size - copied, std::memory_order_acq_rel);
        m_droppedChunks.fetch_add(1, std::memory_order_acq_rel);
    }
    return copied;
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
    m_spillFile = std::move(file);
    return true;
}

void StreamStore::spill()
{
    if (!m_spillFile && !openSpillFile())
        return;
    // Only full blocks go: the block being written must stay in memory. The
    // write happens outside the lock, so readers (the window) never wait on
    // the disk: a full block is read-only, and only this thread frees it.
    const qint64 fullBlocks = m_written / m_options.blockSize;
    while (m_resident > m_options.memoryBudget && m_firstResident < fullBlocks) {
        Block &block = m_blocks[size_t(m_firstResident - m_firstBlock)];
        const qint64 at = m_firstResident * m_options.blockSize;
        if (!writeAll(int(m_spillFile->handle()), block.data.get(), m_options.blockSize, at)) {
            const QString reason = QString::fromLocal8Bit(std::strerror(errno));
            std::lock_guard<std::mutex> lock(m_mutex);
            m_spillError = Tr::tr("Cannot write the spill file %1: %2. "
                                  "Bytes stay in memory.")
                               .arg(m_spillFile->fileName(), reason);
            m_spillBroken = true;
            return;
        }
        std::unique_ptr<char[]> freed;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            freed = std::move(block.data);
            block.spilled = true;
            m_resident -= m_options.blockSize;
            m_spilled += m_options.blockSize;
        }
        recycle(std::move(freed));
        ++m_firstResident;
    }
}

void StreamStore::evict()
{
    // A block goes when all of it is older than the newest keepBytes.
    const qint64 cutoff
        = std::max<qint64>(m_written - m_options.keepBytes, 0) / m_options.blockSize;
    if (cutoff <= m_firstBlock)
        return;
    std::vector<std::unique_ptr<char[]>> freed;
    bool punch = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        while (m_firstBlock < cutoff) {
            Block &block = m_blocks.front();
            if (block.spilled) {
                m_spilled -= m_options.blockSize;
                punch = true;
            } else {
                m_resident -= m_options.blockSize;
                freed.push_back(std::move(block.data));
            }
            m_blocks.pop_front();
            ++m_firstBlock;
        }
        const qint64 first = cutoff * m_options.blockSize;
        m_chunks.dropBefore(first);
        const qint64 at = m_chunks.indexAt(first);
        m_firstChunk = at < 0 ? m_chunks.size() : at + (m_chunks.at(at).offset < first ? 1 : 0);
        // A chunk that straddles the cut goes too: every chunk listed can be
        // read whole. Its bytes after the cut stay readable by offset.
        m_firstOffset.store(first, std::memory_order_release);
    }
    m_firstResident = std::max(m_firstResident, cutoff);
    if (punch && m_spillFile) {
        // The spill file stays as large as what is spilled and kept.
        ::fallocate(int(m_spillFile->handle()), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
                    cutoff * m_options.blockSize);
    }
    for (auto &data : freed)
        recycle(std::move(data));
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
    return m_firstChunk;
}

StreamStore::Chunk StreamStore::chunk(qint64 index) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (index < m_firstChunk)
        return {};
    return m_chunks.at(index);
}

qint64 StreamStore::chunkIndexAt(qint64 offset) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const qint64 index = m_chunks.indexAt(offset);
    return index < m_firstChunk ? -1 : index;
}

qint64 StreamStore::read(qint64 offset, char *out, qint64 maxSize) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return readLocked(offset, out, maxSize);
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
            if (::pread(m_spillFile->handle(), out + done, size_t(n), at) != n)
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
