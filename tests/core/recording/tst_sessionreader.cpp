// SPDX-License-Identifier: GPL-3.0-or-later
// Session files that are not what they should be: truncated, bit-flipped,
// foreign, from a newer version, with unknown records or absurd counts.
// None may crash the reader; each problem names its offset and record.
#include "net/recordedconnection.h"
#include "recording/crc32c.h"
#include "recording/sessioncodec.h"
#include "recording/sessionformat.h"
#include "recording/sessionloader.h"
#include "recording/sessionreader.h"
#include "recording/sessionwriter.h"

#include "eventtext.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace TcpInspector;
using namespace TcpInspector::SessionFormat;
using Kind = SessionError::Kind;

Q_DECLARE_METATYPE(TcpInspector::SessionError::Kind)

namespace {

std::vector<TimelineEvent> testEvents()
{
    std::vector<TimelineEvent> events;
    TimelineEvent e;
    e.timeNs = 1000;
    e.type = TimelineEvent::StateChanged;
    e.state = ConnectionState::Established;
    e.cause = StateCause::Peer;
    e.text = QStringLiteral("connected, ünïcödé");
    events.push_back(e);
    e = TimelineEvent();
    e.timeNs = 900; // earlier than the one before: deltas are signed
    e.type = TimelineEvent::Error;
    e.code = QStringLiteral("reset");
    e.sysErrno = 104;
    e.message = QStringLiteral("Connection reset by peer");
    e.explanation = QStringLiteral("The peer sent an RST.");
    e.direction = Direction::Tx;
    events.push_back(e);
    e = TimelineEvent();
    e.timeNs = 5000000000;
    e.type = TimelineEvent::Kernel;
    e.kernel.state = KernelState::TimeWait;
    e.kernel.timer = KernelTimer::ZeroWindowProbe;
    e.kernel.probes = 3;
    e.kernel.backoff = -1;
    e.kernel.consecutiveRetransmits = 32767;
    e.kernel.keepaliveProbes = -32768;
    e.kernel.rttUs = 2147483647;
    e.kernel.rttVarUs = -2147483647 - 1;
    e.kernel.cwnd = 10;
    e.kernel.unacked = -1;
    e.kernel.sendQueue = 4096;
    e.kernel.recvQueue = 0;
    e.kernel.retransmits = 7;
    e.kernel.timeWaitMs = 59000;
    e.kernel.timerMs = -1;
    events.push_back(e);
    e = TimelineEvent();
    e.timeNs = 5000000001;
    e.type = TimelineEvent::Discarded;
    e.code = QStringLiteral("send_queue");
    e.bytes = qint64(1) << 40;
    e.timeout = TimeoutKind::Close;
    events.push_back(e);
    e = TimelineEvent();
    e.timeNs = 5000000002;
    e.type = TimelineEvent::Timeout;
    e.timeout = TimeoutKind::WriteStall;
    e.sysErrno = -5;
    events.push_back(e);
    return events;
}

/// A connection built by hand: chunks both ways, events, both ends finished.
std::unique_ptr<RecordedConnection> makeConnection(quint64 id, int chunks,
                                                   const StreamStore::Options &store = {})
{
    ConnectionOptions options;
    options.rxFraming = options.txFraming = QStringLiteral("line");
    options.store = store;
    auto c = std::make_unique<RecordedConnection>(Connection::Side::Client, id, options);
    qint64 t = 1000;
    for (int i = 0; i < chunks; ++i) {
        const QByteArray rx = QByteArray::number(i).repeated(i % 7 + 1) + '\n';
        const QByteArray tx = QByteArray("request ") + QByteArray::number(i) + '\n';
        c->addChunk(Direction::Tx, tx.constData(), tx.size(), t += 10);
        c->addChunk(Direction::Rx, rx.constData(), rx.size(), t += 10);
    }
    c->finishDirection(Direction::Tx, t += 5);
    c->finishDirection(Direction::Rx, t += 5);
    for (const TimelineEvent &e : testEvents())
        c->addEvent(e);
    c->finishLoading(ConnectionState::Closed, QStringLiteral("127.0.0.1:40000"),
                     QStringLiteral("127.0.0.1:7"), 12, 5);
    return c;
}

QByteArray saveToBytes(const std::vector<const Connection *> &connections, int lines = 1)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.tcpis"));
    SessionWriter writer;
    SessionError error;
    Timeline listener;
    for (const TimelineEvent &e : testEvents())
        listener.append(e);
    bool ok = writer.open(path, {123, 456, {{QStringLiteral("k"), 1}}}, &error)
              && writer.addTimeline(0, listener, &error);
    for (const Connection *c : connections)
        ok = ok
             && writer.addConnection(*c, {{QStringLiteral("target"), QStringLiteral("x:1")}},
                                     &error);
    for (int i = 0; i < lines; ++i)
        ok = ok && writer.addLine(2000 + i, 0, R"({"event":"say"})", &error);
    ok = ok && writer.commit(&error);
    if (!ok)
        qWarning("%s", qPrintable(error.toString()));
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

bool load(const QByteArray &bytes, LoadedSession *out, const LoadOptions &options = {})
{
    StreamStore::Options small;
    small.memoryBudget = 64 * 1024;
    LoadOptions o = options;
    if (!o.store)
        o.store = small;
    return loadSession(std::make_unique<MemoryInput>(bytes, QStringLiteral("test")), out, o);
}

QString problemsText(const LoadedSession &s)
{
    QStringList lines;
    for (const SessionError &p : s.problems)
        lines.append(SessionError::kindKey(p.kind) + QStringLiteral(": ") + p.toString());
    return lines.join(QLatin1Char('\n'));
}

bool hasProblem(const LoadedSession &s, Kind kind, const QString &recordPrefix = QString())
{
    for (const SessionError &p : s.problems) {
        if (p.kind == kind && p.record.startsWith(recordPrefix))
            return true;
    }
    return false;
}

QByteArray record(quint32 type, quint32 flags, const QByteArray &payload)
{
    QByteArray r(int(recordSpan(payload.size())), '\0');
    qToLittleEndian(type, r.data());
    qToLittleEndian(flags, r.data() + 4);
    qToLittleEndian(quint64(payload.size()), r.data() + 8);
    std::memcpy(r.data() + recordHeaderSize, payload.constData(), size_t(payload.size()));
    const qint64 crcAt = recordHeaderSize + payload.size();
    qToLittleEndian(crc32c(r.constData(), crcAt), r.data() + crcAt);
    return r;
}

/// A valid session without its trailer and footer: records can be added at the end.
QByteArray withoutTrailer(const QByteArray &whole)
{
    const qint64 trailerAt
        = qFromLittleEndian<qint64>(whole.constData() + whole.size() - footerSize);
    return whole.left(int(trailerAt));
}

/// The bytes of one direction's chunks, one after the other.
void checkPrefix(const Connection &original, const Connection &loaded)
{
    for (Direction d : {Direction::Rx, Direction::Tx}) {
        const StreamStore &a = (d == Direction::Rx ? original.rx() : original.tx()).store();
        const StreamStore &b = (d == Direction::Rx ? loaded.rx() : loaded.tx()).store();
        QVERIFY(b.chunkCount() <= a.chunkCount());
        for (qint64 i = 0; i < b.chunkCount(); ++i)
            QCOMPARE(b.chunk(i), a.chunk(i));
        const QByteArray got = b.read(0, b.size());
        const QByteArray want = a.read(0, b.size());
        // Damaged DATA reads as zeros; everything else is as saved.
        for (int i = 0; i < got.size(); ++i)
            QVERIFY(got[i] == want[i] || got[i] == 0);
    }
    const std::vector<TimelineEvent> events = loaded.timeline().since(0);
    QVERIFY(events.size() <= size_t(original.timeline().count()));
}

} // namespace

