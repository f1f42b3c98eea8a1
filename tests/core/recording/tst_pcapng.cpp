// SPDX-License-Identifier: GPL-3.0-or-later
// Real connections recorded in-process against real peers on loopback
// (socat, redis-server, nginx, our own echo server), exported as pcapng and
// checked twice: by the tests' own parser (always), and by tshark, which
// must follow both directions byte for byte, find every checksum good and
// see no lost, unseen or retransmitted segment.
#include "pcapngparse.h"
#include "shared/peerserver.h"

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/recordedconnection.h"
#include "net/serverendpoint.h"
#include "recording/packetsynth.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {

HostPort address(const QString &text)
{
    QString error;
    const std::optional<HostPort> parsed = HostPort::parse(text, HostPort::Use::Connect, &error);
    return parsed ? *parsed : HostPort();
}

ClientOptions clientFor(const QString &target, EngineKind engine)
{
    ClientOptions options;
    options.target = address(target);
    options.connectTimeoutMs = 5000;
    options.connection.engine = engine;
    options.connection.noDelay = true;
    return options;
}

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + i / 509 + seed) & 0xFF);
    return bytes;
}

/// What reached the wire in one direction: the store, less what the
/// engine threw away at the end of tx.
QByteArray wireBytes(const Connection &c, Direction d)
{
    const StreamStore &store = d == Direction::Rx ? c.rx().store() : c.tx().store();
    const qint64 size = store.size() - (d == Direction::Tx ? c.discardedFromTx() : 0);
    return store.read(store.firstOffset(), size - store.firstOffset());
}

/// "127.0.0.1:5000" or "[::1]:5000", as Connection names its ends.
QString sourceOf(const PcapngParse::Packet &p)
{
    if (p.source.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(p.source.toString()).arg(p.sourcePort);
    return QStringLiteral("%1:%2").arg(p.source.toString()).arg(p.sourcePort);
}

/// tshark's answers about one capture file.
class Tshark
{
public:
    static QString program() { return PeerServer::find(QStringLiteral("tshark")); }

    explicit Tshark(const QString &file) : m_file(file) { }

    /// Output lines of tshark -r FILE with arguments (a display filter...).
    QStringList run(const QStringList &arguments) const
    {
        QProcess process;
        process.start(program(), QStringList {"-r", m_file} + arguments);
        if (!process.waitForFinished(60000))
            return {QStringLiteral("tshark did not finish")};
        return QString::fromUtf8(process.readAllStandardOutput())
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    /// Packets a display filter matches, with checksums checked.
    int count(const QString &filter) const
    {
        QStringList arguments {"-o", "tcp.check_checksum:TRUE",
                               "-o", "ip.check_checksum:TRUE",
                               "-T", "fields",
                               "-e", "frame.number"};
        if (!filter.isEmpty())
            arguments << "-Y" << filter;
        return int(run(arguments).size());
    }
    /// "follow,tcp,raw": the bytes each end sent, by "address:port".
    QHash<QString, QByteArray> follow(const QString &a, const QString &b) const
    {
        const QStringList lines
            = run({"-q", "-z", QStringLiteral("follow,tcp,raw,%1,%2").arg(a, b)});
        QHash<QString, QByteArray> sent;
        QString nodes[2];
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("Node 0: ")))
                nodes[0] = line.mid(8).trimmed();
            else if (line.startsWith(QLatin1String("Node 1: ")))
                nodes[1] = line.mid(8).trimmed();
            else if (!nodes[1].isEmpty() && !line.startsWith(QLatin1Char('=')))
                // Node 1's data lines are indented with a tab.
                sent[nodes[line.startsWith(QLatin1Char('\t')) ? 1 : 0]]
                    += QByteArray::fromHex(line.trimmed().toLatin1());
        }
        return sent;
    }

private:
    QString m_file;
};

} // namespace

class tst_Pcapng : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void socatEcho();
    void redisPingAndSet();
    void nginxGet();
    void ownServerReset_data();
    void ownServerReset();
    void bigChunk();

private:
    /// Exports connections to name in the temporary directory; its path.
    QString exportTo(const QString &name, const QList<const Connection *> &connections);
    /// Our parser finds the client's bytes both ways; then tshark does
    /// (skipped without tshark). resets: RST packets expected.
    void checkCapture(const QString &path, const Connection &client, int resets);
    bool writeNginxConfig(const QString &nginx, quint16 port);

    QTemporaryDir m_dir;
    SynthOptions m_synth;
};

void tst_Pcapng::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_synth = SynthOptions::now();
}

QString tst_Pcapng::exportTo(const QString &name, const QList<const Connection *> &connections)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    QString why;
    QStringList warnings;
    if (!exportPcapng(connections, m_synth, &file, &why, &warnings))
        qWarning() << "export failed:" << why;
    if (!warnings.isEmpty())
        qWarning() << "warnings:" << warnings;
    return path;
}

