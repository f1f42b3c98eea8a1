// SPDX-License-Identifier: GPL-3.0-or-later
// Golden checks of the synthesized capture, without tshark: recordings made
// by hand, exported, and read back with a parser of the tests' own.
#include "pcapngparse.h"

#include "net/recordedconnection.h"
#include "recording/packetsynth.h"
#include "recording/pcapngwriter.h"

#include <QBuffer>
#include <QTest>

#include <cerrno>
#include <memory>

using namespace TcpInspector;
using PcapngParse::Packet;

namespace {

constexpr qint64 t0 = 5'000'000'000; // the recording's clock
constexpr qint64 wall0 = qint64(1'765'000'000) * 1'000'000'000;
constexpr qint64 us = 1000;

SynthOptions options()
{
    SynthOptions o;
    o.startMonotonicNs = t0;
    o.startWallNs = wall0;
    return o;
}

TimelineEvent stateEvent(qint64 t, ConnectionState state, StateCause cause = StateCause::User)
{
    TimelineEvent event;
    event.timeNs = t;
    event.type = TimelineEvent::StateChanged;
    event.state = state;
    event.cause = cause;
    return event;
}

TimelineEvent halfClosed(qint64 t, Direction direction)
{
    TimelineEvent event;
    event.timeNs = t;
    event.type = TimelineEvent::HalfClosed;
    event.direction = direction;
    return event;
}

/// A recording built step by step, in time order, as a loader fills one.
class Recording
{
public:
    explicit Recording(Connection::Side side = Connection::Side::Client, quint64 id = 3,
                       ConnectionOptions o = ConnectionOptions())
    {
        o.kernelSampleMs = o.idleTimeoutMs = o.writeStallMs = 0;
        m_connection = std::make_unique<RecordedConnection>(side, id, o);
    }
    Recording &event(const TimelineEvent &e)
    {
        m_connection->addEvent(e);
        return *this;
    }
    Recording &chunk(Direction direction, const QByteArray &bytes, qint64 t)
    {
        m_connection->addChunk(direction, bytes.constData(), bytes.size(), t);
        return *this;
    }
    RecordedConnection *finish(ConnectionState state, const QString &local, const QString &peer,
                               qint64 discardedFromTx = 0)
    {
        m_connection->finishLoading(state, local, peer, discardedFromTx, discardedFromTx);
        return m_connection.get();
    }
    RecordedConnection *get() const { return m_connection.get(); }

private:
    std::unique_ptr<RecordedConnection> m_connection;
};

PcapngParse::File exportToFile(const QList<const Connection *> &connections,
                               QStringList *warnings = nullptr, const SynthOptions &o = options())
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    if (!exportPcapng(connections, o, &buffer, &why, warnings))
        qWarning() << "export failed:" << why;
    return PcapngParse::parse(bytes);
}

QString flagsText(const Packet &p)
{
    QStringList names;
    if (p.has(PcapngParse::Syn))
        names << "S";
    if (p.has(PcapngParse::Fin))
        names << "F";
    if (p.has(PcapngParse::Rst))
        names << "R";
    if (p.has(PcapngParse::Psh))
        names << "P";
    if (p.has(PcapngParse::Ack))
        names << "A";
    return names.join(QString());
}

QStringList flagTrail(const PcapngParse::File &file)
{
    QStringList trail;
    for (const Packet &p : file.packets)
        trail << flagsText(p) + (p.payload.isEmpty() ? QString() : QStringLiteral("+data"));
    return trail;
}

/// Checks what holds for every packet of a well-formed conversation: good
/// checksums, and per sender, sequence numbers that follow on without gap
/// or overlap and acknowledgements that never go back nor get ahead of
/// what the other side sent.
void checkConversation(const PcapngParse::File &file)
{
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    QCOMPARE(file.linkType, 101);
    QCOMPARE(file.timestampResolution, 9);
    struct Side
    {
        bool seen = false;
        quint32 next = 0;
        quint32 acked = 0;
    };
    QHash<QString, Side> sides;
    quint64 lastTime = 0;
    for (const Packet &p : file.packets) {
        QVERIFY2(p.ipChecksumGood, qPrintable(p.comment));
        QVERIFY2(p.tcpChecksumGood, qPrintable(p.comment));
        QVERIFY(p.timestampNs >= lastTime);
        lastTime = p.timestampNs;
        const QString from = p.source.toString() + QString::number(p.sourcePort);
        const QString to = p.destination.toString() + QString::number(p.destinationPort);
        Side &me = sides[from];
        if (p.has(PcapngParse::Syn)) {
            me.seen = true;
            me.next = p.seq + 1;
        } else {
            QVERIFY2(me.seen, qPrintable(p.comment));
            QCOMPARE(p.seq, me.next);
            me.next += quint32(p.payload.size()) + (p.has(PcapngParse::Fin) ? 1 : 0);
        }
        if (p.has(PcapngParse::Ack)) {
            const Side &other = sides.value(to);
            QVERIFY2(other.seen, qPrintable(p.comment));
            QVERIFY2(qint32(p.ack - me.acked) >= 0 || me.acked == 0, qPrintable(p.comment));
            QVERIFY2(qint32(other.next - p.ack) >= 0, qPrintable(p.comment));
            me.acked = p.ack;
        }
    }
}

QByteArray payloadFrom(const PcapngParse::File &file, quint16 sourcePort)
{
    QByteArray bytes;
    for (const Packet &p : file.packets)
        if (p.sourcePort == sourcePort)
            bytes += p.payload;
    return bytes;
}

} // namespace

