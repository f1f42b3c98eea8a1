// SPDX-License-Identifier: GPL-3.0-or-later
// Chunks summed per pixel column by binary searches, checked against a
// brute-force sum over random chunks, in the sparse and the dense case, at
// fractional column widths, and for the nearest chunk to a click.
#include "lanes/chunkbuckets.h"
#include "stream/streamstore.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace TcpInspector;

class tst_ChunkBuckets : public QObject
{
    Q_OBJECT

private slots:
    void emptyStore();
    void matchesBruteForce_data();
    void matchesBruteForce();
    void prefixOnly();
    void nearestChunk();
    void rates();
};

namespace {

struct Recorded
{
    StreamStore store;
    std::vector<StreamStore::Chunk> chunks;
};

// count chunks of 1 to maxSize bytes, timestamps rising by 0 to maxGap ns
// (equal stamps included: a burst of reads in the same nanosecond).
void fill(Recorded &r, int count, int maxSize, int maxGap, quint32 seed)
{
    QRandomGenerator random(seed);
    const QByteArray bytes(maxSize, 'x');
    qint64 time = 1000000 + random.bounded(1000);
    for (int i = 0; i < count; ++i) {
        time += random.bounded(maxGap + 1);
        const int size = 1 + random.bounded(maxSize);
        r.store.append(bytes.constData(), size, time);
    }
    for (qint64 i = 0; i < r.store.chunkCount(); ++i)
        r.chunks.push_back(r.store.chunk(i));
}

std::vector<ChunkBuckets::Column> bruteForce(const std::vector<StreamStore::Chunk> &chunks,
                                             double start, double perColumn, int columns)
{
    std::vector<ChunkBuckets::Column> result(static_cast<size_t>(columns));
    for (size_t i = 0; i < chunks.size(); ++i) {
        for (int k = 0; k < columns; ++k) {
            if (chunks[i].timestampNs >= ChunkBuckets::boundary(start, perColumn, k)
                && chunks[i].timestampNs < ChunkBuckets::boundary(start, perColumn, k + 1)) {
                ChunkBuckets::Column &c = result[size_t(k)];
                if (c.chunks == 0)
                    c.firstChunk = qint64(i);
                c.bytes += chunks[i].size;
                ++c.chunks;
                break;
            }
        }
    }
    return result;
}

} // namespace

void tst_ChunkBuckets::emptyStore()
{
    StreamStore store;
    const auto columns = ChunkBuckets::build(store, 0, 10, 50);
    QCOMPARE(columns.size(), size_t(50));
    for (const auto &c : columns)
        QVERIFY(c.bytes == 0 && c.chunks == 0 && c.firstChunk == -1);
    QCOMPARE(ChunkBuckets::nearestChunk(store, 123), qint64(-1));
    QCOMPARE(ChunkBuckets::build(store, 0, 10, 0).size(), size_t(0));
}

void tst_ChunkBuckets::matchesBruteForce_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("maxGap");
    QTest::addColumn<int>("columns");
    QTest::addColumn<double>("perColumnFactor"); // of the span / columns
    QTest::addColumn<double>("startFactor");     // of the span, from the first chunk
    // Sparse: fewer chunks than columns, each visited.
    QTest::newRow("sparse") << 300 << 5000 << 800 << 1.0 << -0.05;
    // Dense: thousands of chunks per column, only searched.
    QTest::newRow("dense") << 40000 << 30 << 97 << 1.0 << 0.0;
    // Zoomed in on the middle: chunks on both sides left out.
    QTest::newRow("zoomed in") << 20000 << 100 << 300 << 0.1 << 0.45;
    // Wider than the data: empty columns at both ends.
    QTest::newRow("zoomed out") << 5000 << 100 << 400 << 3.0 << -1.0;
    // Fractional column widths, bursts of equal timestamps.
    QTest::newRow("bursts") << 20000 << 2 << 333 << 1.0 << 0.0;
}

