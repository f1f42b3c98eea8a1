// SPDX-License-Identifier: GPL-3.0-or-later
// `tcpinspector-cli connect --tls` and `listen --tls` against OpenSSL's own
// s_server and s_client (TLS 1.2 and 1.3, ALPN), each certificate check
// failing on a certificate made for it here, a peer that dies without
// close_notify, and peers that do not speak TLS at all (socat).
#include "shared/clirun.h"
#include "shared/jsonlines.h"
#include "shared/opensslrun.h"
#include "shared/peerserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString cli()
{
    return QStringLiteral(TCPI_CLI_PATH);
}

/// Runs the CLI to its end (30 s at most).
CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(cli(),
                  arguments + QStringList {QStringLiteral("--kernel-sample"), QStringLiteral("0")});
    return finishCliRun(process);
}

QString codes(const CliRun &run)
{
    QStringList list;
    for (const QJsonObject &error : run.named(QStringLiteral("error")))
        list.append(error.value(QStringLiteral("code")).toString());
    return list.join(QLatin1Char(','));
}

/// A CLI still running, read line by line.
class LiveCli
{
public:
    ~LiveCli()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    void setEnvironment(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
    }
    bool start(const QStringList &arguments)
    {
        m_process.start(cli(),
                        arguments
                            + QStringList {QStringLiteral("--kernel-sample"), QStringLiteral("0")});
        return m_process.waitForStarted(5000);
    }
    /// Waits (10 s at most) for a line containing text; false when none came.
    bool waitFor(const QByteArray &text)
    {
        const QDeadlineTimer deadline(10000);
        while (!m_output.contains(text)) {
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(100);
            m_output += m_process.readAllStandardOutput();
        }
        return true;
    }
    QByteArray output() const { return m_output; }
    quint16 listeningPort()
    {
        if (!waitFor("\"listening\""))
            return 0;
        const QList<QJsonObject> lines = parseJsonLines(m_output.left(m_output.indexOf('\n') + 1));
        return quint16(lines.value(0).value(QStringLiteral("port")).toInt());
    }
    /// Waits (30 s at most) for its end: every line it printed.
    CliRun finish()
    {
        CliRun run;
        if (m_process.waitForFinished(30000))
            run.exitCode = m_process.exitCode();
        m_output += m_process.readAllStandardOutput();
        run.events = parseJsonLines(m_output);
        run.errors = QString::fromUtf8(m_process.readAllStandardError());
        return run;
    }

private:
    QProcess m_process;
    QByteArray m_output;
};

} // namespace

class tst_CliTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void clientToSServer_data();
    void clientToSServer();
    void sClientToListen_data();
    void sClientToListen();
    void verificationFails_data();
    void verificationFails();
    void insecureSaysWhy();
    void clientRefusesOurCertificate();
    void closeWithoutCloseNotify();
    void halfCloseWaitsForTheHandshake();
    void notTlsPeer_data();
    void notTlsPeer();
    void nginxOverTls();
    void curlToListen();
    void listenWithLocalCertificate();
    void mutualTls();
    void usageErrors();

private:
    bool openssl(const QStringList &arguments);
    /// A key and a certificate request for CN=cn with these subject alternative names.
    bool request(const QString &name, const QString &cn, const QString &alternatives);
    /// Signs name.csr with the test CA, valid from start to end (openssl ca dates).
    bool sign(const QString &name, const QString &start, const QString &end);
    QString file(const QString &name) const { return m_dir.filePath(name); }
    bool startSServer(PeerServer &server, const QString &certificate,
                      const QStringList &extra = {});

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_socat;
};

bool tst_CliTls::openssl(const QStringList &arguments)
{
    return runOpenssl(m_openssl, m_dir.path(), arguments);
}

bool tst_CliTls::request(const QString &name, const QString &cn, const QString &alternatives)
{
    return openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-subj", "/CN=" + cn, "-addext", "subjectAltName=" + alternatives, "-keyout",
                    name + ".key", "-out", name + ".csr"});
}

bool tst_CliTls::sign(const QString &name, const QString &start, const QString &end)
{
    return openssl({"ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                    "-in", name + ".csr", "-out", name + ".pem", "-notext", "-startdate", start,
                    "-enddate", end});
}

