// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped scenario examples, run by the real CLI against the real peers
// they are written for: redis-server, nginx (a minimal configuration in a
// temporary directory, no root needed), socat as an external echo server,
// and the app's own server for the self-contained ones. Then expectations
// that fail against a real peer, and Ctrl+C in a long wait.
#include "shared/clirun.h"
#include "shared/jsonlines.h"
#include "shared/peerserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

CliRun runCli(const QStringList &arguments)
{
    return runCliScenarios(QStringLiteral(TCPI_CLI_PATH), arguments);
}

QString example(const QString &name)
{
    return QStringLiteral(TCPI_EXAMPLES_DIR "/") + name;
}

/// Step lines of a file that all passed: "LINE passed" for each step line.
QStringList allPassed(const QList<int> &lines)
{
    QStringList all;
    for (int line : lines)
        all.append(QStringLiteral("%1 passed").arg(line));
    return all;
}

} // namespace

class tst_CliExamples : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void examplesPass_data();
    void examplesPass();
    void failingExpectations_data();
    void failingExpectations();
    void echoServerWithReadAndKernel();
    void ctrlCInALongWait_data();
    void ctrlCInALongWait();

private:
    /// Starts the peer a row names ("redis", "nginx", "socat"); QSKIP when
    /// its program is missing. Empty name: no peer (the file listens itself).
    bool startPeer(const QString &name, PeerServer &peer);
    bool writeNginxConfig(const QString &nginx, quint16 port);
    QString write(const QString &name, const QByteArray &text);

    QTemporaryDir m_dir;
};

void tst_CliExamples::init()
{
    QVERIFY(m_dir.isValid());
}

QString tst_CliExamples::write(const QString &name, const QByteArray &text)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(text);
    return file.fileName();
}

bool tst_CliExamples::writeNginxConfig(const QString &nginx, quint16 port)
{
    // The compiled-in temporary paths are under /var/lib/nginx, which a
    // user cannot create: each module's goes to the temporary directory,
    // for the modules this build has (nginx-light leaves some out).
    QProcess version;
    version.start(nginx, {"-V"});
    version.waitForFinished(5000);
    const QByteArray built = version.readAllStandardError() + version.readAllStandardOutput();
    QByteArray temp = "client_body_temp_path " + m_dir.filePath("body").toUtf8() + ";\n";
    for (const char *module : {"proxy", "fastcgi", "uwsgi", "scgi"}) {
        if (!built.contains(QByteArray("--without-http_") + module + "_module"))
            temp += QByteArray(module) + "_temp_path " + m_dir.filePath(module).toUtf8() + ";\n";
    }
    const QByteArray config = "daemon off;\n"
                              "master_process off;\n"
                              "pid "
                              + m_dir.filePath("nginx.pid").toUtf8()
                              + ";\n"
                                "error_log "
                              + m_dir.filePath("error.log").toUtf8()
                              + ";\n"
                                "events { worker_connections 64; }\n"
                                "http {\n"
                                "access_log off;\n"
                              + temp
                              + "server {\n"
                                "listen 127.0.0.1:"
                              + QByteArray::number(port)
                              + ";\n"
                                "location / { return 200 \"hello\\n\"; }\n"
                                "}\n"
                                "}\n";
    return !write(QStringLiteral("nginx.conf"), config).isEmpty();
}

bool tst_CliExamples::startPeer(const QString &name, PeerServer &peer)
{
    if (name.isEmpty())
        return true;
    const QString program
        = PeerServer::find(name == QLatin1String("redis") ? QStringLiteral("redis-server") : name);
    if (program.isEmpty())
        return false;
    PeerServer::Arguments arguments;
    if (name == QLatin1String("redis")) {
        arguments = [this](quint16 port) {
            return QStringList {"--port",       QString::number(port),
                                "--bind",       "127.0.0.1",
                                "--save",       "",
                                "--appendonly", "no",
                                "--dir",        m_dir.path(),
                                "--daemonize",  "no",
                                "--loglevel",   "warning"};
        };
    } else if (name == QLatin1String("nginx")) {
        arguments = [this, program](quint16 port) {
            writeNginxConfig(program, port);
            return QStringList {"-p", m_dir.path(),
                                "-c", m_dir.filePath("nginx.conf"),
                                "-e", m_dir.filePath("error.log")};
        };
    } else {
        // An external echo server: each connection gets a cat of its own.
        arguments = [](quint16 port) {
            return QStringList {
                QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(port),
                "EXEC:cat"};
        };
    }
    return peer.start(program, arguments);
}

