// SPDX-License-Identifier: GPL-3.0-or-later
// A TLS connection's records, the layer under its plaintext: --tls-records
// lines against openssl s_server and between two CLIs, the records kept by
// --save (format 1.2) and shown again, a 1.1 session still opening, a
// truncated record of them, and the pcapng export read by tshark, with and
// without the keys.
#include "shared/clirun.h"
#include "shared/jsonlines.h"
#include "shared/peerserver.h"

#include "recording/sessionformat.h"
#include "recording/sessionloader.h"
#include "recording/sessionreader.h"
#include "recording/sessionreplay.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

namespace {

QString cli()
{
    return QStringLiteral(TCPI_CLI_PATH);
}

CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(cli(), arguments);
    return finishCliRun(process);
}

QList<QJsonObject> withoutTime(QList<QJsonObject> lines)
{
    for (QJsonObject &line : lines)
        line.remove(QStringLiteral("t"));
    return lines;
}

QList<QJsonObject> ofDirection(const QList<QJsonObject> &lines, const QString &dir)
{
    QList<QJsonObject> out;
    for (const QJsonObject &line : lines) {
        if (line.value(QStringLiteral("dir")).toString() == dir)
            out.append(line);
    }
    return out;
}

int countOfType(const QList<QJsonObject> &records, const QString &name)
{
    int n = 0;
    for (const QJsonObject &record : records)
        n += record.value(QStringLiteral("content_type_name")).toString() == name ? 1 : 0;
    return n;
}

} // namespace

class tst_CliTlsRecords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recordsAgainstSServer();
    void defaultOutputUnchanged();
    void savedRecordsShowAgain();
    void replayRevealsRecords();
    void recordSplitOverReads();
    void format11StillOpens();
    void truncatedWireRecord();
    void pcapngCarriesRecords();
    void withKeysNeedsPcapng();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    /// tshark's one-line summaries of the packets filter selects.
    QStringList tshark(const QString &capture, const QString &filter);

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_tshark;
    PeerServer m_server; // openssl s_server -tls1_2 -rev
    CliRun m_live;       // connect --tls --tls-records --save session.tcpi
};

void tst_CliTlsRecords::initTestCase()
{
    m_openssl = PeerServer::find(QStringLiteral("openssl"));
    m_tshark = PeerServer::find(QStringLiteral("tshark"));
    if (m_openssl.isEmpty())
        QSKIP("openssl is not installed (Debian: openssl)");
    QVERIFY(m_dir.isValid());
    QProcess req;
    req.setWorkingDirectory(m_dir.path());
    req.setProcessChannelMode(QProcess::MergedChannels);
    req.start(m_openssl,
              {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
               "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
               "-days", "30", "-keyout", "self.key", "-out", "self.pem"});
    QVERIFY(req.waitForFinished(30000));
    QVERIFY2(req.exitCode() == 0, req.readAll().constData());
    // TLS 1.2: one write is one application_data record, as the counts below
    // need (TLS 1.3 sends its tickets and Finished as application_data too).
    const QString cert = file("self.pem");
    const QString key = file("self.key");
    QVERIFY2(m_server.start(m_openssl,
                            [=](quint16 port) {
                                return QStringList {
                                    "s_server", "-accept", QStringLiteral("127.0.0.1:%1").arg(port),
                                    "-cert",    cert,      "-key",
                                    key,        "-tls1_2", "-rev"};
                            }),
             qPrintable(m_server.why()));
    m_live = runCli({"connect", m_server.target(), "--tls", "--ca", cert, "--tls-records", "--send",
                     "hello\\n", "--framing", "line", "--close-after-reply", "--kernel-sample", "0",
                     "--save", file("session.tcpi")});
    // An HTTP request, so that Wireshark has a protocol to show once decrypted.
    const CliRun http
        = runCli({"connect", m_server.target(), "--tls", "--ca", cert, "--send",
                  "GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n", "--close-after-reply",
                  "--kernel-sample", "0", "-q", "--save", file("http.tcpi")});
    QVERIFY2(http.exitCode == 0, qPrintable(http.errors));
    QVERIFY2(m_live.exitCode == 0, qPrintable(m_live.errors));
}

