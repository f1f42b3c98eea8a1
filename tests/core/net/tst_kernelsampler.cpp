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

QTEST_GUILESS_MAIN(tst_KernelSampler)
#include "tst_kernelsampler.moc"
