// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions recorded against programs nobody here wrote (redis-server, nginx,
// socat): saved by `connect --save` and `run --save`, read back with
// loadSession() and `show`, and compared with the live run byte for byte
// (the bytes of each direction), chunk for chunk (offsets, sizes, times) and
// event for event (every line the live run printed).
#include "shared/jsonlines.h"
#include "shared/peerserver.h"

#include "recording/sessionloader.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_CliSessionPeers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void redis();
    void nginx();
    void socatEcho();
    void runAgainstRedis();

private:
    static QByteArray cli(const QStringList &arguments, int *code, QByteArray *errors = nullptr);
    /// Compares the saved file with the live run (with --events all) and
    /// the bytes each connection sent (tx) and received (rx) with what the
    /// peer is known to have exchanged; empty: compared with the live run only.
    static void compareSaved(const QByteArray &live, const QString &path,
                             const QList<QByteArray> &tx, const QList<QByteArray> &rx);

    QTemporaryDir m_dir;
};

void tst_CliSessionPeers::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QByteArray tst_CliSessionPeers::cli(const QStringList &arguments, int *code, QByteArray *errors)
{
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    *code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    const QByteArray stderrText = process.readAllStandardError();
    if (errors)
        *errors = stderrText;
    return process.readAllStandardOutput();
}

void tst_CliSessionPeers::compareSaved(const QByteArray &live, const QString &path,
                                       const QList<QByteArray> &tx, const QList<QByteArray> &rx)
{
    // Event for event: every line, times and fields included.
    int code = -1;
    QByteArray errors;
    const QByteArray shown = cli({"show", "--events", "all", path}, &code, &errors);
    QVERIFY2(code == 0, errors.constData());
    QCOMPARE(shown, live);

    LoadedSession session;
    QVERIFY(loadSession(path, &session));
    QVERIFY2(session.problems.isEmpty(),
             qPrintable(session.problems.value(0, SessionError()).toString()));

    // The chunk lines of the live run, per connection and direction.
    QHash<QString, QList<QJsonObject>> liveChunks;
    QSet<int> liveConnections;
    for (const QJsonObject &line : parseJsonLines(live)) {
        if (line.contains(QStringLiteral("conn")))
            liveConnections.insert(line.value(QStringLiteral("conn")).toInt());
        if (line.value(QStringLiteral("event")).toString() == QLatin1String("chunk")) {
            liveChunks[QStringLiteral("%1/%2")
                           .arg(line.value(QStringLiteral("conn")).toInt())
                           .arg(line.value(QStringLiteral("dir")).toString())]
                += line;
        }
    }
    QCOMPARE(int(session.connections.size()), liveConnections.size());
    if (!tx.isEmpty())
        QCOMPARE(int(session.connections.size()), tx.size());

    for (size_t i = 0; i < session.connections.size(); ++i) {
        const Connection &connection = *session.connections.at(i);
        for (const Direction direction : {Direction::Rx, Direction::Tx}) {
            const bool isRx = direction == Direction::Rx;
            const StreamStore &store = (isRx ? connection.rx() : connection.tx()).store();
            const QString key
                = QStringLiteral("%1/%2").arg(connection.id()).arg(isRx ? "rx" : "tx");
            // Chunk for chunk: where each read or write began, its size, its time.
            const QList<QJsonObject> &chunks = liveChunks[key];
            QCOMPARE(store.chunkCount(), qint64(chunks.size()));
            for (qint64 c = 0; c < store.chunkCount(); ++c) {
                const StreamStore::Chunk chunk = store.chunk(c);
                const QJsonObject &seen = chunks.at(c);
                QCOMPARE(chunk.offset, qint64(seen.value(QStringLiteral("offset")).toDouble()));
                QCOMPARE(chunk.size, qint64(seen.value(QStringLiteral("size")).toDouble()));
                const double ms
                    = double(qMax<qint64>(0, chunk.timestampNs - session.info.startMonotonicNs))
                      / 1e6;
                QCOMPARE(QByteArray::number(ms, 'f', 3),
                         QByteArray::number(seen.value(QStringLiteral("t")).toDouble(), 'f', 3));
            }
            // Byte for byte: what the store gives back, what export writes,
            // and what the peer is known to have sent or received.
            const QByteArray bytes = store.read(0, store.size());
            QCOMPARE(bytes.size(), store.size());
            const QByteArray exported = cli({"export", isRx ? "--raw-rx" : "--raw-tx", "-",
                                             "--conn", QString::number(connection.id()), path},
                                            &code, &errors);
            QVERIFY2(code == 0, errors.constData());
            QVERIFY(exported == bytes);
            const QList<QByteArray> &expected = isRx ? rx : tx;
            if (!expected.isEmpty())
                QVERIFY2(bytes == expected.at(int(i)),
                         qPrintable(QStringLiteral("connection %1 %2: %3 bytes, %4 expected")
                                        .arg(connection.id())
                                        .arg(isRx ? "rx" : "tx")
                                        .arg(bytes.size())
                                        .arg(expected.at(int(i)).size())));
        }
    }
}