void tst_CliExamples::examplesPass_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<int>("scenarios");
    QTest::newRow("redis-ping-set-get/redis-server")
        << "redis-ping-set-get.scn"
        << "redis" << QList<int> {9, 12, 13, 17, 18, 19, 20, 23, 24, 25, 26, 27, 28, 29} << 4;
    QTest::newRow("http-keepalive/nginx")
        << "http-keepalive.scn"
        << "nginx" << QList<int> {8, 9, 10, 11, 12, 13, 14, 15} << 1;
    QTest::newRow("reassembly/nginx")
        << "reassembly.scn"
        << "nginx" << QList<int> {10, 11, 12, 13, 16, 17, 18, 19} << 2;
    QTest::newRow("half-close/own server")
        << "half-close.scn"
        << "" << QList<int> {8, 9, 10, 12, 13, 14, 15, 17, 18, 19, 21, 22, 23, 24, 25} << 1;
    QTest::newRow("line-exchange/own server")
        << "line-exchange.scn"
        << ""
        << QList<int> {5, 6, 7, 10, 11, 12, 13, 17, 18, 19, 21, 22, 23, 26, 27, 28, 29, 30, 31}
        << 4;
}

void tst_CliExamples::examplesPass()
{
    QFETCH(QString, file);
    QFETCH(QString, peer);
    QFETCH(QList<int>, lines);
    QFETCH(int, scenarios);
    PeerServer server;
    if (!startPeer(peer, server)) {
        if (PeerServer::find(peer == QLatin1String("redis") ? "redis-server" : peer).isEmpty())
            QSKIP(qPrintable(peer + QStringLiteral(" is not installed")));
        QFAIL(qPrintable(server.why()));
    }
    QStringList arguments {example(file)};
    if (!peer.isEmpty())
        arguments << "--var" << QStringLiteral("target=") + server.target();
    const CliRun run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, run.why().constData());
    QCOMPARE(run.steps(), allPassed(lines));
    const QJsonObject summary = run.summary();
    QCOMPARE(summary.value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value("scenarios").toInt(), scenarios);
    QCOMPARE(summary.value("steps").toInt(), lines.size());
    QCOMPARE(summary.value("steps_failed").toInt(), 0);
    QVERIFY(!run.named(QStringLiteral("message")).isEmpty());
}

void tst_CliExamples::failingExpectations_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("received");
    QTest::newRow("redis") << "redis"
                           << QByteArray("var target\n"
                                         "connect redis {{target}} framing=resp\n"
                                         "send redis \"*1\\r\\n$4\\r\\nPING\\r\\n\"\n"
                                         "expect redis message \"PANG\" within=300ms\n"
                                         "close redis\n")
                           << 4 << "message exact \"PANG\""
                           << "\"PONG\" (the last of 1 messages)";
    QTest::newRow("nginx") << "nginx"
                           << QByteArray("var target\n"
                                         "connect web {{target}} framing=http\n"
                                         "send web \"HEAD /x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n\"\n"
                                         "expect web message prefix \"HTTP/1.1 404\" part=header "
                                         "within=300ms\n")
                           << 4 << "message prefix \"HTTP/1.1 404\""
                           << "\"HTTP/1.1 200 OK\\r\\n";
    QTest::newRow("socat kernel") << "socat"
                                  << QByteArray("var target\n"
                                                "connect echo {{target}}\n"
                                                "expect echo kernel TIME_WAIT within=300ms\n")
                                  << 3 << "kernel TIME_WAIT"
                                  << "ESTABLISHED";
}

