// SPDX-License-Identifier: GPL-3.0-or-later
// The classic TCP pitfalls (S1-S14, listed in the README), each made to happen
// on 127.0.0.1 through the engine, with what the timeline must show.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

namespace {

HostPort address(const QString &text, HostPort::Use use = HostPort::Use::Connect)
{
    return *HostPort::parse(text, use, nullptr);
}

ServerOptions serverOptions(ReplyPolicy::Kind reply = ReplyPolicy::Kind::None,
                            const QString &framing = QStringLiteral("line"))
{
    ServerOptions options;
    options.address = address(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen);
    options.reply.kind = reply;
    options.connection.rxFraming = framing;
    options.connection.txFraming = framing;
    return options;
}

ClientOptions clientOptions(const ServerEndpoint &server)
{
    ClientOptions options;
    options.target = server.boundAddress();
    options.connection.rxFraming = QStringLiteral("line");
    options.connection.txFraming = QStringLiteral("line");
    return options;
}

bool hasEvent(const Connection *connection, TimelineEvent::Type type, const QString &code = {})
{
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        const QString key = e.type == TimelineEvent::Timeout ? timeoutKindKey(e.timeout) : e.code;
        if (e.type == type && (code.isEmpty() || key == code))
            return true;
    }
    return false;
}

/// Median of the round trips (write, write, then read the reply) in ms.
double medianRoundTripMs(bool noDelay)
{
    ServerEndpoint server;
    SocketErrorInfo error;
    if (!server.listen(serverOptions(ReplyPolicy::Kind::EchoMessage), &error))
        return -1;
    ClientEndpoint client;
    ClientOptions options = clientOptions(server);
    options.connection.noDelay = noDelay;
    Connection *c = client.connectTo(options);
    if (!QTest::qWaitFor([&] { return c->state() == ConnectionState::Established; }, 5000))
        return -1;
    std::vector<double> rounds;
    QSignalSpy decoded(c, &Connection::messagesDecoded);
    for (int i = 0; i < 40; ++i) {
        const qint64 before = c->rx().frameCount();
        QElapsedTimer timer;
        timer.start();
        c->send("ping ");
        // The second write leaves after the first is on the wire: with Nagle
        // it then waits for the ACK that the server delays (40 ms on Linux).
        QTimer::singleShot(1, Qt::PreciseTimer, c, [c] { c->send("pong\n"); });
        // A spy's wait runs an event loop that wakes on the signal itself;
        // QTest::qWaitFor would poll in 10 ms steps and blur the figures.
        while (c->rx().frameCount() == before) {
            if (!decoded.wait(2000)) // our own tx messages wake it too
                return -1;
        }
        rounds.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    // Linux ACKs the first segments of a connection at once (quick-ACK mode);
    // the delayed ACK shows only later, so look at the last 20 rounds.
    rounds.erase(rounds.begin(), rounds.end() - 20);
    std::sort(rounds.begin(), rounds.end());
    return rounds[rounds.size() / 2];
}

} // namespace

class tst_Pitfalls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void s3_manyClientsAtOnce();
    void s5_connectTimeoutAgainstAFullBacklog();
    void s6_idleTimeout();
    void s6_writeStallWhenThePeerDoesNotRead();
    void s8_quickWritesCoalesceIntoOneRead();
    void s9_nagleAndDelayedAck();
    void s12_closeWaitsForThePeersEof();
    void s5_optionsThatActOnTheSyn();
    void s14_localPortInTimeWait();
    void s2_serverRestartWithoutReuseAddress();
};

void tst_Pitfalls::initTestCase()
{
    // 500 clients and their 500 server ends need more than the usual 1024.
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
    setrlimit(RLIMIT_NOFILE, &limit);
}

void tst_Pitfalls::s3_manyClientsAtOnce()
{
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < 1200)
        QSKIP("needs 1200 file descriptors (ulimit -n)");
    ServerEndpoint server;
    ServerOptions options = serverOptions(ReplyPolicy::Kind::EchoMessage);
    // 500 SYNs at once overflow a backlog of 50, and Linux drops the rest
    // until they retry a second later: S5 is not what this test is about.
    options.backlog = 1024;
    SocketErrorInfo error;
    QVERIFY(server.listen(options, &error));
    ClientEndpoint client;
    const int count = 500;
    QList<Connection *> clients;
    for (int i = 0; i < count; ++i)
        clients.append(client.connectTo(clientOptions(server)));
    // Every client is served while all the others stay open: no one waits
    // for another to finish (a server with one Accept() would).
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), count, 20000);
    for (int i = 0; i < count; ++i)
        clients[i]->send(QByteArray("hello from ") + QByteArray::number(i) + '\n');
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                         [](Connection *c) { return c->rx().frameCount() == 1; }),
                             20000);
    QCOMPARE(client.openConnections(), count);
    for (Connection *c : clients)
        c->close();
    // S7: closing them gives every descriptor back.
    QTRY_COMPARE_WITH_TIMEOUT(client.openConnections(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 10000);
}