void tst_CliTls::initTestCase()
{
    m_openssl = PeerServer::find(QStringLiteral("openssl"));
    m_socat = PeerServer::find(QStringLiteral("socat"));
    if (m_openssl.isEmpty())
        QSKIP("openssl is not installed (Debian: openssl)");
    QVERIFY(m_dir.isValid());
    // `openssl ca` rather than `x509 -req`: only it takes dates in the past.
    QFile config(file(QStringLiteral("ca.cnf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("[ca]\ndefault_ca = test\n[test]\ndatabase = %1/index.txt\n"
                                "new_certs_dir = %1\nserial = %1/serial\ndefault_md = sha256\n"
                                "policy = any\ncopy_extensions = copy\nunique_subject = no\n"
                                "[any]\ncommonName = supplied\n")
                     .arg(m_dir.path())
                     .toUtf8());
    config.close();
    QFile index(file(QStringLiteral("index.txt")));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.close();
    QFile serial(file(QStringLiteral("serial")));
    QVERIFY(serial.open(QIODevice::WriteOnly));
    serial.write("1000\n");
    serial.close();
    const QString now = QStringLiteral("20200101000000Z");
    const QString later = QStringLiteral("20991231000000Z");
    QVERIFY(
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-subj", "/CN=Test CA", "-days", "30", "-keyout", "ca.key", "-out", "ca.pem"}));
    QVERIFY(request("good", "localhost", "DNS:localhost,IP:127.0.0.1"));
    QVERIFY(sign("good", now, later));
    QVERIFY(request("other", "example.com", "DNS:example.com"));
    QVERIFY(sign("other", now, later));
    QVERIFY(request("expired", "localhost", "DNS:localhost,IP:127.0.0.1"));
    QVERIFY(sign("expired", now, QStringLiteral("20200201000000Z")));
    QVERIFY(
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                 "-days", "30", "-keyout", "self.key", "-out", "self.pem"}));
}

bool tst_CliTls::startSServer(PeerServer &server, const QString &certificate,
                              const QStringList &extra)
{
    const QString cert = file(certificate + QStringLiteral(".pem"));
    const QString key = file(certificate + QStringLiteral(".key"));
    // -rev answers each line reversed: proof that the plaintext got through.
    return server.start(m_openssl, [=](quint16 port) {
        return QStringList {"s_server", "-accept", QStringLiteral("127.0.0.1:%1").arg(port),
                            "-cert",    cert,      "-key",
                            key,        "-rev"}
               + extra;
    });
}

void tst_CliTls::clientToSServer_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("protocol");
    QTest::newRow("TLS 1.2") << "-tls1_2"
                             << "TLSv1.2";
    QTest::newRow("TLS 1.3") << "-tls1_3"
                             << "TLSv1.3";
}

void tst_CliTls::clientToSServer()
{
    QFETCH(QString, version);
    QFETCH(QString, protocol);
    PeerServer server;
    QVERIFY2(startSServer(server, QStringLiteral("good"), {version, "-alpn", "h2,http/1.1"}),
             qPrintable(server.why()));
    const CliRun run
        = runCli({"connect", server.target(), "--tls", "--ca", file("ca.pem"), "--alpn", "http/1.1",
                  "--sni", "localhost", "--send", "hello\\n", "--framing", "line",
                  "--close-after-reply", "--save", file("client-" + version + ".tcpi")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors + codes(run)));
    // A saved session prints the TLS lines again, every field kept (format 1.1).
    QProcess show;
    show.start(cli(), {"show", file("client-" + version + ".tcpi")});
    const CliRun shown = finishCliRun(show);
    QCOMPARE(shown.exitCode, 0);
    for (const char *name : {"tls_handshake_start", "tls_handshake", "tls_alert"}) {
        QList<QJsonObject> live = run.named(name);
        QList<QJsonObject> again = shown.named(name);
        for (QList<QJsonObject> *lines : {&live, &again}) {
            for (QJsonObject &line : *lines)
                line.remove("t");
        }
        QCOMPARE(again, live);
    }
    QCOMPARE(run.named("tls_handshake_start").size(), 1);
    QCOMPARE(run.named("tls_handshake_start").first().value("sni").toString(), "localhost");
    const QList<QJsonObject> handshakes = run.named("tls_handshake");
    QCOMPARE(handshakes.size(), 1);
    const QJsonObject handshake = handshakes.first();
    QCOMPARE(handshake.value("protocol").toString(), protocol);
    QCOMPARE(handshake.value("alpn").toString(), "http/1.1");
    QCOMPARE(handshake.value("peer_subject").toString(), "CN=localhost");
    QCOMPARE(handshake.value("peer_issuer").toString(), "CN=Test CA");
    QCOMPARE(handshake.value("peer_expires").toString(), "2099-12-31T00:00:00Z");
    QCOMPARE(handshake.value("verified").toBool(), true);
    QVERIFY(!handshake.value("cipher").toString().isEmpty());
    // The plaintext both ways, as messages of the chosen framing.
    QStringList messages;
    for (const QJsonObject &message : run.named("message"))
        messages.append(message.value("dir").toString() + ' '
                        + message.value("preview").toString());
    QCOMPARE(messages, QStringList({"tx hello", "rx olleh"}));
    // Our close is TLS's close_notify before the FIN.
    bool closeNotify = false;
    for (const QJsonObject &alert : run.named("tls_alert"))
        closeNotify
            = closeNotify
              || (alert.value("side") == "local" && alert.value("description") == "close_notify");
    QVERIFY(closeNotify);
    QCOMPARE(codes(run), QString());
}

