// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodertestutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

namespace {
QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

/// A record of content type `type`, version 3.3, with n fragment bytes.
QByteArray record(int type, int n, char fill = 'f')
{
    QByteArray out;
    out.append(char(type)).append('\x03').append('\x03');
    out.append(char(n >> 8)).append(char(n & 0xff));
    return out + QByteArray(n, fill);
}

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(TCPI_TEST_DATA_DIR "/tls/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}
} // namespace

class tst_TlsDecoder : public QObject
{
    Q_OBJECT

private slots:
    void headers_data();
    void headers();
    void recordedSessions_data();
    void recordedSessions();
    void resyncSkipsToTheNextPlausibleHeader();
    void resyncAtEofKeepsAPossibleHeader();
    void resyncPartialStartsAtTheBadHeader();
    void malformedFailStops();
    void chunkingInvariance_data();
    void chunkingInvariance();
    void partialTailAtEof();
    void throughput();
};

void tst_TlsDecoder::headers_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("change_cipher_spec") << hex("140303000101") << true;
    QTest::newRow("alert") << hex("15030300020102") << true;
    QTest::newRow("heartbeat") << hex("1803030000") << true;
    QTest::newRow("SSL 3.0") << hex("1603000000") << true;
    QTest::newRow("TLS 1.0 ClientHello version") << hex("1603010000") << true;
    QTest::newRow("version 3.4") << hex("1703040000") << true;
    QTest::newRow("longest fragment") << hex("1703034800") + QByteArray(18432, 'x') << true;
    QTest::newRow("type 19") << hex("1303030000") << false;
    QTest::newRow("type 25") << hex("1903030000") << false;
    QTest::newRow("version 2.3") << hex("1602030000") << false;
    QTest::newRow("version 3.5") << hex("1603050000") << false;
    QTest::newRow("one byte too long") << hex("1703034801") + QByteArray(18433, 'x') << false;
    QTest::newRow("SSLv2 ClientHello") << hex("802e0103010015") << false;
}

void tst_TlsDecoder::headers()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    const DecodeRun run = decodeOneShot("tls:malformed=fail", bytes);
    if (valid) {
        QCOMPARE(run.frames.size(), size_t(1));
        QCOMPARE(run.frames[0],
                 frame(0, bytes.size(), 5, bytes.size() - 5, 5, quint16(uchar(bytes[0]))));
        QVERIFY(run.errors.empty());
    } else {
        QVERIFY(run.frames.empty());
        QCOMPARE(run.errors.size(), size_t(1));
        QCOMPARE(run.errors[0].kind, FrameError::Malformed);
        QVERIFY(run.errors[0].fatal);
    }
}

// Real sessions recorded by scripts/record/tls.sh (see tests/data/tls/README.md).
void tst_TlsDecoder::recordedSessions_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<int>>("kinds");
    // TLS 1.3 hides everything after ServerHello in application_data
    // records; the lone change_cipher_spec is the middlebox-compatibility one.
    QTest::newRow("TLS 1.3 client") << "tls13-c2s.bin" << QList<int> {22, 20, 23, 23, 23, 23, 23};
    QTest::newRow("TLS 1.3 server")
        << "tls13-s2c.bin" << QList<int> {22, 20, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23};
    // TLS 1.2 shows its handshake messages, and the closing alert as alert.
    QTest::newRow("TLS 1.2 client")
        << "tls12-c2s.bin" << QList<int> {22, 22, 20, 22, 23, 23, 23, 21};
    QTest::newRow("TLS 1.2 server")
        << "tls12-s2c.bin" << QList<int> {22, 22, 22, 22, 22, 20, 22, 23, 23, 23, 21};
}

void tst_TlsDecoder::recordedSessions()
{
    QFETCH(QString, file);
    QFETCH(QList<int>, kinds);
    const QByteArray bytes = readData(file);
    QVERIFY2(!bytes.isEmpty(), qPrintable(file));
    const DecodeRun run = decodeOneShot("tls", bytes);
    QVERIFY(run.errors.empty());
    QVERIFY(!run.failed);
    QCOMPARE(run.partial.held, 0);
    QCOMPARE(run.partial.offset, bytes.size());
    QList<int> seen;
    qint64 expectedOffset = 0;
    for (const Frame &f : run.frames) {
        seen.append(f.kind);
        QCOMPARE(f.offset, expectedOffset); // records tile the stream
        QCOMPARE(f.headerLength, 5);
        QCOMPARE(f.payloadOffset, f.offset + 5);
        expectedOffset = f.end();
    }
    QCOMPARE(seen, kinds);
    QVERIFY(checkChunkingInvariance("tls", bytes, 100));
}

