// SPDX-License-Identifier: GPL-3.0-or-later
// Scenarios with TLS (docs/SCENARIOS.md, "TLS"): the options and
// expectations parse, with errors that name the fix; real loopback TLS with
// the generated localhost certificate and with certificates made here by
// openssl req; records, reads, close_notify and a truncated close; the
// certificate checks that fail; openssl s_server -www and nginx as peers.
#include "net/connection.h"
#include "net/localcertificate.h"
#include "scenario/scenarioparser.h"
#include "scenario/scenariorunner.h"
#include "shared/opensslrun.h"
#include "shared/peerserver.h"
#include "shared/scenariotesting.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_ScenarioTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesOptions();
    void parseErrors_data();
    void parseErrors();
    void loopbackRecordsReadsAndCloses();
    void certificateChecks_data();
    void certificateChecks();
    void failedHandshakeFailsTheConnect();
    void filesMadeByOpensslReq();
    void againstOpensslSServer_data();
    void againstOpensslSServer();
    void againstNginx();

private:
    /// Parses text as a file in the temporary folder (paths relative to it).
    ScenarioFile parseHere(const QString &text, EngineKind engine = EngineKind::Qt) const;
    /// Runs text to its end; the summary of steps that did not pass is empty.
    QStringList run(const QString &text, ScenarioRunner **kept = nullptr);
    bool openssl(const QStringList &arguments) const;
    QString file(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_openssl;
    std::unique_ptr<ScenarioRunner> m_runner;
};

ScenarioFile tst_ScenarioTls::parseHere(const QString &text, EngineKind engine) const
{
    ScenarioParser parser;
    parser.setDefaultEngine(engine);
    return parser.parseText(text, QStringLiteral("tls.scn"), m_dir.path());
}

QStringList tst_ScenarioTls::run(const QString &text, ScenarioRunner **kept)
{
    const ScenarioFile parsed = parseHere(text);
    QStringList problems;
    for (const ScenarioDiagnostic &d : parsed.diagnostics)
        problems += d.toString();
    if (!problems.isEmpty())
        return problems;
    m_runner = std::make_unique<ScenarioRunner>(parsed);
    if (!runToEnd(*m_runner, 30000))
        return {QStringLiteral("did not end")};
    for (const QString &line : stepSummary(*m_runner)) {
        if (!line.endsWith(QLatin1String(" passed")))
            problems += line;
    }
    if (kept)
        *kept = m_runner.get();
    return problems;
}

bool tst_ScenarioTls::openssl(const QStringList &arguments) const
{
    return runOpenssl(m_openssl, m_dir.path(), arguments);
}

void tst_ScenarioTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The generated localhost certificate goes to this run's own data folder.
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    m_openssl = PeerServer::find(QStringLiteral("openssl"));
    if (m_openssl.isEmpty())
        return; // the tests that need it skip
    const QStringList common
        = {"req",    "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
           "-nodes", "-days", "30"};
    QVERIFY(openssl(common
                    + QStringList {"-subj", "/CN=localhost", "-addext",
                                   "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
                                   "self.key", "-out", "self.pem"}));
    QVERIFY(openssl(common
                    + QStringList {"-subj", "/CN=example.com", "-addext",
                                   "subjectAltName=DNS:example.com", "-keyout", "other.key", "-out",
                                   "other.pem"}));
}

