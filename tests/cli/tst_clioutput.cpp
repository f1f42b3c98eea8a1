// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI writes its JSON lines in batches: none may be lost or reordered on
// the way, the summary still comes last, and "listening" still comes at once
// (a script waits for it to learn the port).
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

class tst_CliOutput : public QObject
{
    Q_OBJECT

private slots:
    void everyMessageLineArrivesInOrder_data();
    void everyMessageLineArrivesInOrder();
};

void tst_CliOutput::everyMessageLineArrivesInOrder_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("qt") << QStringLiteral("qt");
    QTest::newRow("native") << QStringLiteral("native");
}

void tst_CliOutput::everyMessageLineArrivesInOrder()
{
    QFETCH(QString, engine);
    constexpr int lineCount = 50000; // many batches of 256 KiB of output
    QProcess server;
    server.start(QStringLiteral(TCPI_CLI_PATH),
                 {"listen", "127.0.0.1:0", "--framing", "line", "--kernel-sample", "0",
                  "--exit-after", "1", "--idle-timeout", "2000", "--engine", engine});
    QVERIFY(server.waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    while (!server.canReadLine() && clock.elapsed() < 10000)
        server.waitForReadyRead(100);
    const QJsonObject listening = QJsonDocument::fromJson(server.readLine()).object();
    QCOMPARE(listening.value(QStringLiteral("event")).toString(), QStringLiteral("listening"));

    QByteArray sent;
    for (int i = 0; i < lineCount; ++i)
        sent += QByteArray::number(i) + '\n';
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"),
                         quint16(listening.value(QStringLiteral("port")).toInt()));
    QVERIFY(client.waitForConnected(10000));
    client.write(sent);
    while (client.bytesToWrite() > 0 && client.waitForBytesWritten(10000)) { }
    client.disconnectFromHost();

    QVERIFY(server.waitForFinished(60000));
    QCOMPARE(server.exitCode(), 0);
    int messages = 0;
    QJsonObject last;
    for (const QByteArray &line : server.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        last = QJsonDocument::fromJson(line).object();
        QVERIFY2(!last.isEmpty(), line.constData());
        if (last.value(QStringLiteral("event")).toString() != QLatin1String("message"))
            continue;
        QCOMPARE(last.value(QStringLiteral("index")).toInt(), messages);
        QCOMPARE(last.value(QStringLiteral("preview")).toString(), QString::number(messages));
        ++messages;
    }
    QCOMPARE(messages, lineCount);
    QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
    QCOMPARE(last.value(QStringLiteral("rx_messages")).toInt(), lineCount);
}

QTEST_GUILESS_MAIN(tst_CliOutput)
#include "tst_clioutput.moc"