void tst_CliTls::sClientToListen_data()
{
    clientToSServer_data();
}

void tst_CliTls::sClientToListen()
{
    QFETCH(QString, version);
    QFETCH(QString, protocol);
    LiveCli listen;
    QVERIFY(listen.start({"listen", "127.0.0.1:0", "--tls", "--cert", file("good.pem"), "--key",
                          file("good.key"), "--alpn", "h2,http/1.1", "--reply", "echo",
                          "--exit-after", "1"}));
    const quint16 port = listen.listeningPort();
    QVERIFY(port != 0);
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    // Without -quiet, s_client ends its side with close_notify at EOF.
    client.start(m_openssl, {"s_client", "-connect", QStringLiteral("127.0.0.1:%1").arg(port),
                             version, "-alpn", "http/1.1", "-servername", "localhost", "-CAfile",
                             file("ca.pem"), "-verify_return_error"});
    QVERIFY(client.waitForStarted(5000));
    QVERIFY(listen.waitFor("\"tls_handshake\""));
    client.write("ping\n");
    QVERIFY(client.waitForBytesWritten(5000)); // no event loop runs here to write it
    QVERIFY2(listen.waitFor("\"dir\":\"tx\""), listen.output().constData());
    client.closeWriteChannel();
    QVERIFY(client.waitForFinished(10000));
    const QByteArray said = client.readAll();
    QVERIFY2(said.contains("Verify return code: 0 (ok)"), said.constData());
    const CliRun run = listen.finish();
    const QJsonObject handshake = run.named("tls_handshake").value(0);
    QCOMPARE(handshake.value("protocol").toString(), protocol);
    QCOMPARE(handshake.value("alpn").toString(), "http/1.1");
    QCOMPARE(handshake.value("sni").toString(), "localhost");
    QCOMPARE(run.named("chunk").value(0).value("dir").toString(), "rx");
    QCOMPARE(run.named("chunk").value(0).value("size").toInt(), 5);
    bool closeNotify = false;
    for (const QJsonObject &alert : run.named("tls_alert"))
        closeNotify
            = closeNotify
              || (alert.value("side") == "remote" && alert.value("description") == "close_notify");
    QVERIFY2(closeNotify, qPrintable(codes(run)));
    QCOMPARE(codes(run), QString());
}

void tst_CliTls::verificationFails_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<bool>("trustCa");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fix");
    QTest::newRow("hostname mismatch")
        << "other" << true << "tls_hostname_mismatch"
        << "The certificate is for example.com, not 127.0.0.1: connect with --sni example.com";
    QTest::newRow("expired") << "expired" << true << "tls_expired"
                             << "expired on 2020-02-01";
    QTest::newRow("self-signed") << "self" << true << "tls_self_signed"
                                 << "--ca FILE";
    QTest::newRow("unknown CA") << "good" << false << "tls_unknown_ca"
                                << "issued by CN=Test CA";
}

