// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel strip as drawn, from recorded lanes and a time scale without a
// view: short states (a 1 ms FIN_WAIT1, a 30 ms FIN_WAIT2) stay visible on a
// timeline of a minute, in order and apart; names where they fit; TIME_WAIT
// with the seconds it has left, fewer as time passes; the tooltip under a
// widened piece names that piece.
#include "lanes/recordedlanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timelinetooltips.h"
#include "views/timelinekernelstrip.h"
#include "views/timelineview.h"

#include <QApplication>
#include <QTest>

#include <memory>

using namespace TcpInspector;

class tst_TimelineKernelStrip : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void shortStatesStayVisible_data();
    void shortStatesStayVisible();
    void namesWhereTheyFit();
    void timeWaitCountsDown_data();
    void timeWaitCountsDown();
    void pieceUnderThePointer();
    void timeWaitToolTip();
    void viewRepaintsTheCountdown();

private:
    static constexpr qint64 ms = 1000000;
    static constexpr qint64 zero = 1000 * ms;
    static constexpr qint64 closedAt = zero + 2000 * ms;
    std::unique_ptr<RecordedLaneSource> m_source;
    std::unique_ptr<TimelineLane> m_lane;
    TimelineLayout m_layout;
    TimeScale m_scale;
};

namespace {

KernelSample sampleIn(KernelState state, int timeWaitMs = -1)
{
    KernelSample sample;
    sample.state = state;
    sample.timeWaitMs = timeWaitMs;
    return sample;
}

} // namespace

// A client that half-closes at +2 s: FIN_WAIT1 for 1 ms, FIN_WAIT2 for 30 ms,
// then TIME_WAIT for the 60 s the kernel said; a scale of 70 s over the plot.
void tst_TimelineKernelStrip::init()
{
    m_source = std::make_unique<RecordedLaneSource>(1, Connection::Side::Client,
                                                    QStringLiteral("127.0.0.1:50001"),
                                                    QStringLiteral("127.0.0.1:45001"));
    m_source->addState(zero, ConnectionState::Connecting, StateCause::User);
    m_source->addKernel(zero, sampleIn(KernelState::SynSent));
    m_source->addState(zero + 1 * ms, ConnectionState::Established, StateCause::Peer);
    m_source->addKernel(zero + 1 * ms, sampleIn(KernelState::Established));
    m_source->addState(closedAt, ConnectionState::LocalHalfClosed, StateCause::User);
    m_source->addKernel(closedAt, sampleIn(KernelState::FinWait1));
    m_source->addKernel(closedAt + 1 * ms, sampleIn(KernelState::FinWait2));
    m_source->addState(closedAt + 31 * ms, ConnectionState::Closed, StateCause::Peer);
    m_source->addKernel(closedAt + 31 * ms, sampleIn(KernelState::TimeWait, 60000));
    m_lane = std::make_unique<TimelineLane>(m_source.get());
    m_lane->update();
    m_layout = TimelineLayout(QApplication::font(), QSizeF(1200, 700), {});
    m_layout.setLaneCount(1);
    m_scale = TimeScale();
    m_scale.setWidth(m_layout.scaleWidth());
    m_scale.fit(double(zero), double(zero + 70000 * ms));
}

void tst_TimelineKernelStrip::shortStatesStayVisible_data()
{
    QTest::addColumn<double>("spanSeconds"); // the visible span of the scale
    QTest::newRow("70 s") << 70.0;
    QTest::newRow("10 min") << 600.0;
    QTest::newRow("3 s") << 3.0;
}

void tst_TimelineKernelStrip::shortStatesStayVisible()
{
    QFETCH(double, spanSeconds);
    m_scale.fit(double(zero), double(zero) + spanSeconds * 1e9);
    const qint64 now = closedAt + 5000 * ms;
    const auto pieces = TimelineKernelStrip(m_layout, m_scale, now).pieces(0, *m_lane);
    QCOMPARE(int(pieces.size()), 5);
    const KernelState expected[]
        = {KernelState::SynSent, KernelState::Established, KernelState::FinWait1,
           KernelState::FinWait2, KernelState::TimeWait};
    const QRectF strip = m_layout.kernelRect(0);
    for (size_t i = 0; i < pieces.size(); ++i) {
        QCOMPARE(pieces[i].state, expected[i]);
        QCOMPARE(pieces[i].segment, i);
        QCOMPARE(pieces[i].rect.top(), strip.top());
        // Visible: at least minWidth, or cut by the strip's right edge.
        QVERIFY2(
            pieces[i].rect.width() >= TimelineKernelStrip::minWidth
                || pieces[i].rect.right() >= strip.right(),
            qPrintable(QStringLiteral("piece %1 is %2 px").arg(i).arg(pieces[i].rect.width())));
        // In order, and none hides under the next.
        if (i > 0)
            QVERIFY(pieces[i].rect.left() >= pieces[i - 1].rect.right());
    }
}

