// SPDX-License-Identifier: GPL-3.0-or-later
// The native socket engine against the qt engine on real loopback
// connections: where they agree (addresses, refused, timeouts, read slices,
// a paused reader, bulk echo) and where they differ, event by event
// (half-close, a peer's RST, a write after the peer closed).
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/connectionfactory.h"
#include "net/serverendpoint.h"
#include "shared/fullbacklog.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::EngineKind)
Q_DECLARE_METATYPE(TcpInspector::ConnectionState)
Q_DECLARE_METATYPE(TcpInspector::StateCause)

namespace {

HostPort address(const QString &text, HostPort::Use use = HostPort::Use::Listen)
{
    return *HostPort::parse(text, use, nullptr);
}

ServerOptions serverWith(EngineKind engine, ReplyPolicy::Kind reply = ReplyPolicy::Kind::None,
                         const QString &where = QStringLiteral("127.0.0.1:0"))
{
    ServerOptions options;
    options.address = address(where);
    options.reply.kind = reply;
    options.connection.engine = engine;
    return options;
}

ClientOptions clientWith(EngineKind engine, const HostPort &target)
{
    ClientOptions options;
    options.target = target;
    options.connectTimeoutMs = 5000;
    options.connection.engine = engine;
    options.connection.noDelay = true;
    return options;
}

/// The timeline as short words, kernel samples left out: "state:Established",
/// "fin" (we sent FIN), "eof" (we read EOF), "error:reset", "timeout:connect", "note".
QStringList trail(const Connection *connection)
{
    QStringList words;
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        switch (e.type) {
        case TimelineEvent::StateChanged:
            words.append(QStringLiteral("state:") + connectionStateName(e.state));
            break;
        case TimelineEvent::HalfClosed:
            words.append(e.direction == Direction::Tx ? QStringLiteral("fin")
                                                      : QStringLiteral("eof"));
            break;
        case TimelineEvent::Error:
            words.append(QStringLiteral("error:") + e.code);
            break;
        case TimelineEvent::Timeout:
            words.append(QStringLiteral("timeout:") + timeoutKindKey(e.timeout));
            break;
        case TimelineEvent::Note:
            words.append(QStringLiteral("note"));
            break;
        case TimelineEvent::Discarded:
            words.append(QStringLiteral("discarded:") + e.code);
            break;
        case TimelineEvent::Kernel:
            break;
        }
    }
    return words;
}

const TimelineEvent *findEvent(const std::vector<TimelineEvent> &events, TimelineEvent::Type type,
                               Direction direction = Direction::Rx)
{
    for (const TimelineEvent &e : events) {
        if (e.type == type && (type != TimelineEvent::HalfClosed || e.direction == direction))
            return &e;
    }
    return nullptr;
}

bool hasError(const Connection *connection, const QStringList &codes)
{
    for (const TimelineEvent &e : connection->timeline().since(0)) {
        if (e.type == TimelineEvent::Error && codes.contains(e.code))
            return true;
    }
    return false;
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

quint16 portOf(const QString &endpoint)
{
    return endpoint.mid(endpoint.lastIndexOf(QLatin1Char(':')) + 1).toUShort();
}

/// A port nothing listens on (for a moment): the system's pick, released.
quint16 unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool ipv6Available()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

int kernelSendQueue(const Connection *connection)
{
    int queued = -1;
    if (connection->socketDescriptor() < 0
        || ::ioctl(connection->socketDescriptor(), SIOCOUTQ, &queued) != 0)
        return -1;
    return queued;
}

// Accepts with an engine and nothing else: no reply policy that closes
// after EOF, so the test decides what a half-closed server does.
class BareServer : public QTcpServer
{
public:
    explicit BareServer(EngineKind engine) { m_options.engine = engine; }
    QList<Connection *> connections;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        Connection *connection = createAcceptedConnection(descriptor, m_options, this);
        connections.append(connection);
        connection->start();
    }

private:
    ConnectionOptions m_options;
};

using SignalAction = struct sigaction; // the struct, not the function of the same name

