// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's view on a connection's timeline misses no short state
// (issue 13): a client that half-closes and is answered 60 ms later shows
// FIN_WAIT1 or FIN_WAIT2 before TIME_WAIT, its server CLOSE_WAIT, and a
// connect against a full backlog shows SYN_SENT. Real sockets on loopback,
// the native engine (which stays half-open, as the lesson needs).
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "shared/fullbacklog.h"

#include <QTest>
#include <QTimer>

using namespace TcpInspector;

namespace {

QStringList kernelStates(const Connection *connection)
{
    QStringList states;
    for (qint64 i = 0; i < connection->timeline().count(); ++i) {
        const TimelineEvent event = connection->timeline().at(i);
        if (event.type == TimelineEvent::Kernel)
            states += kernelStateKey(event.kernel.state);
    }
    return states;
}

HostPort address(const QString &text, HostPort::Use use)
{
    return *HostPort::parse(text, use, nullptr);
}

} // namespace

class tst_KernelTransitions : public QObject
{
    Q_OBJECT

private slots:
    void halfCloseAnsweredLater();
    void synSentAgainstAFullBacklog();
};

void tst_KernelTransitions::halfCloseAnsweredLater()
{
    ServerOptions serverOptions;
    serverOptions.address = address(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen);
    serverOptions.closeAtPeerEof = false;
    serverOptions.connection.engine = EngineKind::Native;
    serverOptions.connection.kernelSampleMs = 100; // the CLI's default
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY(server.listen(serverOptions, &error));
    Connection *accepted = nullptr;
    connect(&server, &ServerEndpoint::connectionAccepted, this,
            [&accepted](Connection *c) { accepted = c; });

    ClientOptions clientOptions;
    clientOptions.target = server.boundAddress();
    clientOptions.connection.engine = EngineKind::Native;
    clientOptions.connection.kernelSampleMs = 100;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_VERIFY(accepted && accepted->state() == ConnectionState::Established);

    c->halfClose();
    QTRY_COMPARE(accepted->state(), ConnectionState::RemoteHalfClosed);
    // The server answers 60 ms later, then closes: shorter than the 100 ms
    // sampling interval, so only a look right after each event sees it.
    QTest::qWait(60);
    accepted->send("late answer\n");
    accepted->close();
    QTRY_VERIFY(isFinalState(c->state()));
    QTRY_VERIFY_WITH_TIMEOUT(kernelStates(c).contains(QStringLiteral("TIME_WAIT")), 5000);

    const QStringList clientStates = kernelStates(c);
    const qsizetype finWait = std::max(clientStates.indexOf(QStringLiteral("FIN_WAIT1")),
                                       clientStates.indexOf(QStringLiteral("FIN_WAIT2")));
    QVERIFY2(finWait >= 0, qPrintable(clientStates.join(QLatin1String(" -> "))));
    QVERIFY2(finWait < clientStates.indexOf(QStringLiteral("TIME_WAIT")),
             qPrintable(clientStates.join(QLatin1String(" -> "))));
    const QStringList serverStates = kernelStates(accepted);
    QVERIFY2(serverStates.contains(QStringLiteral("CLOSE_WAIT")),
             qPrintable(serverStates.join(QLatin1String(" -> "))));
}

void tst_KernelTransitions::synSentAgainstAFullBacklog()
{
    FullBacklogListener listener;
    QVERIFY(listener.isListening());
    listener.fill(4);
    // Both engines: QTcpSocket tells its descriptor only once connected.
    for (EngineKind engine : {EngineKind::Native, EngineKind::Qt}) {
        ClientOptions options;
        options.target
            = address(QStringLiteral("127.0.0.1:%1").arg(listener.port()), HostPort::Use::Connect);
        options.connection.engine = engine;
        options.connection.kernelSampleMs = 100;
        options.connectTimeoutMs = 1000;
        ClientEndpoint client;
        Connection *c = client.connectTo(options);
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(c->state()), 5000);
        const QStringList states = kernelStates(c);
        QVERIFY2(states.contains(QStringLiteral("SYN_SENT")),
                 qPrintable(engineKey(engine) + QLatin1String(": ")
                            + states.join(QLatin1String(" -> "))));
    }
}

QTEST_GUILESS_MAIN(tst_KernelTransitions)
#include "tst_kerneltransitions.moc"