void tst_TimelineKernelStrip::namesWhereTheyFit()
{
    const qint64 now = closedAt + 5000 * ms;
    m_scale.fit(double(zero), double(zero + 5000 * ms));
    const auto pieces = TimelineKernelStrip(m_layout, m_scale, now).pieces(0, *m_lane);
    QCOMPARE(pieces[1].label, QStringLiteral("ESTABLISHED")); // 2 s: wide enough
    QVERIFY(pieces[2].label.isEmpty());                       // 1 ms: a sliver, no room
    QVERIFY(pieces[3].label.isEmpty());
    QVERIFY(pieces[4].label.startsWith(QLatin1String("TIME_WAIT ")));
    for (const TimelineKernelStrip::Piece &piece : pieces) {
        if (!piece.label.isEmpty())
            QVERIFY(piece.rect.contains(piece.labelRect));
    }
    // Zoomed in on the close, FIN_WAIT2's 30 ms have room for the name.
    m_scale.fit(double(closedAt - 5 * ms), double(closedAt + 40 * ms));
    const auto close = TimelineKernelStrip(m_layout, m_scale, now).pieces(0, *m_lane);
    QCOMPARE(close[0].state, KernelState::Established);
    QCOMPARE(close[2].state, KernelState::FinWait2);
    QCOMPARE(close[2].label, QStringLiteral("FIN_WAIT2"));
}

void tst_TimelineKernelStrip::timeWaitCountsDown_data()
{
    QTest::addColumn<qint64>("afterClose"); // ms after TIME_WAIT began
    QTest::addColumn<QString>("label");
    QTest::newRow("at once") << qint64(0) << QStringLiteral("TIME_WAIT 60 s");
    QTest::newRow("after 1 s") << qint64(1000) << QStringLiteral("TIME_WAIT 59 s");
    QTest::newRow("after 30.5 s") << qint64(30500) << QStringLiteral("TIME_WAIT 30 s");
    QTest::newRow("last ms") << qint64(59999) << QStringLiteral("TIME_WAIT 1 s");
    QTest::newRow("over") << qint64(60000) << QStringLiteral("TIME_WAIT");
}

void tst_TimelineKernelStrip::timeWaitCountsDown()
{
    QFETCH(qint64, afterClose);
    QFETCH(QString, label);
    const KernelSegment &timeWait = m_lane->kernelSegments().back();
    QCOMPARE(timeWait.state, KernelState::TimeWait);
    const qint64 now = timeWait.startNs + afterClose * ms;
    QCOMPARE(TimelineKernelStrip::label(timeWait, now), label);
    // The painter draws the same text where it fits.
    const auto pieces = TimelineKernelStrip(m_layout, m_scale, now).pieces(0, *m_lane);
    QCOMPARE(pieces.back().label, label);
    // Other states have no countdown.
    QCOMPARE(TimelineKernelStrip::secondsLeft(m_lane->kernelSegments()[3], now), qint64(-1));
}

void tst_TimelineKernelStrip::pieceUnderThePointer()
{
    const qint64 now = closedAt + 5000 * ms;
    const auto pieces = TimelineKernelStrip(m_layout, m_scale, now).pieces(0, *m_lane);
    // FIN_WAIT2 lasts 30 ms, under half a pixel here: drawn 4 px wide, and
    // the pointer on those pixels finds it, not TIME_WAIT.
    const TimelineKernelStrip::Piece &finWait2 = pieces[3];
    const TimelineKernelStrip::Piece *found
        = TimelineKernelStrip::pieceAt(pieces, finWait2.rect.center().x());
    QVERIFY(found);
    QCOMPARE(found->state, KernelState::FinWait2);
    QVERIFY(!TimelineKernelStrip::pieceAt(pieces, m_layout.kernelRect(0).right() + 50));
}

void tst_TimelineKernelStrip::timeWaitToolTip()
{
    const KernelSegment &timeWait = m_lane->kernelSegments().back();
    const qint64 now = timeWait.startNs + 1500 * ms;
    TimelineToolTips::Geometry geometry;
    geometry.plotLeft = m_layout.plotRect().left();
    const TimelineToolTips tips(m_scale, geometry, zero, now);
    const QString text = tips.kernelText(*m_lane, double(timeWait.startNs + 1000 * ms));
    QVERIFY2(text.contains(QLatin1String("TIME_WAIT")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("58.500 s from now")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("EADDRINUSE")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("SO_REUSEADDR")), qPrintable(text));
}

void tst_TimelineKernelStrip::viewRepaintsTheCountdown()
{
    // A connection that ended a moment ago in TIME_WAIT: nothing else moves,
    // but its seconds go down, so the view repaints now and then; once no
    // countdown runs it stops.
    const qint64 start = monotonicNs() - 100 * ms;
    for (const int timeWaitMs : {60000, 10}) {
        TimelineView view;
        auto source = std::make_unique<RecordedLaneSource>(1, Connection::Side::Client,
                                                           QStringLiteral("127.0.0.1:50001"),
                                                           QStringLiteral("127.0.0.1:45001"));
        source->addState(start, ConnectionState::Connecting, StateCause::User);
        source->addState(start + 1 * ms, ConnectionState::Established, StateCause::Peer);
        source->addKernel(start + 1 * ms, sampleIn(KernelState::Established));
        source->addState(start + 50 * ms, ConnectionState::Closed, StateCause::User);
        source->addKernel(start + 51 * ms, sampleIn(KernelState::TimeWait, timeWaitMs));
        view.addSource(std::move(source));
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refresh();
        QTest::qWait(20);
        const qint64 paints = view.paintCount();
        view.refresh();
        QCoreApplication::processEvents();
        QCOMPARE(view.paintCount(), paints); // not at every tick
        QTest::qWait(600);
        view.refresh();
        QCoreApplication::processEvents();
        if (timeWaitMs > 1000)
            QVERIFY(view.paintCount() > paints);
        else
            QCOMPARE(view.paintCount(), paints); // over: nothing moves
    }
}

QTEST_MAIN(tst_TimelineKernelStrip)
#include "tst_timelinekernelstrip.moc"
