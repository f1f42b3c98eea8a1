// SPDX-License-Identifier: GPL-3.0-or-later
// tcpinspector-cli listen and connect, run as a user runs them: real processes
// on 127.0.0.1, against each other and against programs nobody here wrote (nc,
// socat, redis-server), their JSON lines parsed and their exit codes checked.
#include "expectedkindnames.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <limits>
#include <memory>
#include <utility>

#include <sys/socket.h>

namespace {

constexpr int startMs = 10000;
constexpr int runMs = 20000;

/// One running program, its stdout read as it comes. The CLI's lines are
/// parsed as JSON; other programs' output is kept as bytes.
class Program
{
public:
    explicit Program(const QString &program = QStringLiteral(TCPI_CLI_PATH))
        : m_program(program), m_json(program == QLatin1String(TCPI_CLI_PATH))
    { }
    ~Program()
    {
        // A test that fails half-way must not leave a server running.
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool start(const QStringList &arguments)
    {
        m_process.start(m_program, arguments);
        return m_process.waitForStarted(startMs);
    }
    QProcess &process() { return m_process; }

    /// Waits until an event named name has been printed; returns it, or an
    /// empty object after timeoutMs.
    QJsonObject waitForEvent(const QString &name, int timeoutMs = runMs)
    {
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            readLines();
            for (const QJsonObject &event : std::as_const(m_events)) {
                if (event.value(QStringLiteral("event")).toString() == name)
                    return event;
            }
            if (clock.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning)
                return {};
            m_process.waitForReadyRead(50);
        }
    }

    /// Writes bytes to the program's stdin and waits until they are out.
    bool write(const QByteArray &bytes)
    {
        m_process.write(bytes);
        while (m_process.bytesToWrite() > 0) {
            if (!m_process.waitForBytesWritten(startMs))
                return false;
        }
        return true;
    }

    /// Waits until stdout holds bytes (for programs that are not the CLI).
    bool waitForOutput(const QByteArray &bytes, int timeoutMs = runMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_raw.contains(bytes)) {
            if (clock.elapsed() > timeoutMs)
                return false;
            m_process.waitForReadyRead(50);
            m_raw += m_process.readAllStandardOutput();
        }
        return true;
    }

    /// Waits for the process to end; its exit code, or -1 if it did not end
    /// normally in time.
    int finish(int timeoutMs = runMs)
    {
        if (!m_process.waitForFinished(timeoutMs) && m_process.state() != QProcess::NotRunning)
            return -1;
        readLines();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    const QList<QJsonObject> &events() const { return m_events; }
    QList<QJsonObject> eventsNamed(const QString &name, const QString &dir = {}) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject &event : m_events) {
            if (event.value(QStringLiteral("event")).toString() == name
                && (dir.isEmpty() || event.value(QStringLiteral("dir")).toString() == dir))
                result.append(event);
        }
        return result;
    }
    QStringList eventNames() const
    {
        QStringList names;
        for (const QJsonObject &event : m_events)
            names.append(event.value(QStringLiteral("event")).toString());
        return names;
    }
    QByteArray stderrText() { return m_process.readAllStandardError(); }
    QByteArray stdoutBytes() const { return m_raw; }
    /// Lines that were not JSON objects; there should be none.
    int badLines() const { return m_badLines; }

private:
    void readLines()
    {
        m_raw += m_process.readAllStandardOutput();
        if (!m_json)
            return;
        qsizetype end = 0;
        while ((end = m_raw.indexOf('\n', m_parsed)) >= 0) {
            const QByteArray line = m_raw.mid(m_parsed, end - m_parsed);
            m_parsed = end + 1;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                qWarning("not a JSON object: %s", line.constData());
                ++m_badLines;
                continue;
            }
            m_events.append(doc.object());
        }
    }

    QString m_program;
    bool m_json; // the CLI prints JSON lines; nc and the others do not
    QProcess m_process;
    QByteArray m_raw;
    qsizetype m_parsed = 0;
    QList<QJsonObject> m_events;
    int m_badLines = 0;
};

/// Whether wanted appears in names in this order (other names may come between).
bool inOrder(const QStringList &names, const QStringList &wanted)
{
    qsizetype at = 0;
    for (const QString &name : wanted) {
        at = names.indexOf(name, at);
        if (at < 0)
            return false;
        ++at;
    }
    return true;
}

