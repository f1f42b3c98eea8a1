// SPDX-License-Identifier: GPL-3.0-or-later
// A relay between real loopback clients and servers (ours, and socat): bytes
// both ways on both legs, a half-close carried through with the echo coming
// back after the FIN, an RST carried through, a refused upstream, a slow
// reader holding the other end without the relay buffering, 200 pairs.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/relay.h"
#include "net/serverendpoint.h"
#include "recording/sessionloader.h"
#include "recording/sessionwriter.h"

#include "shared/refusingport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {

ConnectionOptions native()
{
    ConnectionOptions options;
    options.engine = EngineKind::Native;
    options.kernelSampleMs = 0;
    return options;
}

HostPort loopbackAny()
{
    return *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
}

/// A port nobody listens on: bound by the system, then let go.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

/// Whether a socket listens on 127.0.0.1:port, from the kernel's table.
bool isListening(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray local
        = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields[1] == local && fields[3] == "0A")
            return true;
    }
    return false;
}

QByteArray all(const StreamChannel &channel)
{
    return channel.store().read(0, channel.store().size());
}

} // namespace

class tst_Relay : public QObject
{
    Q_OBJECT

private slots:
    void bytesGoBothWaysOnBothLegs();
    void halfCloseIsCarriedThrough();
    void halfCloseThroughSocat();
    void resetIsCarriedThrough();
    void refusedUpstreamResetsTheClient();
    void slowReaderHoldsTheOtherEnd();
    void twoHundredPairs();
    void faultsParse_data();
    void faultsParse();
    void faultsWriteBackAsArguments();
    void pauseHoldsOneDirection();
    void savedLegsStayPaired();
    void sliceMakesOneReadPerPiece();
    void latencyDelaysAndKeepsTheFinBehind();
    void coalesceJoinsWrites();
    void limitDataCloses();
    void limitDataResets();
    void resetAfter();
    void bandwidthPaces();
    void connectDelay();
    void refuseNewResetsAtOnce();
    void closeWaitsBehindHeldBytes();
    void clientGoneWhileConnecting();

private:
    /// A client through the relay to the upstream with faults: the client
    /// and the upstream's accepted connection, both established.
    std::pair<Connection *, Connection *>
    connectThrough(const RelayFaults &faults, ReplyPolicy::Kind reply = ReplyPolicy::Kind::None);
    /// The upstream server (echo unless told) and a relay in front of it.
    bool start(ReplyPolicy::Kind reply = ReplyPolicy::Kind::Echo, bool closeAtPeerEof = true);
    bool startRelayTo(const HostPort &target);
    Connection *connectClient();

    std::unique_ptr<ServerEndpoint> m_upstream;
    std::unique_ptr<Relay> m_relay;
    std::unique_ptr<ClientEndpoint> m_clients;
};

bool tst_Relay::start(ReplyPolicy::Kind reply, bool closeAtPeerEof)
{
    m_upstream = std::make_unique<ServerEndpoint>();
    ServerOptions options;
    options.address = loopbackAny();
    options.reply.kind = reply;
    options.closeAtPeerEof = closeAtPeerEof;
    options.connection = native();
    SocketErrorInfo error;
    if (!m_upstream->listen(options, &error))
        return false;
    return startRelayTo(m_upstream->boundAddress());
}

bool tst_Relay::startRelayTo(const HostPort &target)
{
    m_relay = std::make_unique<Relay>();
    RelayOptions options;
    options.listen.address = loopbackAny();
    options.listen.connection = native();
    options.upstream.target = target;
    options.upstream.connection = native();
    SocketErrorInfo error;
    m_clients = std::make_unique<ClientEndpoint>();
    return m_relay->listen(options, &error);
}

Connection *tst_Relay::connectClient()
{
    ClientOptions options;
    options.target = m_relay->boundAddress();
    options.connection = native();
    return m_clients->connectTo(options);
}