class tst_SessionReader : public QObject
{
    Q_OBJECT

private slots:
    void crc32cKnownValues();
    void everyFieldRoundTrips();
    void truncatedAnywhere();
    void everyBitFlipIsNoticed();
    void damagedDataReadsAsZeros();
    void newerMajorOpensNothing();
    void unknownRecords();
    void foreignFiles_data();
    void foreignFiles();
    void hugeClaimsAllocateNothing();
    void ringModeLoadsWhatIsLeft();
    void framingOverride();
    void otherMessageCountsAreAWarning();
};

void tst_SessionReader::crc32cKnownValues()
{
    QCOMPARE(crc32c("123456789", 9), quint32(0xe3069283));
    QCOMPARE(crc32c("", 0), quint32(0));
    // In two pieces as in one.
    const QByteArray text(1000, 'a');
    QCOMPARE(crc32c(text.constData() + 333, 667, crc32c(text.constData(), 333)),
             crc32c(text.constData(), 1000));
    // The CPU's instruction (when there is one) and the tables agree, at
    // every length and alignment, continued or not.
    QCOMPARE(crc32cPortable("123456789", 9), quint32(0xe3069283));
    QByteArray noise(4096 + 8, Qt::Uninitialized);
    QRandomGenerator generator(32);
    generator.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    for (int start = 0; start < 8; ++start) {
        for (int size : {0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4096}) {
            const char *p = noise.constData() + start;
            QCOMPARE(crc32c(p, size), crc32cPortable(p, size));
            QCOMPARE(crc32c(p, size, 0x12345678), crc32cPortable(p, size, 0x12345678));
        }
    }
}

