// SPDX-License-Identifier: GPL-3.0-or-later
// `tcpinspector-cli relay` with TLS on either leg, between curl and nginx:
// a TLS front for a plain server, a plain client reaching an https server,
// TLS on both legs (the plaintext between two programs that encrypt), and an
// upstream whose certificate fails (the accepted leg reset or closed, with
// the code). Certificates are made here with openssl.
#include "shared/clirun.h"
#include "shared/jsonlines.h"
#include "shared/opensslrun.h"
#include "shared/peerserver.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString cli()
{
    return QStringLiteral(TCPI_CLI_PATH);
}

/// A relay running in the background, its lines read when it has stopped.
class RelayProcess
{
public:
    ~RelayProcess() { stop(); }

    /// Starts relaying to target; the port it listens on, 0 when it failed.
    quint16 start(const QString &target, const QStringList &extra)
    {
        m_process.start(cli(), QStringList {"relay", "127.0.0.1:0", target, "--kernel-sample", "0"}
                                   + extra);
        if (!m_process.waitForStarted(5000) || !m_process.waitForReadyRead(10000))
            return 0;
        m_first = m_process.readLine();
        const QList<QJsonObject> lines = parseJsonLines(m_first);
        return lines.isEmpty() ? 0 : quint16(lines.first().value("port").toInt());
    }

    /// SIGTERM, then every line it printed.
    QList<QJsonObject> stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_lines;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_lines = parseJsonLines(m_first + m_process.readAllStandardOutput());
        return m_lines;
    }

private:
    QProcess m_process;
    QByteArray m_first;
    QList<QJsonObject> m_lines;
};

/// The program's standard output; *code its exit code (-1: killed after 20 s).
QByteArray runTool(const QString &program, const QStringList &arguments, int *code)
{
    QProcess process;
    process.start(program, arguments);
    process.closeWriteChannel();
    const bool ended = process.waitForFinished(20000);
    if (!ended) {
        process.kill();
        process.waitForFinished(5000);
    }
    *code = ended && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

/// The lines of one event on one leg.
QList<QJsonObject> onLeg(const QList<QJsonObject> &lines, const QString &event, const QString &leg)
{
    QList<QJsonObject> found;
    for (const QJsonObject &line : lines) {
        if (line.value("event").toString() == event && line.value("leg").toString() == leg)
            found.append(line);
    }
    return found;
}

/// An HTTP message (kind_name request or response) of that leg and
/// direction with a payload of that size: only the plaintext parses.
bool hasMessage(const QList<QJsonObject> &lines, const QString &leg, const QString &dir,
                const QString &kind, qint64 payload)
{
    for (const QJsonObject &line : onLeg(lines, QStringLiteral("message"), leg)) {
        if (line.value("dir").toString() == dir && line.value("kind_name").toString() == kind
            && line.value("payload").toInteger() == payload)
            return true;
    }
    return false;
}

} // namespace

class tst_CliRelayTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tlsFrontForAPlainServer();
    void plainClientToAnHttpsServer();
    void tlsOnBothLegs();
    void upstreamCertificateFails_data();
    void upstreamCertificateFails();
    void usageErrors_data();
    void usageErrors();

private:
    bool openssl(const QStringList &arguments);
    QString file(const QString &name) const { return m_dir.filePath(name); }
    /// nginx serving big.bin, over TLS (good.pem) or not.
    bool startNginx(PeerServer &server, bool tls);
    QString url(const char *scheme, quint16 port) const
    {
        return QStringLiteral("%1://127.0.0.1:%2/big.bin").arg(QLatin1String(scheme)).arg(port);
    }

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_nginx;
    QString m_curl;
    QByteArray m_body;
};

bool tst_CliRelayTls::openssl(const QStringList &arguments)
{
    return runOpenssl(m_openssl, m_dir.path(), arguments);
}