class tst_PacketSynth : public QObject
{
    Q_OBJECT

private slots:
    void conversation();
    void blockFraming();
    void bigChunkSplits();
    void addresses_data();
    void addresses();
    void mixedFamiliesLeftOut();
    void endings_data();
    void endings();
    void refusedAndTimedOut();
    void serverSide();
    void loopbackPairOnce();
    void discardedTxLeftOut();
    void ringModePrefix();
    void mergedAcrossConnections();
    void checksumOfKnownPacket();
};

void tst_PacketSynth::conversation()
{
    Recording r;
    r.event(stateEvent(t0 + 10 * us, ConnectionState::Connecting))
        .event(stateEvent(t0 + 100 * us, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "PING\r\n", t0 + 200 * us)
        .chunk(Direction::Rx, "+PONG\r\n", t0 + 300 * us)
        .event(halfClosed(t0 + 400 * us, Direction::Tx))
        .event(halfClosed(t0 + 500 * us, Direction::Rx))
        .event(stateEvent(t0 + 600 * us, ConnectionState::Closed, StateCause::Peer));
    const Connection *c
        = r.finish(ConnectionState::Closed, QStringLiteral("127.0.0.1:40000"), "127.0.0.1:6379");
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    QCOMPARE(flagTrail(file),
             QStringList({"S", "SA", "A", "PA+data", "A", "PA+data", "A", "FA", "A", "FA", "A"}));
    QCOMPARE(file.application, QStringLiteral("TCP Inspector"));
    QVERIFY(file.sectionComments.first().contains("65495"));

    const Packet &syn = file.packets[0];
    QCOMPARE(syn.source, QHostAddress("127.0.0.1"));
    QCOMPARE(syn.sourcePort, quint16(40000));
    QCOMPARE(syn.destinationPort, quint16(6379));
    QCOMPARE(syn.version, 4);
    QCOMPARE(syn.mss, 65495);
    QCOMPARE(syn.windowScale, 7);
    QCOMPARE(syn.timestampNs, quint64(wall0 + 10 * us));
    QCOMPARE(syn.comment, QStringLiteral("conn 3 tx SYN"));
    QCOMPARE(file.packets[1].comment, QStringLiteral("conn 3 rx SYN-ACK"));
    QCOMPARE(file.packets[1].timestampNs, quint64(wall0 + 99 * us));
    QCOMPARE(file.packets[2].timestampNs, quint64(wall0 + 100 * us));

    const Packet &request = file.packets[3];
    QCOMPARE(request.payload, QByteArray("PING\r\n"));
    QCOMPARE(request.comment, QStringLiteral("conn 3 tx chunk 0"));
    QCOMPARE(request.seq, syn.seq + 1);
    QCOMPARE(request.timestampNs, quint64(wall0 + 200 * us));
    const Packet &reply = file.packets[5];
    QCOMPARE(reply.payload, QByteArray("+PONG\r\n"));
    QCOMPARE(reply.comment, QStringLiteral("conn 3 rx chunk 0"));
    QCOMPARE(reply.sourcePort, quint16(6379));
    QCOMPARE(reply.ack, request.seq + 6);
    QCOMPARE(file.packets[4].ack, request.seq + 6); // the peer's ACK of the request
    QCOMPARE(file.packets[7].comment, QStringLiteral("conn 3 tx FIN"));
    QCOMPARE(file.packets[9].comment, QStringLiteral("conn 3 rx FIN"));
    QCOMPARE(file.packets[10].ack, file.packets[9].seq + 1);
}

void tst_PacketSynth::blockFraming()
{
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "abc", t0 + us); // 3 bytes: the packet needs padding
    const Connection *c = r.finish(ConnectionState::Established, "10.0.0.1:1000", "10.0.0.2:80");
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    QVERIFY(exportPcapng({c}, options(), &buffer, &why));
    // Section header, interface, then packets; every block's length is a
    // multiple of 4 and repeated at its end.
    QCOMPARE(PcapngParse::le32(bytes.constData()), 0x0A0D0D0Au);
    QCOMPARE(PcapngParse::le32(bytes.constData() + 8), 0x1A2B3C4Du);
    QCOMPARE(qint64(qFromLittleEndian<qint64>(bytes.constData() + 16)), qint64(-1));
    const quint32 sectionLength = PcapngParse::le32(bytes.constData() + 4);
    QCOMPARE(PcapngParse::le32(bytes.constData() + sectionLength), 1u);
    QCOMPARE(PcapngParse::le16(bytes.constData() + sectionLength + 8), quint16(101));
    const PcapngParse::File file = PcapngParse::parse(bytes);
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    // A live connection: the handshake and the data, no ending yet.
    QCOMPARE(flagTrail(file), QStringList({"S", "SA", "A", "PA+data", "A"}));
    QCOMPARE(file.packets[3].ip.size(), 20 + 20 + 3);
}

