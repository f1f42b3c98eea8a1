// SPDX-License-Identifier: GPL-3.0-or-later
// S4: an accept error must not kill the server. A listening tcpinspector-cli
// runs with a low descriptor limit, more clients arrive than it can hold, and
// once some leave it serves the rest: no crash, no busy loop, errors reported.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

#include <unistd.h>

namespace {

/// utime + stime of a process, in clock ticks, from /proc.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

} // namespace

class tst_Emfile : public QObject
{
    Q_OBJECT

private slots:
    void acceptErrorsDoNotStopTheServer();

private:
    QList<QJsonObject> readEvents(QProcess &process);
    QList<QJsonObject> m_events;
};

QList<QJsonObject> tst_Emfile::readEvents(QProcess &process)
{
    while (process.canReadLine()) {
        const QJsonDocument doc = QJsonDocument::fromJson(process.readLine());
        if (doc.isObject())
            m_events.append(doc.object());
    }
    return m_events;
}

void tst_Emfile::acceptErrorsDoNotStopTheServer()
{
    QProcess cli;
    // A limit of 40 leaves the CLI room for its own descriptors and a few
    // connections; the shell applies it to the process it execs. Kernel
    // sampling is off: each sock_diag lookup opens a netlink socket, which
    // takes a freed descriptor for a moment and makes accept fail again
    // (a known issue of issue 13's sampler; one shared socket would end it).
    cli.start(QStringLiteral("/bin/bash"),
              {QStringLiteral("-c"),
               QStringLiteral("ulimit -n 40 && exec \"$0\" listen 127.0.0.1:0 --reply echo "
                              "--framing line --backlog 128 --kernel-sample 0"),
               QStringLiteral(TCPI_CLI_PATH)});
    QVERIFY(cli.waitForStarted(5000));
    quint16 port = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonObject &e : readEvents(cli)) {
                if (e.value("event").toString() == QLatin1String("listening"))
                    port = quint16(e.value("port").toInt());
            }
            return port != 0;
        }(),
        5000);

    // More clients than the CLI has descriptors: the kernel completes their
    // handshakes into the backlog; accepting them fails with EMFILE.
    const int count = 60;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    auto connectOne = [&] {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QStringLiteral("127.0.0.1"), port);
    };
    // One client first, accepted alone: the accept loop then meets EAGAIN
    // before it ever meets EMFILE. That order made QTcpServer spin without a
    // word (Qt 6.4 keeps the first error, EAGAIN, and reads EMFILE as
    // temporary), which is why the server accepts on its own descriptor.
    connectOne();
    QVERIFY(clients.back()->waitForConnected(5000));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonObject &e : readEvents(cli)) {
                if (e.value("event").toString() == QLatin1String("accepted"))
                    return true;
            }
            return false;
        }(),
        5000);
    while (int(clients.size()) < count)
        connectOne();
    for (auto &client : clients)
        QVERIFY(client->waitForConnected(5000));

    auto countEvents = [&](const QString &name, const QString &code = {}) {
        int n = 0;
        for (const QJsonObject &e : readEvents(cli)) {
            if (e.value("event").toString() == name
                && (code.isEmpty() || e.value("code").toString() == code))
                ++n;
        }
        return n;
    };
    auto lastEvents = [&] {
        QStringList names;
        for (const QJsonObject &e :
             readEvents(cli).mid(std::max<qsizetype>(0, m_events.size() - 8)))
            names.append(e.value("event").toString() + QLatin1Char('/')
                         + e.value("code").toString());
        return QStringLiteral("%1 events, last: %2; stderr: %3")
            .arg(m_events.size())
            .arg(names.join(QLatin1Char(' ')), QString::fromLocal8Bit(cli.readAllStandardError()));
    };
    QTRY_VERIFY2_WITH_TIMEOUT(countEvents("error", "too_many_files") > 0, qPrintable(lastEvents()),
                              15000);
    const int acceptedWhileFull = countEvents("accepted");
    QVERIFY2(acceptedWhileFull > 0 && acceptedWhileFull < count,
             qPrintable(QString::number(acceptedWhileFull)));

    // Paused accepting with a growing retry delay, not a readable listener
    // polled in a loop: the CPU the CLI uses over half a second stays small.
    const qint64 before = cpuTicks(cli.processId());
    QTest::qWait(500);
    const qint64 spent = cpuTicks(cli.processId()) - before;
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    QVERIFY2(spent * 4 < ticksPerSecond, qPrintable(QString::number(spent)));
    qInfo("accepted %d of %d before running out, %d accept errors, %lld CPU ticks in 0.5 s",
          acceptedWhileFull, count, countEvents("error", "too_many_files"), spent);
    QCOMPARE(cli.state(), QProcess::Running);

    // The accepted ones leave; the CLI closes their descriptors and then
    // accepts and serves everyone still waiting.
    QSet<quint16> acceptedPorts;
    for (const QJsonObject &e : readEvents(cli)) {
        if (e.value("event").toString() == QLatin1String("accepted"))
            acceptedPorts.insert(quint16(e.value("peer").toString().section(':', -1).toUInt()));
    }
    std::vector<std::unique_ptr<QTcpSocket>> waiting;
    for (auto &client : clients) {
        if (acceptedPorts.contains(client->localPort()))
            client->disconnectFromHost();
        else
            waiting.push_back(std::move(client));
    }
    QVERIFY(!waiting.empty());
    // A few at a time, so that the freed descriptors are enough.
    const int batch = 10;
    for (size_t first = 0; first < waiting.size(); first += batch) {
        const size_t last = std::min(waiting.size(), first + batch);
        for (size_t i = first; i < last; ++i)
            waiting[i]->write(QByteArray("ping ") + QByteArray::number(qint64(i)) + '\n');
        for (size_t i = first; i < last; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(waiting[i]->canReadLine(), 10000);
            QCOMPARE(waiting[i]->readLine(),
                     QByteArray("ping ") + QByteArray::number(qint64(i)) + '\n');
            waiting[i]->disconnectFromHost();
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(countEvents("accepted"), count, 10000);

    cli.terminate();
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 0);
    readEvents(cli);
    QCOMPARE(m_events.last().value("event").toString(), QStringLiteral("summary"));
    QCOMPARE(m_events.last().value("connections").toInt(), count);
}

QTEST_GUILESS_MAIN(tst_Emfile)
#include "tst_emfile.moc"
