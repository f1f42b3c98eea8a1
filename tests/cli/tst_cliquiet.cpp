// SPDX-License-Identifier: GPL-3.0-or-later
// A quiet CLI: --events picks the lines, -q leaves the summary alone, and
// what is not printed is still counted in the summary, which gains the wall
// time, the throughput and the peak RSS.
#include "shared/jsonlines.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

namespace {

QString eventName(const QJsonObject &event)
{
    return event.value(QStringLiteral("event")).toString();
}

} // namespace

class tst_CliQuiet : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void quietConnectPrintsTheSummaryAlone();
    void eventsPicksTheLinesAndCountsTheRest();
    void badEventNamesAreUsageErrors_data();
    void badEventNamesAreUsageErrors();
    void keepLetsTheOldestGoAndCountsIt();
    void badKeepSizeIsAUsageError();

private:
    QProcess m_server;
    QByteArray m_serverOutput;
    quint16 m_port = 0;
};

void tst_CliQuiet::init()
{
    // A server that prints only how it started, accepted and ended: the port
    // still comes on the first line.
    m_server.start(QStringLiteral(TCPI_CLI_PATH),
                   {"listen", "127.0.0.1:0", "--reply", "echo", "--framing", "line",
                    "--kernel-sample", "0", "--exit-after", "1", "--events",
                    "listening,accepted,closed"});
    QVERIFY(m_server.waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    while (!m_server.canReadLine() && clock.elapsed() < 10000)
        m_server.waitForReadyRead(100);
    m_serverOutput = m_server.readLine();
    const QJsonObject listening = QJsonDocument::fromJson(m_serverOutput).object();
    QCOMPARE(eventName(listening), QStringLiteral("listening"));
    m_port = quint16(listening.value(QStringLiteral("port")).toInt());
    QVERIFY(m_port != 0);
}

void tst_CliQuiet::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

void tst_CliQuiet::quietConnectPrintsTheSummaryAlone()
{
    QProcess client;
    client.start(QStringLiteral(TCPI_CLI_PATH),
                 {"connect", QStringLiteral("127.0.0.1:%1").arg(m_port), "--send",
                  "one\\ntwo\\nthree\\n", "--half-close", "--framing", "line", "--kernel-sample",
                  "0", "-q"});
    QVERIFY(client.waitForFinished(20000));
    QCOMPARE(client.exitCode(), 0);
    const QList<QJsonObject> lines = parseJsonLines(client.readAllStandardOutput());
    QCOMPARE(lines.size(), 1);
    const QJsonObject summary = lines.first();
    QCOMPARE(eventName(summary), QStringLiteral("summary"));
    QCOMPARE(summary.value(QStringLiteral("tx_bytes")).toInteger(), 14);
    QCOMPARE(summary.value(QStringLiteral("tx_messages")).toInteger(), 3);
    QCOMPARE(summary.value(QStringLiteral("connections")).toInteger(), 1);
    // The new figures: present, and plausible.
    const qint64 wallMs = summary.value(QStringLiteral("wall_ms")).toInteger(-1);
    QVERIFY2(wallMs >= 0 && wallMs < 20000, qPrintable(QString::number(wallMs)));
    QVERIFY(summary.contains(QStringLiteral("rx_bytes_per_s")));
    QVERIFY(summary.value(QStringLiteral("tx_bytes_per_s")).toInteger(-1) > 0);
    const qint64 rss = summary.value(QStringLiteral("peak_rss_bytes")).toInteger();
    QVERIFY2(rss > 1000000 && rss < 4000000000, qPrintable(QString::number(rss)));
}

void tst_CliQuiet::eventsPicksTheLinesAndCountsTheRest()
{
    QProcess client;
    client.start(QStringLiteral(TCPI_CLI_PATH),
                 {"connect", QStringLiteral("127.0.0.1:%1").arg(m_port), "--send",
                  "one\\ntwo\\nthree\\n", "--half-close", "--framing", "line", "--kernel-sample",
                  "0"});
    QVERIFY(client.waitForFinished(20000));
    QCOMPARE(client.exitCode(), 0);
    QVERIFY(m_server.waitForFinished(20000));
    QCOMPARE(m_server.exitCode(), 0);
    m_serverOutput += m_server.readAllStandardOutput();
    const QList<QJsonObject> lines = parseJsonLines(m_serverOutput);
    QStringList names;
    for (const QJsonObject &line : lines)
        names.append(eventName(line));
    QCOMPARE(names, QStringList({"listening", "accepted", "closed", "summary"}));
    // Not printed, still counted: three lines each way through the echo.
    const QJsonObject summary = lines.last();
    QCOMPARE(summary.value(QStringLiteral("rx_bytes")).toInteger(), 14);
    QCOMPARE(summary.value(QStringLiteral("rx_messages")).toInteger(), 3);
    QCOMPARE(summary.value(QStringLiteral("tx_messages")).toInteger(), 3);
}

void tst_CliQuiet::badEventNamesAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("said");
    QTest::newRow("unknown name") << QStringList {"--events", "accepted,chunks"}
                                  << QStringLiteral("Unknown event 'chunks'");
    QTest::newRow("-q and --events")
        << QStringList {"-q", "--events", "chunk"} << QStringLiteral("-q is --events none");
}

