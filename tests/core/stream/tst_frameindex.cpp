// SPDX-License-Identifier: GPL-3.0-or-later
// The packed frame index answers exactly what a plain vector of frames
// answers, on regular and on random streams, in a few bytes per frame.
#include "stream/frameindex.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace TcpInspector;

class tst_FrameIndex : public QObject
{
    Q_OBJECT

private slots:
    void emptyIndex();
    void randomStreamsMatchAVector_data();
    void randomStreamsMatchAVector();
    void bytesPerFrame_data();
    void bytesPerFrame();
    void smallIndexesStaySmall();
    void extremeValuesRoundTrip();
    void clearAndMove();
    void spillsPagesAndReadsThemBack();
    void unwritableSpillKeepsPagesInMemory();
    void dropBeforeLetsWholeBlocksGo();
    void searchesByOffsetMatchAVector();
    void memoryStaysBoundedPastTheBudget_data();
    void memoryStaysBoundedPastTheBudget();
    void spilledAnswersEqualInMemoryAnswers_data();
    void spilledAnswersEqualInMemoryAnswers();

private:
    static std::vector<Frame> randomFrames(quint32 seed, int count, int variety);
    static void compare(const FrameIndex &index, const std::vector<Frame> &frames, quint32 seed);
    static void compareIndexes(const FrameIndex &spilled, const FrameIndex &inMemory, quint32 seed);
};

// variety 0: equal lines; 1: lines of varying length; 2: anything goes
// (gaps, prefixes, suffixes, headers, kinds, statuses, large values).
std::vector<Frame> tst_FrameIndex::randomFrames(quint32 seed, int count, int variety)
{
    QRandomGenerator random(seed);
    std::vector<Frame> frames;
    qint64 offset = variety == 2 ? random.bounded(1 << 20) : 0;
    for (int i = 0; i < count; ++i) {
        Frame frame;
        if (variety == 0) {
            frame = Frame::at(offset, 64);
            frame.payloadLength = 63; // the newline is not payload
        } else if (variety == 1) {
            const qint64 length = 1 + random.bounded(300);
            frame = Frame::at(offset, length);
            frame.payloadLength = length - 1;
        } else {
            offset += random.bounded(4) == 0 ? random.bounded(1 << 30) : 0;
            const qint64 length
                = random.bounded(8) == 0 ? qint64(random.generate64() >> 24) : random.bounded(5000);
            const qint64 start = length ? random.bounded(length + 1) : 0;
            frame = Frame::at(offset, length, start, qint32(random.bounded(1 << 20)),
                              quint16(random.bounded(65536)));
            frame.payloadLength = frame.payloadLength ? random.bounded(frame.payloadLength + 1) : 0;
            frame.status = random.bounded(3) == 0 ? Frame::EndedByEof : Frame::Complete;
        }
        frames.push_back(frame);
        offset = frame.end();
    }
    return frames;
}

void tst_FrameIndex::compare(const FrameIndex &index, const std::vector<Frame> &frames,
                             quint32 seed)
{
    QCOMPARE(index.size(), qint64(frames.size()));
    // In order, backwards, and at random: the cursor must not care.
    for (size_t i = 0; i < frames.size(); ++i)
        QCOMPARE(index.at(qint64(i)), frames[i]);
    for (size_t i = frames.size(); i-- > 0;)
        QCOMPARE(index.at(qint64(i)), frames[i]);
    QRandomGenerator random(seed);
    const qint64 size = qint64(frames.size());
    for (int probe = 0; probe < 2000 && size > 0; ++probe) {
        const qint64 i = random.bounded(size);
        QCOMPARE(index.at(i), frames[size_t(i)]);
        const qint64 count = random.bounded(400);
        const std::vector<Frame> range = index.range(i, count);
        const size_t end = size_t(std::min(size, i + count));
        QVERIFY(std::equal(range.begin(), range.end(), frames.begin() + i, frames.begin() + end));
        QCOMPARE(range.size(), end - size_t(i));
    }
    QCOMPARE(index.at(-1), Frame());
    QCOMPARE(index.at(size), Frame());
    QVERIFY(index.range(size, 10).empty());
    QCOMPARE(index.range(-5, 3).size(), size_t(std::min<qint64>(size, 3)));
}

void tst_FrameIndex::emptyIndex()
{
    FrameIndex index;
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.at(0), Frame());
    QVERIFY(index.range(0, 5).empty());
    QCOMPARE(index.memoryBytes(), 0);
}