void tst_CliTls::verificationFails()
{
    QFETCH(QString, certificate);
    QFETCH(bool, trustCa);
    QFETCH(QString, code);
    QFETCH(QString, fix);
    PeerServer server;
    QVERIFY2(startSServer(server, certificate), qPrintable(server.why()));
    QStringList arguments {"connect", server.target(), "--tls", "--send", "never\\n"};
    if (trustCa)
        arguments += {"--ca", file("ca.pem")};
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(codes(run), code);
    QVERIFY2(run.named("error").first().value("explain").toString().contains(fix),
             qPrintable(run.named("error").first().value("explain").toString()));
    QVERIFY(run.named("tls_handshake").isEmpty());
    QVERIFY(run.named("chunk").isEmpty()); // no plaintext went out
    QCOMPARE(run.named("closed").value(0).value("by").toString(), "error");
    // We told the server why, with a fatal alert.
    QCOMPARE(run.named("tls_alert").value(0).value("side").toString(), "local");
    QCOMPARE(run.named("tls_alert").value(0).value("level").toString(), "fatal");
}

void tst_CliTls::insecureSaysWhy()
{
    PeerServer server;
    QVERIFY2(startSServer(server, QStringLiteral("expired")), qPrintable(server.why()));
    const CliRun run = runCli({"connect", server.target(), "--tls", "--tls-insecure", "--ca",
                               file("ca.pem"), "--send", "abc\\n", "--close-after-reply"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors + codes(run)));
    const QJsonObject handshake = run.named("tls_handshake").value(0);
    QCOMPARE(handshake.value("verified").toBool(true), false);
    QCOMPARE(handshake.value("verify_error").toString(), "tls_expired");
    QCOMPARE(handshake.value("peer_expires").toString(), "2020-02-01T00:00:00Z");
    QCOMPARE(run.named("chunk").size(), 2);
}

void tst_CliTls::clientRefusesOurCertificate()
{
    LiveCli listen;
    QVERIFY(listen.start({"listen", "127.0.0.1:0", "--tls", "--cert", file("self.pem"), "--key",
                          file("self.key"), "--exit-after", "1"}));
    const quint16 port = listen.listeningPort();
    QVERIFY(port != 0);
    QProcess client;
    client.start(m_openssl, {"s_client", "-connect", QStringLiteral("127.0.0.1:%1").arg(port),
                             "-CAfile", file("ca.pem"), "-verify_return_error"});
    QVERIFY(client.waitForStarted(5000));
    client.closeWriteChannel();
    QVERIFY(client.waitForFinished(10000));
    const CliRun run = listen.finish();
    QCOMPARE(codes(run), "tls_certificate_rejected");
    QCOMPARE(run.named("tls_alert").value(0).value("side").toString(), "remote");
    QCOMPARE(run.named("tls_alert").value(0).value("description").toString(), "unknown_ca");
}

void tst_CliTls::closeWithoutCloseNotify()
{
    PeerServer server;
    QVERIFY2(startSServer(server, QStringLiteral("good")), qPrintable(server.why()));
    LiveCli connect;
    QVERIFY(connect.start({"connect", server.target(), "--tls", "--ca", file("ca.pem"), "--send",
                           "hi\\n", "--duration", "15000"}));
    QVERIFY(connect.waitFor("\"dir\":\"rx\""));
    // A process killed by a signal sends no close_notify: the kernel's FIN alone.
    server.stop();
    const CliRun run = connect.finish();
    QCOMPARE(run.exitCode, 0); // the data came; the close was not clean
    QCOMPARE(codes(run), "tls_truncated");
    QCOMPARE(run.named("half_closed").value(0).value("side").toString(), "remote");
}