void tst_Pcapng::checkCapture(const QString &path, const Connection &client, int resets)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const PcapngParse::File parsed = PcapngParse::parse(file.readAll());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    const QString local = client.localAddress();
    const QString peer = client.peerAddress();
    const QByteArray tx = wireBytes(client, Direction::Tx);
    const QByteArray rx = wireBytes(client, Direction::Rx);
    QByteArray sent;
    QByteArray received;
    int parsedResets = 0;
    for (const PcapngParse::Packet &p : parsed.packets) {
        QVERIFY2(p.tcpChecksumGood && p.ipChecksumGood, qPrintable(p.comment));
        (sourceOf(p) == local ? sent : received) += p.payload;
        parsedResets += p.has(PcapngParse::Rst) ? 1 : 0;
    }
    QCOMPARE(sent.size(), tx.size());
    QVERIFY(sent == tx);
    QCOMPARE(received.size(), rx.size());
    QVERIFY(received == rx);
    QCOMPARE(parsedResets, resets);

    if (Tshark::program().isEmpty())
        QSKIP("tshark is not installed (scripts/lib/common.sh installs it for the tests)");
    const Tshark tshark(path);
    const int packets = tshark.count(QString());
    QCOMPARE(packets, int(parsed.packets.size()));
    QCOMPARE(tshark.count("tcp.checksum.status==1 && (ipv6 || ip.checksum.status==1)"), packets);
    QCOMPARE(tshark.count("tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment || "
                          "tcp.analysis.retransmission"),
             0);
    QCOMPARE(tshark.count("tcp.flags.reset==1"), resets);
    const QHash<QString, QByteArray> followed = tshark.follow(local, peer);
    QCOMPARE(followed.value(local).size(), tx.size());
    QVERIFY(followed.value(local) == tx);
    QCOMPARE(followed.value(peer).size(), rx.size());
    QVERIFY(followed.value(peer) == rx);
    qInfo("%s: %d packets, tx %lld and rx %lld bytes followed by tshark", qPrintable(path), packets,
          qint64(tx.size()), qint64(rx.size()));
}

void tst_Pcapng::socatEcho()
{
    const QString socat = PeerServer::find(QStringLiteral("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed");
    PeerServer peer;
    QVERIFY2(
        peer.start(socat,
                   [](quint16 port) {
                       return QStringList {
                           QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(port),
                           "EXEC:cat"};
                   }),
        qPrintable(peer.why()));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(peer.target(), EngineKind::Native));
    const QByteArray data = pattern(300 * 1024, 1);
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 10000);
    c->send(data);
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), qint64(data.size()), 20000);
    // Our FIN ends cat's input: socat closes, and we read EOF.
    c->halfClose();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 20000);
    QCOMPARE(c->state(), ConnectionState::Closed);
    QCOMPARE(wireBytes(*c, Direction::Rx), data);
    checkCapture(exportTo("socat.pcapng", {c}), *c, 0);
}

void tst_Pcapng::redisPingAndSet()
{
    const QString redis = PeerServer::find(QStringLiteral("redis-server"));
    if (redis.isEmpty())
        QSKIP("redis-server is not installed");
    PeerServer peer;
    QVERIFY2(peer.start(redis,
                        [this](quint16 port) {
                            return QStringList {"--port",       QString::number(port),
                                                "--bind",       "127.0.0.1",
                                                "--save",       "",
                                                "--appendonly", "no",
                                                "--dir",        m_dir.path(),
                                                "--loglevel",   "warning"};
                        }),
             qPrintable(peer.why()));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(peer.target(), EngineKind::Qt));
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 10000);
    c->send("PING\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), qint64(7), 10000);
    const QByteArray value = pattern(200 * 1000, 2).toHex().left(200 * 1000);
    c->send("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$" + QByteArray::number(value.size()) + "\r\n" + value
            + "\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), qint64(12), 20000);
    QCOMPARE(wireBytes(*c, Direction::Rx), QByteArray("+PONG\r\n+OK\r\n"));
    c->close();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 10000);
    checkCapture(exportTo("redis.pcapng", {c}), *c, 0);
}

bool tst_Pcapng::writeNginxConfig(const QString &nginx, quint16 port)
{
    // The compiled-in temporary paths are under /var/lib/nginx: each goes
    // to the temporary directory, for the modules this build has.
    QProcess version;
    version.start(nginx, {"-V"});
    version.waitForFinished(5000);
    const QByteArray built = version.readAllStandardError() + version.readAllStandardOutput();
    QByteArray config = "daemon off;\nmaster_process off;\npid "
                        + m_dir.filePath("nginx.pid").toUtf8() + ";\nerror_log "
                        + m_dir.filePath("error.log").toUtf8()
                        + ";\nevents { worker_connections 64; }\nhttp {\naccess_log off;\n"
                        + "client_body_temp_path " + m_dir.filePath("body").toUtf8() + ";\n";
    for (const char *module : {"proxy", "fastcgi", "uwsgi", "scgi"})
        if (!built.contains(QByteArray("--without-http_") + module + "_module"))
            config += QByteArray(module) + "_temp_path " + m_dir.filePath(module).toUtf8() + ";\n";
    config += "server {\nlisten 127.0.0.1:" + QByteArray::number(port) + ";\nroot "
              + m_dir.filePath("www").toUtf8() + ";\n}\n}\n";
    QFile file(m_dir.filePath("nginx.conf"));
    return file.open(QIODevice::WriteOnly) && file.write(config) == config.size();
}

