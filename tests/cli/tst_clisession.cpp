// SPDX-License-Identifier: GPL-3.0-or-later
// --save, show and export against real peers: a saved run prints again as
// the very lines the live run printed; the raw bytes decode to the same
// messages; a damaged or newer file says what is wrong, with its exit code.
#include "shared/jsonlines.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class tst_CliSession : public QObject
{
    Q_OBJECT

private slots:
    void showPrintsTheLiveLinesAgain_data();
    void showPrintsTheLiveLinesAgain();
    void quietRunKeepsEveryLine();
    void runSavesEveryConnection_data();
    void runSavesEveryConnection();
    void runSaveFailsWithThree();
    void exportsReadBack();
    void damagedFilesSayWhatIsWrong();

private:
    /// Runs the CLI to the end; its stdout, and the exit code in *code.
    static QByteArray cli(const QStringList &arguments, int *code, QByteArray *errors = nullptr);
    /// A listen --reply echo server of our own, on a port it chose; the port.
    quint16 startEcho(QProcess *server);
    /// A saved connect run against an echo server: the live lines.
    QByteArray saveRun(const QString &path, const QStringList &extra);

    QTemporaryDir m_dir;
};

QByteArray tst_CliSession::cli(const QStringList &arguments, int *code, QByteArray *errors)
{
    QProcess process;
    process.start(QStringLiteral(TCPI_CLI_PATH), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    *code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (errors)
        *errors = process.readAllStandardError();
    return process.readAllStandardOutput();
}

quint16 tst_CliSession::startEcho(QProcess *server)
{
    server->start(QStringLiteral(TCPI_CLI_PATH), {"listen", "127.0.0.1:0", "--reply", "echo",
                                                  "--exit-after", "1", "--events", "listening"});
    if (!server->waitForStarted(10000))
        return 0;
    QElapsedTimer clock;
    clock.start();
    while (!server->canReadLine() && clock.elapsed() < 10000)
        server->waitForReadyRead(100);
    const QJsonObject listening = QJsonDocument::fromJson(server->readLine()).object();
    return quint16(listening.value(QStringLiteral("port")).toInt());
}

QByteArray tst_CliSession::saveRun(const QString &path, const QStringList &extra)
{
    QProcess server;
    const quint16 port = startEcho(&server);
    if (port == 0)
        return QByteArray();
    int code = -1;
    const QByteArray live = cli(
        QStringList {"connect", QStringLiteral("127.0.0.1:%1").arg(port), "--save", path} + extra,
        &code);
    server.waitForFinished(10000);
    return code == 0 ? live : QByteArray();
}

void tst_CliSession::showPrintsTheLiveLinesAgain_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("lines, half-close")
        << QStringList {"--framing", "line", "--send", "one\\ntwo\\nthree\\n", "--half-close"};
    QTest::newRow("fragments, native, kernel samples") << QStringList {
        "--engine",   "native", "--framing",    "length:bytes=2",  "--send", "\\x00\\x05hello",
        "--fragment", "2:20",   "--half-close", "--kernel-sample", "5"};
    QTest::newRow("close after reply")
        << QStringList {"--framing", "line", "--send", "ping\\n", "--close-after-reply"};
}

void tst_CliSession::showPrintsTheLiveLinesAgain()
{
    QFETCH(QStringList, options);
    const QString path
        = m_dir.filePath(QStringLiteral("%1.tcpsession").arg(QTest::currentDataTag()));
    const QByteArray live = saveRun(path, options);
    QVERIFY(!live.isEmpty());
    int code = -1;
    const QByteArray shown = cli({"show", path}, &code);
    QCOMPARE(code, 0);
    // The same lines, times included: they come from the file.
    QCOMPARE(shown, live);
}