void tst_CliTls::halfCloseWaitsForTheHandshake()
{
    // Nothing to send: the half-close comes as soon as TCP is up. Its FIN
    // went before the ClientHello, and the handshake died on EPIPE.
    LiveCli listen;
    QVERIFY(listen.start({"listen", "127.0.0.1:0", "--tls", "--cert", file("good.pem"), "--key",
                          file("good.key"), "--reply", "echo", "--exit-after", "1"}));
    const quint16 port = listen.listeningPort();
    QVERIFY(port != 0);
    const CliRun run = runCli({"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--tls",
                               "--tls-insecure", "--half-close"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(codes(run), QString());
    QCOMPARE(run.named("tls_handshake").size(), 1);
    const QList<QJsonObject> alerts = run.named("tls_alert");
    QVERIFY(!alerts.isEmpty());
    QCOMPARE(alerts.first().value("side").toString(), "local");
    QCOMPARE(alerts.first().value("description").toString(), "close_notify");
    const CliRun served = listen.finish();
    QCOMPARE(codes(served), QString());
    QCOMPARE(served.named("half_closed").value(0).value("side").toString(), "remote");
}

void tst_CliTls::notTlsPeer_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("says");
    QTest::newRow("echo") << "EXEC:cat"
                          << "our own ClientHello back";
    // The shell stays a while: socat that has lost its child before our
    // ClientHello came may close without the text (tls_handshake_eof).
    QTest::newRow("plain text") << "SYSTEM:echo hello; sleep 2"
                                << "not TLS (\"hello.\")";
}

void tst_CliTls::notTlsPeer()
{
    QFETCH(QString, address);
    QFETCH(QString, says);
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    PeerServer server;
    QVERIFY2(server.start(
                 m_socat,
                 [address](quint16 port) {
                     return QStringList {
                         QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(port),
                         address};
                 }),
             qPrintable(server.why()));
    const CliRun run = runCli({"connect", server.target(), "--tls"});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(codes(run), "tls_not_tls");
    QVERIFY2(run.named("error").first().value("explain").toString().contains(says),
             qPrintable(run.named("error").first().value("explain").toString()));
}

void tst_CliTls::nginxOverTls()
{
    const QString nginx = PeerServer::find(QStringLiteral("nginx"));
    if (nginx.isEmpty())
        QSKIP("nginx is not installed (Debian: nginx-light)");
    QTemporaryDir root;
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("www")));
    QFile page(root.filePath(QStringLiteral("www/index.html")));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("hello over tls\n");
    page.close();
    PeerServer server;
    QVERIFY2(server.start(nginx, PeerServer::nginxArguments(root.path(), file("good.pem"),
                                                            file("good.key"))),
             qPrintable(server.why()));
    const CliRun run
        = runCli({"connect", server.target(), "--tls", "--ca", file("ca.pem"), "--sni", "localhost",
                  "--alpn", "h2,http/1.1", "--framing", "http", "--send",
                  "GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n",
                  "--expect", "hello over tls"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors + codes(run)));
    const QJsonObject handshake = run.named("tls_handshake").value(0);
    // nginx without http2 on picks http/1.1 from the offer.
    QCOMPARE(handshake.value("alpn").toString(), "http/1.1");
    QCOMPARE(handshake.value("verified").toBool(), true);
    QCOMPARE(codes(run), QString());
    QStringList kinds;
    for (const QJsonObject &message : run.named("message"))
        kinds.append(message.value("dir").toString() + ' ' + message.value("kind_name").toString());
    QCOMPARE(kinds, QStringList({"tx request", "rx response"}));
}