QString inOrderMessage(const Program &program, const QStringList &wanted)
{
    return QStringLiteral("wanted %1 in %2")
        .arg(wanted.join(QLatin1Char(',')), program.eventNames().join(QLatin1Char(',')));
}

/// A port nothing listens on right now: bound by the system, then released.
quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

/// Waits until the kernel shows a listener on 127.0.0.1:port. Connecting to
/// find out would use up the one connection `nc -l` accepts.
bool waitForListener(quint16 port, int timeoutMs = startMs)
{
    // /proc/net/tcp: "sl local_address rem_address st ...", addresses as
    // hex "0100007F:1F90", state 0A is LISTEN.
    const QByteArray local
        = "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QFile file(QStringLiteral("/proc/net/tcp"));
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                const QList<QByteArray> fields = line.simplified().split(' ');
                if (fields.size() > 3 && fields.at(1) == local && fields.at(3) == "0A")
                    return true;
            }
        }
        QTest::qWait(20);
    }
    return false;
}

/// OpenBSD netcat (Debian's netcat-openbsd): the one with -N and `-l host port`.
bool haveOpenBsdNetcat()
{
    if (QStandardPaths::findExecutable(QStringLiteral("nc")).isEmpty())
        return false;
    QProcess nc;
    nc.start(QStringLiteral("nc"), {QStringLiteral("-h")});
    if (!nc.waitForFinished(5000))
        return false;
    return (nc.readAllStandardOutput() + nc.readAllStandardError()).contains("OpenBSD");
}

/// Starts `listen` with arguments and returns its port, 0 on failure.
quint16 startListener(Program &listener, const QStringList &arguments)
{
    if (!listener.start(QStringList {QStringLiteral("listen"), QStringLiteral("127.0.0.1:0")}
                        + arguments))
        return 0;
    const QJsonObject listening = listener.waitForEvent(QStringLiteral("listening"));
    return quint16(listening.value(QStringLiteral("port")).toInt());
}

QString target(quint16 port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

} // namespace

class tst_CliNet : public QObject
{
    Q_OBJECT

private slots:
    void listenAndConnectEndToEnd();
    void usageErrors_data();
    void usageErrors();
    void connectRefused();
    void connectIdleTimeout();
    void listenExitsAfterTwoConnections();
    void listenAcceptsOnceAndStaysOpen();
    void connectCountOpensSeveral();
    void sigtermGivesSummary();
    void netcatListenerReceivesAndAnswers();
    void netcatClientOfListen();
    void socatEchoWithHalfClose();
    void redisPing();
    void messagesNameTheirKinds_data();
    void messagesNameTheirKinds();
    void largestPreviewShowsTheWholeMessage();
};