void tst_CliSession::quietRunKeepsEveryLine()
{
    const QString path = m_dir.filePath(QStringLiteral("quiet.tcpsession"));
    const QByteArray live
        = saveRun(path, {"--framing", "line", "--send", "a\\nb\\n", "--half-close", "-q"});
    const QList<QJsonObject> summary = parseJsonLines(live);
    QCOMPARE(summary.size(), 1); // -q: the summary alone
    int code = -1;
    const QList<QJsonObject> shown = parseJsonLines(cli({"show", path}, &code));
    QCOMPARE(code, 0);
    // -q chose what to print, not what to keep: show prints everything.
    QVERIFY(shown.size() > 5);
    QCOMPARE(shown.first().value(QStringLiteral("event")).toString(), QStringLiteral("connecting"));
    QCOMPARE(shown.last(), summary.first());
    int messages = 0;
    for (const QJsonObject &line : shown)
        messages += line.value(QStringLiteral("event")).toString() == QLatin1String("message");
    QCOMPARE(messages, 4); // two lines each way
}

void tst_CliSession::runSavesEveryConnection_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("all events") << QStringList();
    QTest::newRow("some events") << QStringList {"--events", "step,message,closed"};
    QTest::newRow("quiet") << QStringList {"-q"};
}

void tst_CliSession::runSavesEveryConnection()
{
    QFETCH(QStringList, options);
    // A peer of its own process, and two files that listen and connect to
    // themselves: the connections of every file, the steps and the narration.
    const QString scenario = m_dir.filePath(QStringLiteral("echo.scn"));
    QFile file(scenario);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("var target\n"
               "connect peer {{target}} framing=line nodelay timeout=5s\n"
               "scenario \"echo\"\n"
               "send peer \"one\\ntwo\\n\"\n"
               "expect peer message \"one\"\n"
               "expect peer message \"two\"\n"
               "half-close peer\n"
               "expect peer state Closed\n");
    file.close();
    QProcess server;
    const quint16 port = startEcho(&server);
    QVERIFY(port != 0);
    const QString path
        = m_dir.filePath(QStringLiteral("run-%1.tcpsession").arg(QTest::currentDataTag()));
    int code = -1;
    QByteArray errors;
    const QByteArray live
        = cli(QStringList {"run", scenario, QStringLiteral(TCPI_EXAMPLES_DIR "/line-exchange.scn"),
                           QStringLiteral(TCPI_EXAMPLES_DIR "/half-close.scn"), "--var",
                           QStringLiteral("target=127.0.0.1:%1").arg(port), "--save", path}
                  + options,
              &code, &errors);
    QVERIFY2(code == 0, errors.constData());
    QVERIFY(server.waitForFinished(10000));
    // The same lines, with the same selection: byte for byte.
    const QByteArray shown = cli(QStringList {"show", path} + options, &code, &errors);
    QVERIFY2(code == 0, errors.constData());
    QCOMPARE(shown, live);
    // Every connection: one to the peer, two in each of the other files.
    const QList<QJsonObject> all = parseJsonLines(cli({"show", path, "--events", "all"}, &code));
    QCOMPARE(code, 0);
    QSet<int> connections;
    int steps = 0;
    int says = 0;
    for (const QJsonObject &line : all) {
        if (line.contains(QStringLiteral("conn")))
            connections.insert(line.value(QStringLiteral("conn")).toInt());
        steps += line.value(QStringLiteral("event")).toString() == QLatin1String("step");
        says += line.value(QStringLiteral("event")).toString() == QLatin1String("say");
    }
    QCOMPARE(connections.size(), 5);
    QVERIFY(steps > 20);
    QCOMPARE(says, 3);
    // The steps before a file's first "scenario" are a scenario of their own: 2 + 4 + 1.
    QCOMPARE(all.last().value(QStringLiteral("scenarios")).toInt(), 7);
}

void tst_CliSession::runSaveFailsWithThree()
{
    // A folder that does not exist: the run passes, the file cannot be written.
    int code = -1;
    QByteArray errors;
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/run.tcpsession"));
    const QList<QJsonObject> lines = parseJsonLines(
        cli({"run", QStringLiteral(TCPI_EXAMPLES_DIR "/line-exchange.scn"), "-q", "--save", path},
            &code, &errors));
    QCOMPARE(code, 3);
    QVERIFY2(errors.contains("--save"), errors.constData());
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().value(QStringLiteral("steps_failed")).toInt(), 0);
    QVERIFY(!QFile::exists(path));
}