void tst_ChunkBuckets::matchesBruteForce()
{
    QFETCH(int, count);
    QFETCH(int, maxGap);
    QFETCH(int, columns);
    QFETCH(double, perColumnFactor);
    QFETCH(double, startFactor);
    for (quint32 seed = 1; seed <= 3; ++seed) {
        Recorded r;
        fill(r, count, 1500, maxGap, seed);
        const double first = double(r.chunks.front().timestampNs);
        const double span = double(r.chunks.back().timestampNs) - first + 1;
        // An irrational-ish width, so boundaries fall between nanoseconds.
        const double perColumn = span / columns * perColumnFactor * 1.0000731;
        const double start = first + span * startFactor - 0.37;
        const auto got = ChunkBuckets::build(r.store, start, perColumn, columns);
        const auto want = bruteForce(r.chunks, start, perColumn, columns);
        QCOMPARE(got.size(), want.size());
        qint64 total = 0;
        for (int k = 0; k < columns; ++k) {
            const auto &g = got[size_t(k)];
            const auto &w = want[size_t(k)];
            if (g.bytes != w.bytes || g.chunks != w.chunks || g.firstChunk != w.firstChunk)
                QFAIL(qPrintable(QStringLiteral("seed %1 column %2: got %3 B in %4 from %5, "
                                                "want %6 B in %7 from %8")
                                     .arg(seed)
                                     .arg(k)
                                     .arg(g.bytes)
                                     .arg(g.chunks)
                                     .arg(g.firstChunk)
                                     .arg(w.bytes)
                                     .arg(w.chunks)
                                     .arg(w.firstChunk)));
            total += g.bytes;
        }
        QVERIFY(total > 0);
        if (start <= first && start + perColumn * columns > first + span)
            QCOMPARE(total, r.store.size()); // everything is on screen
    }
}

void tst_ChunkBuckets::prefixOnly()
{
    Recorded r;
    fill(r, 1000, 100, 10, 5);
    // A paint that counted 600 chunks sees only those, however many follow.
    const auto columns = ChunkBuckets::build(r.store, 0, 1e9, 10, 600);
    qint64 chunks = 0;
    qint64 bytes = 0;
    for (const auto &c : columns) {
        chunks += c.chunks;
        bytes += c.bytes;
    }
    QCOMPARE(chunks, qint64(600));
    QCOMPARE(bytes, r.chunks[599].end());
}

void tst_ChunkBuckets::nearestChunk()
{
    StreamStore store;
    const char byte = 'x';
    for (qint64 t : {100, 200, 200, 400})
        store.append(&byte, 1, t);
    QCOMPARE(ChunkBuckets::nearestChunk(store, 0), qint64(0));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 149), qint64(0));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 150), qint64(0)); // a tie: the earlier
    QCOMPARE(ChunkBuckets::nearestChunk(store, 151), qint64(1));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 200), qint64(1));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 299), qint64(2));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 301), qint64(3));
    QCOMPARE(ChunkBuckets::nearestChunk(store, 1000000), qint64(3));
    QCOMPARE(ChunkBuckets::lowerBound(store, 200, 0, 4), qint64(1));
    QCOMPARE(ChunkBuckets::lowerBound(store, 201, 0, 4), qint64(3));
    QCOMPARE(ChunkBuckets::lowerBound(store, 401, 0, 4), qint64(4));
}

void tst_ChunkBuckets::rates()
{
    std::vector<ChunkBuckets::Column> columns(7);
    for (size_t i = 0; i < columns.size(); ++i)
        columns[i].bytes = qint64(i + 1) * 1000;
    // Columns of 1 ms, groups of 3: 6000 B, 15000 B and 7000 B per 3 ms
    // (the last group is short but has the same width in time).
    const std::vector<double> r = ChunkBuckets::rates(columns, 1e6, 3);
    QCOMPARE(r.size(), size_t(3));
    QCOMPARE(r[0], 6000 / 0.003);
    QCOMPARE(r[1], 15000 / 0.003);
    QCOMPARE(r[2], 7000 / 0.003);
}

QTEST_GUILESS_MAIN(tst_ChunkBuckets)
#include "tst_chunkbuckets.moc"
