// SPDX-License-Identifier: GPL-3.0-or-later
// Both ends of real TCP connections on 127.0.0.1, driven through the engine.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QSignalSpy>
#include <QTest>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)

namespace {

ServerOptions echoServer(const QString &framing = QStringLiteral("line"))
{
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.reply.kind = ReplyPolicy::Kind::Echo;
    options.connection.rxFraming = framing;
    options.connection.txFraming = framing;
    return options;
}

ClientOptions clientFor(const ServerEndpoint &server,
                        const QString &framing = QStringLiteral("line"))
{
    ClientOptions options;
    options.target = server.boundAddress();
    options.connection.rxFraming = framing;
    options.connection.txFraming = framing;
    options.connection.noDelay = true;
    return options;
}

QList<ConnectionState> statesOf(const Connection *connection)
{
    QList<ConnectionState> states;
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        if (e.type == TimelineEvent::StateChanged)
            states.append(e.state);
    }
    return states;
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

} // namespace

class tst_Loopback : public QObject
{
    Q_OBJECT

private slots:
    void fragmentedSendGivesChunksAndOneMessage();
    void halfCloseWithTheQtEngine();
    void refusedConnection();
    void addressInUse();
    void stopReleasesThePort();
    void reconnectUsesTheSameOptions();
    void sendsLeaveInTheOrderGiven();
    void closeFromAMessageThatEofCompleted_data();
    void closeFromAMessageThatEofCompleted();
    void sendAfterTheEndIsNoted();
};

void tst_Loopback::fragmentedSendGivesChunksAndOneMessage()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(echoServer(), &error), qPrintable(error.explanation));
    QVERIFY(server.boundAddress().port != 0);
    QSignalSpy accepted(&server, &ServerEndpoint::connectionAccepted);

    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(server));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(accepted.count(), 1);
    Connection *s = server.connections().first();
    QCOMPARE(s->state(), ConnectionState::Established);

    // S8: 1000 bytes in 7 writes, 15 ms apart: the server sees several reads
    // and the line decoder one message.
    const QByteArray line = QByteArray(999, 'x') + '\n';
    c->sendFragmented(line, 143, 15);
    QTRY_COMPARE(s->rx().store().size(), qint64(1000));
    QVERIFY2(s->rx().store().chunkCount() >= 7,
             qPrintable(QString::number(s->rx().store().chunkCount())));
    QCOMPARE(s->rx().frameCount(), qint64(1));
    QCOMPARE(c->tx().store().chunkCount(), qint64(7));
    // The echo comes back, framed too.
    QTRY_COMPARE(c->rx().store().size(), qint64(1000));
    QTRY_COMPARE(c->rx().frameCount(), qint64(1));
    QCOMPARE(c->rx().store().read(0, 1000), line);
}

void tst_Loopback::halfCloseWithTheQtEngine()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(echoServer(), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(server));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();

    c->send("last words\n");
    c->halfClose();
    QTRY_VERIFY(hasEvent(c, TimelineEvent::HalfClosed));
    // Qt closes the server's socket itself after EOF: RemoteHalfClosed, then Closed.
    QTRY_COMPARE(s->state(), ConnectionState::Closed);
    QVERIFY(statesOf(s).contains(ConnectionState::RemoteHalfClosed));
    QVERIFY(hasEvent(s, TimelineEvent::Note));
    QCOMPARE(s->rx().frameCount(), qint64(1));
    QTRY_VERIFY(isFinalState(c->state()));
    QVERIFY(statesOf(c).contains(ConnectionState::LocalHalfClosed));
}

void tst_Loopback::refusedConnection()
{
    quint16 port = 0;
    {
        ServerEndpoint server;
        SocketErrorInfo error;
        QVERIFY(server.listen(echoServer(), &error));
        port = server.boundAddress().port;
    }
    ClientEndpoint client;
    ClientOptions options;
    options.target = *HostPort::parse(QStringLiteral("127.0.0.1:%1").arg(port),
                                      HostPort::Use::Connect, nullptr);
    Connection *c = client.connectTo(options);
    QTRY_COMPARE(c->state(), ConnectionState::Failed);
    QVERIFY(hasEvent(c, TimelineEvent::Error, QStringLiteral("refused")));
}

void tst_Loopback::addressInUse()
{
    ServerEndpoint first;
    SocketErrorInfo error;
    QVERIFY(first.listen(echoServer(), &error));
    ServerOptions again = echoServer();
    again.address.port = first.boundAddress().port;
    ServerEndpoint second;
    QVERIFY(!second.listen(again, &error));
    QCOMPARE(error.code, QStringLiteral("address_in_use"));
    QVERIFY(error.explanation.contains(QStringLiteral("SO_REUSEADDR")));
}