void tst_CliNet::listenAndConnectEndToEnd()
{
    Program server;
    const quint16 port
        = startListener(server, {"--framing", "line", "--reply", "echo", "--exit-after", "1"});
    QVERIFY(port != 0);

    // 12 bytes written 3 at a time, 5 ms apart (S8): the server reads several
    // chunks and the line decoder makes one message of them.
    Program client;
    QVERIFY(client.start({"connect", target(port), "--framing", "line", "--send", "hello world\\n",
                          "--fragment", "3:5", "--nodelay", "--close-after-reply"}));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(server.finish(), 0);
    QCOMPARE(client.badLines() + server.badLines(), 0);

    const QStringList serverOrder {"listening", "accepted", "chunk",
                                   "message",   "closed",   "summary"};
    QVERIFY2(inOrder(server.eventNames(), serverOrder),
             qPrintable(inOrderMessage(server, serverOrder)));
    QCOMPARE(server.events().last().value("event").toString(), QStringLiteral("summary"));
    const auto rxChunks = server.eventsNamed("chunk", "rx");
    QVERIFY2(rxChunks.size() >= 2, qPrintable(QString::number(rxChunks.size())));
    qint64 offset = 0;
    for (const QJsonObject &chunk : rxChunks) {
        QCOMPARE(chunk.value("offset").toInteger(), offset);
        offset += chunk.value("size").toInteger();
    }
    QCOMPARE(offset, 12);
    const auto serverMessages = server.eventsNamed("message", "rx");
    QCOMPARE(serverMessages.size(), 1);
    QCOMPARE(serverMessages[0].value("preview").toString(), QStringLiteral("hello world"));
    QCOMPARE(serverMessages[0].value("size").toInt(), 12);
    const QJsonObject serverSummary = server.events().last();
    QCOMPARE(serverSummary.value("connections").toInt(), 1);
    QCOMPARE(serverSummary.value("rx_bytes").toInt(), 12);
    QCOMPARE(serverSummary.value("tx_bytes").toInt(), 12);
    QCOMPARE(serverSummary.value("rx_messages").toInt(), 1);
    // Every connection event names its connection; times only go forward.
    double last = 0;
    for (const QJsonObject &event : server.events()) {
        QVERIFY(event.value("t").isDouble());
        QVERIFY(event.value("t").toDouble() >= last);
        last = event.value("t").toDouble();
        const QString name = event.value("event").toString();
        if (name != "listening" && name != "summary" && name != "note")
            QVERIFY2(event.contains("conn"), qPrintable(name));
    }

    const QStringList clientOrder {"connecting", "connected", "chunk",
                                   "message",    "closed",    "summary"};
    QVERIFY2(inOrder(client.eventNames(), clientOrder),
             qPrintable(inOrderMessage(client, clientOrder)));
    QCOMPARE(client.eventsNamed("chunk", "tx").size(), 4);
    const auto echoed = client.eventsNamed("message", "rx");
    QCOMPARE(echoed.size(), 1);
    QCOMPARE(echoed[0].value("preview").toString(), QStringLiteral("hello world"));
    QCOMPARE(client.eventsNamed("closed").value(0).value("by").toString(), QStringLiteral("user"));
    QCOMPARE(client.events().last().value("tx_messages").toInt(), 1);
    QCOMPARE(client.events().last().value("errors").toInt(), 0);
}

void tst_CliNet::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("bare port") << QStringList {"listen", "8080"}
                               << "missing port in address '8080'";
    QTest::newRow("listen bad framing")
        << QStringList {"listen", "127.0.0.1:0", "--framing", "lines"} << "Valid framings";
    QTest::newRow("bad reply") << QStringList {"listen", "127.0.0.1:0", "--reply", "mirror"}
                               << "Valid replies";
    QTest::newRow("bad engine") << QStringList {"listen", "127.0.0.1:0", "--engine", "epoll"}
                                << "qt, native";
    QTest::newRow("bad exit-after") << QStringList {"listen", "127.0.0.1:0", "--exit-after", "-1"}
                                    << "--exit-after needs a whole number";
    QTest::newRow("no address") << QStringList {"listen"} << "Say where to listen";
    QTest::newRow("bad accept") << QStringList {"listen", "127.0.0.1:0", "--accept", "twice"}
                                << "--accept 'twice' is not an accept mode. Valid modes: many, "
                                   "once, one-at-a-time.";
    QTest::newRow("bad hex") << QStringList {"connect", "127.0.0.1:9", "--send-hex", "0g"}
                             << "--send-hex '0g': Not a hex digit: 'g' at column 2.";
    QTest::newRow("bad escape") << QStringList {"connect", "127.0.0.1:9", "--send", "a\\q"}
                                << "--send 'a\\q': Unknown escape '\\q' at column 2.";
    QTest::newRow("bad reply escape")
        << QStringList {"listen", "127.0.0.1:0", "--reply", "text:ok\\"}
        << "In the reply text 'ok\\': A lone backslash at column 3 ends the text";
    QTest::newRow("bad reply hex") << QStringList {"listen", "127.0.0.1:0", "--reply", "hex:0d0"}
                                   << "In the reply hex '0d0': Hex digits come in pairs: '0' at "
                                      "column 3 has no partner.";
    QTest::newRow("connect bad framing")
        << QStringList {"connect", "127.0.0.1:9", "--framing", "line:eol=cr"} << "eol";
    QTest::newRow("connect port 0") << QStringList {"connect", "127.0.0.1:0"} << "Port 0";
    QTest::newRow("connect bare port") << QStringList {"connect", "8080"} << "missing port";
    QTest::newRow("bad fragment") << QStringList {"connect", "127.0.0.1:9", "--fragment", "3:x"}
                                  << "--fragment takes BYTES";
    QTest::newRow("missing file") << QStringList {"connect", "127.0.0.1:9", "--send-file",
                                                  "/nonexistent/x"}
                                  << "Cannot read '/nonexistent/x'";
}