void tst_Pitfalls::s5_connectTimeoutAgainstAFullBacklog()
{
    // A listener that never accepts, with a backlog of 0, holds one finished
    // handshake; Linux drops the next SYN, and only a timeout ends the wait.
    ServerEndpoint server;
    ServerOptions options = serverOptions();
    options.backlog = 0;
    SocketErrorInfo error;
    QVERIFY(server.listen(options, &error));
    server.setAcceptingPaused(true);
    ClientEndpoint client;
    QList<Connection *> clients;
    for (int i = 0; i < 3; ++i) {
        ClientOptions c = clientOptions(server);
        c.connectTimeoutMs = 400;
        clients.append(client.connectTo(c));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(clients.begin(), clients.end(),
                    [](Connection *c) { return c->state() == ConnectionState::Failed; }),
        5000);
    const auto timedOut = std::find_if(clients.begin(), clients.end(), [](Connection *c) {
        return c->state() == ConnectionState::Failed;
    });
    QVERIFY(hasEvent(*timedOut, TimelineEvent::Timeout, QStringLiteral("connect")));
    QCOMPARE(server.openConnections(), 0);
}

void tst_Pitfalls::s6_idleTimeout()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions(), &error));
    ClientEndpoint client;
    ClientOptions options = clientOptions(server);
    options.connection.idleTimeoutMs = 150;
    QElapsedTimer timer;
    timer.start();
    Connection *c = client.connectTo(options);
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Closed, 5000);
    QVERIFY(hasEvent(c, TimelineEvent::Timeout, QStringLiteral("idle")));
    QVERIFY(timer.elapsed() >= 150);
    // The server sees the client's FIN as an ordinary EOF.
    QTRY_VERIFY(!server.connections().isEmpty());
    QTRY_VERIFY(isFinalState(server.connections().first()->state()));
}

void tst_Pitfalls::s6_writeStallWhenThePeerDoesNotRead()
{
    ServerEndpoint server;
    ServerOptions options = serverOptions(ReplyPolicy::Kind::None, QStringLiteral("raw"));
    options.connection.receiveBuffer = 4096;
    SocketErrorInfo error;
    QVERIFY(server.listen(options, &error));
    ClientEndpoint client;
    ClientOptions c = clientOptions(server);
    c.connection.sendBuffer = 4096;
    c.connection.writeStallMs = 200;
    Connection *sender = client.connectTo(c);
    QTRY_VERIFY(!server.connections().isEmpty());
    Connection *reader = server.connections().first();
    reader->setReadPaused(true);
    QTRY_COMPARE(sender->state(), ConnectionState::Established);
    // 64 KiB is far more than the two 4 KiB buffers hold. More would take
    // long to drain: a tiny window and delayed ACKs make a slow stream.
    const qint64 total = 64 * 1024;
    sender->send(QByteArray(total, 'z'));
    QTRY_VERIFY_WITH_TIMEOUT(
        hasEvent(sender, TimelineEvent::Timeout, QStringLiteral("write_stall")), 5000);
    // Nothing is lost: once the reader reads again, every byte arrives.
    reader->setReadPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(reader->rx().store().size(), total, 20000);
}

void tst_Pitfalls::s8_quickWritesCoalesceIntoOneRead()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions(), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions(server));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_VERIFY(!server.connections().isEmpty());
    Connection *s = server.connections().first();
    // Two writes in one go: two tx chunks here, one read over there, and the
    // line framing still finds two messages in it.
    c->send("first\n");
    c->send("second\n");
    QTRY_COMPARE(s->rx().frameCount(), qint64(2));
    QCOMPARE(c->tx().store().chunkCount(), qint64(2));
    QCOMPARE(s->rx().store().chunkCount(), qint64(1));
}

void tst_Pitfalls::s9_nagleAndDelayedAck()
{
    const double nagle = medianRoundTripMs(false);
    const double noDelay = medianRoundTripMs(true);
    QVERIFY(nagle > 0 && noDelay > 0);
    qInfo("write, 1 ms, write, read the reply: median of the last 20 of 40 rounds: Nagle %.2f ms, "
          "TCP_NODELAY %.2f ms",
          nagle, noDelay);
    // Linux delays an ACK by 40 ms; Nagle holds the second write until it comes.
    QVERIFY2(nagle >= 20, qPrintable(QString::number(nagle)));
    QVERIFY2(noDelay < 10, qPrintable(QString::number(noDelay)));
}

