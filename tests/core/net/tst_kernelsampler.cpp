// SPDX-License-Identifier: GPL-3.0-or-later
// KernelSampler on a real loopback connection: it reports the kernel's state
// when it changes, not every sample, and after the socket is gone follows the
// connection into TIME_WAIT through sock_diag.
#include "net/kernelsampler.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace TcpInspector;

class tst_KernelSampler : public QObject
{
    Q_OBJECT

private slots:
    void reportsChangesThenFollowsTheClose();
    void nothingWithoutASocket();
    void noLookupsWhenItNeverSampled();
    void keepaliveProbesBetween_data();
    void keepaliveProbesBetween();
};

namespace {

QString addressText(const QHostAddress &address, quint16 port)
{
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace

void tst_KernelSampler::reportsChangesThenFollowsTheClose()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    QVERIFY(accepted);
    const QString local = addressText(client.localAddress(), client.localPort());
    const QString peer = addressText(client.peerAddress(), client.peerPort());

    int fd = int(client.socketDescriptor());
    KernelSampler sampler([&fd] { return fd; });
    QList<KernelSample> reports;
    connect(&sampler, &KernelSampler::changed, this,
            [&](const KernelSample &sample) { reports.append(sample); });
    sampler.start(10);
    // The first sample is taken at once.
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports[0].state, KernelState::Established);
    QVERIFY(reports[0].cwnd > 0);
    QCOMPARE(sampler.last().state, KernelState::Established);
    QVERIFY(sampler.isSampling());
    // An idle connection does not change: samples go on, reports do not.
    QTest::qWait(80);
    QCOMPARE(reports.size(), 1);

    // We close first (FIN), the peer closes too: our side ends in TIME_WAIT,
    // which only sock_diag can still see once the socket is gone.
    client.disconnectFromHost();
    if (client.state() != QAbstractSocket::UnconnectedState)
        QVERIFY(client.waitForDisconnected(5000));
    fd = -1;
    sampler.socketClosed(local, peer);
    QVERIFY(!sampler.isSampling());
    accepted->close();
    QTRY_COMPARE_WITH_TIMEOUT(sampler.last().state, KernelState::TimeWait, 10000);
    QCOMPARE(reports.back().state, KernelState::TimeWait);
    QVERIFY(reports.back().timeWaitMs > 0);
    // Settled: TIME_WAIT is reported once, and the lookups stop.
    QTest::qWait(200);
    int timeWaits = 0;
    for (const KernelSample &sample : reports)
        timeWaits += sample.state == KernelState::TimeWait;
    QCOMPARE(timeWaits, 1);
}

void tst_KernelSampler::nothingWithoutASocket()
{
    KernelSampler sampler([] { return -1; });
    int reports = 0;
    connect(&sampler, &KernelSampler::changed, this, [&] { ++reports; });
    sampler.start(10);
    QTest::qWait(50);
    QCOMPARE(reports, 0);
    QCOMPARE(sampler.last().state, KernelState::Unknown);
}

void tst_KernelSampler::noLookupsWhenItNeverSampled()
{
    KernelSampler sampler([] { return -1; });
    int reports = 0;
    connect(&sampler, &KernelSampler::changed, this, [&] { ++reports; });
    // Sampling was off: nobody asked for the kernel's view after close either.
    sampler.socketClosed(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
    QTest::qWait(150);
    QCOMPARE(reports, 0);
}

namespace {

/// A sample and its counters: what the sampler compares.
struct Look
{
    KernelSample sample;
    KernelCounters counters;
};

/// An idle connection with SO_KEEPALIVE, as the kernel shows it.
Look idleLook()
{
    Look look;
    look.sample.state = KernelState::Established;
    look.sample.timer = KernelTimer::Keepalive;
    look.sample.probes = 0;
    look.sample.sendQueue = 0;
    look.sample.recvQueue = 0;
    look.counters.idleMs = 1500;
    look.counters.segsOut = 10;
    look.counters.dataSegsOut = 3;
    look.counters.dataSegsIn = 2;
    return look;
}

} // namespace

Q_DECLARE_METATYPE(Look)

void tst_KernelSampler::keepaliveProbesBetween_data()
{
    QTest::addColumn<Look>("before");
    QTest::addColumn<Look>("after");
    QTest::addColumn<int>("probes");

    const Look idle = idleLook();
    Look probed = idle;
    probed.counters.segsOut = 11;
    QTest::newRow("one segment out, no data") << idle << probed << 1;
    QTest::newRow("nothing sent") << idle << idle << 0;

    Look withoutKeepalive = idle;
    withoutKeepalive.sample.timer = KernelTimer::None;
    Look afterWithout = probed;
    afterWithout.sample.timer = KernelTimer::None;
    QTest::newRow("no keepalive timer") << withoutKeepalive << afterWithout << 0;

    Look data = probed;
    data.counters.dataSegsOut = 4;
    QTest::newRow("data went out") << idle << data << 0;
    Look dataIn = probed;
    dataIn.counters.dataSegsIn = 3;
    QTest::newRow("data came in") << idle << dataIn << 0;

    // The delayed ACK of data that came just before the first look.
    Look justReceived = idle;
    justReceived.counters.idleMs = 40;
    QTest::newRow("delayed ACK") << justReceived << probed << 0;

    Look unread = idle;
    unread.sample.recvQueue = 100;
    QTest::newRow("window update after a read") << unread << probed << 0;

    Look unanswered = idle;
    unanswered.counters.segsOut = -1;
    Look unansweredAfter = unanswered;
    unansweredAfter.sample.probes = 2;
    QTest::newRow("tcpi_probes rose") << unanswered << unansweredAfter << 2;

    Look wrapped = idle;
    wrapped.counters.segsOut = 0xffffffffLL;
    Look wrappedAfter = idle;
    wrappedAfter.counters.segsOut = 0;
    QTest::newRow("counter wraps") << wrapped << wrappedAfter << 1;

    Look closing = probed;
    closing.sample.state = KernelState::FinWait1;
    QTest::newRow("a FIN, not a probe") << idle << closing << 0;
}

void tst_KernelSampler::keepaliveProbesBetween()
{
    QFETCH(Look, before);
    QFETCH(Look, after);
    QFETCH(int, probes);
    QCOMPARE(TcpInspector::keepaliveProbesBetween(before.sample, before.counters, after.sample,
                                                  after.counters),
             probes);
}

QTEST_GUILESS_MAIN(tst_KernelSampler)
#include "tst_kernelsampler.moc"
