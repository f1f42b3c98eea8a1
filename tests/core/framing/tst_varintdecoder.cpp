// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

namespace {
/// value as protobuf writes it: 7 bits a byte, least significant first.
QByteArray varint(quint64 value)
{
    QByteArray out;
    do {
        const char low = char(value & 0x7f);
        value >>= 7;
        out.append(value ? char(low | 0x80) : low);
    } while (value);
    return out;
}

/// A message as writeDelimitedTo() puts it on the wire.
QByteArray delimited(const QByteArray &message)
{
    return varint(quint64(message.size())) + message;
}
} // namespace

class tst_VarintDecoder : public QObject
{
    Q_OBJECT

private slots:
    void frames_data();
    void frames();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void malformedSkipDiscardsTenBytes();
    void malformedFailStops();
    void oversizeSkipDiscardsTheMessage();
    void oversizeSkipCutByEof();
    void oversizeFailStops();
    void hugeLengthsStop_data();
    void hugeLengthsStop();
    void partialTailAtEof_data();
    void partialTailAtEof();
    void throughput();
};

void tst_VarintDecoder::frames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<Frame>>("expected");

    QTest::newRow("one-byte varints") << "varint" << delimited("abc") + delimited("")
                                      << QList<Frame> {frame(0, 4, 1, 3, 1), frame(4, 1, 5, 0, 1)};
    QTest::newRow("300 is ac 02") << "varint" << QByteArray::fromHex("ac02") + QByteArray(300, 'x')
                                  << QList<Frame> {frame(0, 302, 2, 300, 2)};
    QTest::newRow("127 and 128") << "varint"
                                 << delimited(QByteArray(127, 'a'))
                                        + delimited(QByteArray(128, 'b'))
                                 << QList<Frame> {frame(0, 128, 1, 127, 1),
                                                  frame(128, 130, 130, 128, 2)};
    QTest::newRow("three-byte varint") << "varint" << delimited(QByteArray(20000, 'c'))
                                       << QList<Frame> {frame(0, 20003, 3, 20000, 3)};
    // Parsers accept padded varints, so the decoder does too.
    QTest::newRow("padded zero") << "varint" << QByteArray::fromHex("8000")
                                 << QList<Frame> {frame(0, 2, 2, 0, 2)};
    QTest::newRow("ten-byte varint")
        << "varint" << QByteArray::fromHex("81808080808080808000") + "z"
        << QList<Frame> {frame(0, 11, 10, 1, 10)};
    QTest::newRow("max is inclusive and counts the message")
        << "varint:max=3" << delimited("abc") << QList<Frame> {frame(0, 4, 1, 3, 1)};
}

void tst_VarintDecoder::frames()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QFETCH(QList<Frame>, expected);
    const DecodeRun run = decodeOneShot(spec, bytes);
    QVERIFY2(run.createError.isEmpty(), qPrintable(run.createError));
    QCOMPARE(QList<Frame>(run.frames.begin(), run.frames.end()), expected);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.held, 0);
}

void tst_VarintDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    QByteArray mixed = delimited("first") + delimited("") + delimited(QByteArray(200, 'L'))
                       + QByteArray::fromHex("8000") + delimited("x")
                       + QByteArray::fromHex("8080808080808080808001") // 11 bytes: malformed
                       + delimited(QByteArray(130, 'M')) + delimited("last");
    mixed += varint(1000) + "cut off";
    for (const char *spec : {"varint", "varint:max=100", "varint:max=100,oversize=fail",
                             "varint:max=1", "varint:oversize=fail"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed;
    QTest::newRow("all continuation bytes") << "varint" << QByteArray(45, '\x80');
}

void tst_VarintDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QVERIFY(checkChunkingInvariance(spec, bytes));
}

void tst_VarintDecoder::malformedSkipDiscardsTenBytes()
{
    const QByteArray bytes = delimited("a") + QByteArray(10, '\xff') + QByteArray::fromHex("01")
                             + "x" + delimited("bc");
    const DecodeRun run = decodeWithCuts("varint", bytes, {3, 9});
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 2);
    QCOMPARE(run.errors[0].discarded, 10);
    QVERIFY(!run.errors[0].fatal);
    // Decoding goes on at the eleventh byte, here a 1 that announces "x".
    QCOMPARE(run.frames.size(), size_t(3));
    QCOMPARE(run.frames[0], frame(0, 2, 1, 1, 1));
    QCOMPARE(run.frames[1], frame(12, 2, 13, 1, 1));
    QCOMPARE(run.frames[2], frame(14, 3, 15, 2, 1));
    QCOMPARE(run.partial.held, 0);
}