void tst_CliRelayTls::initTestCase()
{
    m_openssl = PeerServer::find(QStringLiteral("openssl"));
    m_nginx = PeerServer::find(QStringLiteral("nginx"));
    m_curl = PeerServer::find(QStringLiteral("curl"));
    if (m_openssl.isEmpty() || m_nginx.isEmpty() || m_curl.isEmpty())
        QSKIP("openssl, nginx or curl is not installed");
    QVERIFY(m_dir.isValid());
    // A test CA, and a certificate it signs for localhost and 127.0.0.1.
    QVERIFY(openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                     "-nodes", "-subj", "/CN=Relay Test CA", "-days", "30", "-keyout", "ca.key",
                     "-out", "ca.pem"}));
    QVERIFY(
        openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                 "-keyout", "good.key", "-out", "good.csr"}));
    QVERIFY(openssl({"x509", "-req", "-in", "good.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                     "-CAcreateserial", "-days", "30", "-copy_extensions", "copy", "-out",
                     "good.pem"}));
    QVERIFY(QDir().mkpath(file("nginx/www")));
    m_body = QByteArray(256 * 1024, Qt::Uninitialized);
    QRandomGenerator(16).fillRange(reinterpret_cast<quint32 *>(m_body.data()), m_body.size() / 4);
    QFile big(file("nginx/www/big.bin"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(m_body);
}

bool tst_CliRelayTls::startNginx(PeerServer &server, bool tls)
{
    return tls ? server.start(m_nginx, PeerServer::nginxArguments(file("nginx"), file("good.pem"),
                                                                  file("good.key")))
               : server.start(m_nginx, PeerServer::nginxArguments(file("nginx")));
}

void tst_CliRelayTls::tlsFrontForAPlainServer()
{
    PeerServer server;
    QVERIFY2(startNginx(server, false), qPrintable(server.why()));
    RelayProcess relay;
    const quint16 port
        = relay.start(server.target(), {"--framing", "http", "--tls", "--cert", file("good.pem"),
                                        "--key", file("good.key")});
    QVERIFY(port != 0);
    // curl checks the relay's certificate against the CA; twice on one connection.
    int code = -1;
    const QByteArray twice = runTool(
        m_curl, {"-sS", "--cacert", file("ca.pem"), url("https", port), url("https", port)}, &code);
    QCOMPARE(code, 0);
    QVERIFY(twice == m_body + m_body);
    const QList<QJsonObject> lines = relay.stop();
    QCOMPARE(onLeg(lines, "tls_handshake", "client").size(), 1);
    QCOMPARE(onLeg(lines, "tls_handshake", "server").size(), 0);
    // The client leg reads the plaintext inside the records, which the
    // plain server leg writes as it is.
    QVERIFY(hasMessage(lines, "client", "rx", "request", 0));
    QVERIFY(hasMessage(lines, "server", "tx", "request", 0));
    QVERIFY(hasMessage(lines, "server", "rx", "response", m_body.size()));
}

void tst_CliRelayTls::plainClientToAnHttpsServer()
{
    PeerServer server;
    QVERIFY2(startNginx(server, true), qPrintable(server.why()));
    RelayProcess relay;
    const quint16 port
        = relay.start(server.target(), {"--framing", "http", "--upstream-tls", "--upstream-ca",
                                        file("ca.pem"), "--upstream-alpn", "http/1.1"});
    QVERIFY(port != 0);
    int code = -1;
    const QByteArray body = runTool(m_curl, {"-sS", url("http", port)}, &code);
    QCOMPARE(code, 0);
    QVERIFY(body == m_body);
    const QList<QJsonObject> lines = relay.stop();
    const QList<QJsonObject> handshakes = onLeg(lines, "tls_handshake", "server");
    QCOMPARE(handshakes.size(), 1);
    QCOMPARE(handshakes.first().value("verified").toBool(), true);
    QCOMPARE(handshakes.first().value("alpn").toString(), "http/1.1");
    QCOMPARE(onLeg(lines, "tls_handshake", "client").size(), 0);
    QVERIFY(hasMessage(lines, "server", "rx", "response", m_body.size()));
    QVERIFY(hasMessage(lines, "client", "tx", "response", m_body.size()));
}

void tst_CliRelayTls::tlsOnBothLegs()
{
    PeerServer server;
    QVERIFY2(startNginx(server, true), qPrintable(server.why()));
    RelayProcess relay;
    const quint16 port = relay.start(
        server.target(), {"--framing", "http", "--tls", "--cert", file("good.pem"), "--key",
                          file("good.key"), "--upstream-tls", "--upstream-tls-insecure"});
    QVERIFY(port != 0);
    // curl -k, as against any https server it does not know.
    int code = -1;
    const QByteArray body = runTool(m_curl, {"-sS", "-k", url("https", port)}, &code);
    QCOMPARE(code, 0);
    QVERIFY(body == m_body);
    const QList<QJsonObject> lines = relay.stop();
    QCOMPARE(onLeg(lines, "tls_handshake", "client").size(), 1);
    const QList<QJsonObject> upstream = onLeg(lines, "tls_handshake", "server");
    QCOMPARE(upstream.size(), 1);
    // Not verified, and it says why it would have failed: the CA is unknown.
    QCOMPARE(upstream.first().value("verified").toBool(true), false);
    QCOMPARE(upstream.first().value("verify_error").toString(), "tls_unknown_ca");
    // Encrypted on both sides, plain in between: the request and the reply.
    QVERIFY(hasMessage(lines, "client", "rx", "request", 0));
    QVERIFY(hasMessage(lines, "server", "rx", "response", m_body.size()));
}

void tst_CliRelayTls::upstreamCertificateFails_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("clientEnd");
    QTest::addColumn<int>("curlCode");
    QTest::newRow("reset") << QStringList() << "reset" << 56; // Recv failure: reset by peer
    // Empty reply from server (52); or 56 when the relay closes before it has
    // read the request: a close with unread bytes is an RST (the kernel's rule).
    QTest::newRow("close") << QStringList {"--on-upstream-failure", "close"} << "closed" << 52;
}

