// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

namespace {
QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

/// value as a big- or little-endian field of n bytes.
QByteArray field(quint64 value, int n, bool big = true)
{
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i)
        out[big ? n - 1 - i : i] = char(value >> (8 * i));
    return out;
}
} // namespace

class tst_LengthDecoder : public QObject
{
    Q_OBJECT

private slots:
    void nettyExamples_data();
    void nettyExamples();
    void frames_data();
    void frames();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void malformedSkipDiscardsTheHeader();
    void malformedFailStops();
    void shorterThanStripIsDiscarded();
    void oversizeSkipDiscardsTheClaimedFrame();
    void oversizeFailStops();
    void hugeLengthStopsEvenWhenSkipping();
    void partialTailAtEof_data();
    void partialTailAtEof();
    void badSpecsAreRefused_data();
    void badSpecsAreRefused();
    void throughput();
};

// The examples of Netty's LengthFieldBasedFrameDecoder javadoc, one per row.
void tst_LengthDecoder::nettyExamples_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Frame>("expected");
    const QByteArray hello("HELLO, WORLD"); // 12 bytes

    // lengthFieldOffset 0, lengthFieldLength 2, lengthAdjustment 0, initialBytesToStrip 0
    QTest::newRow("2 bytes length field at offset 0, do not strip header")
        << "length:bytes=2" << hex("000C") + hello << frame(0, 14, 0, 14, 2);
    QTest::newRow("2 bytes length field at offset 0, strip header")
        << "length:bytes=2,strip=2" << hex("000C") + hello << frame(0, 14, 2, 12, 2);
    QTest::newRow("length field counts the whole message")
        << "length:bytes=2,adjust=-2" << hex("000E") + hello << frame(0, 14, 0, 14, 2);
    QTest::newRow("3 bytes length field at the end of a 5 bytes header")
        << "length:bytes=3,offset=2" << hex("CAFE00000C") + hello << frame(0, 17, 0, 17, 5);
    QTest::newRow("3 bytes length field at the beginning of a 5 bytes header")
        << "length:bytes=3,adjust=2" << hex("00000CCAFE") + hello << frame(0, 17, 0, 17, 3);
    QTest::newRow("2 bytes length field at offset 1 in the middle of a 4 bytes header, strip "
                  "the first header field and the length field")
        << "length:bytes=2,offset=1,adjust=1,strip=3" << hex("CA000CFE") + hello
        << frame(0, 16, 3, 13, 3);
    QTest::newRow("2 bytes length field at offset 1 in the middle of a 4 bytes header, strip "
                  "the first header field and the length field, the length field counts the "
                  "whole message")
        << "length:bytes=2,offset=1,adjust=-3,strip=3" << hex("CA0010FE") + hello
        << frame(0, 16, 3, 13, 3);
}

void tst_LengthDecoder::nettyExamples()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(Frame, expected);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.frames[0], expected);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.held, 0);
    QVERIFY(checkChunkingInvariance(spec, bytes + bytes + bytes.left(5), 100));
}

void tst_LengthDecoder::frames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<Frame>>("expected");

    QTest::newRow("default 4 bytes big endian")
        << "length" << hex("00000002") + "ab" + hex("00000000")
        << QList<Frame> {frame(0, 6, 0, 6, 4), frame(6, 4, 6, 4, 4)};
    QTest::newRow("1 byte") << "length:bytes=1,strip=1" << hex("03") + "abc" + hex("00")
                            << QList<Frame> {frame(0, 4, 1, 3, 1), frame(4, 1, 5, 0, 1)};
    QTest::newRow("2 bytes little endian")
        << "length:bytes=2,endian=little,strip=2" << hex("0300") + "abc"
        << QList<Frame> {frame(0, 5, 2, 3, 2)};
    QTest::newRow("3 bytes little endian") << "length:bytes=3,endian=little" << hex("010000") + "x"
                                           << QList<Frame> {frame(0, 4, 0, 4, 3)};
    QTest::newRow("8 bytes big endian") << "length:bytes=8,strip=8" << field(5, 8) + "hello"
                                        << QList<Frame> {frame(0, 13, 8, 5, 8)};
    QTest::newRow("8 bytes little endian")
        << "length:bytes=8,endian=little" << field(2, 8, false) + "hi"
        << QList<Frame> {frame(0, 10, 0, 10, 8)};
    QTest::newRow("field after a 2-byte type, strip both")
        << "length:offset=2,bytes=2,strip=4" << hex("00070003") + "abc"
        << QList<Frame> {frame(0, 7, 4, 3, 4)};
    // Strip may reach past the header: a 2-byte type that follows the length.
    QTest::newRow("strip beyond the header")
        << "length:bytes=1,adjust=2,strip=3" << hex("03") + "ty" + "abc"
        << QList<Frame> {frame(0, 6, 3, 3, 1)};
    QTest::newRow("frame exactly its header")
        << "length:bytes=2,adjust=-2" << hex("00020002")
        << QList<Frame> {frame(0, 2, 0, 2, 2), frame(2, 2, 2, 2, 2)};
    QTest::newRow("max is inclusive and counts the header")
        << "length:bytes=1,max=4" << hex("03") + "abc" << QList<Frame> {frame(0, 4, 0, 4, 1)};
}

