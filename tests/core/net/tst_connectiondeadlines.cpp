// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionDeadlines: the write-stall check on an injected clock and queue,
// and the idle and peer-close timers on real (short) timers.
#include "net/connectiondeadlines.h"

#include <QElapsedTimer>
#include <QTest>

using namespace TcpInspector;

class tst_ConnectionDeadlines : public QObject
{
    Q_OBJECT

private slots:
    void writeStall_data();
    void writeStall();
    void stallCheckOffDoesNothing();
    void idleTimeoutFiresAndRestarts();
    void idleTimeoutOff();
    void peerCloseTimeout();
    void stopAllEndsEveryDeadline();
};

namespace {

constexpr qint64 ms = 1000000;
using Steps = QList<QPair<int, int>>;

/// A clock and a queue the test moves by hand.
struct Fake
{
    qint64 nowNs = 0;
    qint64 queued = 0;
    ConnectionDeadlines::Measure clock()
    {
        return [this] {
            return nowNs;
        };
    }
    ConnectionDeadlines::Measure queue()
    {
        return [this] {
            return queued;
        };
    }
};

} // namespace

void tst_ConnectionDeadlines::writeStall_data()
{
    // Steps of (time ms, queued bytes) checked against a 100 ms threshold,
    // and after which step a stall is reported (its queued bytes).
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<QList<int>>("reports");
    QTest::newRow("stuck") << Steps {{0, 10}, {50, 10}, {100, 10}, {150, 10}}
                           << QList<int> {-1, -1, 10, -1};
    QTest::newRow("draining never stalls")
        << Steps {{0, 50}, {60, 40}, {120, 30}, {180, 20}, {240, 10}}
        << QList<int> {-1, -1, -1, -1, -1};
    QTest::newRow("growing stalls")
        << Steps {{0, 10}, {60, 20}, {120, 30}} << QList<int> {-1, -1, 30};
    QTest::newRow("empty never stalls")
        << Steps {{0, 0}, {200, 0}, {400, 0}} << QList<int> {-1, -1, -1};
    QTest::newRow("again after progress")
        << Steps {{0, 10}, {100, 10}, {150, 5}, {200, 5}, {250, 5}, {260, 5}}
        << QList<int> {-1, 10, -1, -1, 5, -1};
}

void tst_ConnectionDeadlines::writeStall()
{
    QFETCH(Steps, steps);
    QFETCH(QList<int>, reports);
    Fake fake;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    QList<qint64> stalls;
    connect(&deadlines, &ConnectionDeadlines::writeStalled, this,
            [&](qint64 queued) { stalls.append(queued); });
    deadlines.setWriteStallThreshold(100);
    QCOMPARE(deadlines.writeStallThreshold(), 100);
    for (int i = 0; i < steps.size(); ++i) {
        fake.nowNs = steps[i].first * ms;
        fake.queued = steps[i].second;
        const qsizetype before = stalls.size();
        deadlines.checkWriteStall();
        if (reports[i] < 0) {
            QVERIFY2(stalls.size() == before, qPrintable(QString::number(i)));
        } else {
            QCOMPARE(stalls.size(), before + 1);
            QCOMPARE(stalls.back(), qint64(reports[i]));
        }
    }
}

void tst_ConnectionDeadlines::stallCheckOffDoesNothing()
{
    Fake fake;
    fake.queued = 100;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    int stalls = 0;
    connect(&deadlines, &ConnectionDeadlines::writeStalled, this, [&] { ++stalls; });
    deadlines.setWriteStallThreshold(0);
    fake.nowNs = 10000 * ms;
    deadlines.checkWriteStall();
    QCOMPARE(stalls, 0);
    // Negative is off too.
    deadlines.setWriteStallThreshold(-5);
    QCOMPARE(deadlines.writeStallThreshold(), 0);
}

void tst_ConnectionDeadlines::idleTimeoutFiresAndRestarts()
{
    Fake fake;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    int fired = 0;
    connect(&deadlines, &ConnectionDeadlines::idleTimedOut, this, [&] { ++fired; });
    QElapsedTimer clock;
    clock.start();
    deadlines.setIdleTimeout(200);
    QTest::qWait(50);
    QCOMPARE(fired, 0);
    deadlines.restartIdle(); // a read: the deadline starts over
    QTRY_COMPARE(fired, 1);
    // Never early: a deadline that fires early is a wrong lesson.
    QVERIFY(clock.elapsed() >= 250);
    QTest::qWait(100);
    QCOMPARE(fired, 1); // single shot until the next read
}

void tst_ConnectionDeadlines::idleTimeoutOff()
{
    Fake fake;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    int fired = 0;
    connect(&deadlines, &ConnectionDeadlines::idleTimedOut, this, [&] { ++fired; });
    deadlines.setIdleTimeout(20);
    deadlines.setIdleTimeout(0);
    deadlines.restartIdle();
    QTest::qWait(80);
    QCOMPARE(fired, 0);
    QCOMPARE(deadlines.idleTimeout(), 0);
}

void tst_ConnectionDeadlines::peerCloseTimeout()
{
    Fake fake;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    int fired = 0;
    connect(&deadlines, &ConnectionDeadlines::peerCloseTimedOut, this, [&] { ++fired; });
    deadlines.waitForPeerClose(30);
    QVERIFY(deadlines.isWaitingForPeerClose());
    deadlines.waitForPeerClose(5000); // already waiting: the first wait holds
    QTRY_COMPARE(fired, 1);
    QVERIFY(!deadlines.isWaitingForPeerClose());
    deadlines.waitForPeerClose(30);
    deadlines.stopWaitingForPeerClose();
    QTest::qWait(80);
    QCOMPARE(fired, 1);
}

void tst_ConnectionDeadlines::stopAllEndsEveryDeadline()
{
    Fake fake;
    fake.queued = 10;
    ConnectionDeadlines deadlines(fake.queue(), fake.clock());
    int fired = 0;
    connect(&deadlines, &ConnectionDeadlines::idleTimedOut, this, [&] { ++fired; });
    connect(&deadlines, &ConnectionDeadlines::peerCloseTimedOut, this, [&] { ++fired; });
    deadlines.setIdleTimeout(20);
    deadlines.waitForPeerClose(20);
    deadlines.stopAll();
    // Nothing starts again once the connection has ended.
    deadlines.restartIdle();
    deadlines.setIdleTimeout(20);
    deadlines.waitForPeerClose(20);
    QVERIFY(!deadlines.isWaitingForPeerClose());
    QTest::qWait(80);
    QCOMPARE(fired, 0);
}

QTEST_GUILESS_MAIN(tst_ConnectionDeadlines)
#include "tst_connectiondeadlines.moc"