void tst_PacketSynth::bigChunkSplits()
{
    QByteArray big(2 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7 + i / 251);
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, big, t0 + us)
        .chunk(Direction::Rx, "ok", t0 + 2 * us)
        .event(stateEvent(t0 + 3 * us, ConnectionState::Closed));
    const Connection *c = r.finish(ConnectionState::Closed, "127.0.0.1:40001", "127.0.0.1:80");
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    int segments = 0;
    for (const Packet &p : file.packets) {
        if (p.sourcePort != 40001 || p.payload.isEmpty())
            continue;
        ++segments;
        QVERIFY(p.payload.size() <= 65495);
        QVERIFY(p.ip.size() <= 65535);
        QVERIFY(
            p.comment.startsWith(QStringLiteral("conn 3 tx chunk 0 segment %1/33").arg(segments)));
        QCOMPARE(p.has(PcapngParse::Psh), segments == 33);
    }
    QCOMPARE(segments, 33); // 2,097,152 = 32 x 65,495 + 1,312
    QCOMPARE(payloadFrom(file, 40001), big);
    QCOMPARE(payloadFrom(file, 80), QByteArray("ok"));
}

void tst_PacketSynth::addresses_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("source");
    QTest::newRow("v4") << "127.0.0.1:5001"
                        << "127.0.0.1:80" << 4 << "127.0.0.1";
    QTest::newRow("v6") << "[::1]:5001"
                        << "[::1]:80" << 6 << "::1";
    QTest::newRow("v6 global") << "[2001:db8::1]:5001"
                               << "[2001:db8::2]:80" << 6 << "2001:db8::1";
    QTest::newRow("mapped") << "[::ffff:127.0.0.1]:5001"
                            << "[::ffff:127.0.0.1]:80" << 4 << "127.0.0.1";
    QTest::newRow("mapped and v4") << "[::ffff:192.168.1.5]:5001"
                                   << "192.168.1.9:80" << 4 << "192.168.1.5";
}