void tst_CliTlsRecords::recordsAgainstSServer()
{
    const QList<QJsonObject> records = m_live.named("tls_record");
    const QList<QJsonObject> rx = ofDirection(records, "rx");
    const QList<QJsonObject> tx = ofDirection(records, "tx");
    QVERIFY(!rx.isEmpty() && !tx.isEmpty());
    // The ClientHello goes first; the server's first record is its ServerHello.
    QCOMPARE(tx.first().value("content_type_name").toString(), "handshake");
    QCOMPARE(tx.first().value("content_type").toInt(), 22);
    QCOMPARE(tx.first().value("offset").toInt(), 0);
    QCOMPARE(rx.first().value("content_type_name").toString(), "handshake");
    QCOMPARE(rx.first().value("version").toString(), "TLS 1.2");
    // One application_data record per plaintext chunk, each way.
    QCOMPARE(countOfType(tx, "application_data"), ofDirection(m_live.named("chunk"), "tx").size());
    QCOMPARE(countOfType(rx, "application_data"), ofDirection(m_live.named("chunk"), "rx").size());
    QVERIFY(countOfType(rx, "application_data") >= 1);
    // Our close_notify is the last record we sent.
    QCOMPARE(tx.last().value("content_type_name").toString(), "alert");
    // Records follow each other, numbered from 0, and the wire chunks hold them.
    for (const QList<QJsonObject> *list : {&rx, &tx}) {
        qint64 offset = 0;
        for (int i = 0; i < list->size(); ++i) {
            const QJsonObject &record = list->at(i);
            QCOMPARE(record.value("index").toInteger(), qint64(i));
            QCOMPARE(record.value("offset").toInteger(), offset);
            QCOMPARE(record.value("size").toInteger(), record.value("payload").toInteger() + 5);
            offset += record.value("size").toInteger();
        }
        qint64 wireBytes = 0;
        for (const QJsonObject &chunk :
             ofDirection(m_live.named("wire_chunk"), list->first().value("dir").toString()))
            wireBytes += chunk.value("size").toInteger();
        QCOMPARE(wireBytes, offset);
    }
}