void tst_CliQuiet::badEventNamesAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, said);
    QProcess cli;
    cli.start(QStringLiteral(TCPI_CLI_PATH),
              QStringList {"connect", QStringLiteral("127.0.0.1:%1").arg(m_port)} + arguments);
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardOutput().isEmpty());
    const QString error = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(error.contains(said), qPrintable(error));
    if (said.startsWith(QLatin1String("Unknown")))
        QVERIFY2(error.contains(QLatin1String("chunk, message")), qPrintable(error));
}

void tst_CliQuiet::keepLetsTheOldestGoAndCountsIt()
{
    // 8 MB of lines through a 1 MB ring each way: every byte and line is still
    // counted, and what went is counted as evicted.
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray line = QByteArray(63, 'r') + '\n';
    const int lines = 8 * 1024 * 1024 / 64;
    for (int i = 0; i < lines; ++i)
        file.write(line);
    file.close();
    const qint64 total = qint64(lines) * 64;
    QProcess client;
    client.start(QStringLiteral(TCPI_CLI_PATH),
                 {"connect", QStringLiteral("127.0.0.1:%1").arg(m_port), "--send-file",
                  file.fileName(), "--half-close", "--framing", "line", "--kernel-sample", "0",
                  "--keep", "1M", "-q"});
    QVERIFY(client.waitForFinished(60000));
    QCOMPARE(client.exitCode(), 0);
    const QList<QJsonObject> output = parseJsonLines(client.readAllStandardOutput());
    QCOMPARE(output.size(), 1);
    const QJsonObject summary = output.first();
    qInfo("%s", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    QCOMPARE(summary.value(QStringLiteral("tx_bytes")).toInteger(), total);
    QCOMPARE(summary.value(QStringLiteral("rx_bytes")).toInteger(), total);
    QCOMPARE(summary.value(QStringLiteral("tx_messages")).toInteger(), lines);
    QCOMPARE(summary.value(QStringLiteral("rx_messages")).toInteger(), lines);
    // Each direction keeps at least 1 MB and at most a 64 KiB block more.
    const qint64 evicted = summary.value(QStringLiteral("evicted_bytes")).toInteger(-1);
    const qint64 keep = 1 << 20;
    QVERIFY2(evicted >= 2 * (total - keep - 65536) && evicted <= 2 * (total - keep),
             qPrintable(QString::number(evicted)));
}

void tst_CliQuiet::badKeepSizeIsAUsageError()
{
    QProcess cli;
    cli.start(QStringLiteral(TCPI_CLI_PATH),
              {"connect", QStringLiteral("127.0.0.1:%1").arg(m_port), "--keep", "lots"});
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitCode(), 2);
    const QString error = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("--keep")) && error.contains(QStringLiteral("64K")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_CliQuiet)
#include "tst_cliquiet.moc"