void tst_Loopback::stopReleasesThePort()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(echoServer(), &error));
    ServerOptions again = echoServer();
    again.address.port = server.boundAddress().port;
    server.stop();
    ServerEndpoint second;
    QVERIFY2(second.listen(again, &error), qPrintable(error.explanation));
}

void tst_Loopback::reconnectUsesTheSameOptions()
{
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(echoServer(), &error));
    ClientEndpoint client;
    Connection *first = client.connectTo(clientFor(server));
    QTRY_COMPARE(first->state(), ConnectionState::Established);
    first->close();
    QTRY_COMPARE(first->state(), ConnectionState::Closed);
    Connection *second = client.reconnect(first);
    QVERIFY(second && second != first);
    QVERIFY(second->id() != first->id());
    QTRY_COMPARE(second->state(), ConnectionState::Established);
    QCOMPARE(second->peerAddress(), first->peerAddress());
    QCOMPARE(second->rx().framing(), first->rx().framing());
    QCOMPARE(client.reconnect(nullptr), nullptr);
    QTRY_COMPARE(server.connections().size(), 2);
}

void tst_Loopback::closeFromAMessageThatEofCompleted_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("native") << EngineKind::Native;
    QTest::newRow("qt") << EngineKind::Qt;
}

void tst_Loopback::closeFromAMessageThatEofCompleted()
{
    // An HTTP/1.0 response without a length ends at EOF: its message is
    // decoded while the EOF is being recorded, and a slot that closes on it
    // (connect --close-after-reply) ends the connection right there. Closed
    // must stay the last state: not RemoteHalfClosed after it.
    QFETCH(EngineKind, engine);
    ServerOptions serverOptions = echoServer(QStringLiteral("http"));
    serverOptions.reply.kind = ReplyPolicy::Kind::None;
    serverOptions.connection.engine = EngineKind::Native; // can answer, then FIN
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientOptions clientOptions = clientFor(server, QStringLiteral("http"));
    clientOptions.connection.engine = engine;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions);
    QSignalSpy finished(c, &Connection::finished);
    connect(c, &Connection::messagesDecoded, c, [c](Direction direction) {
        if (direction == Direction::Rx)
            c->close();
    });
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    c->send("GET / HTTP/1.0\r\n\r\n");
    QTRY_COMPARE(s->rx().frameCount(), qint64(1));
    s->send("HTTP/1.0 200 OK\r\n\r\nbody until the end");
    s->halfClose();

    QTRY_COMPARE(c->rx().frameCount(), qint64(1));
    QTRY_VERIFY(statesOf(c).contains(ConnectionState::Closed));
    QTest::qWait(50);
    QCOMPARE(c->state(), ConnectionState::Closed);
    QCOMPARE(statesOf(c).constLast(), ConnectionState::Closed);
    QCOMPARE(statesOf(c).count(ConnectionState::Closed), 1);
    QCOMPARE(finished.count(), 1);
}

void tst_Loopback::sendAfterTheEndIsNoted()
{
    // Bytes handed to a connection that has ended can never leave: they must
    // not wait in pendingBytes() for ever, and the timeline must say so.
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(echoServer(), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(server));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    c->close();
    QTRY_COMPARE(c->state(), ConnectionState::Closed);
    const qint64 before = c->timeline().count();
    c->send("too late\n");
    c->sendFragmented("much too late\n", 2, 1);
    QTest::qWait(50);
    QCOMPARE(c->pendingBytes(), qint64(0));
    QCOMPARE(c->tx().store().size(), qint64(0));
    // One Discarded event per send, counted apart from what was sent.
    int discards = 0;
    for (const TimelineEvent &e : c->timeline().since(before)) {
        if (e.type == TimelineEvent::Discarded && e.code == QLatin1String("after_end"))
            ++discards;
    }
    QCOMPARE(discards, 2);
    QCOMPARE(c->discardedBytes(), qint64(9 + 14));
    QCOMPARE(c->sentBytes(), qint64(0));
    QCOMPARE(c->state(), ConnectionState::Closed);
}

void tst_Loopback::sendsLeaveInTheOrderGiven()
{
    // A plain send or a second fragmented send while fragments are still
    // going out waits its turn: the peer gets the bytes in the order given.
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(echoServer(QStringLiteral("raw")), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientFor(server, QStringLiteral("raw")));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    c->sendFragmented("aaaaaaaaaa", 3, 5);
    c->send("B");
    c->sendFragmented("cccccc", 2, 5);
    c->send("D");
    const QByteArray expected("aaaaaaaaaaBccccccD");
    QTRY_COMPARE(s->rx().store().size(), qint64(expected.size()));
    QCOMPARE(s->rx().store().read(0, 100), expected);
    QCOMPARE(c->tx().store().read(0, 100), expected);
    QCOMPARE(c->pendingBytes(), 0);
}

QTEST_GUILESS_MAIN(tst_Loopback)
#include "tst_loopback.moc"
