// SPDX-License-Identifier: GPL-3.0-or-later
// The window's side of the I/O thread: real loopback connections opened,
// written to and closed through the Workbench, observed the way the window
// observes them (polling what the connections publish).
#include "models/connectionlistmodel.h"
#include "models/ratemeter.h"
#include "net/connection.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"
#include "session/workbench.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

using namespace TcpInspector;

class tst_Workbench : public QObject
{
    Q_OBJECT

private slots:
    void listenConnectSendHalfClose();
    void fileSendIsStreamedAndComplete();
    void unreadableFileIsReportedNotSent();
    void framingChangeRedecodesOffTheWindowThread();
    void listModelFollowsStateAndCounters();
    void removeFinishedForgetsOnlyEndedConnections();
    void keepClosedRemovesTheOldestEnded();
    void listenOnBusyPortExplains();
    void secondSendWaitsForTheFirst();
    void progressEndsWhenTheConnectionDoes();
    void openManyAreAllAccepted();
    void sendToManyReachesThoseThatCanSend();
    void redecodeLeavesTheIoThreadFree();
    void qtEngineSendHasBackpressure();
    void rateMeter();
    void scenarioConnectionsAreListed();
    void removedWhileTheRunGoesOn();
    void scenarioWithoutItsVariables();
};

namespace {
ServerOptions echoServer()
{
    ServerOptions options;
    options.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    options.reply = *ReplyPolicy::parse(QStringLiteral("echo"), nullptr);
    options.connection.rxFraming = QStringLiteral("line");
    return options;
}

// Listens, connects one client, and returns {client, server side}.
std::pair<Connection *, Connection *> openPair(Workbench &bench,
                                               ServerOptions options = echoServer(),
                                               EngineKind clientEngine = EngineKind::Qt)
{
    SocketErrorInfo error;
    if (!bench.listen(options, &error))
        return {};
    ClientOptions client;
    client.target = bench.boundAddress();
    client.connection.engine = clientEngine;
    bench.connectTo(client);
    if (!QTest::qWaitFor([&] { return bench.connections().size() == 2; }, 5000))
        return {};
    Connection *c = bench.connections(Connection::Side::Client).value(0);
    Connection *s = bench.connections(Connection::Side::Server).value(0);
    if (!QTest::qWaitFor([&] { return c->state() == ConnectionState::Established; }, 5000))
        return {};
    return {c, s};
}
} // namespace

void tst_Workbench::listenConnectSendHalfClose()
{
    Workbench bench;
    QSignalSpy added(&bench, &Workbench::connectionAdded);
    // Native: Qt would close the server's socket at EOF, echo or not (S13).
    ServerOptions options = echoServer();
    options.connection.engine = EngineKind::Native;
    auto [client, server] = openPair(bench, options);
    QVERIFY(client && server);
    QCOMPARE(added.count(), 2);
    QVERIFY(bench.boundAddress().port != 0);

    SendRequest request;
    request.bytes = QByteArray(99, 'x') + '\n';
    request.fragmentSize = 15; // 7 writes
    request.fragmentDelayMs = 2;
    request.repeat = 3;
    request.intervalMs = 5;
    request.halfCloseAfter = true;
    bench.send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), qint64(300), 5000);
    QCOMPARE(server->rx().frameCount(), qint64(3));
    QVERIFY(client->tx().store().chunkCount() >= 21);
    // The echo comes back even after our FIN (half-close is one direction
    // only); then the server, owing nothing more, closes too.
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(300), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Closed, 5000);
    bool halfClosedFirst = false;
    for (const TimelineEvent &event : client->timeline().since(0)) {
        if (event.type == TimelineEvent::StateChanged)
            halfClosedFirst |= event.state == ConnectionState::LocalHalfClosed;
    }
    QVERIFY(halfClosedFirst);
    // Exactly what was asked for, each write once (a send job handing bytes
    // over again from inside its own write callback once sent 600 here).
    QCOMPARE(client->tx().store().size(), qint64(300));
    QCOMPARE(server->rx().store().size(), qint64(300));
    const Workbench::Progress progress = bench.sendProgress(client);
    QCOMPARE(progress.sent, qint64(300));
    QCOMPARE(progress.total, qint64(300));
    QVERIFY(progress.finished);
}