void tst_LengthDecoder::frames()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<Frame>, expected);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(QList<Frame>(run.frames.begin(), run.frames.end()), expected);
    QVERIFY(run.errors.empty());
}

void tst_LengthDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");

    // 2-byte big-endian lengths: good frames, an empty one, an oversize one,
    // one shorter than its header (with adjust=-2) and a cut-off tail.
    const QByteArray mixed2 = hex("0005") + "hello" + hex("0000") + hex("0003") + "abc"
                              + hex("0014") + QByteArray(20, 'z') + hex("0001") + "!" + hex("0004")
                              + "four" + hex("0009") + "cut";
    for (const char *spec :
         {"length:bytes=2", "length:bytes=2,strip=2", "length:bytes=2,max=10",
          "length:bytes=2,max=10,oversize=fail", "length:bytes=2,adjust=-2",
          "length:bytes=2,adjust=-2,oversize=fail", "length:bytes=2,strip=4",
          "length:bytes=2,strip=4,oversize=fail", "length:bytes=1,offset=1",
          "length:bytes=3,endian=little,adjust=-1,max=64", "length:bytes=8,max=64"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed2;

    QByteArray mixed8;
    for (quint64 n : {0, 3, 17, 1, 2})
        mixed8 += field(n, 8, false) + QByteArray(int(n), char('a' + n));
    mixed8 += field(quint64(1) << 40, 8, false) + "after";
    for (const char *spec : {"length:bytes=8,endian=little", "length:bytes=8,endian=little,max=20",
                             "length:bytes=8,endian=little,offset=2,max=1K,strip=3"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed8;
}

void tst_LengthDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QVERIFY(checkChunkingInvariance(spec, bytes));
}

void tst_LengthDecoder::malformedSkipDiscardsTheHeader()
{
    // adjust=-2: the field counts the header, so 0001 makes a frame of -1 bytes.
    const DecodeRun run = decodeWithCuts("length:bytes=2,adjust=-2",
                                         hex("0003") + "a" + hex("0001") + hex("0004") + "bc", {4});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[0], frame(0, 3, 0, 3, 2));
    QCOMPARE(run.frames[1], frame(5, 4, 5, 4, 2));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 3);
    QCOMPARE(run.errors[0].discarded, 2);
    QVERIFY(!run.errors[0].fatal);
    QCOMPARE(run.partial.held, 0);
}

void tst_LengthDecoder::malformedFailStops()
{
    const DecodeRun run = decodeOneShot("length:bytes=2,adjust=-2,oversize=fail",
                                        hex("0003") + "a" + hex("0001") + hex("0004") + "bc");
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 3);
    QVERIFY(run.errors[0].fatal);
    QVERIFY(run.failed);
    QCOMPARE(run.undecoded, 6);
}

void tst_LengthDecoder::shorterThanStripIsDiscarded()
{
    // Netty skips such a frame and throws; skip does the same without throwing.
    const DecodeRun run = decodeOneShot("length:bytes=1,strip=3",
                                        hex("01") + "a" + hex("02") + "bc" + hex("03") + "xyz");
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[0], frame(2, 3, 5, 0, 1)); // exactly strip long: an empty payload
    QCOMPARE(run.frames[1], frame(5, 4, 8, 1, 1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 0);
    QCOMPARE(run.errors[0].discarded, 2);
    QVERIFY(!run.errors[0].fatal);
}

void tst_LengthDecoder::oversizeSkipDiscardsTheClaimedFrame()
{
    const QByteArray bytes
        = hex("05") + "small" + hex("20") + QByteArray(32, 'L') + hex("02") + "ok";
    const DecodeRun run = decodeWithCuts("length:bytes=1,strip=1,max=10", bytes, {8, 20});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[0], frame(0, 6, 1, 5, 1));
    QCOMPARE(run.frames[1], frame(39, 3, 40, 2, 1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 6);
    QCOMPARE(run.errors[0].discarded, 33);
    QVERIFY(!run.errors[0].fatal);

    // Until the skip ends nothing is reported; the partial tail shows it.
    const DecodeRun open = decodeOneShot("length:bytes=1,max=10", hex("20") + "abc", false);
    QVERIFY(open.errors.empty());
    QCOMPARE(open.partial.offset, 0);
    QCOMPARE(open.partial.held, 4);
    QCOMPARE(open.partial.needed, 29);
    // EOF ends it: discarded counts the bytes that came, never more.
    const DecodeRun closed = decodeOneShot("length:bytes=1,max=10", hex("20") + "abc", true);
    QCOMPARE(closed.errors.size(), size_t(1));
    QCOMPARE(closed.errors[0].kind, FrameError::Oversize);
    QCOMPARE(closed.errors[0].offset, 0);
    QCOMPARE(closed.errors[0].discarded, 4);
    QCOMPARE(closed.partial.offset, 4);
    QCOMPARE(closed.partial.held, 0);
}