void tst_SessionReader::everyFieldRoundTrips()
{
    const auto c = makeConnection(7, 50);
    const QByteArray bytes = saveToBytes({c.get()});
    LoadedSession s;
    QVERIFY(load(bytes, &s));
    QVERIFY2(s.problems.isEmpty(), qPrintable(problemsText(s)));
    QCOMPARE(s.info.startMonotonicNs, qint64(123));
    QCOMPARE(s.info.startWallNs, qint64(456));
    QCOMPARE(s.info.meta.value(QStringLiteral("k")).toInt(), 1);
    QCOMPARE(s.connections.size(), size_t(1));
    const RecordedConnection &back = *s.connections[0];
    QCOMPARE(back.state(), ConnectionState::Closed);
    QCOMPARE(back.localAddress(), QStringLiteral("127.0.0.1:40000"));
    QCOMPARE(back.peerAddress(), QStringLiteral("127.0.0.1:7"));
    QCOMPARE(back.discardedBytes(), qint64(12));
    QCOMPARE(back.discardedFromTx(), qint64(5));
    QCOMPARE(back.rx().frameCount(), c->rx().frameCount());
    QCOMPARE(back.tx().finishedAtNs(), c->tx().finishedAtNs());
    QCOMPARE(s.recorded[0].settings.value(QStringLiteral("target")).toString(),
             QStringLiteral("x:1"));
    const std::vector<TimelineEvent> want = testEvents();
    const std::vector<TimelineEvent> got = back.timeline().since(0);
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i)
        QCOMPARE(eventText(got[i]), eventText(want[i]));
    QCOMPARE(s.listenerEvents.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i)
        QCOMPARE(eventText(s.listenerEvents[i]), eventText(want[i]));
    QCOMPARE(s.lines.size(), size_t(1));
    QCOMPARE(s.lines[0].timeNs, qint64(2000));
}