void tst_PacketSynth::addresses()
{
    QFETCH(QString, local);
    QFETCH(QString, peer);
    QFETCH(int, version);
    QFETCH(QString, source);
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "hello", t0 + us)
        .chunk(Direction::Rx, "world!", t0 + 2 * us)
        .event(stateEvent(t0 + 3 * us, ConnectionState::Reset, StateCause::Peer));
    const Connection *c = r.finish(ConnectionState::Reset, local, peer);
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    QCOMPARE(file.packets.size(), size_t(8));
    for (const Packet &p : file.packets)
        QCOMPARE(p.version, version);
    QCOMPARE(file.packets[0].source, QHostAddress(source));
    QCOMPARE(file.packets[0].sourcePort, quint16(5001));
    QCOMPARE(payloadFrom(file, 5001), QByteArray("hello"));
    QCOMPARE(payloadFrom(file, 80), QByteArray("world!"));
}

void tst_PacketSynth::mixedFamiliesLeftOut()
{
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer));
    const Connection *c = r.finish(ConnectionState::Established, "[::1]:5001", "127.0.0.1:80");
    PacketSynth synth(*c, options());
    QVERIFY(!synth.isValid());
    QVERIFY(synth.atEnd());
    QStringList warnings;
    const PcapngParse::File file = exportToFile({c}, &warnings);
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    QCOMPARE(file.packets.size(), size_t(0));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains("IPv6"));
    QVERIFY(file.sectionComments.contains(warnings.first()));
}

void tst_PacketSynth::endings_data()
{
    QTest::addColumn<ConnectionState>("state");
    QTest::addColumn<StateCause>("cause");
    QTest::addColumn<bool>("finFirst");
    QTest::addColumn<QStringList>("tail");
    QTest::addColumn<quint16>("lastFrom");
    QTest::newRow("closed by us") << ConnectionState::Closed << StateCause::User << false
                                  << QStringList {"FA", "A"} << quint16(80);
    QTest::newRow("closed after our half-close") << ConnectionState::Closed << StateCause::User
                                                 << true << QStringList {"FA", "A"} << quint16(80);
    QTest::newRow("reset by the peer")
        << ConnectionState::Reset << StateCause::Peer << false << QStringList {"RA"} << quint16(80);
    QTest::newRow("reset by us") << ConnectionState::Reset << StateCause::User << false
                                 << QStringList {"RA"} << quint16(5001);
}

void tst_PacketSynth::endings()
{
    QFETCH(ConnectionState, state);
    QFETCH(StateCause, cause);
    QFETCH(bool, finFirst);
    QFETCH(QStringList, tail);
    QFETCH(quint16, lastFrom);
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Rx, "data", t0 + us);
    if (finFirst)
        r.event(halfClosed(t0 + 2 * us, Direction::Tx));
    r.event(stateEvent(t0 + 3 * us, state, cause));
    const Connection *c = r.finish(state, "127.0.0.1:5001", "127.0.0.1:80");
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    const QStringList trail = flagTrail(file);
    QCOMPARE(trail.mid(trail.size() - tail.size()), tail);
    QCOMPARE(file.packets.back().sourcePort, lastFrom);
    int fins = 0;
    int resets = 0;
    for (const Packet &p : file.packets) {
        fins += p.has(PcapngParse::Fin) ? 1 : 0;
        resets += p.has(PcapngParse::Rst) ? 1 : 0;
    }
    QCOMPARE(fins, state == ConnectionState::Closed ? 1 : 0); // one FIN from us, never two
    QCOMPARE(resets, state == ConnectionState::Reset ? 1 : 0);
}