void tst_Workbench::fileSendIsStreamedAndComplete()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = ReplyPolicy(); // no echo: only one direction grows
    options.connection.rxFraming = QStringLiteral("raw");
    auto [client, server] = openPair(bench, options);
    QVERIFY(client && server);

    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray block(1024 * 1024, '\0');
    for (int i = 0; i < block.size(); ++i)
        block[i] = char(i * 7 + i / 251);
    const int blocks = 24; // bigger than the job's look-ahead, so it must wait for the socket
    for (int i = 0; i < blocks; ++i)
        file.write(block);
    file.flush();

    SendRequest request;
    request.filePath = file.fileName();
    request.repeat = 2;
    bench.send(client, request);
    const qint64 total = qint64(blocks) * block.size() * 2;
    QTRY_COMPARE_WITH_TIMEOUT(bench.sendProgress(client).total, total, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), total, 30000);
    QCOMPARE(bench.sendProgress(client).sent, total);
    // Spot checks: the last block of the second repetition arrived in order.
    QCOMPARE(server->rx().store().read(total - block.size(), block.size()), block);
    QCOMPARE(server->rx().store().read(qint64(blocks) * block.size(), 64), block.left(64));
}

void tst_Workbench::unreadableFileIsReportedNotSent()
{
    Workbench bench;
    auto [client, server] = openPair(bench);
    QVERIFY(client && server);
    QSignalSpy failed(&bench, &Workbench::sendFailed);
    SendRequest request;
    request.filePath = QStringLiteral("/nonexistent/tcpinspector-test-file");
    bench.send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    const QString reason = failed.at(0).at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("tcpinspector-test-file")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("readable")), qPrintable(reason));
    QTest::qWait(50);
    QCOMPARE(client->tx().store().size(), qint64(0));
}

void tst_Workbench::framingChangeRedecodesOffTheWindowThread()
{
    Workbench bench;
    auto [client, server] = openPair(bench);
    QVERIFY(client && server);
    SendRequest request;
    request.bytes = "a\nbb\nccc\n";
    bench.send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().frameCount(), qint64(3), 5000);

    QString error;
    QVERIFY(!bench.setFraming(server, Direction::Rx, QStringLiteral("lin"), &error));
    QVERIFY2(error.contains(QLatin1String("line")), qPrintable(error)); // lists what is valid
    QVERIFY(bench.setFraming(server, Direction::Rx, QStringLiteral("fixed:len=3"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().framing(), QStringLiteral("fixed:len=3"), 5000);
    QCOMPARE(server->rx().frameCount(), qint64(3));
    QCOMPARE(server->rx().frame(2).offset, qint64(6));
}

void tst_Workbench::listModelFollowsStateAndCounters()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.connection.engine = EngineKind::Native;
    ConnectionListModel serverRows(ConnectionListModel::AddressShown::Peer);
    ConnectionListModel clientRows(ConnectionListModel::AddressShown::Local);
    QAbstractItemModelTester testerS(&serverRows,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester testerC(&clientRows,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&bench, &Workbench::connectionAdded, this, [&](Connection *c) {
        (c->side() == Connection::Side::Server ? serverRows : clientRows).addConnection(c);
    });
    auto [client, server] = openPair(bench, options);
    QVERIFY(client && server);
    QCOMPARE(serverRows.rowCount(), 1);
    QCOMPARE(clientRows.rowCount(), 1);

    SendRequest request;
    request.bytes = "hello\n";
    bench.send(client, request);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(6), 5000);
    QSignalSpy changed(&serverRows, &QAbstractItemModel::dataChanged);
    serverRows.refresh();
    QCOMPARE(changed.count(), 1);
    auto cell = [&](int column) {
        return serverRows.index(0, column).data().toString();
    };
    QCOMPARE(cell(ConnectionListModel::RxBytesColumn), QStringLiteral("6 B"));
    QCOMPARE(cell(ConnectionListModel::RxMessagesColumn), QStringLiteral("1"));
    QCOMPARE(cell(ConnectionListModel::StateColumn), QStringLiteral("Established"));
    QCOMPARE(cell(ConnectionListModel::AddressColumn), client->localAddress());
    serverRows.refresh();
    QCOMPARE(changed.count(), 1); // nothing new, nothing announced

    // The server stops reading, so the EOF waits in its kernel buffer.
    bench.setReadPaused(server, true);
    QTest::qWait(20);
    bench.halfClose(client);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::LocalHalfClosed, 5000);
    clientRows.refresh();
    QCOMPARE(clientRows.index(0, ConnectionListModel::StateColumn).data().toString(),
             QStringLiteral("Half-closed by us"));
    serverRows.refresh();
    QCOMPARE(cell(ConnectionListModel::StateColumn), QStringLiteral("Established"));
    bench.setReadPaused(server, false);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(server->state()), 5000);
    serverRows.refresh();
    QCOMPARE(cell(ConnectionListModel::StateColumn), QStringLiteral("Closed"));
    bool sawRemoteHalfClose = false;
    for (const TimelineEvent &event : server->timeline().since(0))
        sawRemoteHalfClose |= event.type == TimelineEvent::StateChanged
                              && event.state == ConnectionState::RemoteHalfClosed;
    QVERIFY(sawRemoteHalfClose);
}