// Makes a SIGPIPE observable instead of fatal or ignored: blocked and with
// its default action, a SIGPIPE raised by a send() stays pending.
class SigpipeTrap
{
public:
    SigpipeTrap()
    {
        SignalAction defaults {};
        defaults.sa_handler = SIG_DFL;
        ::sigaction(SIGPIPE, &defaults, &m_oldAction);
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        ::pthread_sigmask(SIG_BLOCK, &pipe, &m_oldMask);
    }
    ~SigpipeTrap()
    {
        caught(); // never unblock a pending SIGPIPE with its default action
        ::pthread_sigmask(SIG_SETMASK, &m_oldMask, nullptr);
        ::sigaction(SIGPIPE, &m_oldAction, nullptr);
    }
    /// Whether a SIGPIPE was raised; takes it off the pending set.
    bool caught()
    {
        sigset_t pending;
        sigemptyset(&pending);
        if (::sigpending(&pending) != 0 || !sigismember(&pending, SIGPIPE))
            return false;
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        const timespec now {0, 0};
        ::sigtimedwait(&pipe, nullptr, &now);
        return true;
    }

private:
    SignalAction m_oldAction {};
    sigset_t m_oldMask {};
};

void addEngineRows()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::newRow("native") << EngineKind::Native;
    QTest::newRow("qt") << EngineKind::Qt;
}

} // namespace

class tst_NativeEngine : public QObject
{
    Q_OBJECT

private slots:
    void addresses_data();
    void addresses();
    void halfCloseThenReply_data();
    void halfCloseThenReply();
    void resetByPeer_data();
    void resetByPeer();
    void writeAfterPeerClosedIsABrokenPipe();
    void refused_data();
    void refused();
    void connectTimeoutWithAFullBacklog_data();
    void connectTimeoutWithAFullBacklog();
    void localPortInTimeWait_data();
    void localPortInTimeWait();
    void readSliceCutsReads_data();
    void readSliceCutsReads();
    void pausedReaderFillsTheWindow_data();
    void pausedReaderFillsTheWindow();
    void bulkEchoBothWays_data();
    void bulkEchoBothWays();
    void resetWhileAFinWaitsForPendingBytes_data();
    void resetWhileAFinWaitsForPendingBytes();
};

void tst_NativeEngine::addresses_data()
{
    QTest::addColumn<EngineKind>("clientEngine");
    QTest::addColumn<EngineKind>("serverEngine");
    QTest::addColumn<QString>("listen");
    QTest::newRow("native, v4") << EngineKind::Native << EngineKind::Native
                                << QStringLiteral("127.0.0.1:0");
    QTest::newRow("native, v6") << EngineKind::Native << EngineKind::Native
                                << QStringLiteral("[::1]:0");
    QTest::newRow("qt, v4") << EngineKind::Qt << EngineKind::Qt << QStringLiteral("127.0.0.1:0");
    QTest::newRow("qt, v6") << EngineKind::Qt << EngineKind::Qt << QStringLiteral("[::1]:0");
    QTest::newRow("native to qt") << EngineKind::Native << EngineKind::Qt
                                  << QStringLiteral("127.0.0.1:0");
    QTest::newRow("qt to native") << EngineKind::Qt << EngineKind::Native
                                  << QStringLiteral("[::1]:0");
}

void tst_NativeEngine::addresses()
{
    QFETCH(EngineKind, clientEngine);
    QFETCH(EngineKind, serverEngine);
    QFETCH(QString, listen);
    if (listen.startsWith(QLatin1Char('[')) && !ipv6Available())
        QSKIP("no ::1 here");
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverWith(serverEngine, ReplyPolicy::Kind::Echo, listen), &error),
             qPrintable(error.explanation));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(clientEngine, server.boundAddress()));
    QCOMPARE(c->engine(), clientEngine);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QCOMPARE(s->engine(), serverEngine);
    QCOMPARE(s->side(), Connection::Side::Server);
    QCOMPARE(c->side(), Connection::Side::Client);
    QTRY_COMPARE(s->state(), ConnectionState::Established);

    // "127.0.0.1:5000" and "[::1]:5000", whichever engine wrote them.
    QCOMPARE(c->peerAddress(), server.boundAddress().toString());
    QCOMPARE(s->localAddress(), server.boundAddress().toString());
    QCOMPARE(s->peerAddress(), c->localAddress());
    QVERIFY(portOf(c->localAddress()) != 0);

    c->send("ping\n");
    QTRY_COMPARE(c->rx().store().read(0, 100), QByteArray("ping\n"));
    c->close();
    QTRY_COMPARE(c->state(), ConnectionState::Closed);
    QTRY_VERIFY(isFinalState(s->state()));
}