void tst_PacketSynth::refusedAndTimedOut()
{
    TimelineEvent refused;
    refused.timeNs = t0 + 50 * us;
    refused.type = TimelineEvent::Error;
    refused.code = QStringLiteral("refused");
    refused.sysErrno = ECONNREFUSED;
    Recording a(Connection::Side::Client, 7);
    a.event(stateEvent(t0, ConnectionState::Connecting))
        .event(refused)
        .event(stateEvent(t0 + 51 * us, ConnectionState::Failed, StateCause::Error));
    const Connection *refusedConnection = a.finish(ConnectionState::Failed, QString(), QString());

    TimelineEvent timeout;
    timeout.timeNs = t0 + 900 * us;
    timeout.type = TimelineEvent::Timeout;
    Recording b(Connection::Side::Client, 8);
    b.event(stateEvent(t0 + 10 * us, ConnectionState::Connecting))
        .event(timeout)
        .event(stateEvent(t0 + 900 * us, ConnectionState::Failed, StateCause::Timeout));
    const Connection *timedOut = b.finish(ConnectionState::Failed, QString(), QString());

    // Without targets both are left out: they have no addresses.
    QStringList warnings;
    PcapngParse::File file = exportToFile({refusedConnection, timedOut}, &warnings);
    QCOMPARE(file.packets.size(), size_t(0));
    QCOMPARE(warnings.size(), 2);

    SynthOptions o = options();
    o.targets.insert(7, QStringLiteral("127.0.0.1:9"));
    o.targets.insert(8, QStringLiteral("[2001:db8::5]:443"));
    file = exportToFile({refusedConnection, timedOut}, &warnings, o);
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    QCOMPARE(flagTrail(file), QStringList({"S", "S", "RA"}));
    QCOMPARE(file.packets[0].comment, QStringLiteral("conn 7 tx SYN"));
    QCOMPARE(file.packets[0].destinationPort, quint16(9));
    QCOMPARE(file.packets[0].source, QHostAddress("127.0.0.1"));
    QCOMPARE(file.packets[1].comment, QStringLiteral("conn 8 tx SYN"));
    QCOMPARE(file.packets[1].version, 6);
    QCOMPARE(file.packets[1].destination, QHostAddress("2001:db8::5"));
    QCOMPARE(file.packets[2].comment, QStringLiteral("conn 7 rx RST-ACK: refused"));
    QCOMPARE(file.packets[2].ack, file.packets[0].seq + 1);
    QCOMPARE(file.packets[2].destinationPort, file.packets[0].sourcePort);
    QCOMPARE(warnings.size(), 2); // both local ends are made up
    for (const Packet &p : file.packets)
        QVERIFY(p.tcpChecksumGood);
}

void tst_PacketSynth::serverSide()
{
    Recording r(Connection::Side::Server, 4);
    r.event(stateEvent(t0 + 100 * us, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Rx, "GET / HTTP/1.0\r\n\r\n", t0 + 200 * us)
        .event(halfClosed(t0 + 250 * us, Direction::Rx))
        .chunk(Direction::Tx, "HTTP/1.0 200 OK\r\n\r\n", t0 + 300 * us)
        .event(stateEvent(t0 + 400 * us, ConnectionState::Closed));
    const Connection *c = r.finish(ConnectionState::Closed, "127.0.0.1:8080", "127.0.0.1:50000");
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    QCOMPARE(flagTrail(file),
             QStringList({"S", "SA", "A", "PA+data", "A", "FA", "A", "PA+data", "A", "FA", "A"}));
    // The peer is the client: its SYN comes 2 us before the accept.
    QCOMPARE(file.packets[0].sourcePort, quint16(50000));
    QCOMPARE(file.packets[0].comment, QStringLiteral("conn 4 rx SYN"));
    QCOMPARE(file.packets[0].timestampNs, quint64(wall0 + 98 * us));
    QCOMPARE(file.packets[1].sourcePort, quint16(8080));
}

void tst_PacketSynth::loopbackPairOnce()
{
    Recording client(Connection::Side::Client, 1);
    client.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "ping", t0 + us);
    Recording server(Connection::Side::Server, 2);
    server.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Rx, "ping", t0 + 2 * us);
    Recording other(Connection::Side::Server, 5);
    other.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Rx, "pong", t0 + 3 * us);
    const Connection *c = client.finish(ConnectionState::Established, "[::ffff:127.0.0.1]:40000",
                                        "[::ffff:127.0.0.1]:7000");
    const Connection *s
        = server.finish(ConnectionState::Established, "127.0.0.1:7000", "127.0.0.1:40000");
    const Connection *o
        = other.finish(ConnectionState::Established, "127.0.0.1:7000", "127.0.0.1:40001");
    const PcapngParse::File file = exportToFile({s, c, o});
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    QStringList comments;
    for (const Packet &p : file.packets)
        if (!p.payload.isEmpty())
            comments << p.comment;
    QCOMPARE(comments, QStringList({"conn 1 tx chunk 0", "conn 5 rx chunk 0"}));
    QCOMPARE(file.packets.size(), size_t(10));
}

