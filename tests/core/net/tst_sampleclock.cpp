// SPDX-License-Identifier: GPL-3.0-or-later
// KernelSamplers share one timer per thread and interval (SampleClock):
// every one is sampled, past the budget they take turns, and one stopped or
// destroyed, even from inside another's sample, is never called again.
#include "net/kernelsampler.h"
#include "net/sampleclock.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace TcpInspector;

namespace {

/// Samplers whose "descriptor" counts the samples taken (-1: nothing to
/// sample, so nothing is reported and no socket is needed).
struct Counted
{
    std::vector<int> calls;
    std::vector<std::unique_ptr<KernelSampler>> samplers;

    explicit Counted(int count) : calls(size_t(count), 0)
    {
        for (int i = 0; i < count; ++i)
            samplers.push_back(std::make_unique<KernelSampler>([this, i] {
                ++calls[size_t(i)];
                return -1;
            }));
    }
    int least() const { return *std::min_element(calls.begin(), calls.end()); }
    long total() const
    {
        long sum = 0;
        for (int n : calls)
            sum += n;
        return sum;
    }
};

} // namespace

class tst_SampleClock : public QObject
{
    Q_OBJECT

private slots:
    void everySamplerIsSampled_data();
    void everySamplerIsSampled();
    void pastTheBudgetTheyTakeTurns();
    void stoppedOrDestroyedIsNotCalled();
};

void tst_SampleClock::everySamplerIsSampled_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("300") << 300;
}

void tst_SampleClock::everySamplerIsSampled()
{
    QFETCH(int, count);
    Counted counted(count);
    for (auto &sampler : counted.samplers) {
        sampler->start(10);
        QVERIFY(sampler->isSampling());
    }
    QCOMPARE(counted.least(), 1); // start() samples at once
    QTRY_VERIFY_WITH_TIMEOUT(counted.least() >= 4, 5000);
}

void tst_SampleClock::pastTheBudgetTheyTakeTurns()
{
    const int count = SampleClock::samplesPerTick * 2 + 100;
    const int intervalMs = 50;
    Counted counted(count);
    for (auto &sampler : counted.samplers)
        sampler->start(intervalMs);
    QCOMPARE(counted.total(), long(count));
    QElapsedTimer timer;
    timer.start();
    // Everyone gets a turn: three ticks at most go round once.
    QTRY_VERIFY_WITH_TIMEOUT(counted.least() >= 2, 10000);
    // Never more than the budget per tick (a tick is never early).
    const long ticks = timer.elapsed() / intervalMs + 1;
    QVERIFY2(counted.total() - count <= ticks * SampleClock::samplesPerTick,
             qPrintable(
                 QStringLiteral("%1 samples in %2 ticks").arg(counted.total() - count).arg(ticks)));
}

void tst_SampleClock::stoppedOrDestroyedIsNotCalled()
{
    Counted counted(3);
    int destroyerCalls = 0;
    // The first sampler's sample destroys the third: the clock must not call
    // it afterwards (ASan would see the use after free, the count a call).
    KernelSampler destroyer([&] {
        if (++destroyerCalls == 2)
            counted.samplers[2].reset();
        return -1;
    });
    for (auto &sampler : counted.samplers)
        sampler->start(10);
    destroyer.start(10);
    QTRY_VERIFY_WITH_TIMEOUT(destroyerCalls >= 2, 5000);
    const int thirdCalls = counted.calls[2];
    // A sampler whose socket closed stops sampling.
    counted.samplers[1]->socketClosed(QString(), QString());
    QVERIFY(!counted.samplers[1]->isSampling());
    const int secondCalls = counted.calls[1];
    const int firstCalls = counted.calls[0];
    QTRY_VERIFY_WITH_TIMEOUT(counted.calls[0] >= firstCalls + 5, 5000);
    QCOMPARE(counted.calls[2], thirdCalls);
    QCOMPARE(counted.calls[1], secondCalls);
}

QTEST_GUILESS_MAIN(tst_SampleClock)
#include "tst_sampleclock.moc"