void tst_Relay::bytesGoBothWaysOnBothLegs()
{
    QVERIFY(start());
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstream(m_relay.get(), &Relay::upstreamStarted);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->send("hello\n");
    QTRY_COMPARE(all(client->rx()), QByteArray("hello\n"));
    QCOMPARE(started.count(), 1);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    QTRY_COMPARE(upstream.count(), 1);
    auto *serverLeg = upstream.first().at(1).value<Connection *>();
    QCOMPARE(m_relay->pairOf(clientLeg), quint64(1));
    QCOMPARE(m_relay->pairOf(serverLeg), quint64(1));
    QCOMPARE(m_relay->legOf(clientLeg), Relay::Leg::Client);
    QCOMPARE(m_relay->legOf(serverLeg), Relay::Leg::Server);
    QCOMPARE(m_relay->partnerOf(clientLeg), serverLeg);
    // What one leg read, the other wrote.
    QCOMPARE(all(clientLeg->rx()), QByteArray("hello\n"));
    QCOMPARE(all(serverLeg->tx()), QByteArray("hello\n"));
    QCOMPARE(all(serverLeg->rx()), QByteArray("hello\n"));
    QCOMPARE(all(clientLeg->tx()), QByteArray("hello\n"));
    QCOMPARE(m_upstream->connections().size(), 1);
    QCOMPARE(all(m_upstream->connections().first()->rx()), QByteArray("hello\n"));
}

void tst_Relay::halfCloseIsCarriedThrough()
{
    // The server answers after the client's FIN (S13): only a relay that
    // passes the FIN on as a half-close, and keeps reading, lets it.
    QVERIFY(start(ReplyPolicy::Kind::None, false));
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstream(m_relay.get(), &Relay::upstreamStarted);
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->send("request");
    client->halfClose();
    QTRY_COMPARE(m_upstream->connections().size(), 1);
    Connection *server = m_upstream->connections().first();
    QTRY_COMPARE(server->state(), ConnectionState::RemoteHalfClosed);
    QCOMPARE(all(server->rx()), QByteArray("request"));
    server->send("reply after your FIN");
    server->close();
    QTRY_VERIFY(isFinalState(client->state()));
    QCOMPARE(client->state(), ConnectionState::Closed);
    QCOMPARE(all(client->rx()), QByteArray("reply after your FIN"));
    QTRY_COMPARE(finished.count(), 1);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    QTRY_COMPARE(upstream.count(), 1);
    auto *serverLeg = upstream.first().at(1).value<Connection *>();
    QCOMPARE(clientLeg->state(), ConnectionState::Closed);
    QCOMPARE(serverLeg->state(), ConnectionState::Closed);
    QCOMPARE(m_relay->openPairs(), 0);
}

void tst_Relay::halfCloseThroughSocat()
{
    const QString socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed (apt-get install socat)");
    // socat's echo: cat writes what it read, and ends when its input does.
    const quint16 port = closedPort();
    QProcess echo;
    echo.start(socat, {QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(port),
                       QStringLiteral("EXEC:cat")});
    QVERIFY(echo.waitForStarted());
    HostPort target = loopbackAny();
    target.port = port;
    QVERIFY(startRelayTo(target));
    QByteArray sent;
    for (int i = 0; i < 1000; ++i)
        sent += QByteArray::number(i) + '\n';
    // socat listens a moment after it starts; a probe would use up its one accept.
    QTRY_VERIFY_WITH_TIMEOUT(isListening(port), 10000);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->send(sent);
    client->halfClose();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client->state()), 10000);
    QCOMPARE(client->state(), ConnectionState::Closed);
    QCOMPARE(all(client->rx()), sent);
    // socat ends once both directions have: its own FIN went after cat's last byte.
    QTRY_COMPARE_WITH_TIMEOUT(echo.state(), QProcess::NotRunning, 5000);
    QCOMPARE(echo.exitCode(), 0);
}

void tst_Relay::resetIsCarriedThrough()
{
    QVERIFY(start(ReplyPolicy::Kind::None));
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstream(m_relay.get(), &Relay::upstreamStarted);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    QTRY_COMPARE(m_upstream->connections().size(), 1);
    m_upstream->connections().first()->abortWithReset();
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    QTRY_COMPARE(upstream.count(), 1);
    auto *serverLeg = upstream.first().at(1).value<Connection *>();
    QCOMPARE(serverLeg->state(), ConnectionState::Reset);
    QCOMPARE(clientLeg->state(), ConnectionState::Reset);
}

