// SPDX-License-Identifier: GPL-3.0-or-later
// EventPrinter's one printing path: real connections on 127.0.0.1 printed
// live, then the same Connections and the command's recorded lines given to
// a fresh printer's replay(), which must print the same lines (issue 14:
// `show` prints a saved session as the run printed it).
#include "eventprinter.h"
#include "jsonline.h"

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace TcpInspector;

namespace {

constexpr int runMs = 10000;

/// One run: what was printed live, and what a replay needs.
struct Run
{
    QByteArrayList live;
    QList<const Connection *> connections;
    std::vector<StoredLine> lines;
    qint64 startNs = 0;
};

/// What a run does: the server, the clients, and what each client does
/// once it is established.
struct Setup
{
    ServerOptions server;
    ClientOptions client;
    int clients = 1;
    bool inProcessServer = true; ///< false: client.target is a peer of its own
    std::function<void(Connection *)> established;
    EventSelection events;
};

QByteArrayList linesOf(const QByteArray &output)
{
    QByteArrayList lines = output.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QJsonObject objectOf(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object();
}

/// Lines grouped by "conn" (0 for none), each group in its printed order:
/// connections printed live interleave as their signals came, a replay by
/// time; each connection's own lines must not differ at all.
QMap<qint64, QByteArrayList> byConnection(const QByteArrayList &lines)
{
    QMap<qint64, QByteArrayList> groups;
    for (const QByteArray &line : lines)
        groups[objectOf(line).value(QLatin1String("conn")).toInteger()].append(line);
    return groups;
}

QStringList eventNames(const QByteArrayList &lines)
{
    QStringList names;
    for (const QByteArray &line : lines)
        names.append(objectOf(line).value(QLatin1String("event")).toString());
    return names;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class tst_CliPrinter : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void echoWithFragmentsAndHalfClose();
    void socatEchoMatchesLineForLine();
    void messageEndedByEofAtTheEndsTime();
    void nativeResetByPeer();
    void severalClientsInterleave();
    void framingErrorsBothWays();
    void quietRunKeepsCommandLines();
    void missingSummaryIsCounted();

private:
    /// Runs setup live on loopback; its lines are in run.
    void runLive(const Setup &setup, Run *run);
    QByteArrayList replay(const Run &run, const EventSelection &events = EventSelection(),
                          bool withSummary = true) const;
    /// Compares live and replayed lines, connection by connection.
    void compareGrouped(const Run &run);

    std::unique_ptr<ClientEndpoint> m_client;
    std::unique_ptr<ServerEndpoint> m_server;
    std::unique_ptr<QProcess> m_peer;
};

void tst_CliPrinter::cleanup()
{
    m_client.reset();
    m_server.reset();
    if (m_peer) {
        m_peer->kill();
        m_peer->waitForFinished(2000);
        m_peer.reset();
    }
}

void tst_CliPrinter::runLive(const Setup &setup, Run *run)
{
    QBuffer output; // outlives the printer, which flushes when destroyed
    output.open(QIODevice::WriteOnly);
    EventPrinter printer(64);
    printer.setOutput(&output);
    printer.setEvents(setup.events);
    printer.setLineRecorder([run](qint64 timeNs, quint64 conn, const QByteArray &json) {
        run->lines.push_back({timeNs, conn, json});
    });
    run->startNs = printer.startNs();

    ClientOptions client = setup.client;
    m_server = std::make_unique<ServerEndpoint>();
    if (setup.inProcessServer) {
        connect(m_server.get(), &ServerEndpoint::connectionAccepted, this,
                [&printer, run](Connection *connection) {
                    printer.watch(connection);
                    run->connections.append(connection);
                });
        SocketErrorInfo error;
        QVERIFY2(m_server->listen(setup.server, &error), qPrintable(error.message));
        printer.printListening(m_server->boundAddress());
        client.target = {QStringLiteral("127.0.0.1"), m_server->boundAddress().port, true};
    }
    m_client = std::make_unique<ClientEndpoint>();
    connect(m_client.get(), &ClientEndpoint::connectionCreated, this, [&](Connection *connection) {
        printer.printConnecting(connection, client.target.toString());
        printer.watch(connection);
        run->connections.append(connection);
        connect(connection, &Connection::stateChanged, this,
                [&setup, connection](ConnectionState state) {
                    if (state == ConnectionState::Established && setup.established)
                        setup.established(connection);
                });
    });
    for (int i = 0; i < setup.clients; ++i)
        m_client->connectTo(client);
    const int expected = setup.clients * (setup.inProcessServer ? 2 : 1);
    const auto allEnded = [run, expected] {
        if (run->connections.size() < expected)
            return false;
        for (const Connection *connection : std::as_const(run->connections)) {
            if (!isFinalState(connection->state()))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allEnded(), runMs);
    // The kernel's last word (TIME_WAIT) comes after the close, and after
    // the summary it is not printed: a replay must drop it too.
    QTest::qWait(30);
    printer.printNote(QStringLiteral("done"));
    QTest::qWait(30);
    printer.printSummary();
    run->live = linesOf(output.data());
    QVERIFY(!run->live.isEmpty());
    QCOMPARE(eventNames(run->live).last(), QStringLiteral("summary"));
}

QByteArrayList tst_CliPrinter::replay(const Run &run, const EventSelection &events,
                                      bool withSummary) const
{
    QBuffer output;
    output.open(QIODevice::WriteOnly);
    EventPrinter printer(64, run.startNs);
    printer.setOutput(&output);
    printer.setEvents(events);
    std::vector<StoredLine> lines = run.lines;
    if (!withSummary)
        lines.pop_back();
    printer.replay(run.connections, lines);
    return linesOf(output.data());
}

void tst_CliPrinter::compareGrouped(const Run &run)
{
    const QByteArrayList replayed = replay(run);
    QCOMPARE(replayed.size(), run.live.size());
    const QMap<qint64, QByteArrayList> live = byConnection(run.live);
    const QMap<qint64, QByteArrayList> again = byConnection(replayed);
    QCOMPARE(again.keys(), live.keys());
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        const QByteArrayList &mine = again.value(it.key());
        if (qEnvironmentVariableIsSet("TCPI_DEBUG_PRINTER") && mine != it.value())
            qDebug().noquote() << "live:\n"
                               << it.value().join('\n') << "\nreplay:\n"
                               << mine.join('\n');
        for (qsizetype i = 0; i < it.value().size(); ++i)
            QCOMPARE(mine.value(i), it.value().at(i));
    }
    QCOMPARE(replayed.last(), run.live.last());
}

void tst_CliPrinter::echoWithFragmentsAndHalfClose()
{
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::Echo;
    setup.server.connection.rxFraming = setup.server.connection.txFraming = QStringLiteral("line");
    setup.server.connection.kernelSampleMs = 10;
    setup.client.connection = setup.server.connection;
    setup.established = [](Connection *connection) {
        // 3 bytes every 5 ms: several chunks each way, lines across them.
        connection->sendFragmented("one\ntwo\nthree\n", 3, 5);
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    const QStringList names = eventNames(run.live);
    QVERIFY2(names.count(QStringLiteral("chunk")) >= 8, qPrintable(names.join(u' ')));
    QCOMPARE(names.count(QStringLiteral("message")), 12);
    // Ours, then the server's EOF; Qt closes the server at EOF; the client's EOF.
    QCOMPARE(names.count(QStringLiteral("half_closed")), 3);
    QVERIFY(names.contains(QStringLiteral("tcp_state")));
    QCOMPARE(run.lines.size(), size_t(4)); // listening, connecting, note, summary
    compareGrouped(run);
}

void tst_CliPrinter::socatEchoMatchesLineForLine()
{
    const QString socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed");
    const quint16 port = freePort();
    QVERIFY(port != 0);
    m_peer = std::make_unique<QProcess>();
    m_peer->start(socat, {QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(port),
                          QStringLiteral("EXEC:cat")});
    QVERIFY(m_peer->waitForStarted());
    // fork: the probe that waits for the listener is not the one connection.
    QTRY_VERIFY_WITH_TIMEOUT(
        [port] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(100);
        }(),
        runMs);

    Setup setup;
    setup.inProcessServer = false;
    setup.client.target = {QStringLiteral("127.0.0.1"), port, true};
    setup.client.connection.rxFraming = setup.client.connection.txFraming = QStringLiteral("line");
    setup.established = [](Connection *connection) {
        connection->sendFragmented("alpha\nbeta\ngamma", 4, 3);
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    // One connection: the very same lines, in the very same order.
    const QByteArrayList replayed = replay(run);
    QCOMPARE(replayed.size(), run.live.size());
    for (qsizetype i = 0; i < replayed.size(); ++i)
        QCOMPARE(replayed.at(i), run.live.at(i));
    QVERIFY(eventNames(run.live).contains(QStringLiteral("half_closed")));
}

void tst_CliPrinter::messageEndedByEofAtTheEndsTime()
{
    // An HTTP/1.0 response without a length ends at the server's FIN.
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::Fixed;
    setup.server.reply.fixed = "HTTP/1.0 200 OK\r\nServer: t\r\n\r\nhello, world";
    setup.server.reply.closeAfterReply = true;
    setup.server.connection.rxFraming = setup.server.connection.txFraming = QStringLiteral("http");
    setup.client.connection = setup.server.connection;
    setup.established = [](Connection *connection) {
        connection->send("GET / HTTP/1.0\r\nHost: t\r\n\r\n");
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    const Connection *client = run.connections.first(); // created before it is accepted
    QCOMPARE(client->side(), Connection::Side::Client);
    QVERIFY(client->rx().finishedAtNs() > 0);
    QByteArray eofLine;
    for (const QByteArray &line : std::as_const(run.live)) {
        if (line.contains("\"ended_by\":\"eof\""))
            eofLine = line;
    }
    QVERIFY2(!eofLine.isEmpty(), run.live.join('\n').constData());
    // Printed at the time the stream ended, not when the printer got to it.
    const double expectedMs = double(client->rx().finishedAtNs() - run.startNs) / 1e6;
    QCOMPARE(objectOf(eofLine).value(QLatin1String("t")).toDouble(),
             QByteArray::number(expectedMs, 'f', 3).toDouble());
    compareGrouped(run);
}

void tst_CliPrinter::nativeResetByPeer()
{
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.connection.engine = EngineKind::Native;
    setup.server.connection.rxFraming = setup.server.connection.txFraming = QStringLiteral("line");
    setup.client.connection = setup.server.connection;
    setup.established = [](Connection *connection) {
        connection->send("bye\n");
        QTimer::singleShot(50, connection, [connection] { connection->abortWithReset(); });
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    const QStringList names = eventNames(run.live);
    QCOMPARE(names.count(QStringLiteral("reset")), 2); // ours, and the server's from the peer
    compareGrouped(run);
}

void tst_CliPrinter::severalClientsInterleave()
{
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::EchoMessage;
    setup.server.connection.rxFraming = setup.server.connection.txFraming = QStringLiteral("line");
    setup.client.connection = setup.server.connection;
    setup.clients = 4;
    setup.established = [](Connection *connection) {
        connection->sendFragmented("a\nbb\nccc\n", 2, 2);
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(byConnection(run.live).size(), 9); // 8 connections and the command's own lines
    compareGrouped(run);
}

void tst_CliPrinter::framingErrorsBothWays()
{
    // Lines over 4 bytes are errors: the client's tx, the server's rx, its
    // echo's tx and the client's rx each report one between the messages,
    // and one more that EOF settles (a long line the end cut off).
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::Echo;
    setup.server.connection.rxFraming = setup.server.connection.txFraming
        = QStringLiteral("line:max=4");
    setup.client.connection = setup.server.connection;
    setup.established = [](Connection *connection) {
        connection->send("ab\nlonglongline\ncd\ncut off");
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(eventNames(run.live).count(QStringLiteral("framing_error")), 8);
    const QJsonObject summary = objectOf(run.live.last());
    QCOMPARE(summary.value(QLatin1String("framing_errors")).toInteger(), 8);
    // In stream order: "ab", the error at offset 3, then "cd".
    for (const QByteArrayList &lines : byConnection(run.live)) {
        const QStringList names = eventNames(lines);
        const auto error = names.indexOf(QStringLiteral("framing_error"));
        if (error < 0)
            continue;
        QCOMPARE(names.at(error - 1), QStringLiteral("message"));
        QCOMPARE(names.at(error + 1), QStringLiteral("message"));
    }
    compareGrouped(run);
}

void tst_CliPrinter::quietRunKeepsCommandLines()
{
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::Echo;
    setup.client.connection = setup.server.connection;
    setup.clients = 2;
    setup.events = EventSelection::none();
    setup.established = [](Connection *connection) {
        connection->send("ping");
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(run.live.size(), 1); // -q: the summary alone
    QStringList recorded;
    for (const StoredLine &line : run.lines)
        recorded.append(objectOf(line.json).value(QLatin1String("event")).toString());
    QCOMPARE(recorded, QStringList({"listening", "connecting", "connecting", "note", "summary"}));
    // "connecting" names its connection, as printed live.
    QSet<quint64> clients;
    for (const Connection *connection : std::as_const(run.connections)) {
        if (connection->side() == Connection::Side::Client)
            clients.insert(connection->id());
    }
    QCOMPARE(QSet<quint64>({run.lines.at(1).conn, run.lines.at(2).conn}), clients);
    QCOMPARE(replay(run, EventSelection::none()), run.live);
    // Shown with every event, the command's lines are all there.
    const QStringList all = eventNames(replay(run));
    QCOMPARE(all.count(QStringLiteral("listening")), 1);
    QCOMPARE(all.count(QStringLiteral("connecting")), 2);
    QCOMPARE(all.count(QStringLiteral("accepted")), 2);
    QCOMPARE(all.last(), QStringLiteral("summary"));
}

void tst_CliPrinter::missingSummaryIsCounted()
{
    Setup setup;
    setup.server.address = {QStringLiteral("127.0.0.1"), 0, true};
    setup.server.reply.kind = ReplyPolicy::Kind::Echo;
    setup.server.connection.rxFraming = setup.server.connection.txFraming = QStringLiteral("line");
    setup.client.connection = setup.server.connection;
    setup.established = [](Connection *connection) {
        connection->send("x\ny\n");
        connection->halfClose();
    };
    Run run;
    runLive(setup, &run);
    if (QTest::currentTestFailed())
        return;
    const QByteArrayList replayed = replay(run, EventSelection(), false);
    QCOMPARE(eventNames(replayed).last(), QStringLiteral("summary"));
    QCOMPARE(replayed.size(), run.live.size());
    QJsonObject counted = objectOf(replayed.last());
    QJsonObject live = objectOf(run.live.last());
    // Without this process's figures, which a replay cannot know.
    for (const char *key : {"open_descriptors", "descriptor_limit", "wall_ms", "rx_bytes_per_s",
                            "tx_bytes_per_s", "peak_rss_bytes"}) {
        QVERIFY2(!counted.contains(QLatin1String(key)), key);
        live.remove(QLatin1String(key));
    }
    live.remove(QLatin1String("t"));
    counted.remove(QLatin1String("t"));
    QCOMPARE(counted, live);
    QCOMPARE(live.value(QLatin1String("rx_messages")).toInteger(), 4);
}

QTEST_GUILESS_MAIN(tst_CliPrinter)
#include "tst_cliprinter.moc"