void tst_SessionReader::truncatedAnywhere()
{
    const auto c = makeConnection(7, 20);
    const QByteArray whole = saveToBytes({c.get()});
    SessionReader reader;
    QList<SessionError> none;
    QVERIFY(reader.open(std::make_unique<MemoryInput>(whole), &none));
    QVERIFY(none.isEmpty());
    std::vector<qint64> boundaries {headerSize};
    for (const SessionRecordRef &ref : reader.records())
        boundaries.push_back(ref.offset + recordSpan(ref.length));
    boundaries.push_back(whole.size() - footerSize); // after the trailer

    // Every length: a prefix opens, a cut inside a record is named.
    for (int length = 0; length < whole.size(); ++length) {
        LoadedSession s;
        const bool opened = load(whole.left(length), &s);
        if (length < headerSize) {
            QVERIFY(!opened);
            QVERIFY(!s.problems.isEmpty());
            QCOMPARE(s.problems.first().kind, length < 8 ? Kind::NotASession : Kind::Truncated);
            continue;
        }
        QVERIFY2(opened, qPrintable(problemsText(s)));
        const bool atBoundary
            = std::find(boundaries.begin(), boundaries.end(), length) != boundaries.end();
        bool named = false;
        for (const SessionError &p : s.problems) {
            if (p.kind == Kind::Truncated) {
                named = named
                        || (p.message.contains(QStringLiteral("offset %1 ").arg(length))
                            && !p.record.isEmpty());
            }
        }
        QVERIFY2(atBoundary || named,
                 qPrintable(QString::number(length) + QLatin1Char('\n') + problemsText(s)));
        // At a boundary nothing is cut, only missing (chunks with no record).
        for (const SessionError &p : s.problems)
            QVERIFY2(!atBoundary || p.kind != Kind::Truncated || p.fileOffset < 0,
                     qPrintable(QString::number(length) + QLatin1Char('\n') + problemsText(s)));
        for (const auto &back : s.connections)
            checkPrefix(*c, *back);
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_SessionReader::everyBitFlipIsNoticed()
{
    const auto c = makeConnection(7, 12);
    const QByteArray whole = saveToBytes({c.get()});
    QVERIFY(whole.size() < 16384);
    for (int at = 0; at < whole.size(); ++at) {
        QByteArray bytes = whole;
        bytes[at] = char(bytes[at] ^ (1 << (at % 8)));
        LoadedSession s;
        load(bytes, &s);
        QVERIFY2(!s.problems.isEmpty(), qPrintable(QString::number(at)));
        for (const auto &back : s.connections)
            checkPrefix(*c, *back);
        if (QTest::currentTestFailed())
            return;
    }
    // A flip inside a record's payload names that record.
    SessionReader reader;
    QList<SessionError> none;
    QVERIFY(reader.open(std::make_unique<MemoryInput>(whole), &none));
    for (const SessionRecordRef &ref : reader.records()) {
        QByteArray bytes = whole;
        bytes[int(ref.offset + recordHeaderSize + ref.length - 1)] ^= 0x10;
        LoadedSession s;
        load(bytes, &s);
        const QString name = reader.recordName(ref);
        bool named = false;
        for (const SessionError &p : s.problems)
            named = named
                    || (p.kind == Kind::Corrupt && p.record == name && p.fileOffset == ref.offset);
        QVERIFY2(named, qPrintable(name + QLatin1Char('\n') + problemsText(s)));
    }
}

void tst_SessionReader::damagedDataReadsAsZeros()
{
    // 200 KiB one way: four DATA records; the second is damaged.
    ConnectionOptions options;
    RecordedConnection c(Connection::Side::Server, 3, options);
    QByteArray bytes(200 * 1024, 'a');
    c.addChunk(Direction::Rx, bytes.constData(), bytes.size(), 10);
    c.finishLoading(ConnectionState::Closed, {}, {}, 0, 0);
    QByteArray file = saveToBytes({&c});
    SessionReader reader;
    QList<SessionError> none;
    QVERIFY(reader.open(std::make_unique<MemoryInput>(file), &none));
    const SessionRecordRef *second = nullptr;
    for (const SessionRecordRef &ref : reader.records()) {
        if (ref.type == typeData && ref.ordinal == 2)
            second = &ref;
    }
    QVERIFY(second);
    QCOMPARE(second->first, qint64(65536));
    file[int(second->offset + 100)] = 'b';
    LoadedSession s;
    QVERIFY(load(file, &s));
    QVERIFY(hasProblem(s, Kind::Corrupt, QStringLiteral("DATA #2 (connection 3, rx)")));
    QVERIFY2(problemsText(s).contains(QStringLiteral("bytes 65536 to 131071 read as zeros")),
             qPrintable(problemsText(s)));
    const QByteArray back = s.connections[0]->rx().store().read(0, bytes.size());
    QCOMPARE(back.size(), bytes.size());
    QCOMPARE(back.left(65536), bytes.left(65536));
    QCOMPARE(back.mid(65536, 65536), QByteArray(65536, '\0'));
    QCOMPARE(back.mid(131072), bytes.mid(131072));
}

void tst_SessionReader::newerMajorOpensNothing()
{
    const auto c = makeConnection(7, 3);
    QByteArray bytes = saveToBytes({c.get()});
    qToLittleEndian(quint16(2), bytes.data() + headerMajorAt);
    qToLittleEndian(quint16(0), bytes.data() + headerMinorAt);
    LoadedSession s;
    QVERIFY(!load(bytes, &s));
    QCOMPARE(s.problems.size(), 1);
    QCOMPARE(s.problems[0].kind, Kind::NewerVersion);
    QVERIFY2(s.problems[0].message.contains(QStringLiteral("format 2.0; this one reads 1.x")),
             qPrintable(s.problems[0].message));
    QVERIFY(s.connections.empty());
    // A newer minor opens (with a header checksum warning, since we changed it).
    qToLittleEndian(quint16(1), bytes.data() + headerMajorAt);
    qToLittleEndian(quint16(7), bytes.data() + headerMinorAt);
    LoadedSession minor;
    QVERIFY(load(bytes, &minor));
    QCOMPARE(minor.info.minor, 7);
    QCOMPARE(minor.connections.size(), size_t(1));
}

void tst_SessionReader::unknownRecords()
{
    const auto c = makeConnection(7, 3);
    QByteArray bytes = withoutTrailer(saveToBytes({c.get()}));
    bytes += record(fourCC("XTRA"), recordSkippable, "something a later minor adds");
    bytes += record(fourCC("ZZZZ"), 0, "something we must understand");
    LoadedSession s;
    QVERIFY(load(bytes, &s));
    QCOMPARE(s.connections.size(), size_t(1));
    QVERIFY(!hasProblem(s, Kind::Unsupported, QStringLiteral("XTRA")));
    QVERIFY2(hasProblem(s, Kind::Unsupported, QStringLiteral("ZZZZ")), qPrintable(problemsText(s)));
    checkPrefix(*c, *s.connections[0]);
    QCOMPARE(s.connections[0]->rx().store().chunkCount(), qint64(3));
}

void tst_SessionReader::foreignFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("pcapng") << QByteArray("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a", 12)
                            << QStringLiteral("pcapng");
    QTest::newRow("pcap") << QByteArray("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8)
                          << QStringLiteral("pcap capture");
    QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00", 8) << QStringLiteral("zip");
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4) << QStringLiteral("gzip");
    QTest::newRow("text") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                          << QStringLiteral("text");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\xff\xfe", 6)
                            << QStringLiteral("not a TCP Inspector session");
    QTest::newRow("text-mode copy")
        << QByteArray("\x89TCPI\n\x1a\x01\x00", 9) << QStringLiteral("text-mode");
}

void tst_SessionReader::foreignFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    LoadedSession s;
    QVERIFY(!load(bytes, &s));
    QCOMPARE(s.problems.size(), 1);
    QCOMPARE(s.problems[0].kind, Kind::NotASession);
    QVERIFY2(s.problems[0].message.startsWith(QStringLiteral("not a TCP Inspector session")),
             qPrintable(s.problems[0].message));
    QVERIFY2(s.problems[0].message.contains(says), qPrintable(s.problems[0].message));
}