void tst_VarintDecoder::malformedFailStops()
{
    const QByteArray bytes = delimited("a") + QByteArray(12, '\x80') + delimited("bc");
    const DecodeRun run = decodeOneShot("varint:oversize=fail", bytes);
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 2);
    QVERIFY(run.errors[0].fatal);
    QCOMPARE(run.undecoded, 15);
}

void tst_VarintDecoder::oversizeSkipDiscardsTheMessage()
{
    const QByteArray bytes = delimited("ok") + delimited(QByteArray(200, 'L')) + delimited("ok2");
    const DecodeRun run = decodeWithCuts("varint:max=100", bytes, {4, 50});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[1], frame(205, 4, 206, 3, 1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 3);
    QCOMPARE(run.errors[0].discarded, 202);
    QVERIFY(!run.errors[0].fatal);
}

void tst_VarintDecoder::oversizeSkipCutByEof()
{
    const DecodeRun run = decodeOneShot("varint:max=100", delimited("ok") + varint(300) + "abc");
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QCOMPARE(run.errors[0].offset, 3);
    QCOMPARE(run.errors[0].discarded, 5); // the varint and "abc": what came
    QCOMPARE(run.partial.offset, 8);
    QCOMPARE(run.partial.held, 0);
}

void tst_VarintDecoder::oversizeFailStops()
{
    const QByteArray bytes = delimited("ok") + delimited(QByteArray(200, 'L')) + delimited("ok2");
    const DecodeRun run = decodeWithCuts("varint:max=100,oversize=fail", bytes, {4});
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].offset, 3);
    QVERIFY(run.errors[0].fatal);
    QCOMPARE(run.undecoded, bytes.size() - 3);
}

void tst_VarintDecoder::hugeLengthsStop_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("2^63") << varint(quint64(1) << 63) + "x";
    QTest::newRow("2^64 - 1") << varint(~quint64(0)) + "x";
    QTest::newRow("bits past 64") << QByteArray::fromHex("ffffffffffffffffff7f") + "x";
}

void tst_VarintDecoder::hugeLengthsStop()
{
    // Skipping such a message would never end, so even oversize=skip stops.
    QFETCH(QByteArray, bytes);
    const DecodeRun run = decodeOneShot("varint:max=9223372036854775807", bytes);
    QVERIFY(run.frames.empty());
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].kind, FrameError::Oversize);
    QVERIFY(run.errors[0].fatal);
}

void tst_VarintDecoder::partialTailAtEof_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("held");
    QTest::addColumn<qint64>("needed");
    QTest::newRow("nothing") << delimited("a") << qint64(2) << qint64(0) << qint64(-1);
    QTest::newRow("varint cut") << delimited("a") + QByteArray::fromHex("ac") << qint64(2)
                                << qint64(1) << qint64(-1);
    QTest::newRow("message cut") << delimited("a") + varint(300) + "abc" << qint64(2) << qint64(5)
                                 << qint64(297);
}

void tst_VarintDecoder::partialTailAtEof()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, offset);
    QFETCH(qint64, held);
    QFETCH(qint64, needed);
    const DecodeRun run = decodeOneShot("varint", bytes);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.offset, offset);
    QCOMPARE(run.partial.held, held);
    QCOMPARE(run.partial.needed, needed);
}

void tst_VarintDecoder::throughput()
{
    // 64-byte frames (1-byte varint, 63-byte message) in 64 KiB reads;
    // printed, not asserted, because sanitizer and debug builds run this too.
    const QByteArray block = delimited(QByteArray(63, 'm')).repeated(1024);
    QVERIFY(decodeRepeatedly("varint", block, 1024));
}

QTEST_GUILESS_MAIN(tst_VarintDecoder)
#include "tst_varintdecoder.moc"