void tst_CliTls::curlToListen()
{
    const QString curl = PeerServer::find(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    LiveCli listen;
    QVERIFY(listen.start({"listen", "127.0.0.1:0", "--tls", "--cert", file("good.pem"), "--key",
                          file("good.key"), "--alpn", "http/1.1", "--framing", "http", "--reply",
                          "text:HTTP/1.1 200 OK\\r\\nContent-Length: 4\\r\\n\\r\\nyes\\n",
                          "--exit-after", "1"}));
    const quint16 port = listen.listeningPort();
    QVERIFY(port != 0);
    QProcess client;
    client.start(curl, {"-sS", "--max-time", "10", "--cacert", file("ca.pem"), "--resolve",
                        QStringLiteral("localhost:%1:127.0.0.1").arg(port),
                        QStringLiteral("https://localhost:%1/tls").arg(port)});
    QVERIFY(client.waitForFinished(15000));
    QCOMPARE(client.readAllStandardError(), QByteArray());
    QCOMPARE(client.readAllStandardOutput(), QByteArray("yes\n"));
    QCOMPARE(client.exitCode(), 0);
    const CliRun run = listen.finish();
    const QJsonObject handshake = run.named("tls_handshake").value(0);
    QCOMPARE(handshake.value("alpn").toString(), "http/1.1"); // curl offered h2 first
    QCOMPARE(handshake.value("sni").toString(), "localhost");
    QCOMPARE(run.named("message").value(0).value("kind_name").toString(), "request");
}

void tst_CliTls::listenWithLocalCertificate()
{
    // No --cert: a certificate for localhost, made once in the data folder.
    QTemporaryDir data;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), data.path());
    QByteArray firstCertificate;
    for (int run = 0; run < 2; ++run) {
        LiveCli listen;
        listen.setEnvironment(environment);
        QVERIFY(listen.start(
            {"listen", "127.0.0.1:0", "--tls", "--reply", "echo", "--exit-after", "1"}));
        const quint16 port = listen.listeningPort();
        QVERIFY(port != 0);
        QVERIFY(listen.waitFor("for local testing only"));
        const QString certificate = data.filePath("tcpinspector-cli/tls/localhost-cert.pem");
        QFile pem(certificate);
        QVERIFY2(pem.open(QIODevice::ReadOnly), qPrintable(listen.output()));
        if (run == 0)
            firstCertificate = pem.readAll();
        else
            QCOMPARE(pem.readAll(), firstCertificate); // kept, not made again
        QVERIFY(!(QFile::permissions(data.filePath("tcpinspector-cli/tls/localhost-key.pem"))
                  & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
        QProcess client;
        client.setProcessChannelMode(QProcess::MergedChannels);
        client.start(m_openssl,
                     {"s_client", "-connect", QStringLiteral("127.0.0.1:%1").arg(port), "-CAfile",
                      certificate, "-verify_return_error", "-verify_ip", "127.0.0.1"});
        QVERIFY(client.waitForStarted(5000));
        client.closeWriteChannel();
        QVERIFY(client.waitForFinished(10000));
        const QByteArray said = client.readAll();
        QVERIFY2(said.contains("Verify return code: 0 (ok)"), said.constData());
        const CliRun result = listen.finish();
        QCOMPARE(result.named("tls_handshake").size(), 1);
    }
}

void tst_CliTls::mutualTls()
{
    // listen --ca asks each client for a certificate from that CA.
    LiveCli listen;
    QVERIFY(listen.start({"listen", "127.0.0.1:0", "--tls", "--cert", file("good.pem"), "--key",
                          file("good.key"), "--ca", file("ca.pem"), "--reply", "echo",
                          "--exit-after", "2"}));
    const quint16 port = listen.listeningPort();
    QVERIFY(port != 0);
    const QString target = QStringLiteral("127.0.0.1:%1").arg(port);
    const CliRun with
        = runCli({"connect", target, "--tls", "--ca", file("ca.pem"), "--cert", file("other.pem"),
                  "--key", file("other.key"), "--send", "me\\n", "--close-after-reply"});
    QVERIFY2(with.exitCode == 0, qPrintable(with.errors + codes(with)));
    const CliRun without = runCli({"connect", target, "--tls", "--ca", file("ca.pem"), "--send",
                                   "me\\n", "--close-after-reply"});
    QCOMPARE(without.exitCode, 3);
    QCOMPARE(codes(without), "tls_certificate_required");
    const CliRun server = listen.finish();
    QStringList subjects;
    for (const QJsonObject &handshake : server.named("tls_handshake"))
        subjects.append(handshake.value("peer_subject").toString());
    QCOMPARE(subjects, QStringList({"CN=example.com"}));
    QCOMPARE(codes(server), "tls_certificate_required");
}

void tst_CliTls::usageErrors()
{
    const CliRun sni = runCli({"connect", "127.0.0.1:1", "--sni", "x"});
    QCOMPARE(sni.exitCode, 2);
    QVERIFY2(sni.errors.contains("--sni is a TLS option: add --tls."), qPrintable(sni.errors));
    const CliRun noKey = runCli({"listen", "127.0.0.1:0", "--tls", "--cert", file("good.pem")});
    QCOMPARE(noKey.exitCode, 2);
    QVERIFY2(noKey.errors.contains("--cert and --key go together"), qPrintable(noKey.errors));
    // The relay's side to its clients is a server's: no SNI to send
    // (tst_clirelaytls has the relay's own usage errors).
    const CliRun relay = runCli({"relay", "127.0.0.1:0", "127.0.0.1:1", "--tls", "--sni", "x"});
    QCOMPARE(relay.exitCode, 2);
    QVERIFY2(relay.errors.contains("Unknown option 'sni'"), qPrintable(relay.errors));
    const CliRun qt = runCli({"connect", "127.0.0.1:1", "--tls", "--engine", "qt"});
    QCOMPARE(qt.exitCode, 2);
    const CliRun missing = runCli({"connect", "127.0.0.1:1", "--tls", "--ca", file("none.pem")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.errors.contains("Cannot load the CA certificates"),
             qPrintable(missing.errors));
}

QTEST_GUILESS_MAIN(tst_CliTls)
#include "tst_clitls.moc"