void tst_Workbench::removeFinishedForgetsOnlyEndedConnections()
{
    Workbench bench;
    auto [client, server] = openPair(bench);
    QVERIFY(client && server);
    ClientOptions second;
    second.target = bench.boundAddress();
    bench.connectTo(second, 2);
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections().size(), 6, 5000);
    QCOMPARE(bench.removeFinished(), 0);

    bench.abortWithReset(client);
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(server->state()), 5000);
    QVERIFY(isFinalState(client->state()));
    QSignalSpy about(&bench, &Workbench::connectionsAboutToBeRemoved);
    QCOMPARE(bench.removeFinished(), 2);
    QCOMPARE(about.count(), 1);
    QCOMPARE(bench.connections().size(), 4);
    QVERIFY(!bench.connections().contains(client));
    // Actions on a forgotten connection are ignored, not a crash.
    bench.close(client);
    bench.send(client, SendRequest());
}

void tst_Workbench::keepClosedRemovesTheOldestEnded()
{
    // 30 connections (15 pairs) end; keeping the newest 10 ended ones
    // removes the 20 oldest, counted, and never an open connection.
    Workbench bench;
    SocketErrorInfo error;
    QVERIFY(bench.listen(echoServer(), &error));
    ClientOptions options;
    options.target = bench.boundAddress();
    bench.connectTo(options, 16);
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections().size(), 32, 10000);
    QList<Connection *> clients = bench.connections(Connection::Side::Client);
    for (Connection *c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 5000);
    Connection *open = clients.takeLast();
    QSignalSpy removed(&bench, &Workbench::connectionsRemoved);
    bench.setKeepClosed(10);
    for (Connection *c : std::as_const(clients))
        bench.abortWithReset(c);
    QTRY_COMPARE_WITH_TIMEOUT(bench.closedRemoved(), qint64(20), 5000);
    QVERIFY(removed.count() >= 1);
    QCOMPARE(bench.connections().size(), 12);
    QVERIFY(bench.connections().contains(open));
    int ended = 0;
    for (Connection *c : bench.connections())
        ended += isFinalState(c->state()) ? 1 : 0;
    QCOMPARE(ended, 10);
    // The newest stay: the last client reset is still listed.
    QVERIFY(bench.connections().contains(clients.last()));
    // Back to keeping all: nothing more goes.
    bench.setKeepClosed(-1);
    bench.abortWithReset(open);
    QTRY_VERIFY(isFinalState(open->state()));
    QTest::qWait(300);
    QCOMPARE(bench.closedRemoved(), qint64(20));
}