void tst_CliRelayTls::upstreamCertificateFails()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, clientEnd);
    QFETCH(int, curlCode);
    PeerServer server;
    QVERIFY2(startNginx(server, true), qPrintable(server.why()));
    RelayProcess relay;
    // No --upstream-ca: nobody here trusts the test CA.
    const quint16 port = relay.start(server.target(), QStringList {"--upstream-tls"} + extra);
    QVERIFY(port != 0);
    int code = -1;
    runTool(m_curl, {"-sS", url("http", port)}, &code);
    QVERIFY2(code == curlCode || (clientEnd == "closed" && code == 56),
             qPrintable(QString::number(code)));
    const QList<QJsonObject> lines = relay.stop();
    const QList<QJsonObject> errors = onLeg(lines, "error", "server");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().value("code").toString(), "tls_unknown_ca");
    // The fix in the relay's own options, not connect's.
    const QString explain = errors.first().value("explain").toString();
    QVERIFY2(explain.contains("--upstream-ca FILE") && explain.contains("--upstream-tls-insecure"),
             qPrintable(explain));
    QVERIFY2(!explain.contains(" --ca "), qPrintable(explain));
    QCOMPARE(onLeg(lines, clientEnd, "client").size(), 1);
    bool noted = false;
    for (const QJsonObject &note : onLeg(lines, "note", "client"))
        noted = noted || note.value("text").toString().contains("(tls_unknown_ca)");
    QVERIFY(noted);
    // Nothing of the request reached nginx in the clear, nor at all.
    QCOMPARE(onLeg(lines, "tls_handshake", "server").size(), 0);
}

void tst_CliRelayTls::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::newRow("upstream option without --upstream-tls")
        << QStringList {"--upstream-sni", "x"}
        << "--upstream-sni is a TLS option: add --upstream-tls.";
    QTest::newRow("listen option without --tls")
        << QStringList {"--alpn", "h2"} << "--alpn is a TLS option: add --tls.";
    QTest::newRow("no --sni to the clients")
        << QStringList {"--tls", "--sni", "x"} << "Unknown option 'sni'";
    QTest::newRow("upstream certificate without its key")
        << QStringList {"--upstream-tls", "--upstream-cert", "a.pem"}
        << "--upstream-cert and --upstream-key go together";
    QTest::newRow("qt engine") << QStringList {"--engine", "qt", "--upstream-tls"}
                               << "TLS runs on the native engine";
    QTest::newRow("missing CA file")
        << QStringList {"--upstream-tls", "--upstream-ca", "/nonexistent/ca.pem"}
        << "/nonexistent/ca.pem";
}

void tst_CliRelayTls::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    QProcess process;
    process.start(cli(), QStringList {"relay", "127.0.0.1:0", "127.0.0.1:1"} + arguments);
    const CliRun run = finishCliRun(process);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errors.contains(says), qPrintable(run.errors));
}

QTEST_GUILESS_MAIN(tst_CliRelayTls)
#include "tst_clirelaytls.moc"
