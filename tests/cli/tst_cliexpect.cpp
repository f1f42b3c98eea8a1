// SPDX-License-Identifier: GPL-3.0-or-later
// connect --expect: the check a CI script used to make with `nc | grep`. The
// real CLI against the CLI's own echo server and redis-server on loopback;
// the verdict is in the exit code and the expect_* lines.
#include "shared/jsonlines.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QList<QJsonObject> events;
    QString errors;
};

Run runClient(const QStringList &arguments)
{
    QProcess client;
    client.start(QStringLiteral(TCPI_CLI_PATH), QStringList {"connect"} + arguments);
    Run run;
    if (!client.waitForFinished(20000)) {
        client.kill();
        client.waitForFinished(5000);
        return run;
    }
    run.exitCode = client.exitCode();
    run.events = parseJsonLines(client.readAllStandardOutput());
    run.errors = QString::fromUtf8(client.readAllStandardError());
    return run;
}

} // namespace

class tst_CliExpect : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void matchesInOrderPassingOverTheRest();
    void timeoutFailsWithWhatCame();
    void peerClosingFirstFails();
    void badPatternIsAUsageError();
    void refusedIsANetworkErrorNotAFailedExpectation();
    void redisPong();

private:
    /// The CLI's own line server: echo, or close after the first reply.
    quint16 startServer(const QStringList &extra);

    QProcess m_server;
};

quint16 tst_CliExpect::startServer(const QStringList &extra)
{
    m_server.start(QStringLiteral(TCPI_CLI_PATH),
                   QStringList {"listen", "127.0.0.1:0", "--framing", "line", "--kernel-sample",
                                "0", "--events", "listening"}
                       + extra);
    if (!m_server.waitForStarted(10000))
        return 0;
    QElapsedTimer clock;
    clock.start();
    while (!m_server.canReadLine() && clock.elapsed() < 10000)
        m_server.waitForReadyRead(100);
    const QJsonObject listening = QJsonDocument::fromJson(m_server.readLine()).object();
    return quint16(listening.value(QStringLiteral("port")).toInt());
}

void tst_CliExpect::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

