// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/streamstore.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

#include <sys/resource.h>

using namespace TcpInspector;

namespace {
// Deterministic content: the byte at stream offset i, so any read can be checked.
char byteAt(qint64 offset)
{
    return char((offset * 131 + (offset >> 9)) & 0xff);
}

QByteArray pattern(qint64 offset, qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = byteAt(offset + i);
    return bytes;
}
} // namespace

class tst_StreamStore : public QObject
{
    Q_OBJECT

private slots:
    void appendsAcrossBlockEdges_data();
    void appendsAcrossBlockEdges();
    void chunkLookupByOffset();
    void readsOutsideTheStream();
    void spillsPastBudgetAndReadsBack();
    void unwritableSpillDirectoryKeepsBytesInMemory();
    void failedSpillWriteKeepsBytesInMemory();
    void maxBytesCountsWhatWasNotKept();
    void ringModeKeepsTheNewestBytes_data();
    void ringModeKeepsTheNewestBytes();
    void concurrentReaderSeesConsistentPrefix();
    void sharedBytesAreTheSources_data();
    void sharedBytesAreTheSources();
    void sharingStopsAtWhatTheSourceDropped();
};

void tst_StreamStore::appendsAcrossBlockEdges_data()
{
    QTest::addColumn<qint64>("blockSize");
    QTest::addColumn<QList<qint64>>("sizes");
    QTest::newRow("exact blocks") << qint64(16) << QList<qint64> {16, 16, 16};
    QTest::newRow("straddle") << qint64(16) << QList<qint64> {10, 10, 10, 3};
    QTest::newRow("one big chunk over many blocks") << qint64(16) << QList<qint64> {100, 1};
    QTest::newRow("single bytes") << qint64(16) << QList<qint64>(40, 1);
    QTest::newRow("default block") << qint64(64 * 1024) << QList<qint64> {70000, 5, 200000};
}

void tst_StreamStore::appendsAcrossBlockEdges()
{
    QFETCH(qint64, blockSize);
    QFETCH(QList<qint64>, sizes);
    StreamStore::Options options;
    options.blockSize = blockSize;
    StreamStore store(options);
    qint64 offset = 0;
    for (qint64 size : sizes) {
        QCOMPARE(store.append(pattern(offset, size), offset * 10), size);
        offset += size;
    }
    QCOMPARE(store.size(), offset);
    QCOMPARE(store.chunkCount(), sizes.size());
    QCOMPARE(store.read(0, offset), pattern(0, offset));
    // Every window that crosses an edge, read on its own.
    for (qint64 at = 0; at < offset; at += std::max<qint64>(1, blockSize / 3))
        QCOMPARE(store.read(at, blockSize + 3), pattern(at, std::min(blockSize + 3, offset - at)));
    qint64 expectedOffset = 0;
    for (qint64 i = 0; i < sizes.size(); ++i) {
        const StreamStore::Chunk c = store.chunk(i);
        QCOMPARE(c.offset, expectedOffset);
        QCOMPARE(c.size, sizes.at(i));
        QCOMPARE(c.timestampNs, expectedOffset * 10);
        expectedOffset += c.size;
    }
    QCOMPARE(store.droppedBytes(), 0);
}

void tst_StreamStore::chunkLookupByOffset()
{
    StreamStore store;
    const QList<qint64> sizes {5, 1, 7, 3};
    for (qint64 size : sizes)
        store.append(QByteArray(size, 'x'), 0);
    const QList<qint64> expected {0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3};
    for (qint64 offset = 0; offset < expected.size(); ++offset)
        QCOMPARE(store.chunkIndexAt(offset), expected.at(offset));
    QCOMPARE(store.chunkIndexAt(16), -1);
    QCOMPARE(store.chunkIndexAt(-1), -1);
}

void tst_StreamStore::readsOutsideTheStream()
{
    StreamStore store;
    QCOMPARE(store.read(0, 10), QByteArray());
    QCOMPARE(store.chunkIndexAt(0), -1);
    store.append("abc", 3, 0);
    QCOMPARE(store.read(1, 100), QByteArray("bc"));
    QCOMPARE(store.read(3, 1), QByteArray());
    QCOMPARE(store.read(-5, 2), QByteArray());
    QCOMPARE(store.chunk(7).size, 0);
    QCOMPARE(store.append(nullptr, 0, 0), 0);
    QCOMPARE(store.chunkCount(), 1);
}

