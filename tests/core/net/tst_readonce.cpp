// SPDX-License-Identifier: GPL-3.0-or-later
// Connection::readOnce on loopback, both engines: a paused reader takes its
// bytes by hand, one read of at most N bytes per call, each one chunk; a read
// of 0 bytes is EOF, and a closed connection has nothing to read.
#include "net/clientendpoint.h"
#include "net/connection.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)

namespace {

using Outcome = Connection::ReadOutcome;

const char *outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Read:
        return "Read";
    case Outcome::Nothing:
        return "Nothing";
    case Outcome::Eof:
        return "Eof";
    case Outcome::Ended:
        return "Ended";
    }
    return "?";
}

/// readOnce until it finds something other than Nothing, or 5 s pass.
Outcome readWhenThere(Connection *connection, qint64 maxBytes)
{
    Outcome outcome = Outcome::Nothing;
    // The last outcome tells the caller whether the wait succeeded.
    (void)QTest::qWaitFor(
        [&] {
            outcome = connection->readOnce(maxBytes);
            return outcome != Outcome::Nothing;
        },
        5000);
    return outcome;
}

QByteArray chunkBytes(const Connection *connection, qint64 index)
{
    const auto chunk = connection->rx().store().chunk(index);
    return connection->rx().store().read(chunk.offset, chunk.size);
}

bool sawEof(const Connection *connection)
{
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        if (e.type == TimelineEvent::HalfClosed && e.direction == Direction::Rx)
            return true;
    }
    return false;
}

} // namespace

class tst_ReadOnce : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void slicesThenEof_data();
    void slicesThenEof();
    void closedConnectionHasNothing_data();
    void closedConnectionHasNothing();

private:
    /// A paused client of engine connected to m_server, and the server's side.
    Connection *pausedClient(EngineKind engine);

    std::unique_ptr<QTcpServer> m_server;
    std::unique_ptr<ClientEndpoint> m_client;
    QTcpSocket *m_peer = nullptr;
};

void tst_ReadOnce::init()
{
    m_server = std::make_unique<QTcpServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_client = std::make_unique<ClientEndpoint>();
    m_peer = nullptr;
}

void tst_ReadOnce::cleanup()
{
    m_client.reset();
    m_server.reset();
}

Connection *tst_ReadOnce::pausedClient(EngineKind engine)
{
    ClientOptions options;
    options.target = *HostPort::parse(QStringLiteral("127.0.0.1:%1").arg(m_server->serverPort()),
                                      HostPort::Use::Connect, nullptr);
    options.connectTimeoutMs = 5000;
    options.connection.engine = engine;
    Connection *connection = m_client->connectTo(options);
    // Paused before a byte can come: every byte waits for readOnce.
    connection->setReadPaused(true);
    const bool ready = QTest::qWaitFor(
        [&] {
            return connection->state() == ConnectionState::Established
                   && m_server->hasPendingConnections();
        },
        5000);
    if (!ready)
        return nullptr;
    m_peer = m_server->nextPendingConnection();
    return connection;
}

void tst_ReadOnce::slicesThenEof_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("qt") << EngineKind::Qt;
    QTest::newRow("native") << EngineKind::Native;
}

void tst_ReadOnce::slicesThenEof()
{
    QFETCH(EngineKind, engine);
    Connection *connection = pausedClient(engine);
    QVERIFY(connection);
    QCOMPARE(connection->readOnce(4), Outcome::Nothing);
    QCOMPARE(connection->rx().store().chunkCount(), 0);

    m_peer->write("HELLO WORLD");
    QVERIFY(m_peer->waitForBytesWritten(5000));
    QCOMPARE(outcomeName(readWhenThere(connection, 4)), "Read");
    QCOMPARE(connection->rx().store().chunkCount(), 1);
    QCOMPARE(chunkBytes(connection, 0), QByteArray("HELL"));
    // Paused, the connection reads nothing by itself meanwhile.
    QTest::qWait(50);
    QCOMPARE(connection->rx().store().size(), 4);
    QCOMPARE(outcomeName(readWhenThere(connection, 100)), "Read");
    QCOMPARE(connection->rx().store().chunkCount(), 2);
    QCOMPARE(chunkBytes(connection, 1), QByteArray("O WORLD"));
    QCOMPARE(connection->readOnce(100), Outcome::Nothing);

    // The peer's FIN: a read of 0 bytes, which is EOF, on the timeline too.
    m_peer->disconnectFromHost();
    QCOMPARE(outcomeName(readWhenThere(connection, 100)), "Eof");
    QVERIFY(sawEof(connection));
    QCOMPARE(connection->rx().store().chunkCount(), 2);
    QCOMPARE(outcomeName(connection->readOnce(100)), "Eof");
}

void tst_ReadOnce::closedConnectionHasNothing_data()
{
    slicesThenEof_data();
}

void tst_ReadOnce::closedConnectionHasNothing()
{
    QFETCH(EngineKind, engine);
    Connection *connection = pausedClient(engine);
    QVERIFY(connection);
    connection->close();
    QTRY_VERIFY(isFinalState(connection->state()));
    QCOMPARE(outcomeName(connection->readOnce(16)), "Ended");
    QCOMPARE(connection->rx().store().chunkCount(), 0);
}

QTEST_GUILESS_MAIN(tst_ReadOnce)
#include "tst_readonce.moc"