void tst_Relay::refusedUpstreamResetsTheClient()
{
    const RefusingPort refusing;
    QVERIFY(refusing.port() != 0);
    HostPort target = loopbackAny();
    target.port = refusing.port();
    QVERIFY(startRelayTo(target));
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstream(m_relay.get(), &Relay::upstreamStarted);
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    QTRY_COMPARE(finished.count(), 1);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    QTRY_COMPARE(upstream.count(), 1);
    auto *serverLeg = upstream.first().at(1).value<Connection *>();
    QCOMPARE(serverLeg->state(), ConnectionState::Failed);
    QCOMPARE(clientLeg->state(), ConnectionState::Reset);
    // The reason is on the accepted leg's timeline.
    const QString expected = QStringLiteral("could not connect to 127.0.0.1:%1").arg(target.port);
    QStringList notes;
    for (const TimelineEvent &e : clientLeg->timeline().since(0)) {
        if (e.type == TimelineEvent::Note)
            notes.append(e.text);
    }
    QVERIFY2(notes.join(QLatin1Char('\n')).contains(expected),
             qPrintable(notes.join(QLatin1Char('\n'))));
}

void tst_Relay::slowReaderHoldsTheOtherEnd()
{
    QVERIFY(start(ReplyPolicy::Kind::None));
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy upstream(m_relay.get(), &Relay::upstreamStarted);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->setReadPaused(true);
    QTRY_COMPARE(m_upstream->connections().size(), 1);
    Connection *server = m_upstream->connections().first();
    const QByteArray block(1 << 20, 'x');
    const int blocks = 48;
    for (int i = 0; i < blocks; ++i)
        server->send(block);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    QTRY_COMPARE(upstream.count(), 1);
    auto *serverLeg = upstream.first().at(1).value<Connection *>();
    // The reader does not read: the relay stops reading the server leg, and
    // the bytes wait in the server's own queue, not in the relay.
    QTRY_VERIFY_WITH_TIMEOUT(serverLeg->readPaused(), 10000);
    QTest::qWait(300);
    const qint64 held = clientLeg->pendingBytes();
    QVERIFY2(held <= m_relay->options().highWater + (qint64(1) << 20),
             qPrintable(QString::number(held)));
    QVERIFY(server->pendingBytes() > 0); // the rest waits at the sender, not in the relay
    client->setReadPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(blocks) << 20, 20000);
    QVERIFY(!serverLeg->readPaused());
}

void tst_Relay::twoHundredPairs()
{
    QVERIFY(start());
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    QList<Connection *> clients;
    for (int i = 0; i < 200; ++i) {
        clients.append(connectClient());
        if (i % 20 == 19)
            QTest::qWait(5); // the relay accepts on this thread too
    }
    for (Connection *c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 10000);
    for (int i = 0; i < clients.size(); ++i)
        clients[i]->send(QByteArray::number(i) + '\n');
    for (int i = 0; i < clients.size(); ++i)
        QTRY_COMPARE_WITH_TIMEOUT(all(clients[i]->rx()), QByteArray::number(i) + '\n', 10000);
    for (Connection *c : clients)
        c->close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 200, 20000);
    QCOMPARE(m_relay->openPairs(), 0);
}

std::pair<Connection *, Connection *> tst_Relay::connectThrough(const RelayFaults &faults,
                                                                ReplyPolicy::Kind reply)
{
    if (!start(reply, false))
        return {};
    m_relay->setFaults(faults);
    Connection *client = connectClient();
    if (!QTest::qWaitFor([&] { return m_upstream->connections().size() == 1; }, 5000))
        return {};
    Connection *server = m_upstream->connections().first();
    if (!QTest::qWaitFor([&] { return client->state() == ConnectionState::Established; }, 5000))
        return {};
    return {client, server};
}