void tst_CliNet::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    Program cli;
    QVERIFY(cli.start(arguments));
    QCOMPARE(cli.finish(), 2);
    const QByteArray stderrText = cli.stderrText();
    QVERIFY2(QString::fromUtf8(stderrText).contains(mentions), stderrText.constData());
    QVERIFY(cli.stdoutBytes().isEmpty());
}

void tst_CliNet::connectRefused()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    Program client;
    QVERIFY(client.start({"connect", target(port), "--send", "x"}));
    QCOMPARE(client.finish(), 3);
    const auto errors = client.eventsNamed("error");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].value("code").toString(), QStringLiteral("refused"));
    QCOMPARE(errors[0].value("errno").toInt(), 111); // ECONNREFUSED
    QVERIFY(!errors[0].value("explain").toString().isEmpty());
    const QStringList order {"connecting", "error", "closed", "summary"};
    QVERIFY2(inOrder(client.eventNames(), order), qPrintable(inOrderMessage(client, order)));
    QCOMPARE(client.eventsNamed("closed")[0].value("by").toString(), QStringLiteral("error"));
    QCOMPARE(client.eventsNamed("connected").size(), 0);
    QCOMPARE(client.events().last().value("errors").toInt(), 1);
}

void tst_CliNet::connectIdleTimeout()
{
    // A server that never answers: the client's read deadline closes it (S6).
    Program server;
    const quint16 port = startListener(server, {"--exit-after", "1"});
    QVERIFY(port != 0);
    Program client;
    QVERIFY(client.start({"connect", target(port), "--send", "anyone?", "--idle-timeout", "300",
                          "--kernel-sample", "0"}));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(server.finish(), 0);

    const QStringList order {"connected", "chunk", "timeout", "closed", "summary"};
    QVERIFY2(inOrder(client.eventNames(), order), qPrintable(inOrderMessage(client, order)));
    const QJsonObject timeout = client.eventsNamed("timeout").value(0);
    QCOMPARE(timeout.value("kind").toString(), QStringLiteral("idle"));
    QCOMPARE(client.eventsNamed("closed")[0].value("by").toString(), QStringLiteral("timeout"));
    // Qt's coarse timers may fire up to 5% early; nothing near the deadline is
    // read, so the timeout cannot come much before 300 ms.
    const double waited
        = timeout.value("t").toDouble() - client.eventsNamed("connected")[0].value("t").toDouble();
    QVERIFY2(waited >= 250, qPrintable(QString::number(waited)));
    QCOMPARE(server.eventsNamed("closed").size(), 1);
    QCOMPARE(server.events().last().value("rx_bytes").toInt(), 7);
}

void tst_CliNet::listenAcceptsOnceAndStaysOpen()
{
    // S3 and S13: one Accept and no loop; a server that stays half-open
    // after the peer's EOF instead of closing.
    Program server;
    const quint16 port
        = startListener(server, {"--accept", "once", "--stay-open", "--engine", "native",
                                 "--duration", "1500", "--kernel-sample", "0"});
    QVERIFY(port != 0);
    QTcpSocket first;
    first.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(first.waitForConnected(startMs));
    first.write("a");
    QVERIFY(first.waitForBytesWritten(startMs));
    QCOMPARE(::shutdown(int(first.socketDescriptor()), SHUT_WR), 0);
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(second.waitForConnected(startMs)); // in the kernel's backlog
    second.write("b");
    QVERIFY(second.waitForBytesWritten(startMs));
    const QJsonObject halfClosed = server.waitForEvent(QStringLiteral("half_closed"));
    QCOMPARE(halfClosed.value("side").toString(), QStringLiteral("remote"));
    QCOMPARE(server.finish(), 0);

    QCOMPARE(server.eventsNamed("accepted").size(), 1);
    bool noted = false;
    for (const QJsonObject &note : server.eventsNamed("note"))
        noted = noted || note.value("text").toString().startsWith(QLatin1String("Accept once"));
    QVERIFY(noted);
    // Closed by the end of the run, not at EOF.
    const QList<QJsonObject> closed = server.eventsNamed("closed");
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].value("by").toString(), QStringLiteral("user"));
    QVERIFY2(closed[0].value("t").toDouble() - halfClosed.value("t").toDouble() > 500,
             qPrintable(QString::number(closed[0].value("t").toDouble())));
}