void tst_CliTlsRecords::defaultOutputUnchanged()
{
    const CliRun run
        = runCli({"connect", m_server.target(), "--tls", "--ca", file("self.pem"), "--send",
                  "hello\\n", "--framing", "line", "--close-after-reply", "--kernel-sample", "0"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.named("tls_handshake").size() == 1);
    QVERIFY(run.named("tls_record").isEmpty());
    QVERIFY(run.named("wire_chunk").isEmpty());
    // --tls-records is a TLS option.
    const CliRun plain = runCli({"connect", m_server.target(), "--tls-records"});
    QCOMPARE(plain.exitCode, 2);
    QVERIFY2(plain.errors.contains("--tls-records"), qPrintable(plain.errors));
    // --events picks among them like any other line.
    const CliRun some = runCli({"connect", m_server.target(), "--tls", "--ca", file("self.pem"),
                                "--tls-records", "--events", "tls_record", "--send", "hello\\n",
                                "--close-after-reply", "--kernel-sample", "0"});
    QCOMPARE(some.exitCode, 0);
    QVERIFY(!some.named("tls_record").isEmpty());
    QVERIFY(some.named("wire_chunk").isEmpty());
    QVERIFY(some.named("tls_handshake").isEmpty());
}

void tst_CliTlsRecords::savedRecordsShowAgain()
{
    QProcess show;
    show.start(cli(), {"show", "--tls-records", file("session.tcpi")});
    const CliRun shown = finishCliRun(show);
    QCOMPARE(shown.exitCode, 0);
    for (const char *name : {"wire_chunk", "tls_record", "chunk", "message"})
        QCOMPARE(withoutTime(shown.named(name)), withoutTime(m_live.named(name)));
    // Without the option, show prints what it always did.
    QProcess plain;
    plain.start(cli(), {"show", file("session.tcpi")});
    const CliRun without = finishCliRun(plain);
    QCOMPARE(without.exitCode, 0);
    QVERIFY(without.named("tls_record").isEmpty());

    LoadedSession session;
    QVERIFY(loadSession(file("session.tcpi"), &session));
    QVERIFY2(session.problems.isEmpty(), qPrintable(session.problems.value(0).toString()));
    QCOMPARE(session.info.minor, 2);
    QCOMPARE(session.connections.size(), size_t(1));
    const RecordedConnection &c = *session.connections.front();
    QVERIFY(c.wire(Direction::Rx) && c.wire(Direction::Tx));
    QCOMPARE(c.wire(Direction::Rx)->frameCount(),
             qint64(ofDirection(m_live.named("tls_record"), "rx").size()));
    QCOMPARE(c.wire(Direction::Rx)->framing(), "tls");
    // The key log came along: TLS 1.2 has one CLIENT_RANDOM line.
    QVERIFY2(c.tlsKeyLog().startsWith("CLIENT_RANDOM "), c.tlsKeyLog().constData());
}

void tst_CliTlsRecords::replayRevealsRecords()
{
    std::vector<std::unique_ptr<RecordedConnection>> adopted;
    SessionReplay replay(
        [&](std::unique_ptr<RecordedConnection> c) { adopted.push_back(std::move(c)); },
        [](const QList<RecordedConnection *> &) {});
    QList<SessionError> problems;
    QVERIFY(replay.open(file("session.tcpi"), LoadOptions(), &problems));
    // Stepping to the first plaintext chunk has revealed the handshake's records.
    replay.stepForward();
    QCOMPARE(adopted.size(), size_t(1));
    const RecordedConnection &c = *adopted.front();
    QVERIFY(c.wire(Direction::Tx)->frameCount() >= 1);
    QVERIFY(c.wire(Direction::Rx)->frameCount()
            < qint64(ofDirection(m_live.named("tls_record"), "rx").size()));
    replay.revealAll();
    QCOMPARE(c.wire(Direction::Rx)->frameCount(),
             qint64(ofDirection(m_live.named("tls_record"), "rx").size()));
    QCOMPARE(c.wire(Direction::Tx)->frameCount(),
             qint64(ofDirection(m_live.named("tls_record"), "tx").size()));
    QVERIFY(!c.tlsKeyLog().isEmpty());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
}

void tst_CliTlsRecords::recordSplitOverReads()
{
    // A relay writes s_server's records on in pieces of 100 bytes, 10 ms
    // apart: the server's certificate record (over 300 bytes) takes
    // several reads of the client.
    QProcess relay;
    relay.start(cli(), {"relay", "127.0.0.1:0", m_server.target(), "--slice", "s2c:100:10",
                        "--events", "listening", "--exit-after", "1", "--kernel-sample", "0"});
    QVERIFY(relay.waitForStarted(5000));
    QByteArray output;
    const QDeadlineTimer deadline(10000);
    while (!output.contains('\n') && !deadline.hasExpired()) {
        relay.waitForReadyRead(100);
        output += relay.readAllStandardOutput();
    }
    const int port = parseJsonLines(output).value(0).value("port").toInt();
    QVERIFY2(port > 0, output.constData());
    const CliRun run = runCli({"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--tls", "--ca",
                               file("self.pem"), "--tls-records", "--send", "hello\\n", "--framing",
                               "line", "--close-after-reply", "--kernel-sample", "0"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    QVERIFY(relay.waitForFinished(20000));
    // A read may take several pieces when the client was slow, so not
    // every record is split; but the handshake's are many pieces long.
    int split = 0;
    for (const QJsonObject &record : ofDirection(run.named("tls_record"), "rx")) {
        const QJsonArray chunks = record.value("chunks").toArray();
        QVERIFY(chunks.at(0).toInt() <= chunks.at(1).toInt());
        split += chunks.at(0).toInt() < chunks.at(1).toInt() ? 1 : 0;
    }
    QVERIFY(split >= 1);
    QVERIFY(ofDirection(run.named("wire_chunk"), "rx").size() > 2);
}

void tst_CliTlsRecords::format11StillOpens()
{
    // Saved by the CLI before format 1.2: the plaintext and the TLS lines, no records.
    const QString path = QStringLiteral(TCPI_TEST_DATA_DIR "/tls/session-1.1.tcpi");
    LoadedSession session;
    QVERIFY(loadSession(path, &session));
    QVERIFY2(session.problems.isEmpty(), qPrintable(session.problems.value(0).toString()));
    QCOMPARE(session.info.minor, 1);
    const RecordedConnection &c = *session.connections.front();
    QCOMPARE(c.rx().store().size(), qint64(6));
    QVERIFY(c.wire(Direction::Rx)); // TLS settings: an empty wire
    QCOMPARE(c.wire(Direction::Rx)->store().chunkCount(), qint64(0));
    QVERIFY(c.tlsKeyLog().isEmpty());
    QProcess show;
    show.start(cli(), {"show", "--tls-records", path});
    const CliRun shown = finishCliRun(show);
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.named("tls_handshake").size(), 1);
    QVERIFY(shown.named("tls_record").isEmpty());
    // Its capture carries the plaintext, and says why.
    QProcess exporter;
    exporter.start(cli(), {"export", "--pcapng", file("old.pcapng"), path});
    QVERIFY(exporter.waitForFinished(30000));
    QCOMPARE(exporter.exitCode(), 0);
    QVERIFY(exporter.readAllStandardError().contains("format 1.2"));
}

void tst_CliTlsRecords::truncatedWireRecord()
{
    QList<SessionError> problems;
    SessionReader reader;
    QVERIFY(reader.open(openSessionFile(file("session.tcpi"), &problems), &problems));
    qint64 cut = -1;
    for (const SessionRecordRef &ref : reader.records()) {
        if (ref.type == SessionFormat::typeWireData && cut < 0)
            cut = ref.offset + 20; // inside its payload
    }
    QVERIFY(cut > 0);
    QFile whole(file("session.tcpi"));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    QFile cutFile(file("cut.tcpi"));
    QVERIFY(cutFile.open(QIODevice::WriteOnly));
    cutFile.write(whole.read(cut));
    cutFile.close();

    LoadedSession full;
    QVERIFY(loadSession(file("session.tcpi"), &full));
    LoadedSession session;
    QVERIFY(loadSession(file("cut.tcpi"), &session));
    bool named = false;
    for (const SessionError &problem : std::as_const(session.problems)) {
        if (problem.kind == SessionError::Kind::Truncated
            && problem.record.startsWith(QLatin1String("WDAT #1")))
            named = problem.fileOffset > 0;
    }
    QVERIFY2(named, qPrintable(session.problems.value(0).toString()
                               + session.problems.value(1).toString()));
    // The plaintext before it is whole.
    const RecordedConnection &c = *session.connections.front();
    const RecordedConnection &f = *full.connections.front();
    QCOMPARE(c.rx().store().read(0, 1 << 20), f.rx().store().read(0, 1 << 20));
    QCOMPARE(c.tx().store().read(0, 1 << 20), f.tx().store().read(0, 1 << 20));
    // The records of tx came after the cut: gone, and said so above.
    QCOMPARE(c.wire(Direction::Tx)->store().chunkCount(), qint64(0));
    QVERIFY(f.wire(Direction::Tx)->store().chunkCount() > 0);
}

QStringList tst_CliTlsRecords::tshark(const QString &capture, const QString &filter)
{
    QProcess process;
    process.start(m_tshark, {"-r", capture, "-Y", filter});
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {QStringLiteral("tshark did not finish")};
    }
    const QString out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return out.isEmpty() ? QStringList() : out.split(QLatin1Char('\n'));
}

void tst_CliTlsRecords::pcapngCarriesRecords()
{
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed (Debian: tshark)");
    for (const bool keys : {false, true}) {
        const QString capture = file(keys ? "keys.pcapng" : "plain.pcapng");
        QStringList arguments {"export", "--pcapng", capture, file("http.tcpi")};
        if (keys)
            arguments.append("--with-keys");
        QCOMPARE(runCli(arguments).exitCode, 0);
        const QStringList hello = tshark(capture, "tls.handshake.type == 1");
        QCOMPARE(hello.size(), 1);
        QVERIFY2(hello.first().contains("Client Hello"), qPrintable(hello.first()));
        const QStringList get = tshark(capture, "http.request.method == \"GET\"");
        if (keys) {
            QCOMPARE(get.size(), 1);
            QVERIFY2(get.first().contains("GET / HTTP/1.0"), qPrintable(get.first()));
        } else {
            QVERIFY2(get.isEmpty(), qPrintable(get.join('\n')));
        }
    }
}

void tst_CliTlsRecords::withKeysNeedsPcapng()
{
    const CliRun run
        = runCli({"export", "--csv", file("x.csv"), "--with-keys", file("session.tcpi")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errors.contains("--with-keys"), qPrintable(run.errors));
}

QTEST_GUILESS_MAIN(tst_CliTlsRecords)
#include "tst_clitlsrecords.moc"
