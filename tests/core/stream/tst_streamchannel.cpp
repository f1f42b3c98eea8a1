// SPDX-License-Identifier: GPL-3.0-or-later
// A channel in ring mode lets frames go with the bytes under them, keeps the
// indexes of the whole stream, and re-decodes only what it kept.
#include "stream/streamchannel.h"

#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_StreamChannel : public QObject
{
    Q_OBJECT

private slots:
    void ringModeLetsFramesGoWithTheirBytes();
    void spilledIndexesReadBackAfterAFramingSwitch();

private:
    static QByteArray line(int i) { return QByteArray::number(i).rightJustified(15, '0') + '\n'; }
};

void tst_StreamChannel::ringModeLetsFramesGoWithTheirBytes()
{
    StreamStore::Options options;
    options.blockSize = 4096;
    options.keepBytes = 64 * 1024;
    StreamChannel channel(Direction::Rx, options);
    QString error;
    QVERIFY2(channel.setFraming(QStringLiteral("line"), &error), qPrintable(error));
    const int lines = 100000; // 1.6 MB of 16-byte lines, 25 times the ring
    for (int i = 0; i < lines; ++i) {
        const QByteArray bytes = line(i);
        channel.append(bytes.constData(), bytes.size(), i);
    }
    QCOMPARE(channel.frameCount(), qint64(lines));
    const qint64 first = channel.firstFrame();
    const qint64 cut = channel.store().firstOffset();
    QVERIFY(first > 0 && cut > 0);
    // The frames kept are whole-stream indexes whose bytes are still there,
    // but for at most one block of 128 that ends before the cut.
    QVERIFY2(qint64(lines) - first <= 64 * 1024 / 16 + 4096 / 16 + 128,
             qPrintable(QString::number(first)));
    for (qint64 i = first; i < lines; i += 37) {
        const Frame frame = channel.frame(i);
        QCOMPARE(frame.offset, i * 16);
        if (frame.offset >= cut)
            QCOMPARE(channel.store().read(frame.offset, 16), line(int(i)));
    }
    QCOMPARE(channel.frame(first - 1), Frame());
    QCOMPARE(channel.firstFrameStartingAt(cut), cut / 16);

    // A framing switch decodes what is kept: the fixed frames line up with
    // the cut, since the cut lies on a block edge and lines are 16 bytes.
    QVERIFY2(channel.setFraming(QStringLiteral("fixed:len=16"), &error), qPrintable(error));
    const qint64 kept = channel.store().size() - channel.store().firstOffset();
    const qint64 firstChunkOffset = channel.store().chunk(channel.store().firstChunk()).offset;
    QCOMPARE(channel.frameCount(), (channel.store().size() - firstChunkOffset) / 16);
    QVERIFY(channel.frameCount() <= kept / 16);
    QCOMPARE(channel.store().read(channel.frame(0).offset, 16),
             line(int(channel.frame(0).offset / 16)));
}

void tst_StreamChannel::spilledIndexesReadBackAfterAFramingSwitch()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StreamStore::Options options;
    options.blockSize = 4096;
    options.memoryBudget = 64 * 1024; // indexes spill past 64 KiB / 16 = 4 KiB
    options.spillDirectory = dir.path();
    StreamChannel channel(Direction::Rx, options);
    QString error;
    QVERIFY2(channel.setFraming(QStringLiteral("line"), &error), qPrintable(error));
    const int lines = 50000;
    for (int i = 0; i < lines; ++i) {
        const QByteArray bytes = line(i);
        channel.append(bytes.constData(), bytes.size(), qint64(i) * 1000);
    }
    channel.store().waitForSpill();
    QVERIFY(channel.store().spilledBytes() > 0);
    QCOMPARE(channel.frameCount(), qint64(lines));
    QCOMPARE(channel.store().chunkCount(), qint64(lines));
    for (int i = 0; i < lines; i += 101) {
        QCOMPARE(channel.frame(i).offset, qint64(i) * 16);
        const StreamStore::Chunk chunk = channel.store().chunk(i);
        QCOMPARE(chunk.offset, qint64(i) * 16);
        QCOMPARE(chunk.timestampNs, qint64(i) * 1000);
        QCOMPARE(channel.store().chunkIndexAt(qint64(i) * 16 + 7), qint64(i));
    }
    QVERIFY2(channel.setFraming(QStringLiteral("fixed:len=32"), &error), qPrintable(error));
    QCOMPARE(channel.frameCount(), qint64(lines / 2));
    QCOMPARE(channel.frame(lines / 2 - 1).offset, qint64(lines - 2) * 16);
}

QTEST_GUILESS_MAIN(tst_StreamChannel)
#include "tst_streamchannel.moc"