void tst_FrameIndex::randomStreamsMatchAVector_data()
{
    QTest::addColumn<int>("variety");
    QTest::addColumn<int>("count");
    QTest::addColumn<quint32>("seed");
    for (int variety = 0; variety < 3; ++variety) {
        for (int count : {1, 127, 128, 129, 1000, 50000}) {
            const quint32 seed = quint32(variety * 100003 + count);
            QTest::addRow("variety %d, %d frames", variety, count) << variety << count << seed;
        }
    }
}

void tst_FrameIndex::randomStreamsMatchAVector()
{
    QFETCH(int, variety);
    QFETCH(int, count);
    QFETCH(quint32, seed);
    const std::vector<Frame> frames = randomFrames(seed, count, variety);
    FrameIndex index;
    // Appended in batches of any size, as chunks bring them.
    QRandomGenerator random(seed);
    size_t done = 0;
    while (done < frames.size()) {
        const size_t batch = std::min(frames.size() - done, size_t(1 + random.bounded(300)));
        index.append(std::vector<Frame>(frames.begin() + qptrdiff(done),
                                        frames.begin() + qptrdiff(done + batch)));
        done += batch;
    }
    compare(index, frames, seed);
}

void tst_FrameIndex::bytesPerFrame_data()
{
    QTest::addColumn<int>("variety");
    QTest::addColumn<double>("limit");
    QTest::newRow("64-byte lines") << 0 << 2.0;
    QTest::newRow("lines of 1 to 300 bytes") << 1 << 4.0;
}

void tst_FrameIndex::bytesPerFrame()
{
    QFETCH(int, variety);
    QFETCH(double, limit);
    const std::vector<Frame> frames = randomFrames(7, 1000000, variety);
    FrameIndex index;
    index.append(frames);
    const double perFrame = double(index.memoryBytes()) / double(frames.size());
    qInfo("%.2f bytes per frame (a Frame is %d)", perFrame, int(sizeof(Frame)));
    QVERIFY2(perFrame <= limit, qPrintable(QString::number(perFrame)));
}

void tst_FrameIndex::smallIndexesStaySmall()
{
    // Ten thousand connections with a message or two each.
    FrameIndex index;
    index.append(Frame::at(0, 10));
    index.append(Frame::at(10, 12));
    QVERIFY2(index.memoryBytes() <= 512, qPrintable(QString::number(index.memoryBytes())));
}

void tst_FrameIndex::extremeValuesRoundTrip()
{
    std::vector<Frame> frames;
    Frame big
        = Frame::at(std::numeric_limits<qint64>::max() / 4, std::numeric_limits<qint64>::max() / 8,
                    3, std::numeric_limits<qint32>::max(), 65535);
    frames.push_back(Frame::at(0, 0));
    frames.push_back(big);
    Frame after = Frame::at(big.end(), 1);
    after.headerLength = std::numeric_limits<qint32>::min();
    frames.push_back(after);
    frames.push_back(Frame::at(after.end() + 5, 0, 0, 0, 0));
    FrameIndex index;
    index.append(frames);
    for (size_t i = 0; i < frames.size(); ++i)
        QCOMPARE(index.at(qint64(i)), frames[i]);
}

void tst_FrameIndex::clearAndMove()
{
    const std::vector<Frame> frames = randomFrames(3, 1000, 2);
    FrameIndex index;
    index.append(frames);
    FrameIndex moved(std::move(index));
    compare(moved, frames, 3);
    moved.clear();
    QCOMPARE(moved.size(), 0);
    QCOMPARE(moved.at(0), Frame());
    moved.append(frames);
    compare(moved, frames, 4);
}

void tst_FrameIndex::spillsPagesAndReadsThemBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<Frame> frames = randomFrames(21, 200000, 1);
    FrameIndex index;
    index.setSpill(dir.path(), 128 * 1024);
    index.append(frames);
    QVERIFY(index.spillError().isEmpty());
    QVERIFY2(index.spilledBytes() > 256 * 1024, qPrintable(QString::number(index.spilledBytes())));
    // Resident: the budget, the page being written, the blocks, one page read back.
    const qint64 blocks = qint64(frames.size()) / FrameIndex::BlockFrames + 1;
    QVERIFY2(index.memoryBytes() <= 128 * 1024 + 2 * 64 * 1024 + blocks * 64,
             qPrintable(QString::number(index.memoryBytes())));
    compare(index, frames, 21);
    // Appending after reading back: the page in use is still the last one.
    const std::vector<Frame> more = randomFrames(22, 1000, 0);
    std::vector<Frame> all = frames;
    for (Frame frame : more) {
        frame.offset += frames.back().end();
        frame.payloadOffset += frames.back().end();
        all.push_back(frame);
        index.append(frame);
    }
    compare(index, all, 23);
}