void tst_StreamStore::spillsPastBudgetAndReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StreamStore::Options options;
    options.blockSize = 4096;
    options.memoryBudget = 4 * 4096;
    options.spillDirectory = dir.path();
    StreamStore store(options);
    const qint64 total = 1000 * 1000 + 17;
    QRandomGenerator random(7);
    qint64 offset = 0;
    while (offset < total) {
        const qint64 size = std::min<qint64>(total - offset, 1 + random.bounded(9000));
        QCOMPARE(store.append(pattern(offset, size), 0), size);
        offset += size;
    }
    store.waitForSpill();
    QVERIFY(store.spillError().isEmpty());
    QVERIFY2(store.residentBytes() <= options.memoryBudget + options.blockSize,
             qPrintable(QString::number(store.residentBytes())));
    QVERIFY(store.spilledBytes() >= total - options.memoryBudget - options.blockSize);
    QCOMPARE(store.spilledBytes() + store.residentBytes() >= total, true);
    // Random reads over spilled and resident blocks alike.
    for (int i = 0; i < 300; ++i) {
        const qint64 at = random.bounded(total);
        const qint64 size = 1 + random.bounded(20000);
        QCOMPARE(store.read(at, size), pattern(at, std::min(size, total - at)));
    }
    QCOMPARE(store.read(0, total), pattern(0, total));
    QCOMPARE(store.droppedBytes(), 0);
}

void tst_StreamStore::unwritableSpillDirectoryKeepsBytesInMemory()
{
    StreamStore::Options options;
    options.blockSize = 1024;
    options.memoryBudget = 2048;
    options.spillDirectory = QStringLiteral("/nonexistent/tcpinspector-test");
    StreamStore store(options);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(store.append(pattern(i * 1000, 1000), 0), 1000);
    QVERIFY(store.spillError().contains(QStringLiteral("/nonexistent/tcpinspector-test")));
    QCOMPARE(store.spilledBytes(), 0);
    QCOMPARE(store.read(0, 10000), pattern(0, 10000));
    QCOMPARE(store.droppedBytes(), 0);
}

void tst_StreamStore::failedSpillWriteKeepsBytesInMemory()
{
    // A real write error part-way: the file size limit stops the spill file at
    // 256 KiB (EFBIG, as a full disk would with ENOSPC), on the writer thread.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rlimit saved {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 256 * 1024;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    StreamStore::Options options;
    options.blockSize = 64 * 1024;
    options.memoryBudget = 128 * 1024;
    options.spillDirectory = dir.path();
    const qint64 total = 4 * 1024 * 1024;
    {
        StreamStore store(options);
        for (qint64 offset = 0; offset < total; offset += 10000)
            QCOMPARE(store.append(pattern(offset, std::min<qint64>(10000, total - offset)), 0),
                     std::min<qint64>(10000, total - offset));
        store.waitForSpill();
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY2(store.spillError().contains(dir.path()), qPrintable(store.spillError()));
        QVERIFY(store.spilledBytes() <= 256 * 1024);
        QCOMPARE(store.spilledBytes() + store.residentBytes() >= total, true);
        QCOMPARE(store.droppedBytes(), 0);
        QCOMPARE(store.read(0, total), pattern(0, total));
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);
}

void tst_StreamStore::maxBytesCountsWhatWasNotKept()
{
    StreamStore::Options options;
    options.maxBytes = 10;
    StreamStore store(options);
    QCOMPARE(store.append("123456", 6, 0), 6);
    QCOMPARE(store.append("789012", 6, 0), 4);
    QCOMPARE(store.append("xyz", 3, 0), 0);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.read(0, 100), QByteArray("1234567890"));
    QCOMPARE(store.droppedBytes(), 5);
    QCOMPARE(store.droppedChunks(), 2);
    QCOMPARE(store.chunkCount(), 2);
}

void tst_StreamStore::ringModeKeepsTheNewestBytes_data()
{
    QTest::addColumn<qint64>("memoryBudget");
    QTest::newRow("in memory") << qint64(1 << 20);
    QTest::newRow("spilled too") << qint64(2 * 4096); // keepBytes past the budget
}

