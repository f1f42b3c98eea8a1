// SPDX-License-Identifier: GPL-3.0-or-later
// TLS over the native engine, our client against our server on loopback: the
// plaintext in rx/tx, the records on wire() framed as tls (the same bytes at
// both ends), alerts and close_notify on the timelines, a read slice that
// applies to the plaintext.
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/localcertificate.h"
#include "net/serverendpoint.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {

QByteArray allBytes(const StreamChannel &channel)
{
    return channel.store().read(0, channel.store().size());
}

QList<quint16> frameKinds(const StreamChannel &channel)
{
    QList<quint16> kinds;
    for (const Frame &frame : channel.frames(0, channel.frameCount()))
        kinds.append(frame.kind);
    return kinds;
}

/// The tls notes of a timeline as "code" or "code:alert" for alerts.
QStringList tlsNotes(const Connection *connection)
{
    QStringList notes;
    for (const TimelineEvent &event : connection->timeline().since(0)) {
        if (!event.tls)
            continue;
        QString note = event.code;
        if (!event.tls->alertKey.isEmpty())
            note += QStringLiteral(":%1:%2").arg(
                event.direction == Direction::Tx ? "sent" : "received", event.tls->alertKey);
        notes.append(note);
    }
    return notes;
}

constexpr quint16 handshakeRecord = 22;
constexpr quint16 applicationData = 23;

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void echoThroughTls();
    void readSliceCutsPlaintext();
    void bulkThroughFullBuffers();
    void pausedReaderReadsByHand();
    void localCertificate();

private:
    /// A listening TLS echo server; its bound port.
    quint16 listen(ServerEndpoint &server);
    ClientOptions clientOptions(quint16 port) const;

    QTemporaryDir m_dir;
};

void tst_Tls::initTestCase()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed (Debian: openssl)");
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(openssl,
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                   "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                   "-days", "2", "-keyout", "key.pem", "-out", "cert.pem"});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
}

quint16 tst_Tls::listen(ServerEndpoint &server)
{
    ServerOptions options;
    options.address = HostPort {QStringLiteral("127.0.0.1"), 0};
    options.reply.kind = ReplyPolicy::Kind::Echo;
    options.connection.engine = EngineKind::Native;
    options.connection.tls.enabled = true;
    options.connection.tls.certificateFile = m_dir.filePath(QStringLiteral("cert.pem"));
    options.connection.tls.keyFile = m_dir.filePath(QStringLiteral("key.pem"));
    options.connection.tls.alpn = {QStringLiteral("tcpi/1")};
    SocketErrorInfo error;
    if (!server.listen(options, &error))
        qWarning("listen: %s", qPrintable(error.explanation));
    return server.boundAddress().port;
}

ClientOptions tst_Tls::clientOptions(quint16 port) const
{
    ClientOptions options;
    options.target = HostPort {QStringLiteral("127.0.0.1"), port};
    options.connection.tls.enabled = true;
    options.connection.tls.caFile = m_dir.filePath(QStringLiteral("cert.pem"));
    options.connection.tls.alpn = {QStringLiteral("h2"), QStringLiteral("tcpi/1")};
    return options;
}

