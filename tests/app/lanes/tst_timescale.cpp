// SPDX-License-Identifier: GPL-3.0-or-later
// Time to x and back, zoom and pan invariants, fit, the zoom limits, and the
// axis: 1-2-5 steps, units that follow the visible range, labels that fit.
#include "lanes/timeaxis.h"
#include "lanes/timescale.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace TcpInspector;

class tst_TimeScale : public QObject
{
    Q_OBJECT

private slots:
    void mapsBothWays();
    void zoomKeepsTheAnchor();
    void zoomIsClamped();
    void panMovesContent();
    void fitShowsTheSpan();
    void alignEndAndCenter();
    void stepsAreOneTwoFive_data();
    void stepsAreOneTwoFive();
    void unitsFollowTheRange_data();
    void unitsFollowTheRange();
    void ticksCoverTheWidthAndFitTheirLabels();
    void ticksBeforeZeroAreNegative();
};

void tst_TimeScale::mapsBothWays()
{
    TimeScale scale;
    scale.setWidth(1000);
    scale.setView(5e9, 2e6); // 2 ms per pixel from t = 5 s
    QCOMPARE(scale.xOf(5e9), 0.0);
    QCOMPARE(scale.xOf(5e9 + 2e6 * 250), 250.0);
    QCOMPARE(scale.timeAt(250), 5e9 + 5e8);
    QCOMPARE(scale.endNs(), 5e9 + 2e9);
    QRandomGenerator random(7);
    for (int i = 0; i < 1000; ++i) {
        const double x = random.bounded(3000.0) - 1000;
        QVERIFY(std::abs(scale.xOf(scale.timeAt(x)) - x) < 1e-6);
    }
}

void tst_TimeScale::zoomKeepsTheAnchor()
{
    QRandomGenerator random(11);
    for (int i = 0; i < 2000; ++i) {
        TimeScale scale;
        scale.setWidth(1200);
        // Up to a day into the process, at any zoom between the limits.
        const double start = random.bounded(86400e9);
        const double perPixel = std::exp(random.bounded(std::log(TimeScale::maxNsPerPixel)));
        scale.setView(start, perPixel);
        const double anchor = random.bounded(1200.0);
        const double before = scale.timeAt(anchor);
        const double factor = std::exp(random.bounded(4.0) - 2.0);
        scale.zoom(factor, anchor);
        // The time under the cursor stays under it, to a twentieth of a
        // pixel at a nanosecond per pixel a day into the process.
        QVERIFY2(std::abs(scale.xOf(before) - anchor) < 0.05,
                 qPrintable(QStringLiteral("%1 -> %2").arg(anchor).arg(scale.xOf(before))));
        QVERIFY(scale.nsPerPixel() >= TimeScale::minNsPerPixel);
        QVERIFY(scale.nsPerPixel() <= TimeScale::maxNsPerPixel);
    }
    // In and out again is where it started.
    TimeScale scale;
    scale.setWidth(800);
    scale.setView(1e9, 1e5);
    scale.zoom(4, 300);
    QCOMPARE(scale.nsPerPixel(), 2.5e4);
    scale.zoom(0.25, 300);
    QCOMPARE(scale.nsPerPixel(), 1e5);
    QVERIFY(std::abs(scale.startNs() - 1e9) < 1e-3);
}

void tst_TimeScale::zoomIsClamped()
{
    TimeScale scale;
    scale.setWidth(500);
    scale.setView(0, 2);
    QVERIFY(scale.zoom(10, 100)); // to the limit, not past it
    QCOMPARE(scale.nsPerPixel(), TimeScale::minNsPerPixel);
    QVERIFY(!scale.zoom(10, 100)); // nothing left to do
    scale.setView(0, TimeScale::maxNsPerPixel);
    QVERIFY(!scale.zoom(0.5, 100));
    QCOMPARE(scale.nsPerPixel(), TimeScale::maxNsPerPixel);
    scale.setView(0, 1e30);
    QCOMPARE(scale.nsPerPixel(), TimeScale::maxNsPerPixel);
    QVERIFY(!scale.zoom(0, 10));
    QVERIFY(!scale.zoom(-2, 10));
}

void tst_TimeScale::panMovesContent()
{
    TimeScale scale;
    scale.setWidth(600);
    scale.setView(1e9, 1e6);
    const double t = 1.2e9;
    const double x = scale.xOf(t);
    scale.pan(40); // drag to the right: the content follows the mouse
    QCOMPARE(scale.xOf(t), x + 40);
    QCOMPARE(scale.nsPerPixel(), 1e6);
    scale.pan(-40);
    QCOMPARE(scale.xOf(t), x);
}

void tst_TimeScale::fitShowsTheSpan()
{
    TimeScale scale;
    scale.setWidth(1000);
    scale.fit(2e9, 3e9, 20);
    QCOMPARE(scale.xOf(2e9), 20.0);
    QCOMPARE(scale.xOf(3e9), 980.0);
    // One instant: centred, at 10 us per pixel.
    scale.fit(5e9, 5e9, 20);
    QCOMPARE(scale.xOf(5e9), 500.0);
    QCOMPARE(scale.nsPerPixel(), 1e4);
    // Shorter than the finest zoom allows: centred, not stretched.
    scale.fit(100, 200, 0);
    QCOMPARE(scale.nsPerPixel(), TimeScale::minNsPerPixel);
    QCOMPARE(scale.xOf(150), 500.0);
}