void tst_StreamStore::ringModeKeepsTheNewestBytes()
{
    QFETCH(qint64, memoryBudget);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StreamStore::Options options;
    options.blockSize = 4096;
    options.memoryBudget = memoryBudget;
    options.keepBytes = 10000;
    options.spillDirectory = dir.path();
    StreamStore store(options);
    QRandomGenerator random(11);
    std::vector<StreamStore::Chunk> chunks;
    qint64 offset = 0;
    while (offset < 2000 * 1000) {
        const qint64 size = 1 + random.bounded(3000);
        QCOMPARE(store.append(pattern(offset, size), offset), size);
        chunks.push_back({offset, size, offset});
        offset += size;
        // Never fewer than keepBytes, never a block more than needed.
        const qint64 kept = offset - store.firstOffset();
        QVERIFY2(kept >= std::min(offset, options.keepBytes) && kept < options.keepBytes + 4096,
                 qPrintable(QString::number(kept)));
    }
    QVERIFY(store.spillError().isEmpty());
    // Evicted, counted, and read as nothing; what is kept reads back whole.
    const qint64 first = store.firstOffset();
    QCOMPARE(store.evictedBytes(), first);
    QCOMPARE(first % options.blockSize, 0);
    QCOMPARE(store.size(), offset);
    QCOMPARE(store.droppedBytes(), 0);
    QCOMPARE(store.read(first - 1, 10), QByteArray());
    QCOMPARE(store.read(0, 10), QByteArray());
    QCOMPARE(store.read(first, offset), pattern(first, offset - first));
    // Chunk indexes are the whole stream's; the first kept chunk starts at or
    // after the cut, and the one before it went.
    QCOMPARE(store.chunkCount(), qint64(chunks.size()));
    const qint64 firstChunk = store.firstChunk();
    QCOMPARE(store.evictedChunks(), firstChunk);
    QVERIFY(chunks[size_t(firstChunk)].offset >= first);
    QVERIFY(chunks[size_t(firstChunk - 1)].offset < first);
    QCOMPARE(store.chunk(firstChunk - 1).size, 0);
    for (qint64 i = firstChunk; i < qint64(chunks.size()); ++i) {
        const StreamStore::Chunk chunk = store.chunk(i);
        QCOMPARE(chunk.offset, chunks[size_t(i)].offset);
        QCOMPARE(chunk.size, chunks[size_t(i)].size);
        QCOMPARE(store.chunkIndexAt(chunk.offset), i);
    }
    QCOMPARE(store.chunkIndexAt(first - 1), -1);
    // Memory and disk hold about keepBytes, not the two megabytes sent.
    store.waitForSpill();
    QVERIFY2(store.residentBytes() + store.spilledBytes() <= options.keepBytes + 2 * 4096,
             qPrintable(QString::number(store.residentBytes() + store.spilledBytes())));
}

void tst_StreamStore::concurrentReaderSeesConsistentPrefix()
{
    // One writer appends while a reader keeps reading what is published; every
    // byte the reader sees must be the byte that was written there.
    StreamStore::Options options;
    options.blockSize = 4096;
    options.memoryBudget = 64 * 1024; // spill while reading, too
    QTemporaryDir dir;
    options.spillDirectory = dir.path();
    StreamStore store(options);
    const qint64 total = 8 * 1024 * 1024;
    std::atomic<bool> done {false};
    std::atomic<qint64> mismatches {0};
    std::atomic<qint64> reads {0};

    std::thread reader([&] {
        QRandomGenerator random(11);
        QByteArray buffer(8192, Qt::Uninitialized);
        while (!done.load()) {
            const qint64 size = store.size();
            if (size == 0)
                continue;
            const qint64 chunks = store.chunkCount();
            const StreamStore::Chunk last = store.chunk(chunks - 1);
            if (last.end() > store.size())
                mismatches.fetch_add(1); // a chunk past the published length
            // Half the reads at the newest bytes, where a writer that published
            // too early would still be copying; half anywhere, spilled blocks too.
            const qint64 at = (reads.load() % 2) ? std::max<qint64>(0, size - 64)
                                                 : qint64(random.bounded(quint64(size)));
            const qint64 n = store.read(at, buffer.data(), buffer.size());
            for (qint64 i = 0; i < n; ++i) {
                if (buffer[i] != byteAt(at + i)) {
                    mismatches.fetch_add(1);
                    break;
                }
            }
            reads.fetch_add(1);
        }
    });

    QRandomGenerator random(5);
    qint64 offset = 0;
    while (offset < total) {
        const qint64 size = std::min<qint64>(total - offset, 1 + random.bounded(3000));
        store.append(pattern(offset, size), offset);
        offset += size;
        // Halfway, let the reader in: a writer that spills on its own thread
        // may otherwise finish before the reader's first read.
        if (offset >= total / 2 && offset - size < total / 2) {
            while (reads.load() == 0)
                std::this_thread::yield();
        }
    }
    done.store(true);
    reader.join();
    QCOMPARE(mismatches.load(), 0);
    QVERIFY(reads.load() > 0);
    QCOMPARE(store.read(0, total), pattern(0, total));
}