void tst_LengthDecoder::oversizeFailStops()
{
    const QByteArray bytes = hex("0005") + "small" + hex("0020") + QByteArray(32, 'L');
    const DecodeRun run = decodeWithCuts("length:bytes=2,max=10,oversize=fail", bytes, {8});
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 7);
    QVERIFY(run.errors[0].fatal);
    QCOMPARE(run.undecoded, 34);
}

void tst_LengthDecoder::hugeLengthStopsEvenWhenSkipping()
{
    for (const char *spec :
         {"length:bytes=8", "length:bytes=8,max=9223372036854775807", "length:bytes=8,adjust=-8"}) {
        const DecodeRun run
            = decodeOneShot(QString::fromLatin1(spec), hex("FFFFFFFFFFFFFFF0") + "x");
        QCOMPARE(run.frames.size(), size_t(0));
        QCOMPARE(run.errors.size(), size_t(1));
        QCOMPARE(run.errors[0].kind, FrameError::Oversize);
        QVERIFY(run.errors[0].fatal);
    }
    // 2^62 fits a stream's offsets, so skip mode may skip it.
    const DecodeRun run = decodeOneShot("length:bytes=8", field(quint64(1) << 62, 8) + "x");
    QCOMPARE(run.errors.size(), size_t(1));
    QVERIFY(!run.errors[0].fatal);
    QCOMPARE(run.errors[0].discarded, 9); // what came before EOF
    // 2^63 is past the int64 limit even with the most negative adjust.
    const DecodeRun adjusted
        = decodeOneShot("length:bytes=8,adjust=-2147483647,max=9223372036854775807",
                        field(quint64(1) << 63, 8) + "x");
    QCOMPARE(adjusted.errors.size(), size_t(1));
    QVERIFY(adjusted.errors[0].fatal);
}

void tst_LengthDecoder::partialTailAtEof_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("held");
    QTest::addColumn<qint64>("needed");
    QTest::newRow("nothing") << "length:bytes=2" << hex("0001") + "a" << qint64(3) << qint64(0)
                             << qint64(-1);
    QTest::newRow("header cut") << "length:bytes=4" << hex("00000001") + "a" + hex("0000")
                                << qint64(5) << qint64(2) << qint64(-1);
    QTest::newRow("before the field")
        << "length:bytes=2,offset=3" << hex("AABB") << qint64(0) << qint64(2) << qint64(-1);
    QTest::newRow("body cut") << "length:bytes=2" << hex("0001") + "a" + hex("0010") + "abc"
                              << qint64(3) << qint64(5) << qint64(13);
}

void tst_LengthDecoder::partialTailAtEof()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, offset);
    QFETCH(qint64, held);
    QFETCH(qint64, needed);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.offset, offset);
    QCOMPARE(run.partial.held, held);
    QCOMPARE(run.partial.needed, needed);
}

void tst_LengthDecoder::badSpecsAreRefused_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("5 bytes") << "length:bytes=5";
    QTest::newRow("endian") << "length:endian=middle";
    QTest::newRow("adjust not a number") << "length:adjust=1K";
    QTest::newRow("adjust too negative") << "length:adjust=-3000000000";
    QTest::newRow("negative strip") << "length:strip=-1";
    QTest::newRow("max below the header") << "length:offset=4,bytes=4,max=7";
    QTest::newRow("strip beyond max") << "length:bytes=1,strip=20,max=10";
    QTest::newRow("offset too large") << "length:offset=1G";
}

void tst_LengthDecoder::badSpecsAreRefused()
{
    QFETCH(QString, spec);
    QString error;
    QVERIFY(!DecoderRegistry::instance().create(spec, &error));
    QVERIFY(!error.isEmpty());
}

void tst_LengthDecoder::throughput()
{
    // 64-byte messages (4-byte length + 60 bytes) in 64 KiB reads; printed,
    // not asserted, because sanitizer and debug builds run this too.
    const QByteArray block = (field(60, 4) + QByteArray(60, 'm')).repeated(1024);
    QVERIFY(decodeRepeatedly("length:bytes=4,strip=4", block, 1024));
}

QTEST_GUILESS_MAIN(tst_LengthDecoder)
#include "tst_lengthdecoder.moc"