void tst_TimeScale::alignEndAndCenter()
{
    TimeScale scale;
    scale.setWidth(400);
    scale.setView(0, 1e6);
    scale.alignEnd(7e9);
    QCOMPARE(scale.xOf(7e9), 400.0);
    QCOMPARE(scale.endNs(), 7e9);
    scale.center(3e9);
    QCOMPARE(scale.xOf(3e9), 200.0);
}

void tst_TimeScale::stepsAreOneTwoFive_data()
{
    QTest::addColumn<double>("nsPerPixel");
    QTest::addColumn<double>("spacing");
    QTest::addColumn<qint64>("step");
    QTest::newRow("1 ns") << 0.01 << 80.0 << qint64(1);
    QTest::newRow("100 ns") << 1.0 << 80.0 << qint64(100);
    QTest::newRow("200 ns") << 1.5 << 80.0 << qint64(200);
    QTest::newRow("500 us") << 5000.0 << 80.0 << qint64(500000);
    QTest::newRow("exact 250") << 2.5 << 80.0 << qint64(200);
    QTest::newRow("1 ms") << 10000.0 << 80.0 << qint64(1000000);
    QTest::newRow("2 s") << 2e7 << 80.0 << qint64(2000000000);
}

void tst_TimeScale::stepsAreOneTwoFive()
{
    QFETCH(double, nsPerPixel);
    QFETCH(double, spacing);
    QFETCH(qint64, step);
    const qint64 got = TimeAxis::stepFor(nsPerPixel, spacing);
    QCOMPARE(got, step);
    QVERIFY(double(got) / nsPerPixel >= spacing || got == 1);
}

void tst_TimeScale::unitsFollowTheRange_data()
{
    QTest::addColumn<qint64>("relative");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<qint64>("magnitude");
    QTest::addColumn<QString>("label");
    QTest::newRow("zero") << qint64(0) << qint64(1000) << qint64(5000) << QStringLiteral("0");
    QTest::newRow("ns") << qint64(200) << qint64(100) << qint64(900) << QStringLiteral("+200 ns");
    QTest::newRow("us") << qint64(40000) << qint64(10000) << qint64(90000)
                        << QStringLiteral("+40 µs");
    QTest::newRow("ms") << qint64(250000000) << qint64(50000000) << qint64(900000000)
                        << QStringLiteral("+250 ms");
    QTest::newRow("s, halves") << qint64(1500000000) << qint64(500000000) << qint64(2500000000)
                               << QStringLiteral("+1.5 s");
    QTest::newRow("s, fine step") << qint64(12002000000) << qint64(2000000) << qint64(12100000000)
                                  << QStringLiteral("+12.002 s");
    QTest::newRow("ms, sub-ms step")
        << qint64(1500000) << qint64(500000) << qint64(9000000) << QStringLiteral("+1.5 ms");
    QTest::newRow("negative") << qint64(-250000000) << qint64(50000000) << qint64(900000000)
                              << QStringLiteral("-250 ms");
}

void tst_TimeScale::unitsFollowTheRange()
{
    QFETCH(qint64, relative);
    QFETCH(qint64, step);
    QFETCH(qint64, magnitude);
    QFETCH(QString, label);
    const TimeAxis::Unit unit = TimeAxis::unitFor(magnitude);
    QCOMPARE(TimeAxis::label(relative, unit, TimeAxis::decimalsFor(unit, step)), label);
}

void tst_TimeScale::ticksCoverTheWidthAndFitTheirLabels()
{
    TimeScale scale;
    scale.setWidth(1000);
    const qint64 zero = 3000000000;           // the session began at 3 s on the clock
    scale.setView(double(zero) + 12e9, 1000); // 1 us per pixel, 12 s in
    auto width = [](const QString &text) {
        return 8.0 * text.size();
    };
    const std::vector<TimeAxis::Tick> ticks = TimeAxis::ticks(scale, zero, 60, width);
    QVERIFY(ticks.size() > 4);
    double previousMajor = -1e9;
    double widest = 0;
    int majors = 0;
    for (const TimeAxis::Tick &tick : ticks) {
        QCOMPARE(tick.x, scale.xOf(double(tick.timeNs)));
        if (!tick.major) {
            QVERIFY(tick.label.isEmpty());
            continue;
        }
        ++majors;
        // Seconds, with enough decimals for a microsecond-scale step.
        QVERIFY2(tick.label.startsWith(QLatin1String("+12.")), qPrintable(tick.label));
        QVERIFY2(tick.label.endsWith(QLatin1String(" s")), qPrintable(tick.label));
        widest = std::max(widest, width(tick.label));
        if (previousMajor > -1e9)
            QVERIFY(tick.x - previousMajor >= widest + 15 - 1e-6);
        previousMajor = tick.x;
    }
    QVERIFY(majors >= 3);
    // The first and last majors reach past both edges.
    QVERIFY(ticks.front().major && ticks.front().x <= 0);
    QVERIFY(previousMajor >= 1000);
}

void tst_TimeScale::ticksBeforeZeroAreNegative()
{
    TimeScale scale;
    scale.setWidth(500);
    scale.setView(-50e6, 200e3); // from 50 ms before zero, 100 ms across
    const std::vector<TimeAxis::Tick> ticks = TimeAxis::ticks(scale, 0, 50);
    QStringList labels;
    for (const TimeAxis::Tick &tick : ticks) {
        if (tick.major)
            labels.append(tick.label);
    }
    QVERIFY2(labels.contains(QStringLiteral("-20 ms")), qPrintable(labels.join(QLatin1Char(' '))));
    QVERIFY(labels.contains(QStringLiteral("0")));
    QVERIFY(labels.contains(QStringLiteral("+40 ms")));
}

QTEST_GUILESS_MAIN(tst_TimeScale)
#include "tst_timescale.moc"