void tst_Relay::faultsParse_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("described");
    QTest::newRow("latency") << "latency"
                             << "50" << true << "c2s: latency 50+0 ms; s2c: latency 50+0 ms";
    QTest::newRow("jitter one way") << "latency"
                                    << "s2c:100:20" << true << "s2c: latency 100+20 ms";
    QTest::newRow("slice") << "slice"
                           << "c2s:1" << true << "c2s: slice 1 B every 0 ms";
    QTest::newRow("slice delay") << "slice"
                                 << "3:10" << true
                                 << "c2s: slice 3 B every 10 ms; s2c: slice 3 B every 10 ms";
    QTest::newRow("limit reset") << "limit-data"
                                 << "c2s:10:reset" << true << "c2s: limit 10 B then reset";
    QTest::newRow("reset after") << "reset-after"
                                 << "500" << true << "reset after 500 ms";
    QTest::newRow("bandwidth") << "bandwidth"
                               << "s2c:1000" << true << "s2c: bandwidth 1000 B/s";
    QTest::newRow("zero slice") << "slice"
                                << "0" << false << "";
    QTest::newRow("words") << "latency"
                           << "fast" << false << "";
    QTest::newRow("bad direction") << "coalesce"
                                   << "up:10" << false << "";
    QTest::newRow("bad limit mode") << "limit-data"
                                    << "10:rst" << false << "";
    QTest::newRow("negative") << "reset-after"
                              << "-5" << false << "";
}

void tst_Relay::faultsParse()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, described);
    RelayFaults faults;
    QString error;
    QCOMPARE(RelayFaults::parse(option, value, &faults, &error), ok);
    if (ok) {
        QCOMPARE(faults.describe(), described);
    } else {
        // Says what was given and how to write it.
        QVERIFY2(error.contains(value) && error.contains(QLatin1String("e.g.")), qPrintable(error));
    }
}

void tst_Relay::faultsWriteBackAsArguments()
{
    // What the window's fault controls set, as the command line: parsed
    // again, the same faults.
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].latencyMs = 50;
    faults.direction[RelayFaults::ClientToServer].jitterMs = 5;
    faults.direction[RelayFaults::ServerToClient].latencyMs = 50;
    faults.direction[RelayFaults::ServerToClient].sliceBytes = 3;
    faults.direction[RelayFaults::ServerToClient].sliceDelayMs = 10;
    faults.direction[RelayFaults::ClientToServer].limitBytes = 0;
    faults.direction[RelayFaults::ClientToServer].limitReset = true;
    faults.direction[RelayFaults::ClientToServer].bandwidth = 1000;
    faults.direction[RelayFaults::ServerToClient].bandwidth = 1000;
    faults.resetAfterMs = 900;
    const QStringList arguments = faults.toArguments();
    QCOMPARE(arguments.join(QLatin1Char(' ')),
             QStringLiteral("--latency c2s:50:5 --latency s2c:50 --bandwidth 1000 --slice s2c:3:10 "
                            "--limit-data c2s:0:reset --reset-after 900"));
    RelayFaults parsed;
    QString error;
    for (int i = 0; i + 1 < arguments.size(); i += 2)
        QVERIFY2(RelayFaults::parse(arguments[i].mid(2), arguments[i + 1], &parsed, &error),
                 qPrintable(error));
    QCOMPARE(parsed.describe(), faults.describe());
    QVERIFY(RelayFaults().toArguments().isEmpty());
}

void tst_Relay::pauseHoldsOneDirection()
{
    // c2s paused: the client's bytes and its FIN wait (the relay stops
    // reading the client leg) while the server's reply still comes through;
    // resumed, they pass in order.
    const auto [client, server] = connectThrough(RelayFaults());
    QVERIFY(client && server);
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].paused = true;
    QVERIFY(!faults.of(RelayFaults::ClientToServer).isNone());
    QCOMPARE(faults.describe(), QStringLiteral("c2s: paused"));
    m_relay->setFaults(faults);
    Connection *clientLeg = m_relay->server().connections().first();
    QVERIFY(clientLeg->readPaused());
    client->send("held");
    client->halfClose();
    server->send("free");
    QTRY_COMPARE(all(client->rx()), QByteArray("free"));
    QTest::qWait(200);
    QCOMPARE(server->rx().store().size(), qint64(0));
    QCOMPARE(server->state(), ConnectionState::Established);
    m_relay->setFaults(RelayFaults());
    QTRY_COMPARE(all(server->rx()), QByteArray("held"));
    QTRY_COMPARE(server->state(), ConnectionState::RemoteHalfClosed);
    QVERIFY(!clientLeg->readPaused());
}