void tst_NativeEngine::halfCloseThenReply_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<QStringList>("serverTrail");
    QTest::addColumn<QStringList>("clientTrail");
    QTest::addColumn<bool>("replyArrives");
    const QString established = QStringLiteral("state:Established");
    // Native: the server reads EOF, stays open (CLOSE_WAIT), answers, closes.
    QTest::newRow("native") << EngineKind::Native
                            << QStringList {established, "eof", "state:RemoteHalfClosed",
                                            "state:Closing", "state:Closed"}
                            << QStringList {"note", established,   "fin", "state:LocalHalfClosed",
                                            "eof",  "state:Closed"}
                            << true;
    // Qt closes the server's socket itself on EOF: the delayed reply has no
    // socket to go to, and the timeline says what Qt did and that the reply
    // was not sent. (Qt also passes through its host lookup state for an IP
    // address.)
    QTest::newRow("qt") << EngineKind::Qt << QStringList {established, "note",
                                                          "eof",       "state:RemoteHalfClosed",
                                                          "note",      "state:Closed",
                                                          "note"}
                        << QStringList {"state:Connecting",
                                        "state:Resolving",
                                        "state:Connecting",
                                        established,
                                        "fin",
                                        "state:LocalHalfClosed",
                                        "note",
                                        "eof",
                                        "state:Closed"}
                        << false;
}

void tst_NativeEngine::halfCloseThenReply()
{
    QFETCH(EngineKind, engine);
    QFETCH(QStringList, serverTrail);
    QFETCH(QStringList, clientTrail);
    QFETCH(bool, replyArrives);

    ServerOptions serverOptions = serverWith(engine, ReplyPolicy::Kind::Echo);
    // The echo waits, so that it leaves after the EOF was read (S12, S13).
    serverOptions.reply.delayMs = 50;
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(engine, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();

    const QByteArray request("last words\n");
    c->send(request);
    c->halfClose();
    QTRY_VERIFY(isFinalState(s->state()));
    QTRY_VERIFY(isFinalState(c->state()));
    QCOMPARE(trail(s), serverTrail);
    QCOMPARE(trail(c).join(QLatin1Char(' ')), clientTrail.join(QLatin1Char(' ')));
    QCOMPARE(s->rx().store().read(0, 100), request);

    if (!replyArrives) {
        QCOMPARE(s->tx().store().size(), qint64(0));
        QCOMPARE(c->rx().store().size(), qint64(0));
        return;
    }
    // The server wrote after its EOF; the client read the reply after its
    // own FIN and before the server's.
    const std::vector<TimelineEvent> serverEvents = s->timeline().since(0);
    const TimelineEvent *serverEof = findEvent(serverEvents, TimelineEvent::HalfClosed);
    QVERIFY(serverEof);
    QCOMPARE(s->tx().store().read(0, 100), request);
    QVERIFY(s->tx().store().chunk(0).timestampNs > serverEof->timeNs);

    const std::vector<TimelineEvent> clientEvents = c->timeline().since(0);
    const TimelineEvent *clientFin
        = findEvent(clientEvents, TimelineEvent::HalfClosed, Direction::Tx);
    const TimelineEvent *clientEof
        = findEvent(clientEvents, TimelineEvent::HalfClosed, Direction::Rx);
    QVERIFY(clientFin && clientEof);
    QCOMPARE(c->rx().store().read(0, 100), request);
    QVERIFY(c->rx().store().chunk(0).timestampNs > clientFin->timeNs);
    QVERIFY(c->rx().store().chunk(0).timestampNs < clientEof->timeNs);
}

void tst_NativeEngine::resetByPeer_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<QStringList>("serverTrail");
    QTest::addColumn<ConnectionState>("serverFinal");
    QTest::addColumn<StateCause>("serverCause");
    const QString established = QStringLiteral("state:Established");
    // Only the native engine sees the RST as what it is.
    QTest::newRow("native") << EngineKind::Native
                            << QStringList {established, "error:reset", "state:Reset"}
                            << ConnectionState::Reset << StateCause::Peer;
    // Qt turns ECONNRESET into an EOF and RemoteHostClosedError, then closes.
    QTest::newRow("qt") << EngineKind::Qt
                        << QStringList {established, "note",        "eof", "state:RemoteHalfClosed",
                                        "note",      "state:Closed"}
                        << ConnectionState::Closed << StateCause::Engine;
}