void tst_CliSession::exportsReadBack()
{
    const QString path = m_dir.filePath(QStringLiteral("export.tcpsession"));
    QVERIFY(
        !saveRun(path, {"--framing", "line", "--send", "one\\ntwo\\n", "--half-close"}).isEmpty());
    int code = -1;
    const QByteArray raw = cli({"export", "--raw-rx", "-", path}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(raw, QByteArray("one\ntwo\n"));
    // The raw bytes decode to the messages show printed.
    const QString rawPath = m_dir.filePath(QStringLiteral("rx.bin"));
    QVERIFY(cli({"export", "--raw-rx", rawPath, path}, &code).isEmpty());
    QCOMPARE(code, 0);
    const QList<QJsonObject> decoded
        = parseJsonLines(cli({"decode", "--framing", "line", rawPath}, &code));
    QCOMPARE(decoded.size(), 3); // two messages and the summary
    QCOMPARE(decoded.at(1).value(QStringLiteral("preview")).toString(), QStringLiteral("two"));

    const QByteArray csv = cli({"export", "--csv", "-", path}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(csv.count('\n'), 1 + 4); // a header, two lines each way
    const QString capture = m_dir.filePath(QStringLiteral("capture.pcapng"));
    cli({"export", "--pcapng", capture, path}, &code);
    QCOMPARE(code, 0);
    QFile pcapng(capture);
    QVERIFY(pcapng.open(QIODevice::ReadOnly));
    QCOMPARE(pcapng.read(4), QByteArray("\x0a\x0d\x0d\x0a", 4));

    QByteArray errors;
    cli({"export", path}, &code, &errors);
    QCOMPARE(code, 2);
    QVERIFY(errors.contains("--pcapng"));
    cli({"export", "--raw-rx", "-", "--conn", "9", path}, &code, &errors);
    QCOMPARE(code, 2);
    QVERIFY2(errors.contains("has 1"), errors.constData());
}

void tst_CliSession::damagedFilesSayWhatIsWrong()
{
    const QString path = m_dir.filePath(QStringLiteral("whole.tcpsession"));
    const QByteArray live
        = saveRun(path, {"--framing", "line", "--send", "one\\ntwo\\n", "--half-close"});
    QVERIFY(!live.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();

    const QString cut = m_dir.filePath(QStringLiteral("cut.tcpsession"));
    QFile cutFile(cut);
    QVERIFY(cutFile.open(QIODevice::WriteOnly));
    cutFile.write(whole.left(whole.size() / 2));
    cutFile.close();
    int code = -1;
    QByteArray errors;
    const QByteArray shown = cli({"show", cut}, &code, &errors);
    QCOMPARE(code, 1);
    QVERIFY2(errors.contains("offset"), errors.constData());
    // What comes before the cut still prints, as it was (the command's own
    // lines come last in the file: the cut took them).
    QVERIFY(!shown.isEmpty());
    const QByteArray first = shown.left(shown.indexOf('\n') + 1);
    QVERIFY2(live.contains(first), shown.constData());

    QByteArray newer = whole;
    newer[8] = 2; // the major version
    const QString newerPath = m_dir.filePath(QStringLiteral("newer.tcpsession"));
    QFile newerFile(newerPath);
    QVERIFY(newerFile.open(QIODevice::WriteOnly));
    newerFile.write(newer);
    newerFile.close();
    QVERIFY(cli({"show", newerPath}, &code, &errors).isEmpty());
    QCOMPARE(code, 2);
    QVERIFY2(errors.contains("newer"), errors.constData());

    QVERIFY(cli({"show", m_dir.filePath(QStringLiteral("missing.tcpsession"))}, &code, &errors)
                .isEmpty());
    QCOMPARE(code, 1);
    QVERIFY(!errors.isEmpty());
}

QTEST_GUILESS_MAIN(tst_CliSession)
#include "tst_clisession.moc"