void tst_Relay::savedLegsStayPaired()
{
    // Saved by any writer (the window's passes no extra settings), the
    // legs open paired again, each knowing its end.
    const auto [client, server] = connectThrough(RelayFaults());
    QVERIFY(client && server);
    client->send("ping");
    QTRY_COMPARE(all(server->rx()), QByteArray("ping"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("relay.tcpis"));
    SessionWriter writer;
    SessionError error;
    QVERIFY(writer.open(path, {0, 0, {}}, &error));
    for (Connection *leg : m_relay->connections())
        QVERIFY(writer.addConnection(*leg, {}, &error));
    QVERIFY2(writer.commit(&error), qPrintable(error.toString()));
    LoadedSession loaded;
    QVERIFY(loadSession(path, &loaded));
    QCOMPARE(loaded.connections.size(), size_t(2));
    const quint64 pair = m_relay->pairOf(m_relay->connections().first());
    QVERIFY(pair != 0);
    for (size_t i = 0; i < loaded.connections.size(); ++i) {
        const RecordedConnection &leg = *loaded.connections[i];
        QCOMPARE(leg.relayPair(), pair);
        QCOMPARE(loaded.recorded[i].settings.value(QLatin1String("leg")).toString(),
                 leg.side() == Connection::Side::Server ? QStringLiteral("client")
                                                        : QStringLiteral("server"));
    }
}

void tst_Relay::sliceMakesOneReadPerPiece()
{
    // The quickest way to find a program that takes one read for one message.
    RelayFaults faults;
    QString error;
    QVERIFY(
        RelayFaults::parse(QStringLiteral("slice"), QStringLiteral("s2c:1:5"), &faults, &error));
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    server->send("+PONG\r\n");
    QTRY_COMPARE(all(client->rx()), QByteArray("+PONG\r\n"));
    // The relay wrote a byte at a time (how the client reads them depends on
    // how fast it is: 5 ms apart they are mostly separate reads).
    Connection *clientLeg = m_relay->server().connections().first();
    QCOMPARE(clientLeg->tx().store().chunkCount(), qint64(7));
    QVERIFY(client->rx().store().chunkCount() > 1);
    // The other way untouched: one write, one write.
    client->send("PING\r\n");
    QTRY_COMPARE(all(server->rx()), QByteArray("PING\r\n"));
    QCOMPARE(m_relay->partnerOf(clientLeg)->tx().store().chunkCount(), qint64(1));
}

void tst_Relay::latencyDelaysAndKeepsTheFinBehind()
{
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].latencyMs = 150;
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    client->send("late");
    client->halfClose();
    QTRY_COMPARE(server->state(), ConnectionState::RemoteHalfClosed);
    // The bytes came before the FIN, and 150 ms after they were written.
    QCOMPARE(all(server->rx()), QByteArray("late"));
    const qint64 sentNs = client->tx().store().chunk(0).timestampNs;
    const qint64 receivedNs = server->rx().store().chunk(0).timestampNs;
    QVERIFY2(receivedNs - sentNs >= 150'000'000, qPrintable(QString::number(receivedNs - sentNs)));
    QVERIFY(server->rx().finishedAtNs() >= receivedNs);
}

void tst_Relay::coalesceJoinsWrites()
{
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].coalesceMs = 300;
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    for (const char *piece : {"a", "b", "c", "d"}) {
        client->send(piece);
        QTest::qWait(20);
    }
    QCOMPARE(client->tx().store().chunkCount(), qint64(4));
    QTRY_COMPARE(all(server->rx()), QByteArray("abcd"));
    QCOMPARE(server->rx().store().chunkCount(), qint64(1));
}