void tst_CliExpect::matchesInOrderPassingOverTheRest()
{
    const quint16 port = startServer({"--reply", "echo-message"});
    QVERIFY(port != 0);
    // The echo server never closes: the client ends because both matched.
    QElapsedTimer clock;
    clock.start();
    const Run run = runClient({QStringLiteral("127.0.0.1:%1").arg(port), "--framing", "line",
                               "--send", "hello\\nnoise\\ntoken=ab12\\n", "--expect", "^hello$",
                               "--expect", "token=(\\w+)", "--kernel-sample", "0"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(clock.elapsed() < 5000, "the run waited for something after the last match");
    const auto matched = jsonEventsNamed(run.events, QStringLiteral("expect_matched"));
    QCOMPARE(matched.size(), 2);
    QCOMPARE(matched[0].value("index").toInt(), 1);
    QCOMPARE(matched[0].value("message").toInt(), 0);
    QCOMPARE(matched[0].value("preview").toString(), QStringLiteral("hello"));
    QCOMPARE(matched[1].value("index").toInt(), 2);
    QCOMPARE(matched[1].value("message").toInt(), 2); // "noise" passed over
    QCOMPARE(matched[1].value("expected").toString(), QStringLiteral("token=(\\w+)"));
    QVERIFY(jsonEventsNamed(run.events, QStringLiteral("expect_failed")).isEmpty());
    QCOMPARE(run.events.last().value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(run.events.last().value("expect_failed").toInt(), 0);
}

void tst_CliExpect::timeoutFailsWithWhatCame()
{
    const quint16 port = startServer({"--reply", "echo-message"});
    QVERIFY(port != 0);
    const Run run = runClient({QStringLiteral("127.0.0.1:%1").arg(port), "--framing", "line",
                               "--send", "one\\ntwo\\n", "--expect", "^one$", "--expect", "^three$",
                               "--expect-timeout", "300", "--kernel-sample", "0"});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(jsonEventsNamed(run.events, QStringLiteral("expect_matched")).size(), 1);
    const auto failed = jsonEventsNamed(run.events, QStringLiteral("expect_failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0].value("index").toInt(), 2);
    QCOMPARE(failed[0].value("expected").toString(), QStringLiteral("^three$"));
    QCOMPARE(failed[0].value("reason").toString(), QStringLiteral("timeout"));
    QVERIFY(failed[0].value("waited_ms").toInt() >= 300);
    QCOMPARE(failed[0].value("received_messages").toInt(), 1);
    QCOMPARE(failed[0].value("received").toString(), QStringLiteral("two"));
    QCOMPARE(run.events.last().value("expect_failed").toInt(), 1);
}

void tst_CliExpect::peerClosingFirstFails()
{
    const quint16 port = startServer({"--reply", "text:bye\\n", "--close-after-reply"});
    QVERIFY(port != 0);
    const Run run = runClient({QStringLiteral("127.0.0.1:%1").arg(port), "--framing", "line",
                               "--send", "hi\\n", "--expect", "welcome", "--expect-timeout",
                               "10000", "--kernel-sample", "0"});
    QCOMPARE(run.exitCode, 1);
    const auto failed = jsonEventsNamed(run.events, QStringLiteral("expect_failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed[0].value("reason").toString(), QStringLiteral("closed"));
    QCOMPARE(failed[0].value("received").toString(), QStringLiteral("bye"));
    QVERIFY(failed[0].value("waited_ms").toInt() < 10000);
}

void tst_CliExpect::badPatternIsAUsageError()
{
    const Run run = runClient({"127.0.0.1:9", "--expect", "+OK"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.events.isEmpty());
    QVERIFY2(run.errors.contains(QStringLiteral("--expect '+OK'")), qPrintable(run.errors));
    QVERIFY2(run.errors.contains(QStringLiteral("backslash")), qPrintable(run.errors));
}

void tst_CliExpect::refusedIsANetworkErrorNotAFailedExpectation()
{
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const Run run = runClient(
        {QStringLiteral("127.0.0.1:%1").arg(port), "--expect", "x", "--kernel-sample", "0"});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(jsonEventsNamed(run.events, QStringLiteral("expect_failed")).isEmpty());
    QCOMPARE(jsonEventsNamed(run.events, QStringLiteral("error")).first().value("code").toString(),
             QStringLiteral("refused"));
}

void tst_CliExpect::redisPong()
{
    if (QStandardPaths::findExecutable(QStringLiteral("redis-server")).isEmpty())
        QSKIP("redis-server is not installed");
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcess redis;
    redis.start(QStringLiteral("redis-server"), {"--port", QString::number(port), "--bind",
                                                 "127.0.0.1", "--save", "", "--appendonly", "no"});
    QVERIFY(redis.waitForStarted(10000));
    const auto stopRedis = qScopeGuard([&redis] {
        redis.terminate();
        redis.waitForFinished(5000);
    });
    QVERIFY(QTest::qWaitFor(
        [port] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            return socket.waitForConnected(200);
        },
        10000));
    const QStringList send {"--send", "*1\\r\\n$4\\r\\nPING\\r\\n"};
    const QString target = QStringLiteral("127.0.0.1:%1").arg(port);
    const Run pong = runClient(
        QStringList {target, "--framing", "resp", "--expect", "^PONG$", "--kernel-sample", "0"}
        + send);
    QCOMPARE(pong.exitCode, 0);
    QCOMPARE(jsonEventsNamed(pong.events, QStringLiteral("expect_matched")).size(), 1);
    const Run wrong = runClient(QStringList {target, "--framing", "resp", "--expect", "^PANG$",
                                             "--expect-timeout", "300", "--kernel-sample", "0"}
                                + send);
    QCOMPARE(wrong.exitCode, 1);
    QCOMPARE(
        jsonEventsNamed(wrong.events, QStringLiteral("expect_failed")).first().value("received"),
        QStringLiteral("PONG"));
}

QTEST_GUILESS_MAIN(tst_CliExpect)
#include "tst_cliexpect.moc"