void tst_NativeEngine::resetByPeer()
{
    QFETCH(EngineKind, engine);
    QFETCH(QStringList, serverTrail);
    QFETCH(ConnectionState, serverFinal);
    QFETCH(StateCause, serverCause);

    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(engine), &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(engine, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);

    c->abortWithReset();
    QCOMPARE(c->state(), ConnectionState::Reset);
    QTRY_VERIFY(isFinalState(s->state()));
    QCOMPARE(trail(s), serverTrail);
    QCOMPARE(s->state(), serverFinal);
    const std::vector<TimelineEvent> events = s->timeline().since(0);
    QCOMPARE(events.back().cause, serverCause);
    if (engine == EngineKind::Native) {
        const TimelineEvent *reset = findEvent(events, TimelineEvent::Error);
        QVERIFY(reset);
        QCOMPARE(reset->sysErrno, ECONNRESET);
    } else {
        QVERIFY(!hasError(s, {QStringLiteral("reset")}));
        QVERIFY(events[1].text.contains(QLatin1String("RemoteHostClosedError")));
    }
}

void tst_NativeEngine::writeAfterPeerClosedIsABrokenPipe()
{
    // S11: the peer closed; our first write still succeeds (the kernel takes
    // it, the peer answers with an RST), a later one fails. No SIGPIPE.
    BareServer server(EngineKind::Native);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(
        EngineKind::Native, address(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()))));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections.size(), 1);
    Connection *s = server.connections.first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);

    c->close();
    QCOMPARE(c->state(), ConnectionState::Closed);
    QTRY_COMPARE(s->state(), ConnectionState::RemoteHalfClosed);

    SigpipeTrap trap;
    const QStringList codes {QStringLiteral("broken_pipe"), QStringLiteral("reset")};
    int writes = 0;
    for (; writes < 50 && !hasError(s, codes); ++writes) {
        s->send("are you still there?\n");
        QTest::qWait(10);
    }
    QVERIFY2(!trap.caught(), "send() raised SIGPIPE");
    QVERIFY2(hasError(s, codes), qPrintable(trail(s).join(QLatin1Char(' '))));
    QVERIFY2(writes >= 2, "the first write after the peer's close should succeed");
    QVERIFY(s->tx().store().chunkCount() >= 1);
    QCOMPARE(s->state(), ConnectionState::Reset);
    const QStringList words = trail(s);
    QCOMPARE(words.mid(0, 3), (QStringList {"state:Established", "eof", "state:RemoteHalfClosed"}));
    QVERIFY(codes.contains(words.at(3).mid(6)));
    // What was still queued is not dropped in silence: an event says how much.
    QCOMPARE(words.at(4), QStringLiteral("discarded:send_queue"));
    QCOMPARE(s->discardedBytes(), s->timeline().at(4).bytes);
    QVERIFY(s->discardedBytes() > 0);
    QCOMPARE(words.at(5), QStringLiteral("state:Reset"));
    QCOMPARE(words.size(), 6);
    const std::vector<TimelineEvent> events = s->timeline().since(0);
    QVERIFY(events[3].sysErrno == EPIPE || events[3].sysErrno == ECONNRESET);
}

void tst_NativeEngine::refused_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<QString>("host");
    QTest::newRow("native, address") << EngineKind::Native << QStringLiteral("127.0.0.1");
    QTest::newRow("qt, address") << EngineKind::Qt << QStringLiteral("127.0.0.1");
    // A name: looked up first, then every address refuses.
    QTest::newRow("native, name") << EngineKind::Native << QStringLiteral("localhost");
    QTest::newRow("qt, name") << EngineKind::Qt << QStringLiteral("localhost");
}

void tst_NativeEngine::refused()
{
    QFETCH(EngineKind, engine);
    QFETCH(QString, host);
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    ClientEndpoint client;
    HostPort target;
    target.host = host;
    target.port = port;
    target.hostGiven = true;
    Connection *c = client.connectTo(clientWith(engine, target));
    QTRY_COMPARE(c->state(), ConnectionState::Failed);
    const std::vector<TimelineEvent> events = c->timeline().since(0);
    const TimelineEvent *refusal = findEvent(events, TimelineEvent::Error);
    QVERIFY(refusal);
    QCOMPARE(refusal->code, QStringLiteral("refused"));
    QCOMPARE(refusal->sysErrno, ECONNREFUSED);
    QCOMPARE(events.back().cause, StateCause::Error);
    if (host == QLatin1String("localhost"))
        QVERIFY(trail(c).contains(QStringLiteral("state:Resolving")));
    QCOMPARE(c->socketDescriptor(), -1);
}

void tst_NativeEngine::connectTimeoutWithAFullBacklog_data()
{
    addEngineRows();
}