void tst_CliSessionPeers::redis()
{
    const QString redis = PeerServer::find(QStringLiteral("redis-server"));
    if (redis.isEmpty())
        QSKIP("redis-server is not installed");
    PeerServer peer;
    QVERIFY2(peer.start(redis, PeerServer::redisArguments()), qPrintable(peer.why()));
    const quint16 port = peer.port();
    // A value of 200 KB: the reply comes in many reads.
    QByteArray value(200 * 1024, 'v');
    for (int i = 0; i < value.size(); i += 97)
        value[i] = char('a' + (i / 97) % 26);
    const QByteArray request
        = "*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$13\r\ntcpi:sessions\r\n$"
          + QByteArray::number(value.size()) + "\r\n" + value
          + "\r\n*2\r\n$3\r\nGET\r\n$13\r\ntcpi:sessions\r\n*2\r\n$3\r\nDEL\r\n$13\r\ntcpi:"
            "sessions\r\n*1\r\n$4\r\nQUIT\r\n";
    const QByteArray reply = "+PONG\r\n+OK\r\n$" + QByteArray::number(value.size()) + "\r\n" + value
                             + "\r\n:1\r\n+OK\r\n";
    const QString requestFile = m_dir.filePath(QStringLiteral("redis-request.bin"));
    QFile file(requestFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(request);
    file.close();
    const QString path = m_dir.filePath(QStringLiteral("redis.tcpsession"));
    int code = -1;
    QByteArray errors;
    const QByteArray live = cli({"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--framing",
                                 "resp", "--send-file", requestFile, "--kernel-sample", "5",
                                 "--events", "all", "--save", path},
                                &code, &errors);
    peer.stop();
    QVERIFY2(code == 0, errors.constData());
    compareSaved(live, path, {request}, {reply});
}

void tst_CliSessionPeers::nginx()
{
    const QString nginx = PeerServer::find(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        QSKIP("nginx is not installed");
    const QString root = m_dir.filePath(QStringLiteral("nginx"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/www")));
    QByteArray body(1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(14);
    generator.fillRange(reinterpret_cast<quint32 *>(body.data()), body.size() / 4);
    QFile big(root + QStringLiteral("/www/big.bin"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(body);
    big.close();
    const PeerServer::Arguments args = PeerServer::nginxArguments(root);
    PeerServer peer;
    QVERIFY2(peer.start(nginx, args), qPrintable(peer.why()));
    const quint16 port = peer.port();
    const QByteArray request
        = "GET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    const QString path = m_dir.filePath(QStringLiteral("nginx.tcpsession"));
    int code = -1;
    QByteArray errors;
    const QByteArray live
        = cli({"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--framing", "http", "--send",
               "GET /big.bin HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: "
               "close\\r\\n\\r\\n",
               "--rcvbuf", "16384", "--events", "all", "--save", path},
              &code, &errors);
    peer.stop();
    QVERIFY2(code == 0, errors.constData());
    compareSaved(live, path, {request}, {});
    // The response's body is the file, byte for byte.
    LoadedSession session;
    QVERIFY(loadSession(path, &session));
    const StreamStore &rx = session.connections.front()->rx().store();
    const QByteArray received = rx.read(0, rx.size());
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(received.endsWith(body));
    QVERIFY(received.contains("Content-Length: 1048576\r\n"));
    QVERIFY2(rx.chunkCount() > 10, "a 1 MiB reply through a small buffer takes many reads");
}

void tst_CliSessionPeers::socatEcho()
{
    const QString socat = PeerServer::find(QStringLiteral("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed");
    PeerServer peer;
    QVERIFY2(
        peer.start(socat,
                   [](quint16 p) {
                       return QStringList {
                           QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(p),
                           "EXEC:cat"};
                   }),
        qPrintable(peer.why()));
    const quint16 port = peer.port();
    QByteArray data(512 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(1414);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    const QString dataFile = m_dir.filePath(QStringLiteral("socat-data.bin"));
    QFile file(dataFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
    file.close();
    const QString path = m_dir.filePath(QStringLiteral("socat.tcpsession"));
    int code = -1;
    QByteArray errors;
    // Two connections, native and in fragments: chunks of both sizes and engines.
    const QByteArray live
        = cli({"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--count", "2", "--engine",
               "native", "--send-file", dataFile, "--fragment", "65536:2", "--half-close",
               "--kernel-sample", "20", "--events", "all", "--save", path},
              &code, &errors);
    peer.stop();
    QVERIFY2(code == 0, errors.constData());
    // cat sends back what it read: each direction is the file.
    compareSaved(live, path, {data, data}, {data, data});
}

void tst_CliSessionPeers::runAgainstRedis()
{
    const QString redis = PeerServer::find(QStringLiteral("redis-server"));
    if (redis.isEmpty())
        QSKIP("redis-server is not installed");
    PeerServer peer;
    QVERIFY2(peer.start(redis, PeerServer::redisArguments()), qPrintable(peer.why()));
    const quint16 port = peer.port();
    const QString path = m_dir.filePath(QStringLiteral("run-redis.tcpsession"));
    int code = -1;
    QByteArray errors;
    const QByteArray live
        = cli({"run", QStringLiteral(TCPI_EXAMPLES_DIR "/redis-ping-set-get.scn"), "--var",
               QStringLiteral("target=127.0.0.1:%1").arg(port), "--events", "all", "--save", path},
              &code, &errors);
    peer.stop();
    QVERIFY2(code == 0, errors.constData());
    compareSaved(live, path, {}, {});
    const QList<QJsonObject> lines = parseJsonLines(live);
    QCOMPARE(lines.last().value(QStringLiteral("steps_failed")).toInt(), 0);
}

QTEST_GUILESS_MAIN(tst_CliSessionPeers)
#include "tst_clisessionpeers.moc"