void tst_CliNet::listenExitsAfterTwoConnections()
{
    Program server;
    const quint16 port
        = startListener(server, {"--framing", "line", "--reply", "echo", "--exit-after", "2"});
    QVERIFY(port != 0);
    Program first;
    Program second;
    QVERIFY(first.start(
        {"connect", target(port), "--framing", "line", "--send", "one\\n", "--close-after-reply"}));
    QVERIFY(second.start(
        {"connect", target(port), "--framing", "line", "--send", "two\\n", "--close-after-reply"}));
    QCOMPARE(first.finish(), 0);
    QCOMPARE(second.finish(), 0);
    QCOMPARE(server.finish(), 0);
    QCOMPARE(server.eventsNamed("accepted").size(), 2);
    QCOMPARE(server.eventsNamed("closed").size(), 2);
    const QJsonObject summary = server.events().last();
    QCOMPARE(summary.value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value("connections").toInt(), 2);
    QCOMPARE(summary.value("rx_messages").toInt(), 2);
    QCOMPARE(summary.value("rx_bytes").toInt(), 8);
    // Two connections, two ids.
    QVERIFY(server.eventsNamed("accepted")[0].value("conn")
            != server.eventsNamed("accepted")[1].value("conn"));
}

void tst_CliNet::connectCountOpensSeveral()
{
    Program server;
    const quint16 port = startListener(server, {"--reply", "echo", "--exit-after", "3"});
    QVERIFY(port != 0);
    Program client;
    QVERIFY(client.start(
        {"connect", target(port), "--count", "3", "--send", "ping", "--close-after-reply"}));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(server.finish(), 0);
    QCOMPARE(client.eventsNamed("connected").size(), 3);
    QCOMPARE(client.eventsNamed("closed").size(), 3);
    QCOMPARE(client.events().last().value("connections").toInt(), 3);
    QCOMPARE(client.events().last().value("rx_bytes").toInt(), 12);
    QCOMPARE(server.events().last().value("connections").toInt(), 3);
}

void tst_CliNet::sigtermGivesSummary()
{
    Program server;
    const quint16 port = startListener(server, {});
    QVERIFY(port != 0);
    // A client that stays until the server goes away.
    Program client;
    QVERIFY(client.start({"connect", target(port), "--send", "hi", "--duration", "15000"}));
    QVERIFY(!server.waitForEvent("accepted").isEmpty());
    QVERIFY(!server.waitForEvent("chunk").isEmpty());

    server.process().terminate(); // SIGTERM
    QCOMPARE(server.finish(), 0);
    const QStringList order {"listening", "accepted", "note", "closed", "summary"};
    QVERIFY2(inOrder(server.eventNames(), order), qPrintable(inOrderMessage(server, order)));
    QVERIFY(server.eventsNamed("note").last().value("text").toString().contains("SIGTERM"));
    QCOMPARE(server.eventsNamed("closed")[0].value("by").toString(), QStringLiteral("user"));
    QCOMPARE(server.events().last().value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(server.events().last().value("connections").toInt(), 1);
    QCOMPARE(server.events().last().value("rx_bytes").toInt(), 2);

    // The client reads the server's FIN and ends long before its duration.
    QCOMPARE(client.finish(10000), 0);
    QVERIFY(!client.eventsNamed("half_closed").isEmpty());
    QCOMPARE(client.eventsNamed("half_closed")[0].value("side").toString(),
             QStringLiteral("remote"));
}

void tst_CliNet::netcatListenerReceivesAndAnswers()
{
    if (!haveOpenBsdNetcat())
        QSKIP("OpenBSD netcat (nc, package netcat-openbsd) is not installed");
    const quint16 port = freePort();
    QVERIFY(port != 0);
    Program nc(QStringLiteral("nc"));
    QVERIFY(nc.start({"-l", "127.0.0.1", QString::number(port)}));
    QVERIFY(waitForListener(port));

    Program client;
    QVERIFY(client.start({"connect", target(port), "--framing", "line", "--send", "PING\\r\\n",
                          "--close-after-reply"}));
    QVERIFY2(nc.waitForOutput("PING\r\n"), nc.stdoutBytes().constData());
    QVERIFY(nc.write("PONG from nc\n"));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(nc.stdoutBytes(), QByteArray("PING\r\n"));
    const auto replies = client.eventsNamed("message", "rx");
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].value("preview").toString(), QStringLiteral("PONG from nc"));
    QCOMPARE(client.eventsNamed("message", "tx")[0].value("size").toInt(), 6);
    QCOMPARE(client.events().last().value("rx_bytes").toInt(), 13);
}

