// SPDX-License-Identifier: GPL-3.0-or-later
// A relay between real loopback clients and servers (ours, and socat): bytes
// both ways on both legs, a half-close carried through with the echo coming
// back after the FIN, an RST carried through, a refused upstream, a slow
// reader holding the other end without the relay buffering, 200 pairs.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/relay.h"
#include "net/serverendpoint.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
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

private:
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
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    client->send("hello\n");
    QTRY_COMPARE(all(client->rx()), QByteArray("hello\n"));
    QCOMPARE(started.count(), 1);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    Connection *serverLeg = m_relay->partnerOf(clientLeg);
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
    Connection *serverLeg = m_relay->partnerOf(clientLeg);
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
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Established);
    QTRY_COMPARE(m_upstream->connections().size(), 1);
    m_upstream->connections().first()->abortWithReset();
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    Connection *serverLeg = m_relay->partnerOf(clientLeg);
    QCOMPARE(serverLeg->state(), ConnectionState::Reset);
    QCOMPARE(clientLeg->state(), ConnectionState::Reset);
}

void tst_Relay::refusedUpstreamResetsTheClient()
{
    HostPort target = loopbackAny();
    target.port = closedPort();
    QVERIFY(startRelayTo(target));
    QSignalSpy started(m_relay.get(), &Relay::pairStarted);
    QSignalSpy finished(m_relay.get(), &Relay::pairFinished);
    Connection *client = connectClient();
    QTRY_COMPARE(client->state(), ConnectionState::Reset);
    QTRY_COMPARE(finished.count(), 1);
    auto *clientLeg = started.first().at(1).value<Connection *>();
    Connection *serverLeg = m_relay->partnerOf(clientLeg);
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
    Connection *serverLeg = m_relay->partnerOf(clientLeg);
    // The reader does not read: the relay stops reading the server leg, and
    // the bytes wait in the server's own queue, not in the relay.
    QTRY_VERIFY_WITH_TIMEOUT(serverLeg->readPaused(), 10000);
    QTest::qWait(300);
    const qint64 held = clientLeg->pendingBytes();
    QVERIFY2(held <= m_relay->options().highWater + (qint64(1) << 20),
             qPrintable(QString::number(held)));
    QVERIFY(server->pendingBytes() > qint64(blocks / 2) << 20);
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

QTEST_GUILESS_MAIN(tst_Relay)
#include "tst_relay.moc"