void tst_SessionReader::hugeClaimsAllocateNothing()
{
    const auto c = makeConnection(7, 3);
    const QByteArray whole = saveToBytes({c.get()});
    const QByteArray base = withoutTrailer(whole);
    const qint64 huge = qint64(1) << 40;
    {
        // A record header claiming 2^40 bytes.
        QByteArray bytes = base + record(typeChnk, 0, QByteArray(40, '\0'));
        qToLittleEndian(quint64(huge), bytes.data() + base.size() + 8);
        LoadedSession s;
        QVERIFY(load(bytes, &s));
        QVERIFY2(hasProblem(s, Kind::Corrupt, QStringLiteral("CHNK #")),
                 qPrintable(problemsText(s)));
    }
    {
        // A CONN whose directions claim 2^40 chunks and bytes, and an EVNT
        // and a CHNK claiming 2^40 entries in a few bytes.
        SessionConnection claim;
        claim.id = 99;
        claim.direction(Direction::Rx).size = huge;
        claim.direction(Direction::Rx).chunkCount = huge;
        claim.eventCount = huge;
        SessionCodec::Writer conn;
        SessionCodec::putConnection(conn, claim);
        SessionConnection modest = claim;
        modest.direction(Direction::Rx).size = 100;
        SessionCodec::Writer conn2;
        SessionCodec::putConnection(conn2, modest);
        SessionCodec::Writer chunks;
        chunks.u64(99);
        chunks.u8(0);
        chunks.u64(0);
        chunks.i64(0);
        chunks.i64(0);
        chunks.varint(quint64(huge));
        chunks.varint(10);
        chunks.zigzag(1);
        SessionCodec::Writer events;
        events.u64(99);
        events.u64(0);
        events.i64(0);
        events.varint(quint64(huge));
        QByteArray bytes = base + record(typeConn, 0, conn.bytes());
        LoadedSession s;
        QVERIFY(load(bytes, &s));
        QCOMPARE(s.connections.size(), size_t(1)); // the claim of 2^40 bytes is left out
        QVERIFY(hasProblem(s, Kind::Corrupt, QStringLiteral("CONN #2")));
        bytes = base + record(typeConn, 0, conn2.bytes()) + record(typeChnk, 0, chunks.bytes())
                + record(typeEvnt, 0, events.bytes());
        LoadedSession t;
        QVERIFY(load(bytes, &t));
        QCOMPARE(t.connections.size(), size_t(2));
        QVERIFY2(hasProblem(t, Kind::Corrupt, QStringLiteral("CHNK #3 (connection 99, rx)")),
                 qPrintable(problemsText(t)));
        QVERIFY2(hasProblem(t, Kind::Corrupt, QStringLiteral("EVNT #3 (connection 99)")),
                 qPrintable(problemsText(t)));
    }
    {
        // A footer claiming 2^40 trailer entries: the records are scanned instead.
        QByteArray bytes = whole;
        char *footer = bytes.data() + bytes.size() - footerSize;
        qToLittleEndian(quint64(huge), footer + 8);
        qToLittleEndian(crc32c(footer, 20), footer + 20);
        LoadedSession s;
        QVERIFY(load(bytes, &s));
        QVERIFY(hasProblem(s, Kind::Corrupt, QStringLiteral("TRLR")));
        QCOMPARE(s.connections.size(), size_t(1));
        checkPrefix(*c, *s.connections[0]);
        QCOMPARE(s.connections[0]->rx().store().chunkCount(), qint64(3));
    }
}