void tst_CliNet::netcatClientOfListen()
{
    if (!haveOpenBsdNetcat())
        QSKIP("OpenBSD netcat (nc, package netcat-openbsd) is not installed");
    Program server;
    const quint16 port = startListener(
        server, {"--framing", "line", "--reply", "text:ok\\n", "--exit-after", "1"});
    QVERIFY(port != 0);
    // -N: shut down the sending side when stdin ends, so the server reads EOF.
    Program nc(QStringLiteral("nc"));
    QVERIFY(nc.start({"-N", "127.0.0.1", QString::number(port)}));
    QVERIFY(nc.write("hello\nworld\n"));
    QVERIFY2(nc.waitForOutput("ok\nok\n"), nc.stdoutBytes().constData());
    nc.process().closeWriteChannel();
    QCOMPARE(server.finish(), 0);
    QCOMPARE(nc.finish(), 0);

    const auto received = server.eventsNamed("message", "rx");
    QCOMPARE(received.size(), 2);
    QCOMPARE(received[0].value("preview").toString(), QStringLiteral("hello"));
    QCOMPARE(received[1].value("preview").toString(), QStringLiteral("world"));
    QCOMPARE(server.eventsNamed("message", "tx").size(), 2);
    const QStringList order {"accepted", "message", "half_closed", "closed", "summary"};
    QVERIFY2(inOrder(server.eventNames(), order), qPrintable(inOrderMessage(server, order)));
    QCOMPARE(server.eventsNamed("half_closed")[0].value("side").toString(),
             QStringLiteral("remote"));
}

void tst_CliNet::socatEchoWithHalfClose()
{
    if (QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty())
        QSKIP("socat is not installed");
    const quint16 port = freePort();
    QVERIFY(port != 0);
    Program socat(QStringLiteral("socat"));
    QVERIFY(socat.start(
        {QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(port), "EXEC:cat"}));
    QVERIFY(waitForListener(port));

    // S13: "done sending, still reading": the echo comes back after our FIN.
    Program client;
    QVERIFY(client.start(
        {"connect", target(port), "--framing", "line", "--send", "one\\ntwo\\n", "--half-close"}));
    QCOMPARE(client.finish(), 0);
    const QStringList order {"connected",   "chunk",  "half_closed", "message",
                             "half_closed", "closed", "summary"};
    QVERIFY2(inOrder(client.eventNames(), order), qPrintable(inOrderMessage(client, order)));
    const auto halfCloses = client.eventsNamed("half_closed");
    QCOMPARE(halfCloses.size(), 2);
    QCOMPARE(halfCloses[0].value("side").toString(), QStringLiteral("local"));
    QCOMPARE(halfCloses[1].value("side").toString(), QStringLiteral("remote"));
    const auto echoed = client.eventsNamed("message", "rx");
    QCOMPARE(echoed.size(), 2);
    QCOMPARE(echoed[0].value("preview").toString(), QStringLiteral("one"));
    QCOMPARE(echoed[1].value("preview").toString(), QStringLiteral("two"));
    QCOMPARE(client.events().last().value("rx_bytes").toInt(), 8);
    QCOMPARE(socat.finish(), 0);
}