void tst_Workbench::listenOnBusyPortExplains()
{
    Workbench first;
    SocketErrorInfo error;
    QVERIFY(first.listen(echoServer(), &error));
    Workbench second;
    ServerOptions options = echoServer();
    options.address = first.boundAddress();
    QVERIFY(!second.listen(options, &error));
    QCOMPARE(error.code, QStringLiteral("address_in_use"));
    QVERIFY(!second.isListening());
    first.stopListening();
    QVERIFY(!first.isListening());
    QVERIFY(second.listen(options, &error));
}

void tst_Workbench::secondSendWaitsForTheFirst()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = ReplyPolicy();
    options.connection.rxFraming = QStringLiteral("raw");
    auto [client, server] = openPair(bench, options);
    QVERIFY(client && server);
    SendRequest big;
    big.bytes = QByteArray(64 * 1024, 'a');
    big.repeat = 200; // 12.5 MiB, more than the job hands over at once
    bench.send(client, big);
    SendRequest marker;
    marker.bytes = "MARKER\n";
    bench.send(client, marker);
    const qint64 total = 200LL * 64 * 1024 + 7;
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), total, 30000);
    // The marker came after every byte of the first send, not in its middle.
    QCOMPARE(server->rx().store().read(total - 7, 7), QByteArray("MARKER\n"));
    QCOMPARE(server->rx().store().read(total - 8, 1), QByteArray("a"));
    QTRY_VERIFY(bench.sendProgress(client).finished);
    QCOMPARE(bench.sendProgress(client).total, total);
    QCOMPARE(bench.sendProgress(client).sent, total);
}

void tst_Workbench::progressEndsWhenTheConnectionDoes()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = ReplyPolicy();
    auto [client, server] = openPair(bench, options, EngineKind::Native);
    QVERIFY(client && server);
    // The native engine: Qt's own write buffer would take all 64 MiB at once.
    bench.setReadPaused(server, true); // the send cannot finish
    SendRequest big;
    big.bytes = QByteArray(1024 * 1024, 'b');
    big.repeat = 64;
    bench.send(client, big);
    QTRY_VERIFY_WITH_TIMEOUT(bench.sendProgress(client).sent > 0, 5000);
    QVERIFY(!bench.sendProgress(client).finished);
    bench.abortWithReset(client);
    QTRY_VERIFY_WITH_TIMEOUT(bench.sendProgress(client).finished, 5000);
    QVERIFY(bench.sendProgress(client).sent < bench.sendProgress(client).total);
}

void tst_Workbench::openManyAreAllAccepted()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.backlog = 16; // far fewer than opened at once
    SocketErrorInfo error;
    QVERIFY(bench.listen(options, &error));
    ClientOptions client;
    client.target = bench.boundAddress();
    bench.connectTo(client, 200);
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections(Connection::Side::Server).size(), 200, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (Connection *c : bench.connections(Connection::Side::Client)) {
                if (c->state() != ConnectionState::Established)
                    return false;
            }
            return bench.connections(Connection::Side::Client).size() == 200;
        }(),
        20000);
}

