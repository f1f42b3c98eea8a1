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

QTEST_GUILESS_MAIN(tst_Linking)
#include "tst_linking.moc"