void tst_CliNet::redisPing()
{
    if (QStandardPaths::findExecutable(QStringLiteral("redis-server")).isEmpty())
        QSKIP("redis-server is not installed");
    const quint16 port = freePort();
    QVERIFY(port != 0);
    Program redis(QStringLiteral("redis-server"));
    QVERIFY(redis.start({"--port", QString::number(port), "--bind", "127.0.0.1", "--save", "",
                         "--appendonly", "no"}));
    QVERIFY(waitForListener(port));

    Program client;
    QVERIFY(client.start({"connect", target(port), "--framing", "resp", "--send",
                          "*1\\r\\n$4\\r\\nPING\\r\\n", "--close-after-reply"}));
    QCOMPARE(client.finish(), 0);
    const auto sent = client.eventsNamed("message", "tx");
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent[0].value("size").toInt(), 14);
    // "+PONG\r\n": a simple string ('+' = 43), payload PONG.
    const auto replies = client.eventsNamed("message", "rx");
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].value("kind").toInt(), int('+'));
    QCOMPARE(replies[0].value("size").toInt(), 7);
    QCOMPARE(replies[0].value("preview").toString(), QStringLiteral("PONG"));
    QCOMPARE(client.eventsNamed("closed")[0].value("by").toString(), QStringLiteral("user"));
}

void tst_CliNet::messagesNameTheirKinds_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("names"); // each appears at least once at both ends

    QTest::newRow("resp") << "resp"
                          << "resp/cli-c2s.bin" << QStringList {"array"};
    QTest::newRow("tls") << "tls"
                         << "tls/tls13-c2s.bin"
                         << QStringList {"handshake", "change_cipher_spec", "application_data"};
    QTest::newRow("http") << "http"
                          << "http/curl-c2s.bin" << QStringList {"request", "request_chunked"};
}

void tst_CliNet::messagesNameTheirKinds()
{
    QFETCH(QString, framing);
    QFETCH(QString, file);
    QFETCH(QStringList, names);
    // A recorded client's bytes: the client names what it sends, the server what
    // it reads. (No echo: the peer's FIN may close the server's socket first.)
    Program server;
    const quint16 port = startListener(server, {"--framing", framing, "--exit-after", "1"});
    QVERIFY(port != 0);
    Program client;
    QVERIFY(client.start({"connect", target(port), "--framing", framing, "--send-file",
                          QStringLiteral(TCPI_TEST_DATA_DIR "/") + file, "--half-close"}));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(server.finish(), 0);
    const std::pair<const Program *, const char *> ends[] = {{&client, "tx"}, {&server, "rx"}};
    for (const auto &[program, dir] : ends) {
        const auto messages = program->eventsNamed("message", QString::fromLatin1(dir));
        QVERIFY2(!messages.isEmpty(), dir);
        QSet<QString> seen;
        for (const QJsonObject &message : messages) {
            QCOMPARE(message.contains("kind_name"), message.contains("kind"));
            QCOMPARE(message.value("kind_name").toString(),
                     expectedKindName(framing, message.value("kind").toInt()));
            seen.insert(message.value("kind_name").toString());
        }
        for (const QString &name : names)
            QVERIFY2(seen.contains(name), qPrintable(name + QLatin1Char(' ') + dir));
    }
}

void tst_CliNet::largestPreviewShowsTheWholeMessage()
{
    // --preview takes any int; the largest one must not overflow into "no preview".
    const QString largest = QString::number(std::numeric_limits<int>::max());
    Program server;
    const quint16 port
        = startListener(server, {"--framing", "line", "--reply", "echo", "--exit-after", "1",
                                 "--preview", largest, "--kernel-sample", "0"});
    QVERIFY(port != 0);
    Program client;
    QVERIFY(client.start({"connect", target(port), "--framing", "line", "--send", "hello\\n",
                          "--close-after-reply", "--preview", largest, "--kernel-sample", "0"}));
    QCOMPARE(client.finish(), 0);
    QCOMPARE(server.finish(), 0);
    QCOMPARE(server.eventsNamed("message", "rx").value(0).value("preview").toString(),
             QStringLiteral("hello"));
    QCOMPARE(client.eventsNamed("message", "rx").value(0).value("preview").toString(),
             QStringLiteral("hello"));
}

QTEST_GUILESS_MAIN(tst_CliNet)
#include "tst_clinet.moc"