void tst_Tls::echoThroughTls()
{
    ServerEndpoint server;
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    ClientEndpoint client;
    Connection *connection = client.connectTo(clientOptions(port));
    QCOMPARE(connection->engine(), EngineKind::Native); // TLS runs on it alone
    QSignalSpy wireChunks(connection, &Connection::wireChunkRecorded);
    QSignalSpy records(connection, &Connection::wireMessagesDecoded);
    QVERIFY(connection->usesTls());
    connection->send("hello through TLS");
    QTRY_COMPARE_WITH_TIMEOUT(allBytes(connection->rx()), QByteArray("hello through TLS"), 10000);
    connection->close();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(connection->state()), 10000);
    QCOMPARE(server.connections().size(), 1);
    Connection *accepted = server.connections().first();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(accepted->state()), 10000);

    // Plaintext where it always was; records beside it, the same bytes at both ends.
    QCOMPARE(allBytes(accepted->rx()), QByteArray("hello through TLS"));
    QVERIFY(connection->wire(Direction::Rx) && connection->wire(Direction::Tx));
    const QByteArray sent = allBytes(*connection->wire(Direction::Tx));
    QCOMPARE(allBytes(*accepted->wire(Direction::Rx)), sent);
    // The server's own close_notify (one 24-byte record) may come after the client has gone.
    const QByteArray answered = allBytes(*accepted->wire(Direction::Tx));
    const QByteArray received = allBytes(*connection->wire(Direction::Rx));
    QVERIFY(answered.startsWith(received));
    QVERIFY2(answered.size() - received.size() <= 24,
             qPrintable(QString::number(answered.size() - received.size())));
    QVERIFY(sent.size() > 17 + 200); // a ClientHello, then a record with 17 bytes and its tag
    const QList<quint16> kinds = frameKinds(*connection->wire(Direction::Tx));
    QCOMPARE(kinds.first(), handshakeRecord);
    QVERIFY(kinds.contains(applicationData));
    QCOMPARE(connection->wire(Direction::Tx)->errorCount(), 0);
    qint64 recordsAnnounced = 0;
    for (const QList<QVariant> &signal : std::as_const(records))
        recordsAnnounced += signal.at(2).toLongLong();
    QCOMPARE(recordsAnnounced, connection->wire(Direction::Tx)->frameCount()
                                   + connection->wire(Direction::Rx)->frameCount());
    QCOMPARE(qint64(wireChunks.size()),
             connection->wire(Direction::Tx)->store().chunkCount()
                 + connection->wire(Direction::Rx)->store().chunkCount());

    const QStringList clientNotes = tlsNotes(connection);
    QCOMPARE(clientNotes.mid(0, 2), QStringList({"tls_handshake_start", "tls_handshake"}));
    QVERIFY2(clientNotes.contains("tls_alert:sent:close_notify"),
             qPrintable(clientNotes.join(' ')));
    QVERIFY2(tlsNotes(accepted).contains("tls_alert:received:close_notify"),
             qPrintable(tlsNotes(accepted).join(' ')));
    for (const TimelineEvent &event : connection->timeline().since(0)) {
        QVERIFY2(event.type != TimelineEvent::Error, qPrintable(event.explanation));
        if (event.code == QLatin1String("tls_handshake")) {
            QCOMPARE(event.tls->alpn, QStringLiteral("tcpi/1"));
            QCOMPARE(event.tls->peerSubject, QStringLiteral("CN=localhost"));
            QVERIFY(event.tls->verified);
            QCOMPARE(event.tls->protocol, QStringLiteral("TLSv1.3"));
        }
    }
}

void tst_Tls::readSliceCutsPlaintext()
{
    ServerEndpoint server;
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    ClientEndpoint client;
    ClientOptions options = clientOptions(port);
    options.connection.readSlice = 4;
    Connection *connection = client.connectTo(options);
    connection->send("0123456789");
    QTRY_COMPARE_WITH_TIMEOUT(allBytes(connection->rx()), QByteArray("0123456789"), 10000);
    // One record came; the application read it four bytes at a time.
    const StreamStore &store = connection->rx().store();
    QCOMPARE(store.chunkCount(), 3);
    QCOMPARE(store.chunk(2).size, 2);
    connection->abortWithReset();
}

void tst_Tls::bulkThroughFullBuffers()
{
    // Small kernel buffers: records wait in the engine (EAGAIN) on both sides.
    ServerEndpoint server;
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    ClientEndpoint client;
    ClientOptions options = clientOptions(port);
    options.connection.sendBuffer = 4096;
    options.connection.receiveBuffer = 4096;
    Connection *connection = client.connectTo(options);
    QByteArray bulk(4 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < bulk.size(); ++i)
        bulk[i] = char(i * 7 + i / 251);
    connection->send(bulk);
    QTRY_COMPARE_WITH_TIMEOUT(connection->rx().store().size(), bulk.size(), 30000);
    QVERIFY(allBytes(connection->rx()) == bulk);
    // 16 KiB of plaintext per record at most: at least 256 records each way.
    QVERIFY(connection->wire(Direction::Tx)->frameCount() >= 256);
    QCOMPARE(connection->pendingBytes(), 0);
    connection->close();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(connection->state()), 10000);
    QCOMPARE(connection->discardedBytes(), 0);
}