void tst_PacketSynth::discardedTxLeftOut()
{
    Recording r;
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, QByteArray(600, 'a'), t0 + us)
        .chunk(Direction::Tx, QByteArray(400, 'b'), t0 + 2 * us)
        .event(stateEvent(t0 + 3 * us, ConnectionState::Closed, StateCause::Engine));
    // The qt engine threw away the last 500 bytes it had recorded.
    const Connection *c = r.finish(ConnectionState::Closed, "127.0.0.1:5001", "127.0.0.1:80", 500);
    const PcapngParse::File file = exportToFile({c});
    checkConversation(file);
    QCOMPARE(payloadFrom(file, 5001), QByteArray(500, 'a'));
    QCOMPARE(flagTrail(file), QStringList({"S", "SA", "A", "PA+data", "A", "FA", "A"}));
}

void tst_PacketSynth::ringModePrefix()
{
    ConnectionOptions o;
    o.store.blockSize = 4096;
    o.store.keepBytes = 4096;
    Recording r(Connection::Side::Client, 9, o);
    r.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer));
    for (int i = 0; i < 4; ++i)
        r.chunk(Direction::Rx, QByteArray(4096, char('a' + i)), t0 + (i + 1) * us);
    const Connection *c = r.finish(ConnectionState::Established, "127.0.0.1:5001", "127.0.0.1:80");
    const qint64 first = c->rx().store().firstOffset();
    QVERIFY(first > 0);
    QStringList warnings;
    const PcapngParse::File file = exportToFile({c}, &warnings);
    QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QString::number(first)));
    const Packet &synAck = file.packets[1];
    const Packet &data = file.packets[3];
    QCOMPARE(data.sourcePort, quint16(80));
    QCOMPARE(data.seq, synAck.seq + 1 + quint32(first));
    QCOMPARE(qint64(payloadFrom(file, 80).size()), c->rx().store().size() - first);
}

void tst_PacketSynth::mergedAcrossConnections()
{
    Recording a(Connection::Side::Client, 1);
    a.event(stateEvent(t0, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "a1", t0 + 10 * us)
        .chunk(Direction::Tx, "a2", t0 + 30 * us);
    Recording b(Connection::Side::Client, 2);
    b.event(stateEvent(t0 + 5 * us, ConnectionState::Established, StateCause::Peer))
        .chunk(Direction::Tx, "b1", t0 + 20 * us);
    const Connection *ca = a.finish(ConnectionState::Established, "127.0.0.1:1001", "127.0.0.1:80");
    const Connection *cb = b.finish(ConnectionState::Established, "127.0.0.1:1002", "127.0.0.1:80");
    const PcapngParse::File file = exportToFile({ca, cb});
    QStringList data;
    quint64 last = 0;
    for (const Packet &p : file.packets) {
        QVERIFY(p.timestampNs >= last);
        last = p.timestampNs;
        if (!p.payload.isEmpty())
            data << QString::fromLatin1(p.payload);
    }
    QCOMPARE(data, QStringList({"a1", "b1", "a2"}));
}

void tst_PacketSynth::checksumOfKnownPacket()
{
    // RFC 1071's example: the sum of 00 01 f2 03 f4 f5 f6 f7 is 0xddf2.
    const char bytes[]
        = {0x00, 0x01, char(0xf2), 0x03, char(0xf4), char(0xf5), char(0xf6), char(0xf7)};
    QCOMPARE(PacketSynth::foldChecksum(PacketSynth::addToChecksum(0, bytes, 8)), quint16(0xddf2));
    // Split anywhere on a word boundary, the sum is the same.
    const quint32 half = PacketSynth::addToChecksum(0, bytes, 4);
    QCOMPARE(PacketSynth::foldChecksum(PacketSynth::addToChecksum(half, bytes + 4, 4)),
             quint16(0xddf2));
}

QTEST_GUILESS_MAIN(tst_PacketSynth)
#include "tst_packetsynth.moc"
