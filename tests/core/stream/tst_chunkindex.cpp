// SPDX-License-Identifier: GPL-3.0-or-later
// The packed chunk index answers what a plain vector of chunks answers, by
// index and by offset, in memory, spilled, and after ring mode let blocks go.
#include "stream/chunkindex.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace TcpInspector;

class tst_ChunkIndex : public QObject
{
    Q_OBJECT

private slots:
    void emptyIndex();
    void randomChunksMatchAVector_data();
    void randomChunksMatchAVector();
    void bytesPerChunk();
    void spillsAndReadsBack();
    void dropBeforeLetsWholeBlocksGo();
    void headersSpillPastTheBudget();
    void spilledAnswersEqualInMemoryAnswers();

private:
    static std::vector<ChunkRecord> randomChunks(quint32 seed, int count, bool gaps);
    static void compare(const ChunkIndex &index, const std::vector<ChunkRecord> &chunks,
                        quint32 seed);
    static qint64 vectorIndexAt(const std::vector<ChunkRecord> &chunks, qint64 offset);
};

std::vector<ChunkRecord> tst_ChunkIndex::randomChunks(quint32 seed, int count, bool gaps)
{
    QRandomGenerator random(seed);
    std::vector<ChunkRecord> chunks;
    qint64 offset = 0;
    qint64 time = qint64(random.bounded(1 << 30)) * 1000;
    for (int i = 0; i < count; ++i) {
        ChunkRecord chunk;
        if (gaps && random.bounded(5) == 0)
            offset += random.bounded(100000);
        chunk.offset = offset;
        chunk.size = random.bounded(10) == 0 ? qint64(random.generate64() >> 30)
                                             : 1 + random.bounded(70000);
        // Mostly forward, now and then equal or (clock steps) backward.
        time += random.bounded(8) == 0 ? -qint64(random.bounded(1000)) : random.bounded(5000000);
        chunk.timestampNs = time;
        chunks.push_back(chunk);
        offset = chunk.end();
    }
    return chunks;
}

qint64 tst_ChunkIndex::vectorIndexAt(const std::vector<ChunkRecord> &chunks, qint64 offset)
{
    const auto it = std::upper_bound(chunks.begin(), chunks.end(), offset,
                                     [](qint64 v, const ChunkRecord &c) { return v < c.offset; });
    if (it == chunks.begin())
        return -1;
    const qint64 index = qint64(it - chunks.begin()) - 1;
    return offset < chunks[size_t(index)].end() ? index : -1;
}

void tst_ChunkIndex::compare(const ChunkIndex &index, const std::vector<ChunkRecord> &chunks,
                             quint32 seed)
{
    QCOMPARE(index.size(), qint64(chunks.size()));
    const qint64 first = index.firstIndex();
    for (qint64 i = first; i < qint64(chunks.size()); ++i)
        QCOMPARE(index.at(i), chunks[size_t(i)]);
    for (qint64 i = qint64(chunks.size()); i-- > first;)
        QCOMPARE(index.at(i), chunks[size_t(i)]);
    QRandomGenerator random(seed);
    const qint64 end = chunks.empty() ? 0 : chunks.back().end();
    const qint64 start = first < qint64(chunks.size()) ? chunks[size_t(first)].offset : end;
    for (int probe = 0; probe < 3000 && end > start; ++probe) {
        const qint64 offset = start + qint64(random.bounded(double(end - start)));
        QCOMPARE(index.indexAt(offset), vectorIndexAt(chunks, offset));
    }
    QCOMPARE(index.indexAt(end), -1);
    QCOMPARE(index.indexAt(-1), -1);
    QCOMPARE(index.at(qint64(chunks.size())), ChunkRecord());
    QCOMPARE(index.at(first - 1), ChunkRecord());
}

void tst_ChunkIndex::emptyIndex()
{
    ChunkIndex index;
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.at(0), ChunkRecord());
    QCOMPARE(index.indexAt(0), -1);
    QCOMPARE(index.memoryBytes(), 0);
    index.dropBefore(100);
    QCOMPARE(index.size(), 0);
}

void tst_ChunkIndex::randomChunksMatchAVector_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("gaps");
    for (int count : {1, 127, 128, 129, 5000}) {
        QTest::addRow("%d contiguous", count) << count << false;
        QTest::addRow("%d with gaps", count) << count << true;
    }
}

void tst_ChunkIndex::randomChunksMatchAVector()
{
    QFETCH(int, count);
    QFETCH(bool, gaps);
    const std::vector<ChunkRecord> chunks = randomChunks(quint32(count), count, gaps);
    ChunkIndex index;
    for (const ChunkRecord &chunk : chunks)
        index.append(chunk);
    compare(index, chunks, quint32(count));
}

void tst_ChunkIndex::bytesPerChunk()
{
    // A chatty peer: a 64-byte message every 50 to 500 microseconds.
    QRandomGenerator random(3);
    ChunkIndex index;
    qint64 time = 0;
    const int count = 1000000;
    for (int i = 0; i < count; ++i) {
        time += 50000 + random.bounded(450000);
        index.append({qint64(i) * 64, 64, time});
    }
    const double perChunk = double(index.memoryBytes()) / count;
    qInfo("%.2f bytes per chunk (a ChunkRecord is %d)", perChunk, int(sizeof(ChunkRecord)));
    QVERIFY2(perChunk <= 5.0, qPrintable(QString::number(perChunk)));
}