void tst_CliExamples::failingExpectations()
{
    QFETCH(QString, peer);
    QFETCH(QByteArray, scenario);
    QFETCH(int, line);
    QFETCH(QString, expected);
    QFETCH(QString, received);
    PeerServer server;
    if (PeerServer::find(peer == QLatin1String("redis") ? "redis-server" : peer).isEmpty())
        QSKIP(qPrintable(peer + QStringLiteral(" is not installed")));
    QVERIFY2(startPeer(peer, server), qPrintable(server.why()));
    const QString file = write(QStringLiteral("failing.scn"), scenario);
    const CliRun run = runCli({file, "--var", QStringLiteral("target=") + server.target()});
    QCOMPARE(run.exitCode, 1);
    const QList<QJsonObject> failed = run.named(QStringLiteral("expect_failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0].value("file").toString(), file);
    QCOMPARE(failed[0].value("line").toInt(), line);
    QVERIFY(failed[0].value("step").toString().startsWith(QStringLiteral("expect ")));
    QCOMPARE(failed[0].value("expected").toString(), expected);
    QVERIFY2(failed[0].value("received").toString().startsWith(received),
             qPrintable(failed[0].value("received").toString()));
    QVERIFY2(failed[0].value("message").toString().startsWith(QStringLiteral("Not within 300 ms")),
             qPrintable(failed[0].value("message").toString()));
    QCOMPARE(run.summary().value("steps_failed").toInt(), 1);
}

void tst_CliExamples::echoServerWithReadAndKernel()
{
    // socat and cat as the server: what a line server in the wild does with
    // lines, a paused reader's one read, and a half-close answered by a close.
    PeerServer server;
    if (PeerServer::find(QStringLiteral("socat")).isEmpty())
        QSKIP("socat is not installed");
    QVERIFY2(startPeer(QStringLiteral("socat"), server), qPrintable(server.why()));
    const QString file = write(QStringLiteral("echo.scn"),
                               "var target\n"
                               "timeout 3s\n"
                               "connect echo {{target}} framing=line engine=native nodelay\n"
                               "scenario \"lines\"\n"
                               "send echo \"PING 1\\nPING 2\\n\"\n"
                               "expect echo message \"PING 1\"\n"
                               "expect echo message \"PING 2\"\n"
                               "scenario \"one read\"\n"
                               "pause echo\n"
                               "send echo \"abcdef\\n\"\n"
                               "read echo 3\n"
                               "expect echo received \"PING 1\\nPING 2\\nabc\"\n"
                               "resume echo\n"
                               "expect echo message \"abcdef\"\n"
                               "scenario \"half-close\"\n"
                               "half-close echo\n"
                               "expect echo state Closed\n"
                               "expect echo kernel TIME_WAIT\n");
    const CliRun run = runCli({file, "--var", QStringLiteral("target=") + server.target()});
    QVERIFY2(run.exitCode == 0, run.why().constData());
    QCOMPARE(run.steps(), allPassed({3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18}));
    QCOMPARE(run.summary().value("scenarios").toInt(), 4);
}

void tst_CliExamples::ctrlCInALongWait_data()
{
    QTest::addColumn<QByteArray>("longStep");
    QTest::addColumn<int>("stepsBefore"); ///< step lines seen before SIGINT
    QTest::newRow("wait") << QByteArray("wait 60s\n") << 1;
    // A stopped expectation is no failed expectation: still 3, not 1.
    QTest::newRow("expect") << QByteArray("expect echo received \"never\" within=60s\n") << 3;
}

void tst_CliExamples::ctrlCInALongWait()
{
    QFETCH(QByteArray, longStep);
    QFETCH(int, stepsBefore);
    PeerServer server;
    if (PeerServer::find(QStringLiteral("socat")).isEmpty())
        QSKIP("socat is not installed");
    QVERIFY2(startPeer(QStringLiteral("socat"), server), qPrintable(server.why()));
    const QString file
        = write(QStringLiteral("long.scn"), "var target\n"
                                            "connect echo {{target}}\n"
                                            "send echo \"hi\\n\"\n"
                                            "expect echo received \"hi\\n\"\n"
                                                + longStep + "send echo \"never\\n\"\n");
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH),
                  {"run", file, "--var", QStringLiteral("target=") + server.target()});
    QVERIFY(process.waitForStarted(10000));
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            process.waitForReadyRead(50);
            seen += process.readAllStandardOutput();
            return seen.count("\"event\":\"step\"") >= stepsBefore;
        },
        10000));
    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(5000));
    const qint64 stopMs = clock.elapsed();
    QVERIFY2(stopMs < 3000, qPrintable(QString::number(stopMs)));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 3);
    seen += process.readAllStandardOutput();
    const QList<QJsonObject> events = parseJsonLines(seen);
    const QJsonObject summary = events.last();
    QCOMPARE(summary.value("event").toString(), QStringLiteral("summary"));
    // Every step of the file is counted: passed, the stopped one, skipped.
    QCOMPARE(summary.value("steps").toInt(), 5);
    QCOMPARE(jsonEventsNamed(events, QStringLiteral("step")).size(), 5);
    QVERIFY(summary.value("steps_skipped").toInt() >= 1);
    QVERIFY(summary.value("steps_failed").toInt() <= 1);
    const QJsonObject last = jsonEventsNamed(events, QStringLiteral("step")).last();
    QCOMPARE(last.value("line").toInt(), 6);
    QCOMPARE(last.value("status").toString(), QStringLiteral("skipped"));
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("SIGINT")));
}

QTEST_GUILESS_MAIN(tst_CliExamples)
#include "tst_cliexamples.moc"
