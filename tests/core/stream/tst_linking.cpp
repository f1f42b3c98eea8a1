// SPDX-License-Identifier: GPL-3.0-or-later
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "stream/linking.h"
#include "stream/streamstore.h"

#include <QTest>

using namespace TcpInspector;

class tst_Linking : public QObject
{
    Q_OBJECT

private slots:
    void chunksOfFrames();
    void framesOfChunks();
    void framesWithGaps();
    void emptyInputs();
    void unite_data();
    void unite();
    void partitionPointFindsTheFirstNotBefore_data();
    void partitionPointFindsTheFirstNotBefore();
    void itemsTouchingAgreesWithFramesTouching();
};

namespace {
// "aaaa\n" + "bb\ncc" + "c\n" + "\n": three reads, four lines.
struct Fixture
{
    StreamStore store;
    std::vector<Frame> frames;

    Fixture()
    {
        const QList<QByteArray> reads {"aaaa\n", "bb\ncc", "c\n\n"};
        auto decoder = DecoderRegistry::instance().create(QStringLiteral("line"), nullptr);
        FrameSink sink;
        for (const QByteArray &read : reads) {
            store.append(read, 0);
            decoder->feed(read, sink);
        }
        frames = sink.frames;
    }
};
} // namespace

Q_DECLARE_METATYPE(TcpInspector::IndexRange)

void tst_Linking::chunksOfFrames()
{
    Fixture f;
    QCOMPARE(f.frames.size(), size_t(4));
    const QList<IndexRange> expected {{0, 0}, {1, 1}, {1, 2}, {2, 2}};
    for (size_t i = 0; i < f.frames.size(); ++i) {
        const IndexRange r = chunksOfRange(f.store, f.frames[i].offset, f.frames[i].length);
        QCOMPARE(r.first, expected.at(qsizetype(i)).first);
        QCOMPARE(r.last, expected.at(qsizetype(i)).last);
    }
}

void tst_Linking::framesOfChunks()
{
    Fixture f;
    const QList<IndexRange> expected {{0, 0}, {1, 2}, {2, 3}};
    for (qint64 i = 0; i < f.store.chunkCount(); ++i) {
        const StreamStore::Chunk c = f.store.chunk(i);
        const IndexRange r = framesTouching(f.frames, c.offset, c.size);
        QCOMPARE(r.first, expected.at(i).first);
        QCOMPARE(r.last, expected.at(i).last);
    }
}

void tst_Linking::framesWithGaps()
{
    // Skipped (oversize) bytes leave holes between frames.
    std::vector<Frame> frames(3);
    frames[0].offset = 0, frames[0].length = 5;
    frames[1].offset = 20, frames[1].length = 5;
    frames[2].offset = 25, frames[2].length = 1;
    QVERIFY(framesTouching(frames, 6, 10).isEmpty());
    QCOMPARE(framesTouching(frames, 4, 17), (IndexRange {0, 1}));
    QCOMPARE(framesTouching(frames, 24, 2), (IndexRange {1, 2}));
    QCOMPARE(framesTouching(frames, 26, 5).count(), 0);
}

void tst_Linking::emptyInputs()
{
    StreamStore store;
    QVERIFY(chunksOfRange(store, 0, 10).isEmpty());
    QVERIFY(framesTouching({}, 0, 10).isEmpty());
    Fixture f;
    QVERIFY(chunksOfRange(f.store, 0, 0).isEmpty());
    QVERIFY(chunksOfRange(f.store, 100, 1).isEmpty());
}

void tst_Linking::unite_data()
{
    QTest::addColumn<IndexRange>("range");
    QTest::addColumn<IndexRange>("other");
    QTest::addColumn<IndexRange>("expected");
    const IndexRange empty;
    QTest::newRow("empty and empty") << empty << empty << empty;
    QTest::newRow("empty takes other") << empty << IndexRange {3, 5} << IndexRange {3, 5};
    QTest::newRow("other empty") << IndexRange {3, 5} << empty << IndexRange {3, 5};
    QTest::newRow("a row below") << IndexRange {3, 5} << IndexRange {1, 1} << IndexRange {1, 5};
    QTest::newRow("a row above") << IndexRange {3, 5} << IndexRange {9, 9} << IndexRange {3, 9};
    QTest::newRow("inside") << IndexRange {3, 5} << IndexRange {4, 4} << IndexRange {3, 5};
    QTest::newRow("gap between") << IndexRange {0, 1} << IndexRange {7, 8} << IndexRange {0, 8};
    QTest::newRow("other empty but far")
        << IndexRange {3, 5} << IndexRange {20, 10} << IndexRange {3, 5};
    QTest::newRow("row 0") << empty << IndexRange {0, 0} << IndexRange {0, 0};
}

void tst_Linking::unite()
{
    QFETCH(IndexRange, range);
    QFETCH(IndexRange, other);
    QFETCH(IndexRange, expected);
    IndexRange &result = range.unite(other);
    QCOMPARE(&result, &range);
    QCOMPARE(range.isEmpty(), expected.isEmpty());
    if (!expected.isEmpty()) {
        QCOMPARE(range.first, expected.first);
        QCOMPARE(range.last, expected.last);
    }
}

void tst_Linking::partitionPointFindsTheFirstNotBefore_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<qint64>("boundary");
    QTest::newRow("no items") << qint64(0) << qint64(0);
    QTest::newRow("none before") << qint64(10) << qint64(0);
    QTest::newRow("all before") << qint64(10) << qint64(10);
    QTest::newRow("middle") << qint64(10) << qint64(4);
    QTest::newRow("one item, before") << qint64(1) << qint64(1);
    QTest::newRow("odd count") << qint64(7) << qint64(6);
}

void tst_Linking::partitionPointFindsTheFirstNotBefore()
{
    QFETCH(qint64, count);
    QFETCH(qint64, boundary);
    int probes = 0;
    const qint64 point = partitionPoint(count, [&](qint64 i) {
        ++probes;
        return i < boundary;
    });
    QCOMPARE(point, boundary);
    QVERIFY(probes <= 5); // log2 steps, never a walk
}

void tst_Linking::itemsTouchingAgreesWithFramesTouching()
{
    std::vector<Frame> frames(4);
    frames[0].offset = 0, frames[0].length = 5;
    frames[1].offset = 5, frames[1].length = 3;
    frames[2].offset = 20, frames[2].length = 5;
    frames[3].offset = 25, frames[3].length = 1;
    const auto startOf = [&](qint64 i) {
        return frames[size_t(i)].offset;
    };
    const auto endOf = [&](qint64 i) {
        return frames[size_t(i)].end();
    };
    for (qint64 from = 0; from < 30; ++from) {
        for (qint64 to = from + 1; to <= 30; ++to) {
            const IndexRange probed
                = itemsTouching(qint64(frames.size()), from, to, startOf, endOf);
            QCOMPARE(probed, framesTouching(frames, from, to - from));
        }
    }
    QVERIFY(itemsTouching(0, 0, 10, startOf, endOf).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Linking)
#include "tst_linking.moc"