void tst_StreamStore::sharedBytesAreTheSources_data()
{
    QTest::addColumn<qint64>("ownFrom");
    // The user's own bytes begin inside the first block, or blocks later.
    QTest::newRow("own bytes in block 0") << qint64(40);
    QTest::newRow("own bytes from block 10") << qint64(700);
}

void tst_StreamStore::sharedBytesAreTheSources()
{
    QFETCH(qint64, ownFrom);
    QTemporaryDir dir;
    StreamStore::Options options;
    options.blockSize = 64;
    options.memoryBudget = 128;
    options.spillDirectory = dir.path();
    auto source = std::make_shared<StreamStore>(options);
    StreamStore shared(options);
    QVERIFY(shared.shareBytesOf(source));
    QCOMPARE(source->append(pattern(0, 1200), 1), qint64(1200));
    // Written in other pieces than read: chunks of its own, no bytes.
    for (qint64 at = 0; at < ownFrom; at += 20)
        QCOMPARE(shared.append(pattern(at, std::min<qint64>(20, ownFrom - at)), 2 + at),
                 std::min<qint64>(20, ownFrom - at));
    QCOMPARE(shared.chunkCount(), (ownFrom + 19) / 20);
    QCOMPARE(shared.chunk(1), (ChunkRecord {20, 20, 22}));
    QCOMPARE(shared.read(0, 5000), pattern(0, ownFrom));
    QCOMPARE(shared.residentBytes() + shared.spilledBytes(), qint64(0));

    // Bytes of its own from ownFrom on, past the budget: kept and spilled here.
    shared.stopSharingAt(ownFrom);
    const QByteArray own(500, 'o');
    QCOMPARE(shared.append(own, 3), qint64(500));
    QCOMPARE(shared.append(pattern(ownFrom, 10), 4), qint64(10));
    shared.waitForSpill();
    QVERIFY(shared.spilledBytes() > 0);
    QVERIFY(shared.residentBytes() + shared.spilledBytes() <= 510 + 2 * options.blockSize);
    const QByteArray expected = pattern(0, ownFrom) + own + pattern(ownFrom, 10);
    QCOMPARE(shared.read(0, 5000), expected);
    for (qint64 at = 0; at < expected.size(); at += 13)
        QCOMPARE(shared.read(at, 70), expected.mid(at, 70));
    QVERIFY(!shared.shareBytesOf(source));
}

void tst_StreamStore::sharingStopsAtWhatTheSourceDropped()
{
    StreamStore::Options capped;
    capped.maxBytes = 100;
    auto source = std::make_shared<StreamStore>(capped);
    StreamStore shared;
    QVERIFY(shared.shareBytesOf(source));
    QCOMPARE(source->append(pattern(0, 150), 1), qint64(100));
    QCOMPARE(source->alignedSize(), qint64(100));
    // What the source could not keep, the writes cannot show: counted as
    // dropped, and nothing after it either, whatever the source keeps then.
    QCOMPARE(shared.append(pattern(0, 150), 2), qint64(100));
    QCOMPARE(shared.droppedBytes(), qint64(50));
    QCOMPARE(shared.append(pattern(150, 10), 3), qint64(0));
    QCOMPARE(shared.droppedBytes(), qint64(60));
    QCOMPARE(shared.read(0, 500), pattern(0, 100));
}

QTEST_GUILESS_MAIN(tst_StreamStore)
#include "tst_streamstore.moc"