void tst_ScenarioTls::parsesOptions()
{
    QFile pem(file(QStringLiteral("a.pem")));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.close();
    const ScenarioFile parsed = parseHere(
        QStringLiteral("listen srv 127.0.0.1:0 tls alpn=h2,http/1.1 cert=a.pem key=a.pem\n"
                       "connect cli srv tls sni=example.com ca=local verify=off close-notify=off\n"
                       "expect cli handshake protocol=TLSv1.3 alpn=\"\" verified=off\n"
                       "expect cli alert close_notify side=remote\n"
                       "expect cli record application_data size=>=22\n"
                       "expect cli error tls_truncated\n"));
    QVERIFY2(!parsed.hasErrors(), qPrintable(parsed.diagnostics.value(0).toString()));
    const QList<ScenarioStep> &steps = parsed.scenarios.first().steps;
    const ListenArgs &listen = steps.at(0).get<ListenArgs>();
    // Without engine= a TLS step takes the native engine, whatever the default.
    QCOMPARE(listen.engine, EngineKind::Native);
    QVERIFY(listen.tls.options.enabled);
    QCOMPARE(listen.tls.options.alpn, QStringList({"h2", "http/1.1"}));
    QCOMPARE(listen.tls.options.certificateFile, file(QStringLiteral("a.pem")));
    QVERIFY(!listen.tls.localCertificate());
    const ConnectArgs &connect = steps.at(1).get<ConnectArgs>();
    QCOMPARE(connect.engine, EngineKind::Native);
    QCOMPARE(connect.tls.options.serverName, QStringLiteral("example.com"));
    QVERIFY(connect.tls.caLocal);
    QVERIFY(!connect.tls.options.verify);
    QVERIFY(!connect.tls.options.closeNotify);
    const ExpectArgs &handshake = steps.at(2).get<ExpectArgs>();
    QCOMPARE(handshake.what, ExpectKind::Handshake);
    QCOMPARE(handshake.handshake.protocol, std::optional<QString>(QStringLiteral("TLSv1.3")));
    QCOMPARE(handshake.handshake.alpn, std::optional<QString>(QString()));
    QCOMPARE(handshake.handshake.verified, std::optional<bool>(false));
    QVERIFY(!handshake.handshake.cipher);
    QCOMPARE(steps.at(3).get<ExpectArgs>().alertKey, QStringLiteral("close_notify"));
    QCOMPARE(steps.at(3).get<ExpectArgs>().alertSide, QStringLiteral("remote"));
    const ExpectArgs &record = steps.at(4).get<ExpectArgs>();
    QCOMPARE(record.recordType, 23);
    QVERIFY(record.recordSizeGiven);
    QVERIFY(record.recordSize.holds(22) && !record.recordSize.holds(21));
    QCOMPARE(steps.at(5).get<ExpectArgs>().errorCode, QStringLiteral("tls_truncated"));
    // A plain step keeps the engine the lesson or the file chose.
    const ScenarioFile plain
        = parseHere(QStringLiteral("listen srv 127.0.0.1:0\n"), EngineKind::Qt);
    QCOMPARE(plain.scenarios.first().steps.first().get<ListenArgs>().engine, EngineKind::Qt);
}

