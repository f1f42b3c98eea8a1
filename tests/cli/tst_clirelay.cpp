// SPDX-License-Identifier: GPL-3.0-or-later
// `tcpinspector-cli relay` between programs nobody here wrote: redis-cli to
// redis-server, curl to nginx (keep-alive and HEAD), nc's half-close to a
// socat echo that answers after the FIN, and a refused upstream. The
// programs' own results must be right, and the relay's lines must name each
// leg and pair.
#include "shared/jsonlines.h"
#include "shared/peerserver.h"
#include "shared/refusingport.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// A relay running in the background, its lines read when it has stopped.
class RelayProcess
{
public:
    ~RelayProcess() { stop(); }

    /// Starts relaying to target; the port it listens on, 0 when it failed.
    quint16 start(const QString &target, const QStringList &extra = {})
    {
        m_process.start(QStringLiteral(TCPI_CLI_PATH),
                        QStringList {QStringLiteral("relay"), QStringLiteral("127.0.0.1:0"), target,
                                     QStringLiteral("--kernel-sample"), QStringLiteral("0")}
                            + extra);
        if (!m_process.waitForStarted(5000))
            return 0;
        // The first line says where it listens.
        if (!m_process.waitForReadyRead(5000))
            return 0;
        m_first = m_process.readLine();
        const QList<QJsonObject> lines = parseJsonLines(m_first);
        return lines.isEmpty() ? 0 : quint16(lines.first().value(QStringLiteral("port")).toInt());
    }

    /// SIGTERM, then every line it printed.
    QList<QJsonObject> stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_lines;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_output = m_first + m_process.readAllStandardOutput();
        m_lines = parseJsonLines(m_output);
        return m_lines;
    }
    QByteArray output() const { return m_output; }

private:
    QProcess m_process;
    QByteArray m_first;
    QByteArray m_output;
    QList<QJsonObject> m_lines;
};

QByteArray runTool(const QString &program, const QStringList &arguments,
                   const QByteArray &input = QByteArray(), int *code = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    const bool ended = process.waitForFinished(20000);
    if (!ended) {
        qWarning("%s %s did not end within 20 s", qPrintable(program),
                 qPrintable(arguments.join(QLatin1Char(' '))));
        process.kill();
        process.waitForFinished(5000);
    }
    if (code)
        *code = ended && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

/// The lines of each connection (0: the command's own), in their order.
QMap<qint64, QList<QByteArray>> linesByConnection(const QByteArray &output)
{
    QMap<qint64, QList<QByteArray>> lines;
    for (const QByteArray &line : output.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QJsonObject> parsed = parseJsonLines(line);
        lines[parsed.value(0).value(QStringLiteral("conn")).toInteger()].append(line);
    }
    return lines;
}

/// Every line of a connection names its leg and its pair; both legs of a
/// pair are there.
void checkLegs(const QList<QJsonObject> &lines, int pairs)
{
    QHash<qint64, QSet<QString>> legs;
    for (const QJsonObject &line : lines) {
        if (!line.contains(QStringLiteral("conn")))
            continue;
        QVERIFY(line.contains(QStringLiteral("pair")));
        legs[line.value(QStringLiteral("pair")).toInteger()].insert(
            line.value(QStringLiteral("leg")).toString());
    }
    QCOMPARE(legs.size(), pairs);
    for (const QSet<QString> &seen : legs)
        QCOMPARE(seen, (QSet<QString> {QStringLiteral("client"), QStringLiteral("server")}));
}

} // namespace

class tst_CliRelay : public QObject
{
    Q_OBJECT

private slots:
    void redisThroughTheRelay_data();
    void redisThroughTheRelay();
    void curlThroughTheRelayToNginx();
    void halfCloseToASocatEcho();
    void refusedUpstream();

private:
    QTemporaryDir m_dir;
};