void tst_Workbench::sendToManyReachesThoseThatCanSend()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = *ReplyPolicy::parse(QStringLiteral("none"), nullptr);
    SocketErrorInfo error;
    QVERIFY(bench.listen(options, &error));
    ClientOptions client;
    client.target = bench.boundAddress();
    bench.connectTo(client, 5);
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections(Connection::Side::Server).size(), 5, 5000);
    const QList<Connection *> clients = bench.connections(Connection::Side::Client);
    QCOMPARE(clients.size(), 5);
    for (Connection *c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionState::Established, 5000);
    // One has ended: it can no longer send, and is left out.
    bench.abortWithReset(clients.at(4));
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(clients.at(4)->state()), 5000);

    SendRequest request;
    request.bytes = "to many\n";
    request.repeat = 2;
    QCOMPARE(bench.sendToMany(clients.mid(0, 3), request), 3);
    QCOMPARE(bench.sendToMany({clients.at(3), clients.at(4), nullptr}, request), 1);
    for (int i = 0; i < 4; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(clients.at(i)->tx().store().size(), qint64(16), 5000);
    QCOMPARE(clients.at(4)->tx().store().size(), qint64(0));
    // Each peer got its copy, whole, once.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            int whole = 0;
            for (Connection *s : bench.connections(Connection::Side::Server))
                whole += s->rx().frameCount() == 2 ? 1 : 0;
            return whole == 4; // the fifth server end saw a reset and nothing else
        }(),
        5000);
    QVERIFY(bench.sendProgress(clients.at(0)).total == 16);
}

void tst_Workbench::redecodeLeavesTheIoThreadFree()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = ReplyPolicy();
    options.connection.rxFraming = QStringLiteral("raw");
    auto [client, server] = openPair(bench, options);
    QVERIFY(client && server);
    SendRequest lines;
    lines.bytes = QByteArray("0123456789abcde\n").repeated(4096); // 64 KiB, 4096 lines
    lines.repeat = 512;                                           // 32 MiB, 2 M lines
    bench.send(client, lines);
    const qint64 total = qint64(lines.bytes.size()) * lines.repeat;
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), total, 30000);

    QString error;
    QVERIFY(bench.setFraming(server, Direction::Rx, QStringLiteral("line"), &error));
    QVERIFY(bench.framingProgress(server, Direction::Rx) >= 0);
    // The I/O thread answers while two million lines are decoded elsewhere:
    // stopping the server waits on it, and returns with the work still going.
    bench.stopListening();
    QVERIFY(!bench.isListening());
    QVERIFY2(bench.framingProgress(server, Direction::Rx) >= 0,
             "the re-decode ended before the I/O thread answered");
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().framing(), QStringLiteral("line"), 30000);
    QCOMPARE(server->rx().frameCount(), qint64(4096) * 512);
    QCOMPARE(bench.framingProgress(server, Direction::Rx), -1.0);

    // A newer request replaces one still running; only the newer one lands.
    QVERIFY(bench.setFraming(server, Direction::Rx, QStringLiteral("fixed:len=4"), &error));
    QVERIFY(bench.setFraming(server, Direction::Rx, QStringLiteral("fixed:len=8"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().framing(), QStringLiteral("fixed:len=8"), 30000);
    QCOMPARE(server->rx().frameCount(), total / 8);
}

void tst_Workbench::qtEngineSendHasBackpressure()
{
    Workbench bench;
    ServerOptions options = echoServer();
    options.reply = ReplyPolicy();
    options.connection.rxFraming = QStringLiteral("raw");
    auto [client, server] = openPair(bench, options); // the qt engine
    QVERIFY(client && server);
    bench.setReadPaused(server, true);
    SendRequest big;
    big.bytes = QByteArray(1024 * 1024, 'q');
    big.repeat = 256; // 256 MiB that cannot leave
    bench.send(client, big);
    QTest::qWait(500);
    // Qt's buffer takes whatever it is given: the job must not give it all.
    QVERIFY2(client->tx().store().size() < 64LL * 1024 * 1024,
             qPrintable(QString::number(client->tx().store().size())));
    bench.setReadPaused(server, false);
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), 256LL * 1024 * 1024, 60000);
    QTRY_VERIFY(bench.sendProgress(client).finished);
}

void tst_Workbench::rateMeter()
{
    RateMeter meter; // 1 s window
    QCOMPARE(meter.rate(), 0.0);
    for (int i = 0; i <= 60; ++i)
        meter.sample(qint64(i) * 33333333, qint64(i) * 1000);
    QVERIFY(qAbs(meter.rate() - 30000.0) < 100);
    // A total that shrinks (connections removed) restarts, never negative.
    meter.sample(61LL * 33333333, 10);
    QCOMPARE(meter.rate(), 0.0);
}