void tst_ScenarioTls::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("option without tls")
        << "connect cli 127.0.0.1:1 verify=off"
        << "tls.scn:1:25: verify= is a TLS option: add tls to this step.";
    QTest::newRow("qt engine")
        << "listen srv 127.0.0.1:0 tls engine=qt"
        << "tls.scn:1:28: TLS runs on the native engine: write engine=native, or leave engine= "
           "out.";
    QTest::newRow("no such file")
        << "connect cli 127.0.0.1:1 tls ca=nothere.pem"
        << QStringLiteral("tls.scn:1:32: Cannot read %1: paths are relative to the scenario "
                          "file's folder.")
               .arg(QDir::toNativeSeparators(file(QStringLiteral("nothere.pem"))));
    QTest::newRow("cert without key") << "listen srv 127.0.0.1:0 tls cert=a.pem"
                                      << "tls.scn:1:28: cert= and key= go together: give both.";
    QTest::newRow("placeholder in a path")
        << "var d = x\nlisten srv 127.0.0.1:0 tls cert={{d}}.pem key=a.pem"
        << "tls.scn:2:33: Give the path of a PEM file, without {{ }}, as in "
           "cert=certs/server.pem: it is read with the scenario.";
    QTest::newRow("alpn list") << "connect cli 127.0.0.1:1 tls alpn=h2,,x"
                               << "tls.scn:1:34: Write alpn= as a list of protocols with commas "
                                  "between them, as in alpn=h2,http/1.1.";
    QTest::newRow("sni on listen")
        << "listen srv 127.0.0.1:0 tls sni=x"
        << "tls.scn:1:28: Unknown option 'sni' for listen. Valid options: framing, engine, "
           "backlog, reuseaddr, rules, paused, accept, tls, verify, alpn, ca, cert, key, "
           "close-notify.";
    QTest::newRow("alert typo")
        << "connect cli 127.0.0.1:1 tls\nexpect cli alert close_notfy"
        << "tls.scn:2:18: Unknown value 'close_notfy' for expect alert. Did you mean "
           "'close_notify'?";
    QTest::newRow("record type") << "connect cli 127.0.0.1:1 tls\nexpect cli record appdata"
                                 << "tls.scn:2:19: Unknown value 'appdata' for expect record.";
    QTest::newRow("error code typo")
        << "connect cli 127.0.0.1:1 tls\nexpect cli error tls_self_sign"
        << "tls.scn:2:18: Unknown value 'tls_self_sign' for expect error. Did you mean "
           "'tls_self_signed'?";
    QTest::newRow("handshake option")
        << "connect cli 127.0.0.1:1 tls\nexpect cli handshake alpnn=h2"
        << "tls.scn:2:22: Unknown option 'alpnn' for expect. Did you mean 'alpn'?";
    QTest::newRow("size on alert")
        << "connect cli 127.0.0.1:1 tls\nexpect cli alert close_notify size=3"
        << "tls.scn:2:31: Unknown option 'size' for expect.";
}

void tst_ScenarioTls::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFile pem(file(QStringLiteral("a.pem")));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.close();
    const ScenarioFile parsed = parseHere(text);
    QVERIFY(parsed.hasErrors());
    QVERIFY2(parsed.diagnostics.first().toString().startsWith(error),
             qPrintable(parsed.diagnostics.first().toString()));
}