void tst_NativeEngine::connectTimeoutWithAFullBacklog()
{
    // S5: a listener that never accepts, with a backlog of 0: once its queue
    // holds one connection, the kernel drops further SYNs and connect() hangs.
    QFETCH(EngineKind, engine);
    FullBacklogListener listener;
    QVERIFY(listener.isListening());
    listener.fill(2);
    QTest::qWait(50);

    ClientEndpoint client;
    ClientOptions options
        = clientWith(engine, address(QStringLiteral("127.0.0.1:%1").arg(listener.port()),
                                     HostPort::Use::Connect));
    options.connectTimeoutMs = 300;
    QElapsedTimer timer;
    timer.start();
    Connection *c = client.connectTo(options);
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Failed, 5000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 250 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    QCOMPARE(trail(c).last(), QStringLiteral("state:Failed"));
    QVERIFY(trail(c).contains(QStringLiteral("timeout:connect")));
    QCOMPARE(c->timeline().since(0).back().cause, StateCause::Timeout);
    QCOMPARE(c->socketDescriptor(), -1);
}

void tst_NativeEngine::localPortInTimeWait_data()
{
    addEngineRows();
}

void tst_NativeEngine::localPortInTimeWait()
{
    // S14: the client closes first, so its port sits in TIME_WAIT; binding it
    // again without SO_REUSEADDR fails.
    QFETCH(EngineKind, engine);
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverWith(engine), &error));
    ClientEndpoint client;
    ClientOptions options = clientWith(engine, server.boundAddress());
    options.localHost = QStringLiteral("127.0.0.1");
    Connection *first = client.connectTo(options);
    QTRY_COMPARE(first->state(), ConnectionState::Established);
    const quint16 port = portOf(first->localAddress());
    QVERIFY(port != 0);
    QTRY_COMPARE(server.connections().size(), 1);
    first->close();
    QTRY_VERIFY(isFinalState(server.connections().first()->state()));

    options.localPort = port;
    Connection *second = client.connectTo(options);
    QTRY_COMPARE(second->state(), ConnectionState::Failed);
    QVERIFY2(hasError(second, {QStringLiteral("address_in_use")}),
             qPrintable(trail(second).join(QLatin1Char(' '))));
}

void tst_NativeEngine::readSliceCutsReads_data()
{
    addEngineRows();
}

