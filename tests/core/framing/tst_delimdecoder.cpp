// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

class tst_DelimDecoder : public QObject
{
    Q_OBJECT

private slots:
    void frames_data();
    void frames();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void delimiterCutByChunksIsFound();
    void eofSettlesACutOffDelimiter();
    void partialTailAtEof();
    void oversizeSkipReportsDiscardedBytes();
    void oversizeFailStops();
    void oversizeRunningToEofIsReported();
    void badSpecsAreRefused_data();
    void badSpecsAreRefused();
    void longFrameIsLinear();
    void throughput();
};

void tst_DelimDecoder::frames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<Frame>>("expected");

    QTest::newRow("nul") << "delim:hex=00" << QByteArray("ab\0cd\0", 6)
                         << QList<Frame> {frame(0, 3, 0, 2), frame(3, 3, 3, 2)};
    QTest::newRow("empty frames") << "delim:hex=00" << QByteArray("\0\0x", 3)
                                  << QList<Frame> {frame(0, 1, 0, 0), frame(1, 1, 1, 0)};
    QTest::newRow("crlf ignores lone lf") << "delim:hex=0d0a" << QByteArray("a\r\nb\nc\r\n")
                                          << QList<Frame> {frame(0, 3, 0, 1), frame(3, 5, 3, 3)};
    QTest::newRow("keep terminator")
        << "delim:hex=0d0a,terminator=keep" << QByteArray("a\r\nbc\r\n")
        << QList<Frame> {frame(0, 3, 0, 3), frame(3, 4, 3, 4)};
    QTest::newRow("kind is the delimiter's index")
        << "delim:hex=00,hex=0a" << QByteArray("a\nb\0", 4)
        << QList<Frame> {frame(0, 2, 0, 1, 0, 1), frame(2, 2, 2, 1, 0, 0)};
    // Netty: the delimiter giving the shortest frame wins, whatever the order.
    QTest::newRow("shortest frame wins")
        << "delim:hex=0a,hex=0d0a" << QByteArray("ab\r\nc\n")
        << QList<Frame> {frame(0, 4, 0, 2, 0, 1), frame(4, 2, 4, 1, 0, 0)};
    QTest::newRow("tie goes to the first listed (short first)")
        << "delim:hex=0d0a,hex=0d0a0d0a" << QByteArray("a\r\n\r\nb")
        << QList<Frame> {frame(0, 3, 0, 1), frame(3, 2, 3, 0)};
    QTest::newRow("tie goes to the first listed (long first)")
        << "delim:hex=0d0a0d0a,hex=0d0a" << QByteArray("a\r\n\r\nb\r\n")
        << QList<Frame> {frame(0, 5, 0, 1), frame(5, 3, 5, 1, 0, 1)};
    QTest::newRow("earlier start beats a shorter delimiter")
        << "delim:hex=616263,hex=62" << QByteArray("xabcyb")
        << QList<Frame> {frame(0, 4, 0, 1, 0, 0), frame(4, 2, 4, 1, 0, 1)};
    QTest::newRow("delimiters do not overlap")
        << "delim:hex=6161" << QByteArray("aaaaa")
        << QList<Frame> {frame(0, 2, 0, 0), frame(2, 2, 2, 0)};
    QTest::newRow("max is inclusive")
        << "delim:hex=00,max=3" << QByteArray("abc\0", 4) << QList<Frame> {frame(0, 4, 0, 3)};
    QTest::newRow("max counts content only")
        << "delim:hex=2d2d2d,max=1" << QByteArray("a---") << QList<Frame> {frame(0, 4, 0, 1)};
    QTest::newRow("three first bytes")
        << "delim:hex=00,hex=0a,hex=ff"
        << QByteArray("a\xff"
                      "b\0c\n",
                      6)
        << QList<Frame> {frame(0, 2, 0, 1, 0, 2), frame(2, 2, 2, 1), frame(4, 2, 4, 1, 0, 1)};
    // More first bytes than the memchr path takes: the table scan.
    QTest::newRow("five first bytes")
        << "delim:hex=00,hex=0a,hex=0d,hex=7c,hex=2d2d" << QByteArray("a-b--c|d\re")
        << QList<Frame> {frame(0, 5, 0, 3, 0, 4), frame(5, 2, 5, 1, 0, 3), frame(7, 2, 7, 1, 0, 2)};
}

void tst_DelimDecoder::frames()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<Frame>, expected);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(QList<Frame>(run.frames.begin(), run.frames.end()), expected);
    QVERIFY(run.errors.empty());
}

void tst_DelimDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    static const char mixedBytes[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\nbody\0with nul\0\r\n\r\r\n\n"
                                     "--boundary--\r\n\r\n\r\nabcabab\r\nlonger text before "
                                     "the end\r\n\r";
    const QByteArray mixed(mixedBytes, sizeof(mixedBytes) - 1);
    for (const char *spec :
         {"delim:hex=0d0a", "delim:hex=0a,hex=0d0a", "delim:hex=0d0a,hex=0a",
          "delim:hex=0d0a0d0a,hex=0d0a", "delim:hex=0d0a,hex=0d0a0d0a,terminator=keep",
          "delim:hex=00,hex=0d0a0d0a", "delim:hex=616263,hex=6162,hex=62",
          "delim:hex=2d2d626f756e646172792d2d", "delim:hex=0d0a,max=6",
          "delim:hex=0d0a0d0a,hex=00,max=10", "delim:hex=0d0a,max=6,oversize=fail",
          "delim:hex=0d0a0d0a,max=3,oversize=fail", "delim:hex=0d,hex=0a,hex=00,max=12",
          "delim:hex=00,hex=0a,hex=0d,hex=7c,hex=2d2d,max=20"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed;
    // A tail that is a cut-off delimiter, settled only by EOF.
    QTest::newRow("cut-off tail") << "delim:hex=0d0a0d0a,hex=0a" << QByteArray("a\r\nb\r\n\r");
    QTest::newRow("oversize tail") << "delim:hex=0d0a,max=4" << QByteArray("ab\r\n0123456789\r");
}

void tst_DelimDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QVERIFY(checkChunkingInvariance(spec, bytes));
}

void tst_DelimDecoder::delimiterCutByChunksIsFound()
{
    // A 4-byte delimiter fed one byte at a time.
    const DecodeRun run
        = decodeWithCuts("delim:hex=0d0a0d0a", "head\r\n\r\nbody", {4, 5, 6, 7, 8}, false);
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.frames[0], frame(0, 8, 0, 4));
    QCOMPARE(run.partial.offset, 8);
    QCOMPARE(run.partial.held, 4);
}