void tst_ScenarioTls::loopbackRecordsReadsAndCloses()
{
    // What the lesson tls-stream shows, with its numbers: TLS 1.3 between
    // two ends of ours, AEAD records of 5 + data + 1 + 16 bytes.
    const QStringList problems
        = run(QStringLiteral("timeout 3s\n"
                             "listen srv 127.0.0.1:0 tls alpn=demo/1\n"
                             "connect cli srv tls ca=local alpn=other,demo/1\n"
                             "accept conn srv\n"
                             "expect conn handshake alpn=demo/1 protocol=TLSv1.3\n"
                             "expect cli handshake alpn=demo/1 verified=on peer=CN=localhost\n"
                             "expect conn record handshake\n"
                             "expect conn bytes 0\n"
                             "send cli \"hello\"\n"
                             "expect conn record application_data size=27\n"
                             "expect conn received \"hello\"\n"
                             "pause conn\n"
                             "send cli \"{{random:20000}}\"\n"
                             "wait 100ms\n"
                             "read conn 1000\n"
                             "expect conn bytes 1005\n"
                             "read conn 20000\n"
                             "expect conn bytes 16389\n"
                             "read conn 20000\n"
                             "expect conn bytes 20005\n"
                             "expect conn record application_data size=16406\n"
                             "expect conn record application_data size=3638\n"
                             "resume conn\n"
                             "close cli\n"
                             "expect conn alert close_notify side=remote\n"
                             "expect cli alert close_notify side=local\n"
                             "expect conn state RemoteHalfClosed\n"
                             "close conn\n"
                             "connect cut srv tls ca=local close-notify=off\n"
                             "accept conn2 srv\n"
                             "send cut \"bye\"\n"
                             "expect conn2 received \"bye\"\n"
                             "close cut\n"
                             "expect conn2 error tls_truncated\n"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_ScenarioTls::certificateChecks_data()
{
    QTest::addColumn<QString>("connect");
    QTest::addColumn<QString>("expect");
    // The generated certificate is self-signed, for localhost and 127.0.0.1.
    QTest::newRow("self-signed, not trusted") << "tls"
                                              << "error tls_self_signed";
    QTest::newRow("another name") << "tls ca=local sni=example.com"
                                  << "error tls_hostname_mismatch";
    QTest::newRow("verify off lets it through") << "tls verify=off"
                                                << "handshake verified=off protocol=TLSv1.3";
    QTest::newRow("trusted") << "tls ca=local sni=localhost"
                             << "handshake verified=on sni=localhost";
}

void tst_ScenarioTls::certificateChecks()
{
    QFETCH(QString, connect);
    QFETCH(QString, expect);
    const QStringList problems = run(QStringLiteral("timeout 3s\nlisten srv 127.0.0.1:0 tls\n"
                                                    "connect cli srv %1\nexpect cli %2\n")
                                         .arg(connect, expect));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_ScenarioTls::failedHandshakeFailsTheConnect()
{
    // Unless the next step expects it, a failed handshake fails the connect,
    // saying the code and the fix; the server sees why in the client's alert.
    ScenarioRunner *runner = nullptr;
    const QStringList problems = run(QStringLiteral("timeout 3s\nlisten srv 127.0.0.1:0 tls\n"
                                                    "connect cli srv tls\n"),
                                     &runner);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(QLatin1String("3 failed: The TLS handshake failed: "
                                                       "tls_self_signed")),
             qPrintable(problems.first()));
    QVERIFY2(problems.first().contains(QLatin1String("ca=local")), qPrintable(problems.first()));
    const QStringList server = run(QStringLiteral("timeout 3s\nlisten srv 127.0.0.1:0 tls\n"
                                                  "connect cli srv tls\n"
                                                  "expect cli alert unknown_ca side=local\n"
                                                  "accept conn srv\n"
                                                  "expect conn alert unknown_ca side=remote\n"
                                                  "expect conn state Closed\n"));
    QVERIFY2(server.isEmpty(), qPrintable(server.join(QLatin1Char('\n'))));
}

void tst_ScenarioTls::filesMadeByOpensslReq()
{
    if (m_openssl.isEmpty())
        QSKIP("openssl is not installed (Debian: openssl)");
    // Paths relative to the scenario file; its own CA for the client.
    QStringList problems
        = run(QStringLiteral("timeout 3s\n"
                             "listen srv 127.0.0.1:0 tls cert=self.pem key=self.key\n"
                             "connect cli srv tls ca=self.pem\n"
                             "expect cli handshake peer=CN=localhost verified=on\n"
                             "connect wrong srv tls ca=other.pem\n"
                             "expect wrong error tls_self_signed\n"
                             "listen other 127.0.0.1:0 tls cert=other.pem key=other.key\n"
                             "connect mismatch other tls ca=other.pem\n"
                             "expect mismatch error tls_hostname_mismatch\n"
                             "connect named other tls ca=other.pem sni=example.com\n"
                             "expect named handshake verified=on sni=example.com\n"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Mutual TLS: ca= on a listen asks for a client certificate from that CA.
    problems
        = run(QStringLiteral("timeout 3s\n"
                             "listen mtls 127.0.0.1:0 tls cert=self.pem key=self.key ca=self.pem\n"
                             "connect cli mtls tls ca=self.pem cert=self.pem key=self.key\n"
                             "accept conn mtls\n"
                             "expect conn handshake peer=CN=localhost verified=on\n"
                             "connect bare mtls tls ca=self.pem\n"
                             "accept refused mtls\n"
                             "expect refused error tls_certificate_required\n"
                             "expect bare alert certificate_required side=remote\n"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // A key that is not the certificate's fails the listen, naming it.
    problems = run(QStringLiteral("listen srv 127.0.0.1:0 tls cert=self.pem key=other.key\n"));
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(QLatin1String("1 failed: Cannot load the private key"))
                 && problems.first().contains(file(QStringLiteral("other.key"))),
             qPrintable(problems.first()));
}

void tst_ScenarioTls::againstOpensslSServer_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<int>("recordSize"); // of "GET / HTTP/1.0\r\n\r\n", 18 bytes
    // TLS 1.2 with AES-GCM: 5 header + 8 explicit nonce + 18 + 16 tag.
    QTest::newRow("TLS 1.2") << "-tls1_2"
                             << "TLSv1.2" << 47;
    // TLS 1.3: 5 header + 18 + 1 inner content type + 16 tag.
    QTest::newRow("TLS 1.3") << "-tls1_3"
                             << "TLSv1.3" << 40;
}

void tst_ScenarioTls::againstOpensslSServer()
{
    if (m_openssl.isEmpty())
        QSKIP("openssl is not installed (Debian: openssl)");
    QFETCH(QString, version);
    QFETCH(QString, protocol);
    QFETCH(int, recordSize);
    PeerServer server;
    QVERIFY2(server.start(m_openssl,
                          [&](quint16 port) {
                              return QStringList {"s_server",
                                                  "-accept",
                                                  QStringLiteral("127.0.0.1:%1").arg(port),
                                                  "-cert",
                                                  file(QStringLiteral("self.pem")),
                                                  "-key",
                                                  file(QStringLiteral("self.key")),
                                                  "-alpn",
                                                  "http/1.1",
                                                  "-cipher",
                                                  "ECDHE-ECDSA-AES128-GCM-SHA256",
                                                  version,
                                                  "-www"};
                          }),
             qPrintable(server.why()));
    const QStringList problems
        = run(QStringLiteral("timeout 5s\n"
                             "connect cli 127.0.0.1:%1 tls ca=self.pem alpn=h2,http/1.1\n"
                             "expect cli handshake protocol=%2 alpn=http/1.1 verified=on\n"
                             "send cli \"GET / HTTP/1.0\\r\\n\\r\\n\"\n"
                             "expect cli received prefix \"HTTP/1.0 200 ok\\r\\n\"\n"
                             "expect cli state RemoteHalfClosed\n"
                             "close cli\n")
                  .arg(server.port())
                  .arg(protocol));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // What the request became on the wire: one record of recordSize bytes.
    const Connection *cli = m_runner->connection(QStringLiteral("cli"));
    QVERIFY(cli && cli->wire(Direction::Tx));
    const StreamChannel &tx = *cli->wire(Direction::Tx);
    bool found = false;
    for (qint64 i = tx.firstFrame(); i < tx.frameCount(); ++i)
        found = found || (tx.frame(i).kind == 23 && tx.frame(i).length == recordSize);
    QVERIFY2(found, qPrintable(QStringLiteral("no record of %1 bytes").arg(recordSize)));
}

void tst_ScenarioTls::againstNginx()
{
    const QString nginx = PeerServer::find(QStringLiteral("nginx"));
    if (nginx.isEmpty() || m_openssl.isEmpty())
        QSKIP("nginx or openssl is not installed (Debian: nginx-light, openssl)");
    const QString root = file(QStringLiteral("nginx"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/www")));
    QFile page(root + QStringLiteral("/www/index.html"));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("hello over TLS\n");
    page.close();
    PeerServer server;
    QVERIFY2(server.start(nginx, PeerServer::nginxArguments(root, file(QStringLiteral("self.pem")),
                                                            file(QStringLiteral("self.key")))),
             qPrintable(server.why()));
    const QStringList problems
        = run(QStringLiteral("timeout 5s\n"
                             "connect cli 127.0.0.1:%1 tls ca=self.pem framing=http\n"
                             "expect cli handshake verified=on\n"
                             "send cli \"GET / HTTP/1.1\\r\\nHost: localhost\\r\\n"
                             "Connection: close\\r\\n\\r\\n\"\n"
                             "expect cli message prefix \"HTTP/1.1 200\" part=header\n"
                             "expect cli received contains \"hello over TLS\"\n"
                             "expect cli state RemoteHalfClosed\n")
                  .arg(server.port()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(tst_ScenarioTls)
#include "tst_scenariotls.moc"
