// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

class tst_LineDecoder : public QObject
{
    Q_OBJECT

private slots:
    void frames_data();
    void frames();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void oversizeSkipReportsDiscardedBytes();
    void oversizeFailStops();
    void oversizeRunningToEofIsReported();
    void partialTailAtEof();
    void longLineIsLinear();
};

void tst_LineDecoder::frames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<Frame>>("expected");

    QTest::newRow("lf strip") << "line:eol=lf" << QByteArray("ab\ncd\n")
                              << QList<Frame> {frame(0, 3, 0, 2), frame(3, 3, 3, 2)};
    QTest::newRow("lf keeps cr in payload")
        << "line:eol=lf" << QByteArray("ab\r\n") << QList<Frame> {frame(0, 4, 0, 3)};
    QTest::newRow("crlf ignores lone lf")
        << "line:eol=crlf" << QByteArray("a\nb\r\nc") << QList<Frame> {frame(0, 5, 0, 3)};
    QTest::newRow("any takes both")
        << "line" << QByteArray("a\r\nb\n\n")
        << QList<Frame> {frame(0, 3, 0, 1), frame(3, 2, 3, 1), frame(5, 1, 5, 0)};
    QTest::newRow("keep terminator") << "line:terminator=keep" << QByteArray("a\r\nb\n")
                                     << QList<Frame> {frame(0, 3, 0, 3), frame(3, 2, 3, 2)};
    QTest::newRow("cr alone ends nothing")
        << "line" << QByteArray("a\rb\n") << QList<Frame> {frame(0, 4, 0, 3)};
    QTest::newRow("max is inclusive")
        << "line:max=3" << QByteArray("abc\r\n") << QList<Frame> {frame(0, 5, 0, 3)};
}

void tst_LineDecoder::frames()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<Frame>, expected);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(QList<Frame>(run.frames.begin(), run.frames.end()), expected);
    QVERIFY(run.errors.empty());
}

void tst_LineDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray mixed("GET / HTTP/1.1\r\nHost: x\r\n\r\nline\nlonger line here\r\r\n\n"
                           "\r\n\r\r\ntail without end");
    for (const char *spec : {"line", "line:eol=lf", "line:eol=crlf", "line:terminator=keep",
                             "line:max=4", "line:max=4,oversize=fail", "line:eol=crlf,max=5"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed;
}

void tst_LineDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QVERIFY(checkChunkingInvariance(spec, bytes));
}

void tst_LineDecoder::oversizeSkipReportsDiscardedBytes()
{
    const DecodeRun run = decodeWithCuts("line:max=4", "ok\ntoolong\r\nok2\n", {5, 9});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[1].offset, 12);
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 3);
    QCOMPARE(run.errors[0].discarded, 9); // "toolong\r\n"
    QVERIFY(!run.errors[0].fatal);
}

void tst_LineDecoder::oversizeFailStops()
{
    const DecodeRun run = decodeWithCuts("line:max=4,oversize=fail", "ok\ntoolong\nok\n", {6});
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QVERIFY(run.errors[0].fatal);
    QCOMPARE(run.errors[0].offset, 3);
    QVERIFY(run.failed);
    QCOMPARE(run.undecoded, 11); // everything from the oversize line on
}

void tst_LineDecoder::oversizeRunningToEofIsReported()
{
    const DecodeRun run = decodeOneShot("line:max=4", "a\n0123456789");
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].offset, 2);
    QCOMPARE(run.errors[0].discarded, 10);
    QCOMPARE(run.partial.held, 0);
}

void tst_LineDecoder::partialTailAtEof()
{
    const DecodeRun run = decodeOneShot("line", "one\ntwo\nthr");
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.partial.offset, 8);
    QCOMPARE(run.partial.held, 3);
    QCOMPARE(run.partial.needed, -1);
}

void tst_LineDecoder::longLineIsLinear()
{
    // A 64 MB line fed in 4 KiB reads: a decoder that rescans from the line's
    // start would touch 64M * 16K / 2 bytes, hours instead of milliseconds.
    const qint64 total = 64 * 1024 * 1024;
    const qint64 chunk = 4096;
    QByteArray block(chunk, 'x');
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create("line:max=128M", nullptr);
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
    // Linear work is well under a second even under ASan; quadratic is hours.
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(tst_LineDecoder)
#include "tst_linedecoder.moc"