void tst_Pcapng::nginxGet()
{
    const QString nginx = PeerServer::find(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        QSKIP("nginx is not installed");
    QVERIFY(QDir(m_dir.path()).mkpath("www"));
    const QByteArray body = pattern(1024 * 1024, 3);
    QFile page(m_dir.filePath("www/big.bin"));
    QVERIFY(page.open(QIODevice::WriteOnly));
    QCOMPARE(page.write(body), body.size());
    page.close();
    PeerServer peer;
    QVERIFY2(peer.start(nginx,
                        [&](quint16 port) {
                            writeNginxConfig(nginx, port);
                            return QStringList {"-p", m_dir.path(),
                                                "-c", m_dir.filePath("nginx.conf"),
                                                "-e", m_dir.filePath("error.log")};
                        }),
             qPrintable(peer.why()));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(peer.target(), EngineKind::Native));
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 10000);
    c->send("GET /big.bin HTTP/1.0\r\nHost: localhost\r\n\r\n");
    // HTTP/1.0: nginx closes after the body, and we close at its EOF.
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::RemoteHalfClosed, 20000);
    c->close();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 10000);
    const QByteArray rx = wireBytes(*c, Direction::Rx);
    QVERIFY2(rx.startsWith("HTTP/1.1 200 OK"), rx.left(200).constData());
    QVERIFY(rx.endsWith(body));
    checkCapture(exportTo("nginx.pcapng", {c}), *c, 0);
}

void tst_Pcapng::ownServerReset_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("v4") << "127.0.0.1:0";
    QTest::newRow("v6") << "[::1]:0";
}

void tst_Pcapng::ownServerReset()
{
    QFETCH(QString, listen);
    ServerEndpoint server;
    ServerOptions options;
    QString parseError;
    options.address = *HostPort::parse(listen, HostPort::Use::Listen, &parseError);
    options.reply.kind = ReplyPolicy::Kind::Echo;
    options.connection.engine = EngineKind::Native;
    SocketErrorInfo error;
    if (!server.listen(options, &error)) {
        if (listen.startsWith(QLatin1Char('[')))
            QSKIP("no ::1 here");
        QFAIL(qPrintable(error.explanation));
    }
    ClientEndpoint client;
    Connection *c
        = client.connectTo(clientFor(server.boundAddress().toString(), EngineKind::Native));
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 10000);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    const QByteArray data = pattern(70 * 1000, 4);
    c->send(data);
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), qint64(data.size()), 20000);
    // The server ends it with an RST; the client reads ECONNRESET.
    s->abortWithReset();
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Reset, 10000);
    QCOMPARE(s->state(), ConnectionState::Reset);

    // Both ends were recorded: the capture holds the connection once.
    const QString path = exportTo("reset.pcapng", {s, c});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const PcapngParse::File parsed = PcapngParse::parse(file.readAll());
    const QString prefix = QStringLiteral("conn %1 ").arg(c->id());
    for (const PcapngParse::Packet &p : parsed.packets)
        QVERIFY2(p.comment.startsWith(prefix), qPrintable(p.comment));
    QVERIFY(parsed.packets.back().has(PcapngParse::Rst));
    QCOMPARE(sourceOf(parsed.packets.back()), s->localAddress());
    checkCapture(path, *c, 1);
}

void tst_Pcapng::bigChunk()
{
    ConnectionOptions o;
    RecordedConnection c(Connection::Side::Client, 11, o);
    const qint64 t = m_synth.startMonotonicNs;
    TimelineEvent established;
    established.timeNs = t;
    established.type = TimelineEvent::StateChanged;
    established.state = ConnectionState::Established;
    c.addEvent(established);
    const QByteArray big = pattern(2 * 1024 * 1024, 5);
    c.addChunk(Direction::Tx, big.constData(), big.size(), t + 1000);
    c.addChunk(Direction::Rx, "done", 4, t + 2000);
    TimelineEvent closed = established;
    closed.timeNs = t + 3000;
    closed.state = ConnectionState::Closed;
    c.addEvent(closed);
    c.finishLoading(ConnectionState::Closed, "127.0.0.1:45000", "127.0.0.1:9000", 0, 0);
    const QString path = exportTo("big.pcapng", {&c});
    if (!Tshark::program().isEmpty()) {
        const Tshark tshark(path);
        QCOMPARE(tshark.count("tcp.srcport==45000 && tcp.len>0"), 33);
        QCOMPARE(tshark.count("tcp.len==65495"), 32);
    }
    checkCapture(path, c, 0);
}

QTEST_GUILESS_MAIN(tst_Pcapng)
#include "tst_pcapng.moc"