void tst_Tls::pausedReaderReadsByHand()
{
    ServerEndpoint server;
    const quint16 port = listen(server);
    QVERIFY(port != 0);
    ClientEndpoint client;
    Connection *connection = client.connectTo(clientOptions(port));
    // Paused before the handshake: the handshake still reads, the reader does not.
    connection->setReadPaused(true);
    connection->send("abcdef");
    QTRY_COMPARE_WITH_TIMEOUT(
        server.connections().value(0) ? server.connections().first()->tx().store().size() : 0, 6,
        10000);
    QTest::qWait(50); // the echo's record reaches our socket
    QCOMPARE(connection->rx().store().size(), 0);
    Connection::ReadOutcome outcome = Connection::ReadOutcome::Nothing;
    QVERIFY(QTest::qWaitFor(
        [&] {
            outcome = connection->readOnce(2);
            return outcome != Connection::ReadOutcome::Nothing;
        },
        5000));
    QCOMPARE(int(outcome), int(Connection::ReadOutcome::Read));
    QCOMPARE(allBytes(connection->rx()), QByteArray("ab"));
    // The rest of the record waits in the session: no read(2) needed.
    QCOMPARE(int(connection->readOnce(3)), int(Connection::ReadOutcome::Read));
    QCOMPARE(allBytes(connection->rx()), QByteArray("abcde"));
    QCOMPARE(int(connection->readOnce(3)), int(Connection::ReadOutcome::Read));
    QCOMPARE(allBytes(connection->rx()), QByteArray("abcdef"));
    QCOMPARE(connection->rx().store().chunkCount(), 3);
    QCOMPARE(int(connection->readOnce(3)), int(Connection::ReadOutcome::Nothing));
    connection->close();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(connection->state()), 10000);
}

void tst_Tls::localCertificate()
{
    QTemporaryDir folder;
    QString error;
    const LocalCertificate made = LocalCertificate::ensure(folder.filePath("tls"), &error);
    QVERIFY2(made.made, qPrintable(error));
    const LocalCertificate again = LocalCertificate::ensure(folder.filePath("tls"), &error);
    QVERIFY(!again.made);
    QCOMPARE(again.certificateFile, made.certificateFile);

    ServerEndpoint server;
    ServerOptions options;
    options.address = HostPort {QStringLiteral("127.0.0.1"), 0};
    options.reply.kind = ReplyPolicy::Kind::Echo;
    options.connection.tls.enabled = true;
    options.connection.tls.certificateFile = made.certificateFile;
    options.connection.tls.keyFile = made.keyFile;
    SocketErrorInfo listenError;
    QVERIFY(server.listen(options, &listenError));
    ClientEndpoint client;
    ClientOptions clientSide = clientOptions(server.boundAddress().port);
    clientSide.connection.tls.caFile = made.certificateFile;
    clientSide.connection.tls.serverName = QStringLiteral("localhost");
    Connection *connection = client.connectTo(clientSide);
    connection->send("local");
    QTRY_COMPARE_WITH_TIMEOUT(allBytes(connection->rx()), QByteArray("local"), 10000);
    for (const TimelineEvent &event : connection->timeline().since(0)) {
        if (event.code == QLatin1String("tls_handshake")) {
            QVERIFY(event.tls->verified);
            QCOMPARE(event.tls->peerSubject,
                     QStringLiteral("CN=localhost,O=TCP Inspector\\, for local testing only"));
        }
    }
    connection->abortWithReset();
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