void tst_CliRelay::redisThroughTheRelay_data()
{
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<int>("minServerChunks"); ///< the client leg's writes of the replies
    QTest::newRow("as is") << QStringList() << 3;
    // Every byte its own write, 1 ms apart: redis and redis-cli reassemble.
    // The replies are 25 bytes: +PONG, +OK, $7 through.
    QTest::newRow("1-byte slices") << QStringList {"--slice", "1:1"} << 25;
}

void tst_CliRelay::redisThroughTheRelay()
{
    QFETCH(QStringList, faults);
    QFETCH(int, minServerChunks);
    const QString redis = PeerServer::find(QStringLiteral("redis-server"));
    const QString cli = PeerServer::find(QStringLiteral("redis-cli"));
    if (redis.isEmpty() || cli.isEmpty())
        QSKIP("redis-server or redis-cli is not installed");
    PeerServer server;
    QVERIFY2(server.start(redis, PeerServer::redisArguments()), qPrintable(server.why()));
    RelayProcess relay;
    const quint16 port = relay.start(server.target(), QStringList {"--framing", "resp"} + faults);
    QVERIFY(port != 0);
    const QStringList to {"-h", "127.0.0.1", "-p", QString::number(port)};
    QCOMPARE(runTool(cli, to + QStringList {"PING"}), QByteArray("PONG\n"));
    QCOMPARE(runTool(cli, to + QStringList {"SET", "tcpi:relay", "through"}), QByteArray("OK\n"));
    QCOMPARE(runTool(cli, to + QStringList {"GET", "tcpi:relay"}), QByteArray("through\n"));
    const QList<QJsonObject> lines = relay.stop();
    checkLegs(lines, 3);
    // The RESP decoder made messages of both legs: the GET's reply among them.
    bool reply = false;
    for (const QJsonObject &line : lines)
        reply = reply
                || (line.value(QStringLiteral("event")).toString() == QLatin1String("message")
                    && line.value(QStringLiteral("leg")).toString() == QLatin1String("server")
                    && line.value(QStringLiteral("dir")).toString() == QLatin1String("rx")
                    && line.value(QStringLiteral("preview"))
                           .toString()
                           .contains(QLatin1String("through")));
    QVERIFY(reply);
    QCOMPARE(lines.last().value(QStringLiteral("connections")).toInt(), 6);
    // What the relay wrote of the replies: one write per byte when sliced.
    int clientReads = 0;
    for (const QJsonObject &line : lines)
        clientReads
            += line.value(QStringLiteral("event")).toString() == QLatin1String("chunk")
                       && line.value(QStringLiteral("leg")).toString() == QLatin1String("client")
                       && line.value(QStringLiteral("dir")).toString() == QLatin1String("tx")
                   ? 1
                   : 0;
    QVERIFY2(clientReads >= minServerChunks, qPrintable(QString::number(clientReads)));
}