void tst_DelimDecoder::eofSettlesACutOffDelimiter()
{
    // "abc" may start at 1 and would beat "b" at 2; only EOF says it does not.
    const DecodeRun open = decodeOneShot("delim:hex=616263,hex=62", "xab", false);
    QVERIFY(open.frames.empty());
    QCOMPARE(open.partial.held, 3);
    const DecodeRun closed = decodeOneShot("delim:hex=616263,hex=62", "xab", true);
    QCOMPARE(closed.frames.size(), size_t(1));
    QCOMPARE(closed.frames[0], frame(0, 3, 0, 2, 0, 1));
    QCOMPARE(closed.partial.held, 0);
}

void tst_DelimDecoder::partialTailAtEof()
{
    const DecodeRun run = decodeOneShot("delim:hex=0d0a", "ab\r\ncd\r");
    QCOMPARE(run.frames.size(), size_t(1));
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.offset, 4);
    QCOMPARE(run.partial.held, 3);
    QCOMPARE(run.partial.needed, -1);
}

void tst_DelimDecoder::oversizeSkipReportsDiscardedBytes()
{
    const DecodeRun run
        = decodeWithCuts("delim:hex=0d0a,max=4", "ok\r\ntoolong\r\nok2\r\n", {6, 11, 12});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[0], frame(0, 4, 0, 2));
    QCOMPARE(run.frames[1], frame(13, 5, 13, 3));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 4);
    QCOMPARE(run.errors[0].discarded, 9); // "toolong\r\n"
    QVERIFY(!run.errors[0].fatal);
    QVERIFY(!run.failed);
}

void tst_DelimDecoder::oversizeFailStops()
{
    const DecodeRun run
        = decodeWithCuts("delim:hex=0d0a,max=4,oversize=fail", "ok\r\ntoolong\r\nok\r\n", {7});
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 4);
    QVERIFY(run.errors[0].fatal);
    QVERIFY(run.failed);
    QCOMPARE(run.undecoded, 13); // everything from the oversize frame on
}

void tst_DelimDecoder::oversizeRunningToEofIsReported()
{
    const DecodeRun run = decodeOneShot("delim:hex=00,max=4", QByteArray("a\0"
                                                                         "0123456789",
                                                                         12));
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].offset, 2);
    QCOMPARE(run.errors[0].discarded, 10);
    QCOMPARE(run.partial.offset, 12);
    QCOMPARE(run.partial.held, 0);
}

void tst_DelimDecoder::badSpecsAreRefused_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("no delimiter") << "delim";
    QTest::newRow("empty hex") << "delim:hex=";
    QTest::newRow("odd digits") << "delim:hex=0d0";
    QTest::newRow("too long") << "delim:hex=" + QString(2 * 257, QLatin1Char('a'));
    QTest::newRow("zero max") << "delim:hex=00,max=0";
}

void tst_DelimDecoder::badSpecsAreRefused()
{
    QFETCH(QString, spec);
    QString error;
    QVERIFY(!DecoderRegistry::instance().create(spec, &error));
    QVERIFY(!error.isEmpty());
}

void tst_DelimDecoder::longFrameIsLinear()
{
    // 64 MB without a delimiter, in 4 KiB reads that each end in the first
    // byte of "\r\n": the carry must stay one byte, not grow with the frame.
    const qint64 total = 64 * 1024 * 1024;
    const qint64 chunk = 4096;
    QByteArray block(chunk, 'x');
    block[chunk - 1] = '\r';
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create("delim:hex=0d0a,max=128M", nullptr);
    QVERIFY(decoder);
    FrameSink sink;
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < total; at += chunk)
        decoder->feed(block, sink);
    decoder->feed("\n", 1, sink);
    const qint64 ms = timer.elapsed();
    QCOMPARE(sink.frames.size(), size_t(1));
    QCOMPARE(sink.frames[0].length, total + 1);
    QCOMPARE(sink.frames[0].payloadLength, total - 1);
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
}

void tst_DelimDecoder::throughput()
{
    // 64-byte messages in 64 KiB reads; the figure is printed, not asserted,
    // because sanitizer and debug builds run this too.
    for (const char *spec : {"delim:hex=0a", "delim:hex=0d0a", "delim:hex=00,hex=0a"}) {
        QByteArray message(62, 'm');
        message += QByteArray(spec).contains("0d0a") ? "\r\n" : "x\n";
        const QByteArray block = message.repeated(1024);
        QVERIFY(decodeRepeatedly(spec, block, 1024));
    }
}

QTEST_GUILESS_MAIN(tst_DelimDecoder)
#include "tst_delimdecoder.moc"