void tst_NativeEngine::readSliceCutsReads()
{
    // S8/S10: the reader decides how much one read returns, at most.
    QFETCH(EngineKind, engine);
    ServerOptions options = serverWith(engine);
    options.connection.readSlice = 10;
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(options, &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(engine, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();

    const QByteArray bytes = randomBytes(1000, 10);
    c->send(bytes);
    QTRY_COMPARE(s->rx().store().size(), qint64(1000));
    const StreamStore &store = s->rx().store();
    QVERIFY2(store.chunkCount() >= 100, qPrintable(QString::number(store.chunkCount())));
    for (qint64 i = 0; i < store.chunkCount(); ++i)
        QVERIFY2(store.chunk(i).size <= 10, qPrintable(QString::number(store.chunk(i).size)));
    QCOMPARE(store.read(0, 1000), bytes);
}

void tst_NativeEngine::pausedReaderFillsTheWindow_data()
{
    QTest::addColumn<EngineKind>("engine");
    QTest::addColumn<bool>("senderHoldsBytes");
    // The native sender keeps what the kernel refuses; Qt's takes it all
    // into its own unbounded buffer, so pendingBytes() stays 0 there.
    QTest::newRow("native") << EngineKind::Native << true;
    QTest::newRow("qt") << EngineKind::Qt << false;
}

void tst_NativeEngine::pausedReaderFillsTheWindow()
{
    QFETCH(EngineKind, engine);
    QFETCH(bool, senderHoldsBytes);
    ServerOptions serverOptions = serverWith(engine);
    serverOptions.connection.receiveBuffer = 16 * 1024;
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientOptions clientOptions = clientWith(engine, server.boundAddress());
    clientOptions.connection.sendBuffer = 16 * 1024;
    clientOptions.connection.writeStallMs = 100;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);
    s->setReadPaused(true);

    const qint64 total = 256 * 1024;
    const QByteArray bytes = randomBytes(total, 7);
    c->send(bytes);
    // S6: the sender notices its bytes do not move.
    QTRY_VERIFY_WITH_TIMEOUT(trail(c).contains(QStringLiteral("timeout:write_stall")), 5000);
    QCOMPARE(s->rx().store().size(), qint64(0));
    QVERIFY2(kernelSendQueue(c) > 0, qPrintable(QString::number(kernelSendQueue(c))));
    QCOMPARE(c->pendingBytes() > 0, senderHoldsBytes);
    if (senderHoldsBytes)
        QVERIFY(c->pendingBytes() > total / 2);
    QTest::qWait(100);
    QCOMPARE(s->rx().store().size(), qint64(0));

    s->setReadPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(s->rx().store().size(), total, 20000);
    QCOMPARE(s->rx().store().read(0, total), bytes);
    QCOMPARE(c->pendingBytes(), qint64(0));
    QTRY_COMPARE(kernelSendQueue(c), 0);
}

void tst_NativeEngine::bulkEchoBothWays_data()
{
    addEngineRows();
}

void tst_NativeEngine::bulkEchoBothWays()
{
    QFETCH(EngineKind, engine);
    ServerOptions serverOptions = serverWith(engine, ReplyPolicy::Kind::Echo);
    serverOptions.connection.rxFraming = QStringLiteral("raw");
    serverOptions.connection.txFraming = QStringLiteral("raw");
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientEndpoint client;
    Connection *c = client.connectTo(clientWith(engine, server.boundAddress()));
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();

    const qint64 total = 20 * 1024 * 1024;
    const QByteArray bytes = randomBytes(total, 20);
    QElapsedTimer timer;
    timer.start();
    c->send(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(c->rx().store().size(), total, 60000);
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    qInfo("%s: 20 MiB each way in %lld ms (%.0f MiB/s); client rx %lld chunks, tx %lld chunks, "
          "server rx %lld chunks",
          engine == EngineKind::Native ? "native" : "qt", ms, 20.0 * 1000 / ms,
          c->rx().store().chunkCount(), c->tx().store().chunkCount(), s->rx().store().chunkCount());
    QCOMPARE(s->rx().store().size(), total);
    QCOMPARE(s->tx().store().size(), total);
    QVERIFY(s->rx().store().read(0, total) == bytes);
    QVERIFY(c->rx().store().read(0, total) == bytes);
    QCOMPARE(c->pendingBytes(), qint64(0));
    QCOMPARE(s->pendingBytes(), qint64(0));

    c->close();
    QTRY_COMPARE(c->state(), ConnectionState::Closed);
    QTRY_COMPARE(s->state(), ConnectionState::Closed);
}

void tst_NativeEngine::resetWhileAFinWaitsForPendingBytes_data()
{
    QTest::addColumn<int>("closeWaitMs"); // 0: halfClose(); else close(closeWaitMs)
    QTest::newRow("half-close") << 0;
    QTest::newRow("close with wait for EOF") << 300;
}

void tst_NativeEngine::resetWhileAFinWaitsForPendingBytes()
{
    // A FIN (or a close) queued behind bytes the peer does not read; the peer
    // resets. The send that fails ends the connection: no FIN may be reported
    // after that, no state may follow Reset, no close timer may fire.
    QFETCH(int, closeWaitMs);
    ServerOptions serverOptions = serverWith(EngineKind::Native);
    serverOptions.connection.receiveBuffer = 16 * 1024;
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    ClientOptions clientOptions = clientWith(EngineKind::Native, server.boundAddress());
    clientOptions.connection.sendBuffer = 16 * 1024;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    Connection *s = server.connections().first();
    QTRY_COMPARE(s->state(), ConnectionState::Established);
    s->setReadPaused(true);
    // Only the write path may notice the RST here.
    c->setReadPaused(true);

    c->send(randomBytes(1024 * 1024, 3));
    if (closeWaitMs > 0)
        c->close(closeWaitMs);
    else
        c->halfClose();
    QTRY_VERIFY(kernelSendQueue(c) > 0);
    QVERIFY(c->pendingBytes() > 0);
    QVERIFY(!trail(c).contains(QStringLiteral("fin")));

    s->abortWithReset();
    QTRY_VERIFY(trail(c).contains(QStringLiteral("state:Reset")));
    QTest::qWait(closeWaitMs + 200);
    const QStringList words = trail(c);
    QCOMPARE(c->state(), ConnectionState::Reset);
    QCOMPARE(words.constLast(), QStringLiteral("state:Reset"));
    QVERIFY2(!words.contains(QStringLiteral("fin")), qPrintable(words.join(QLatin1Char(' '))));
    QVERIFY2(!words.contains(QStringLiteral("timeout:close")),
             qPrintable(words.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(tst_NativeEngine)
#include "tst_nativeengine.moc"