void tst_CliRelay::curlThroughTheRelayToNginx()
{
    const QString nginx = PeerServer::find(QStringLiteral("nginx"));
    const QString curl = PeerServer::find(QStringLiteral("curl"));
    if (nginx.isEmpty() || curl.isEmpty())
        QSKIP("nginx or curl is not installed");
    const QString root = m_dir.filePath(QStringLiteral("nginx"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/www")));
    QByteArray body(512 * 1024, Qt::Uninitialized);
    QRandomGenerator(15).fillRange(reinterpret_cast<quint32 *>(body.data()), body.size() / 4);
    QFile file(root + QStringLiteral("/www/big.bin"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(body);
    file.close();
    PeerServer server;
    QVERIFY2(server.start(nginx, PeerServer::nginxArguments(root)), qPrintable(server.why()));
    RelayProcess relay;
    const quint16 port = relay.start(server.target(), {"--framing", "http"});
    QVERIFY(port != 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/big.bin").arg(port);
    // Twice on one connection (keep-alive), then a HEAD on another.
    int code = -1;
    const QByteArray twice = runTool(curl, {"-s", url, url}, QByteArray(), &code);
    QCOMPARE(code, 0);
    QCOMPARE(twice.size(), body.size() * 2);
    QVERIFY(twice == body + body);
    const QByteArray head = runTool(curl, {"-sI", url}, QByteArray(), &code);
    QCOMPARE(code, 0);
    QVERIFY(head.startsWith("HTTP/1.1 200 OK"));
    QVERIFY(head.contains("Content-Length: 524288"));
    const QList<QJsonObject> lines = relay.stop();
    checkLegs(lines, 2);
}

void tst_CliRelay::halfCloseToASocatEcho()
{
    const QString socat = PeerServer::find(QStringLiteral("socat"));
    const QString nc = PeerServer::find(QStringLiteral("nc"));
    if (socat.isEmpty() || nc.isEmpty())
        QSKIP("socat or nc is not installed");
    PeerServer server;
    QVERIFY2(server.start(
                 socat,
                 [](quint16 port) {
                     return QStringList {
                         QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(port),
                         QStringLiteral("EXEC:cat")};
                 }),
             qPrintable(server.why()));
    RelayProcess relay;
    const QString saved = m_dir.filePath(QStringLiteral("relay.tcpsession"));
    const quint16 port = relay.start(server.target(), {"--save", saved});
    QVERIFY(port != 0);
    QByteArray sent;
    for (int i = 0; i < 5000; ++i)
        sent += "line " + QByteArray::number(i) + '\n';
    // nc -N: send, FIN, and keep reading: the echo comes back after the FIN.
    int code = -1;
    const QByteArray echoed = runTool(nc, {"-N", "127.0.0.1", QString::number(port)}, sent, &code);
    QCOMPARE(code, 0);
    QCOMPARE(echoed.size(), sent.size());
    QVERIFY(echoed == sent);
    const QList<QJsonObject> lines = relay.stop();
    checkLegs(lines, 1);
    // The FIN went on as a half-close: the client leg read nc's FIN, then
    // the server leg sent one and went on reading the echo.
    QStringList order;
    for (const QJsonObject &line : lines) {
        if (line.value(QStringLiteral("event")).toString() == QLatin1String("half_closed"))
            order.append(line.value(QStringLiteral("leg")).toString() + QLatin1Char(' ')
                         + line.value(QStringLiteral("side")).toString());
    }
    const qsizetype eof = order.indexOf(QStringLiteral("client remote"));
    const qsizetype fin = order.indexOf(QStringLiteral("server local"));
    QVERIFY2(eof >= 0 && fin > eof, qPrintable(order.join(QStringLiteral(", "))));
    // Saved, both legs show again as they were printed, legs and pairs too:
    // each connection's lines the same, in the same order (live, the two
    // legs' lines interleave only roughly by time; show merges them).
    const QByteArray shown = runTool(QStringLiteral(TCPI_CLI_PATH), {"show", saved}, {}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(linesByConnection(shown), linesByConnection(relay.output()));
}

void tst_CliRelay::refusedUpstream()
{
    const QString nc = PeerServer::find(QStringLiteral("nc"));
    if (nc.isEmpty())
        QSKIP("nc is not installed");
    const RefusingPort refusing;
    QVERIFY(refusing.port() != 0);
    RelayProcess relay;
    const quint16 port = relay.start(QStringLiteral("127.0.0.1:%1").arg(refusing.port()));
    QVERIFY(port != 0);
    int code = -1;
    runTool(nc, {"-N", "127.0.0.1", QString::number(port)}, "hello", &code);
    const QList<QJsonObject> lines = relay.stop();
    bool reset = false;
    bool refused = false;
    for (const QJsonObject &line : lines) {
        const QString event = line.value(QStringLiteral("event")).toString();
        refused = refused
                  || (event == QLatin1String("error")
                      && line.value(QStringLiteral("leg")).toString() == QLatin1String("server")
                      && line.value(QStringLiteral("code")).toString() == QLatin1String("refused"));
        reset = reset
                || (event == QLatin1String("reset")
                    && line.value(QStringLiteral("leg")).toString() == QLatin1String("client"));
    }
    QVERIFY(refused);
    QVERIFY(reset);
}

QTEST_GUILESS_MAIN(tst_CliRelay)
#include "tst_clirelay.moc"