void tst_Relay::limitDataCloses()
{
    RelayFaults faults;
    faults.direction[RelayFaults::ClientToServer].limitBytes = 10;
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    client->send(QByteArray(100, 'x'));
    // Both ends read the relay's FIN after the limit: 10 bytes came through.
    QTRY_VERIFY(server->rx().finished());
    QTRY_VERIFY(client->rx().finished());
    QCOMPARE(server->rx().store().size(), qint64(10));
    QCOMPARE(client->state(), ConnectionState::RemoteHalfClosed);
}

void tst_Relay::limitDataResets()
{
    RelayFaults faults;
    QString error;
    QVERIFY(RelayFaults::parse(QStringLiteral("limit-data"), QStringLiteral("s2c:3:reset"), &faults,
                               &error));
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    server->send("12345");
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    QCOMPARE(client->rx().store().size() <= 3, true);
    QTRY_COMPARE(server->state(), ConnectionState::Reset);
}

void tst_Relay::resetAfter()
{
    RelayFaults faults;
    faults.resetAfterMs = 200;
    QElapsedTimer clock;
    clock.start();
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    QVERIFY(clock.elapsed() >= 190);
    QTRY_COMPARE(server->state(), ConnectionState::Reset);
}

void tst_Relay::bandwidthPaces()
{
    RelayFaults faults;
    faults.direction[RelayFaults::ServerToClient].bandwidth = 100'000;
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    QElapsedTimer clock;
    clock.start();
    server->send(QByteArray(30'000, 'b'));
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(30'000), 5000);
    // 30 KB at 100 KB/s: 0.3 s, less the first piece that goes at once.
    QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
    // Pieces of 2 KB (20 ms worth) written one by one.
    Connection *clientLeg = m_relay->server().connections().first();
    QCOMPARE(clientLeg->tx().store().chunkCount(), qint64(15));
}

void tst_Relay::connectDelay()
{
    RelayFaults faults;
    faults.connectDelayMs = 300;
    QVERIFY(start());
    m_relay->setFaults(faults);
    QElapsedTimer clock;
    clock.start();
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    QTRY_COMPARE(m_upstream->connections().size(), 1);
    QVERIFY(clock.elapsed() >= 290);
    client->send("after the wait\n");
    QTRY_COMPARE(all(client->rx()), QByteArray("after the wait\n"));
}

void tst_Relay::refuseNewResetsAtOnce()
{
    RelayFaults faults;
    faults.refuseNew = true;
    QVERIFY(start());
    m_relay->setFaults(faults);
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    Connection *client = connectClient();
    // The client hears an RST: not a connection left open and unread.
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(m_upstream->connections().size(), 0);
}

void tst_Relay::closeWaitsBehindHeldBytes()
{
    // A reply held 150 ms by latency, then the server closes at once: the
    // client gets the reply, then the FIN; the close does not overtake it.
    RelayFaults faults;
    faults.direction[RelayFaults::ServerToClient].latencyMs = 150;
    const auto [client, server] = connectThrough(faults);
    QVERIFY(client && server);
    client->send("request");
    client->halfClose();
    QTRY_COMPARE(server->state(), ConnectionState::RemoteHalfClosed);
    server->send("the reply");
    server->close();
    QTRY_VERIFY(client->rx().finished());
    QCOMPARE(all(client->rx()), QByteArray("the reply"));
    QTRY_VERIFY(isFinalState(client->state()));
    QCOMPARE(client->state(), ConnectionState::Closed);
    QCOMPARE(client->discardedBytes(), qint64(0));
}

void tst_Relay::clientGoneWhileConnecting()
{
    // The upstream connect waits 300 ms; the client resets meanwhile. The
    // accepted leg is not read yet (nothing to pass on), so the relay hears
    // the RST only once it reads: then the upstream leg goes too, and
    // nothing is left open on either side.
    RelayFaults faults;
    faults.connectDelayMs = 300;
    QVERIFY(start());
    m_relay->setFaults(faults);
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->abortWithReset();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(m_relay->openPairs(), 0);
    for (Connection *upstream : m_upstream->connections())
        QTRY_VERIFY(isFinalState(upstream->state()));
}

QTEST_GUILESS_MAIN(tst_Relay)
#include "tst_relay.moc"