void tst_FrameIndex::unwritableSpillKeepsPagesInMemory()
{
    const std::vector<Frame> frames = randomFrames(5, 100000, 1);
    FrameIndex index;
    index.setSpill(QStringLiteral("/nonexistent/tcpinspector-test"), 4096);
    index.append(frames);
    QVERIFY(index.spillError().contains(QStringLiteral("/nonexistent/tcpinspector-test")));
    QCOMPARE(index.spilledBytes(), 0);
    compare(index, frames, 5);
}

void tst_FrameIndex::dropBeforeLetsWholeBlocksGo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<Frame> frames = randomFrames(9, 100000, 1);
    FrameIndex index;
    index.setSpill(dir.path(), 64 * 1024);
    index.append(frames);
    const qint64 before = index.memoryBytes() + index.spilledBytes();
    const qint64 cut = frames[60000].offset + 5;
    index.dropBefore(cut);
    const qint64 first = index.firstIndex();
    QCOMPARE(first % FrameIndex::BlockFrames, 0);
    // Every frame that went ended before the cut; at most a block of those stays.
    QVERIFY(first > 60000 - FrameIndex::BlockFrames && first <= 60000);
    QVERIFY(frames[size_t(first - 1)].end() <= cut);
    QCOMPARE(index.size(), qint64(frames.size()));
    QCOMPARE(index.at(first - 1), Frame());
    for (qint64 i = first; i < index.size(); i += 97)
        QCOMPARE(index.at(i), frames[size_t(i)]);
    const std::vector<Frame> range = index.range(first - 2, 4);
    QCOMPARE(range.size(), size_t(4));
    QCOMPARE(range[1], Frame());
    QCOMPARE(range[2], frames[size_t(first)]);
    // 40 % of the frames stay; the page read back last and the page the cut
    // lies in stay too.
    const qint64 after = index.memoryBytes() + index.spilledBytes();
    QVERIFY2(after < before * 4 / 10 + 2 * 64 * 1024,
             qPrintable(QStringLiteral("%1 of %2").arg(after).arg(before)));
    // Dropping everything keeps the block being filled, and appends go on.
    index.dropBefore(frames.back().end());
    QVERIFY(index.firstIndex() < index.size());
    Frame next = Frame::at(frames.back().end(), 10);
    index.append(next);
    QCOMPARE(index.at(index.size() - 1), next);
}

void tst_FrameIndex::searchesByOffsetMatchAVector()
{
    // Gaps, zero-length frames and huge ones: what linking a byte range to
    // its messages meets.
    for (const int variety : {0, 1, 2}) {
        const std::vector<Frame> frames = randomFrames(quint32(31 + variety), 3000, variety);
        FrameIndex index;
        index.append(frames);
        QRandomGenerator random {quint32(variety)};
        const qint64 end = frames.back().end();
        for (int probe = 0; probe < 2000; ++probe) {
            const qint64 offset = probe % 3 == 0 ? frames[size_t(random.bounded(3000))].offset
                                                 : qint64(random.bounded(double(end + 10)));
            const auto byEnd = std::partition_point(
                frames.begin(), frames.end(), [&](const Frame &f) { return f.end() <= offset; });
            const auto byStart = std::partition_point(
                frames.begin(), frames.end(), [&](const Frame &f) { return f.offset < offset; });
            QCOMPARE(index.firstEndingAfter(offset), qint64(byEnd - frames.begin()));
            QCOMPARE(index.firstStartingAt(offset), qint64(byStart - frames.begin()));
        }
        QCOMPARE(index.firstEndingAfter(-1), 0);
        QCOMPARE(index.firstStartingAt(end + 1), qint64(frames.size()));
    }
}

void tst_FrameIndex::memoryStaysBoundedPastTheBudget_data()
{
    QTest::addColumn<int>("variety");
    QTest::addColumn<double>("limit"); ///< bytes per frame beyond what a million frames hold
    QTest::newRow("64-byte lines") << 0 << 0.005;
    QTest::newRow("lines of 1 to 300 bytes") << 1 << 0.005;
}