namespace {
ScenarioFile parseScenario(const QString &text)
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(text, QStringLiteral("bench.scn"));
    for (const ScenarioDiagnostic &d : file.diagnostics)
        qWarning("%s", qPrintable(d.toString()));
    return file;
}
} // namespace

void tst_Workbench::scenarioConnectionsAreListed()
{
    Workbench bench;
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0 framing=line\n"
                                                           "connect cli srv framing=line\n"
                                                           "accept conn srv\n"
                                                           "send cli \"hello\\n\"\n"
                                                           "expect conn message \"hello\"\n"));
    QVERIFY(!file.hasErrors());
    QStringList errors;
    ScenarioRunner *runner = bench.createRunner(file, {}, &errors);
    QVERIFY(runner);
    // Its timers and endpoints are on the I/O thread, like the window's.
    QVERIFY(runner->thread() != QThread::currentThread());
    QSignalSpy added(&bench, &Workbench::connectionAdded);
    QSignalSpy finished(runner, &ScenarioRunner::finished);
    QMetaObject::invokeMethod(runner, &ScenarioRunner::start);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QTRY_COMPARE(bench.connections().size(), 2);
    QCOMPARE(added.size(), 2);
    QCOMPARE(bench.connections(Connection::Side::Server).size(), 1);
    QCOMPARE(bench.connections(Connection::Side::Client).size(), 1);
    Connection *server = bench.connections(Connection::Side::Server).first();
    QCOMPARE(server->thread(), runner->thread());
    // The runner goes; its connections stay until the window removes them.
    bench.deleteRunner(runner);
    QTRY_VERIFY(isFinalState(server->state()));
    QTest::qWait(50);
    QCOMPARE(server->rx().store().size(), qint64(6));
    QCOMPARE(server->rx().frameCount(), qint64(1));
    QTRY_VERIFY(isFinalState(bench.connections(Connection::Side::Client).first()->state()));
    QCOMPARE(bench.removeFinished(), 2);
}

void tst_Workbench::removedWhileTheRunGoesOn()
{
    Workbench bench;
    const ScenarioFile file = parseScenario(QStringLiteral("listen srv 127.0.0.1:0\n"
                                                           "connect cli srv\n"
                                                           "accept conn srv\n"
                                                           "close cli\n"
                                                           "expect cli state Closed\n"
                                                           "wait 300ms\n"
                                                           "send cli \"late\"\n"));
    QStringList errors;
    ScenarioRunner *runner = bench.createRunner(file, {}, &errors);
    QVERIFY(runner);
    QSignalSpy steps(runner, &ScenarioRunner::stepFinished);
    QSignalSpy finished(runner, &ScenarioRunner::finished);
    QMetaObject::invokeMethod(runner, &ScenarioRunner::start);
    QTRY_COMPARE_WITH_TIMEOUT(steps.size(), 5, 10000);
    // "Remove closed" while the run waits: the runner must not use it.
    QTRY_COMPARE(bench.connections().size(), 2);
    int removed = 0;
    QTRY_VERIFY((removed += bench.removeFinished()) >= 1);
    QVERIFY(finished.wait(5000));
    const auto last = steps.last().at(0).value<StepResult>();
    QCOMPARE(last.line, 7);
    QCOMPARE(last.status, StepResult::Status::Failed);
    bench.deleteRunner(runner);
}

void tst_Workbench::scenarioWithoutItsVariables()
{
    Workbench bench;
    const ScenarioFile file = parseScenario(QStringLiteral("var target\nconnect cli {{target}}\n"));
    QStringList errors;
    QVERIFY(!bench.createRunner(file, {}, &errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY(bench.createRunner(file, {{QStringLiteral("target"), "127.0.0.1:1"}}, &errors));
}

QTEST_GUILESS_MAIN(tst_Workbench)
#include "tst_workbench.moc"