void tst_TlsDecoder::resyncSkipsToTheNextPlausibleHeader()
{
    // Garbage before the first record, and between two records a header with
    // a bad version followed by bytes that begin, but do not make, headers.
    const QByteArray bytes = QByteArray("garbage") + record(22, 3) + hex("16030900") + hex("1703")
                             + hex("170303ff") + record(23, 2) + record(21, 2);
    const DecodeRun run = decodeWithCuts("tls", bytes, {3, 9, 17});
    QCOMPARE(run.frames.size(), size_t(3));
    QCOMPARE(run.frames[0], frame(7, 8, 12, 3, 5, 22));
    QCOMPARE(run.frames[1], frame(25, 7, 30, 2, 5, 23));
    QCOMPARE(run.frames[2], frame(32, 7, 37, 2, 5, 21));
    QCOMPARE(run.errors.size(), size_t(2));
    QCOMPARE(run.errors[0].kind, FrameError::Malformed);
    QCOMPARE(run.errors[0].offset, 0);
    QCOMPARE(run.errors[0].discarded, 7);
    QVERIFY(!run.errors[0].fatal);
    QCOMPARE(run.errors[1].offset, 15);
    QCOMPARE(run.errors[1].discarded, 10);
    QCOMPARE(run.partial.held, 0);
}

void tst_TlsDecoder::resyncAtEofKeepsAPossibleHeader()
{
    const DecodeRun run = decodeOneShot("tls", record(23, 1) + "xy" + hex("1703"));
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].offset, 6);
    QCOMPARE(run.errors[0].discarded, 2);
    QCOMPARE(run.partial.offset, 8);
    QCOMPARE(run.partial.held, 2);
    QCOMPARE(run.partial.needed, -1);

    const DecodeRun allGarbage = decodeOneShot("tls", "not tls at all");
    QCOMPARE(allGarbage.errors.size(), size_t(1));
    QCOMPARE(allGarbage.errors[0].discarded, 14);
    QCOMPARE(allGarbage.partial.held, 0);
}

void tst_TlsDecoder::resyncPartialStartsAtTheBadHeader()
{
    // Before EOF the skip is not over: nothing is reported yet, and the
    // partial tail covers everything from the bad header.
    const DecodeRun run = decodeOneShot("tls", record(23, 1) + "xyz", false);
    QVERIFY(run.errors.empty());
    QCOMPARE(run.partial.offset, 6);
    QCOMPARE(run.partial.held, 3);
}

void tst_TlsDecoder::malformedFailStops()
{
    const QByteArray bytes = record(22, 4) + hex("1603030000") + hex("FF0303") + record(23, 1);
    const DecodeRun run = decodeWithCuts("tls:malformed=fail", bytes, {10});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.errors.size(), size_t(1));
    QCOMPARE(run.errors[0].offset, 14);
    QVERIFY(run.errors[0].fatal);
    QCOMPARE(run.undecoded, 9);
}

void tst_TlsDecoder::chunkingInvariance_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray mixed = record(22, 40) + record(20, 1) + record(23, 0) + "\x17\x03\x03\x48"
                             + record(23, 30, '\x17') + hex("1503") + hex("16030300")
                             + record(21, 2) + record(24, 3, '\x03') + "junk\x16\x03"
                             + record(23, 12) + hex("170303004000");
    for (const char *spec : {"tls", "tls:malformed=fail"})
        QTest::newRow(spec) << QString::fromLatin1(spec) << mixed;
    QTest::newRow("recorded with garbage")
        << "tls" << readData("tls12-c2s.bin").left(300) + "garbage" + readData("tls13-c2s.bin");
}

void tst_TlsDecoder::chunkingInvariance()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, bytes);
    QVERIFY(checkChunkingInvariance(spec, bytes));
}

void tst_TlsDecoder::partialTailAtEof()
{
    const DecodeRun body = decodeOneShot("tls", record(23, 2) + record(23, 100).left(30));
    QCOMPARE(body.partial.offset, 7);
    QCOMPARE(body.partial.held, 30);
    QCOMPARE(body.partial.needed, 75);
    const DecodeRun header = decodeOneShot("tls", record(23, 2) + hex("170303"));
    QVERIFY(header.errors.empty());
    QCOMPARE(header.partial.offset, 7);
    QCOMPARE(header.partial.held, 3);
    QCOMPARE(header.partial.needed, -1);
}

void tst_TlsDecoder::throughput()
{
    // 64-byte records in 64 KiB reads (full 16 KiB records cost nothing per
    // byte); printed, not asserted, because sanitizer builds run this too.
    const QByteArray block = record(23, 59).repeated(1024);
    QVERIFY(decodeRepeatedly("tls", block, 1024));
}

QTEST_GUILESS_MAIN(tst_TlsDecoder)
#include "tst_tlsdecoder.moc"