void tst_Pitfalls::s12_closeWaitsForThePeersEof()
{
    // Write, then close: with a wait, we send FIN and read until the peer's
    // EOF, so no reply in flight is lost to an early close.
    {
        ServerEndpoint server;
        SocketErrorInfo error;
        QVERIFY(server.listen(serverOptions(ReplyPolicy::Kind::EchoMessage), &error));
        ClientEndpoint client;
        Connection *c = client.connectTo(clientOptions(server));
        QTRY_COMPARE(c->state(), ConnectionState::Established);
        c->send("last request\n");
        c->close(2000);
        QTRY_COMPARE(c->state(), ConnectionState::Closed);
        QVERIFY(!hasEvent(c, TimelineEvent::Timeout, QStringLiteral("close")));
        QVERIFY(hasEvent(c, TimelineEvent::HalfClosed));
    }
    // A peer that never closes (a plain descriptor nobody reads or closes;
    // a QTcpSocket would close on our FIN by itself): the wait times out.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in bound {};
    bound.sin_family = AF_INET;
    bound.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t boundLength = sizeof bound;
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&bound), sizeof bound), 0);
    QCOMPARE(::listen(listener, 1), 0);
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&bound), &boundLength), 0);
    ClientEndpoint client;
    ClientOptions options;
    options.target = address(QStringLiteral("127.0.0.1:%1").arg(ntohs(bound.sin_port)));
    Connection *c = client.connectTo(options);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    const int peer = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    QVERIFY(peer >= 0);
    QElapsedTimer timer;
    timer.start();
    c->close(200);
    QTRY_COMPARE(c->state(), ConnectionState::Closed);
    QVERIFY(timer.elapsed() >= 200);
    QVERIFY(hasEvent(c, TimelineEvent::Timeout, QStringLiteral("close")));
    ::close(peer);
    ::close(listener);
}

void tst_Pitfalls::s5_optionsThatActOnTheSyn()
{
    // TCP_SYNCNT and TCP_MAXSEG must be on the socket before connect(); both
    // engines make it early for them.
    for (EngineKind engine : {EngineKind::Qt, EngineKind::Native}) {
        ServerEndpoint server;
        SocketErrorInfo error;
        QVERIFY(server.listen(serverOptions(), &error));
        ClientEndpoint client;
        ClientOptions options = clientOptions(server);
        options.connection.engine = engine;
        options.connection.synRetries = 2;
        options.connection.maxSegment = 1000;
        Connection *c = client.connectTo(options);
        QTRY_COMPARE(c->state(), ConnectionState::Established);
        int value = 0;
        socklen_t length = sizeof value;
        QCOMPARE(getsockopt(c->socketDescriptor(), IPPROTO_TCP, TCP_SYNCNT, &value, &length), 0);
        QCOMPARE(value, 2);
        QCOMPARE(getsockopt(c->socketDescriptor(), IPPROTO_TCP, TCP_MAXSEG, &value, &length), 0);
        QVERIFY2(value <= 1000 && value > 0, qPrintable(QString::number(value)));
    }
}

void tst_Pitfalls::s14_localPortInTimeWait()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions(), &error));
    ClientEndpoint client;
    ClientOptions options = clientOptions(server);
    options.localHost = QStringLiteral("127.0.0.1");
    Connection *first = client.connectTo(options);
    QTRY_COMPARE(first->state(), ConnectionState::Established);
    const quint16 localPort = address(first->localAddress()).port;
    // The client closes first, so its end keeps the 4-tuple in TIME_WAIT.
    first->close();
    QTRY_COMPARE(first->state(), ConnectionState::Closed);
    QTest::qWait(50);
    options.localPort = localPort;
    Connection *second = client.connectTo(options);
    QTRY_COMPARE(second->state(), ConnectionState::Failed);
    QVERIFY(hasEvent(second, TimelineEvent::Error, QStringLiteral("address_in_use")));
}

/// Runs one exchange on a fresh server that closes first, so that its side
/// of the connection lingers in TIME_WAIT on the listening port; returns the port.
quint16 serveOnceAndStop(bool reuseAddress)
{
    ServerEndpoint server;
    ServerOptions options = serverOptions(ReplyPolicy::Kind::EchoMessage);
    options.reply.closeAfterReply = true;
    options.reuseAddress = reuseAddress;
    SocketErrorInfo error;
    if (!server.listen(options, &error))
        return 0;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions(server));
    c->send("bye\n");
    if (!QTest::qWaitFor([&] { return isFinalState(c->state()); }, 5000)
        || server.connections().isEmpty()
        || server.connections().first()->state() != ConnectionState::Closed)
        return 0;
    const quint16 port = server.boundAddress().port;
    server.stop();
    return port;
}

void tst_Pitfalls::s2_serverRestartWithoutReuseAddress()
{
    // Without SO_REUSEADDR the port stays taken while TIME_WAIT lasts, even
    // for a new listener that sets it: the kernel wants both to have it.
    for (bool newReuse : {false, true}) {
        const quint16 port = serveOnceAndStop(false);
        QVERIFY(port != 0);
        ServerOptions again = serverOptions();
        again.address.port = port;
        again.reuseAddress = newReuse;
        ServerEndpoint restarted;
        SocketErrorInfo error;
        QVERIFY(!restarted.listen(again, &error));
        QCOMPARE(error.code, QStringLiteral("address_in_use"));
        QVERIFY(error.explanation.contains(QStringLiteral("TIME_WAIT")));
    }
    // With SO_REUSEADDR on both, as QTcpServer always sets it, a restart works.
    const quint16 port = serveOnceAndStop(true);
    QVERIFY(port != 0);
    ServerOptions again = serverOptions();
    again.address.port = port;
    ServerEndpoint restarted;
    SocketErrorInfo error;
    QVERIFY2(restarted.listen(again, &error), qPrintable(error.explanation));
}

QTEST_GUILESS_MAIN(tst_Pitfalls)
#include "tst_pitfalls.moc"