void tst_ChunkIndex::spillsAndReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<ChunkRecord> chunks = randomChunks(8, 100000, false);
    ChunkIndex index;
    index.setSpill(dir.path(), 64 * 1024);
    for (const ChunkRecord &chunk : chunks)
        index.append(chunk);
    QVERIFY(index.spillError().isEmpty());
    QVERIFY2(index.spilledBytes() > 256 * 1024, qPrintable(QString::number(index.spilledBytes())));
    const qint64 blocks = qint64(chunks.size()) / ChunkIndex::BlockChunks + 1;
    QVERIFY2(index.memoryBytes() <= 64 * 1024 + 2 * 64 * 1024 + blocks * 64,
             qPrintable(QString::number(index.memoryBytes())));
    compare(index, chunks, 8);
}

void tst_ChunkIndex::dropBeforeLetsWholeBlocksGo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<ChunkRecord> chunks = randomChunks(12, 50000, false);
    ChunkIndex index;
    index.setSpill(dir.path(), 32 * 1024);
    for (const ChunkRecord &chunk : chunks)
        index.append(chunk);
    const qint64 before = index.memoryBytes() + index.spilledBytes();
    const qint64 cut = chunks[40000].offset + 1;
    index.dropBefore(cut);
    const qint64 first = index.firstIndex();
    // Whole blocks, all of whose chunks start before the cut.
    QCOMPARE(first % ChunkIndex::BlockChunks, 0);
    QVERIFY(first > 40000 - ChunkIndex::BlockChunks && first <= 40001);
    QVERIFY(chunks[size_t(first - 1)].offset < cut);
    compare(index, chunks, 13);
    QCOMPARE(index.indexAt(chunks[size_t(first - 1)].offset), -1);
    const qint64 after = index.memoryBytes() + index.spilledBytes();
    QVERIFY2(after < before * 3 / 10 + 2 * 64 * 1024,
             qPrintable(QStringLiteral("%1 of %2").arg(after).arg(before)));
    // Appends go on after a drop.
    const ChunkRecord next {chunks.back().end(), 10, chunks.back().timestampNs + 5};
    index.append(next);
    QCOMPARE(index.at(index.size() - 1), next);
    QCOMPARE(index.indexAt(next.offset + 3), index.size() - 1);
}

void tst_ChunkIndex::headersSpillPastTheBudget()
{
    // 64-byte reads: past the budget, the memory held stops growing with the
    // chunks (block headers spill too, a summary per page of them stays).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 budget = 128 * 1024;
    ChunkIndex index;
    index.setSpill(dir.path(), budget);
    const int count = 3000000;
    qint64 afterMillion = 0;
    for (int i = 0; i < count; ++i) {
        index.append({qint64(i) * 64, 64, qint64(i) * 1000});
        if (i + 1 == 1000000)
            afterMillion = index.memoryBytes();
    }
    const double growth = double(index.memoryBytes() - afterMillion) / (count - 1000000);
    // Reading back brings in a page of records and one of headers.
    QCOMPARE(index.indexAt(64 * 123456 + 5), 123456);
    QCOMPARE(index.at(2999999).timestampNs, qint64(2999999) * 1000);
    const qint64 memory = index.memoryBytes();
    qInfo("%lld bytes in memory for %d chunks, %.4f bytes a chunk past the first million", memory,
          count, growth);
    QVERIFY2(growth <= 0.005, qPrintable(QString::number(growth)));
    QVERIFY2(memory <= budget + 2 * (64 + 16) * 1024 + 16 * 1024,
             qPrintable(QString::number(memory)));
}

void tst_ChunkIndex::spilledAnswersEqualInMemoryAnswers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const bool gaps : {false, true}) {
        const std::vector<ChunkRecord> chunks = randomChunks(gaps ? 61 : 62, 60000, gaps);
        ChunkIndex spilled;
        spilled.setSpill(dir.path(), 2048);
        ChunkIndex inMemory;
        for (const ChunkRecord &chunk : chunks) {
            spilled.append(chunk);
            inMemory.append(chunk);
        }
        QVERIFY(spilled.spilledBytes() > 0);
        for (const qint64 cut : {qint64(-1), chunks[45000].offset + 3}) {
            spilled.dropBefore(cut);
            inMemory.dropBefore(cut);
            QCOMPARE(spilled.firstIndex(), inMemory.firstIndex());
            QRandomGenerator random {quint32(cut)};
            const qint64 end = chunks.back().end();
            for (int probe = 0; probe < 3000; ++probe) {
                const qint64 offset = qint64(random.bounded(double(end + 10)));
                QCOMPARE(spilled.indexAt(offset), inMemory.indexAt(offset));
                const qint64 i = random.bounded(qint64(chunks.size()) + 2) - 1;
                QCOMPARE(spilled.at(i), inMemory.at(i));
            }
            compare(spilled, chunks, 63);
        }
    }
}

QTEST_GUILESS_MAIN(tst_ChunkIndex)
#include "tst_chunkindex.moc"