void tst_SessionReader::ringModeLoadsWhatIsLeft()
{
    StreamStore::Options ring;
    ring.blockSize = 4096;
    ring.keepBytes = 16384;
    ConnectionOptions options;
    options.store = ring;
    RecordedConnection c(Connection::Side::Server, 5, options);
    QByteArray all;
    for (int i = 0; i < 100; ++i) {
        const QByteArray chunk = QByteArray::number(i).repeated(300).left(1000);
        all += chunk;
        c.addChunk(Direction::Rx, chunk.constData(), chunk.size(), 100 + i);
    }
    c.finishLoading(ConnectionState::Closed, {}, {}, 0, 0);
    const qint64 first = c.rx().store().firstChunk();
    QVERIFY(first > 0);
    const qint64 start = c.rx().store().chunk(first).offset;
    LoadedSession s;
    QVERIFY(load(saveToBytes({&c}), &s));
    QVERIFY2(hasProblem(s, Kind::Warning, QStringLiteral("connection 5, rx")),
             qPrintable(problemsText(s)));
    QVERIFY2(problemsText(s).contains(QStringLiteral("offsets are %1 lower").arg(start)),
             qPrintable(problemsText(s)));
    const StreamStore &back = s.connections[0]->rx().store();
    QCOMPARE(back.size(), all.size() - start);
    QCOMPARE(back.chunkCount(), 100 - first);
    // The loaded store keeps ring mode: the newest bytes are there.
    const qint64 kept = back.size() - back.firstOffset();
    QCOMPARE(back.read(back.firstOffset(), kept), all.right(int(kept)));
    QCOMPARE(back.chunk(back.chunkCount() - 1).timestampNs, qint64(199));
}

void tst_SessionReader::framingOverride()
{
    const auto c = makeConnection(7, 10);
    const QByteArray bytes = saveToBytes({c.get()});
    LoadOptions options;
    options.rxFraming = QStringLiteral("raw");
    options.txFraming = QStringLiteral("nonsense:zzz");
    LoadedSession s;
    QVERIFY(load(bytes, &s, options));
    QCOMPARE(s.connections[0]->rx().framing(), QStringLiteral("raw"));
    QCOMPARE(s.connections[0]->rx().frameCount(), qint64(10)); // one per chunk
    QCOMPARE(s.connections[0]->tx().framing(), QStringLiteral("line"));
    QVERIFY2(hasProblem(s, Kind::Warning, QStringLiteral("connection 7, tx")),
             qPrintable(problemsText(s)));
}

void tst_SessionReader::otherMessageCountsAreAWarning()
{
    // A later CONN of the same connection replaces the first (autosave);
    // this one says the live decoder found 21 messages where we find 20.
    const auto c = makeConnection(7, 20);
    const QByteArray whole = saveToBytes({c.get()});
    SessionReader reader;
    QList<SessionError> none;
    QVERIFY(reader.open(std::make_unique<MemoryInput>(whole), &none));
    SessionConnection changed = reader.connections().at(0);
    QCOMPARE(changed.direction(Direction::Rx).frameCount, qint64(20));
    changed.direction(Direction::Rx).frameCount = 21;
    SessionCodec::Writer conn;
    SessionCodec::putConnection(conn, changed);
    LoadedSession s;
    QVERIFY(load(withoutTrailer(whole) + record(typeConn, 0, conn.bytes()), &s));
    QCOMPARE(s.connections.size(), size_t(1));
    QVERIFY2(problemsText(s).contains(QStringLiteral(
                 "connection 7, rx: decoded again, the bytes make 20 messages and 0 framing "
                 "errors; when saved they made 21 and 0")),
             qPrintable(problemsText(s)));
    QVERIFY(!hasProblem(s, Kind::Warning, QStringLiteral("connection 7, tx")));
}

QTEST_GUILESS_MAIN(tst_SessionReader)
#include "tst_sessionreader.moc"