void tst_FrameIndex::memoryStaysBoundedPastTheBudget()
{
    // Block headers spill with the records: past the budget, what stays in
    // memory no longer grows with the frames but for a summary per page of
    // headers (an hour of 64-byte lines at 100 MB/s is 5.6 G frames).
    QFETCH(int, variety);
    QFETCH(double, limit);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const qint64 budget = 256 * 1024;
    FrameIndex index;
    index.setSpill(dir.path(), budget);
    QRandomGenerator random(41);
    qint64 offset = 0;
    qint64 afterMillion = 0;
    const int count = 4000000;
    for (int i = 0; i < count; ++i) {
        const qint64 length = variety == 0 ? 64 : 1 + random.bounded(300);
        Frame frame = Frame::at(offset, length);
        frame.payloadLength = length - 1;
        index.append(frame);
        offset = frame.end();
        if (i + 1 == 1000000)
            afterMillion = index.memoryBytes();
    }
    QVERIFY(index.spillError().isEmpty());
    const double growth = double(index.memoryBytes() - afterMillion) / (count - 1000000);
    QVERIFY2(growth <= limit, qPrintable(QString::number(growth)));
    // Reading old frames back brings in a page of records and one of headers.
    QCOMPARE(index.at(12345).offset, variety == 0 ? 12345 * 64 : index.at(12345).offset);
    QCOMPARE(index.firstEndingAfter(index.at(777777).offset), 777777);
    const qint64 memory = index.memoryBytes();
    qInfo("%lld bytes in memory for %d frames (%.0f frames a byte), %.4f bytes a frame past the "
          "first million; %lld bytes spilled",
          memory, count, double(count) / double(memory), growth, index.spilledBytes());
    // The budget, the pages being written (64 KiB of records, 16 KiB of
    // headers), one page of each read back, and the summaries.
    QVERIFY2(memory <= budget + 2 * (64 + 16) * 1024 + 16 * 1024,
             qPrintable(QString::number(memory)));
    QVERIFY2(double(memory) / count < 0.2, qPrintable(QString::number(memory)));
}

void tst_FrameIndex::compareIndexes(const FrameIndex &spilled, const FrameIndex &inMemory,
                                    quint32 seed)
{
    QCOMPARE(spilled.size(), inMemory.size());
    QCOMPARE(spilled.firstIndex(), inMemory.firstIndex());
    QRandomGenerator random(seed);
    const qint64 size = inMemory.size();
    const qint64 end = inMemory.at(size - 1).end();
    for (int probe = 0; probe < 1500; ++probe) {
        const qint64 i = random.bounded(size + 2) - 1;
        QCOMPARE(spilled.at(i), inMemory.at(i));
        const qint64 offset = qint64(random.bounded(double(end + 10)));
        QCOMPARE(spilled.firstEndingAfter(offset), inMemory.firstEndingAfter(offset));
        QCOMPARE(spilled.firstStartingAt(offset), inMemory.firstStartingAt(offset));
        if (probe % 10 == 0) {
            const qint64 count = random.bounded(300);
            QVERIFY(spilled.range(i, count) == inMemory.range(i, count));
        }
    }
    // In order from wherever the spilled pages begin.
    for (qint64 i = spilled.firstIndex(); i < size; i += 1 + random.bounded(3))
        QCOMPARE(spilled.at(i), inMemory.at(i));
}

void tst_FrameIndex::spilledAnswersEqualInMemoryAnswers_data()
{
    QTest::addColumn<int>("variety");
    QTest::addColumn<qint64>("budget");
    for (int variety = 0; variety < 3; ++variety) {
        for (qint64 budget : {0, 4096, 64 * 1024}) {
            QTest::addRow("variety %d, budget %lld", variety, budget) << variety << budget;
        }
    }
}

void tst_FrameIndex::spilledAnswersEqualInMemoryAnswers()
{
    // Hundreds of blocks, so that pages of headers spill too and lookups go
    // through the summaries, the headers read back and the records read back.
    QFETCH(int, variety);
    QFETCH(qint64, budget);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint32 seed = quint32(variety * 7 + 51);
    const std::vector<Frame> frames = randomFrames(seed, 100000, variety);
    FrameIndex spilled;
    spilled.setSpill(dir.path(), budget);
    spilled.append(frames);
    FrameIndex inMemory;
    inMemory.append(frames);
    QVERIFY(spilled.spillError().isEmpty());
    QVERIFY(spilled.spilledBytes() > 0);
    compareIndexes(spilled, inMemory, seed);
    // Ring mode on both, then more frames.
    const qint64 cut = frames[70000].offset + 1;
    spilled.dropBefore(cut);
    inMemory.dropBefore(cut);
    compareIndexes(spilled, inMemory, seed + 1);
    for (const Frame &frame : randomFrames(seed + 2, 5000, variety)) {
        Frame moved = frame;
        const qint64 shift = frames.back().end() + 7;
        moved.offset += shift;
        moved.payloadOffset += shift;
        spilled.append(moved);
        inMemory.append(moved);
    }
    compareIndexes(spilled, inMemory, seed + 3);
    spilled.dropBefore(spilled.at(spilled.size() - 1).offset);
    inMemory.dropBefore(inMemory.at(inMemory.size() - 1).offset);
    compareIndexes(spilled, inMemory, seed + 4);
}

QTEST_GUILESS_MAIN(tst_FrameIndex)
#include "tst_frameindex.moc"
