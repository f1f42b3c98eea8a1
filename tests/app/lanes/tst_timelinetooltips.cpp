// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline's tooltip texts from a recorded lane and a time scale, with
// no view and no pixels: each kind of tooltip names what is under a given x,
// with times relative to the timeline's zero; mark priorities; where open
// state and kernel segments end.
#include "lanes/recordedlanesource.h"
#include "lanes/timelinelane.h"
#include "lanes/timelinetooltips.h"

#include <QTest>

#include <memory>

using namespace TcpInspector;

class tst_TimelineToolTips : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void laneText();
    void marksText();
    void marksTextKeepsTheSixThatMatter();
    void discardedBytesAreSaid();
    void stateText();
    void stateTextOnTheFinalBlock();
    void dataText_data();
    void dataText();
    void kernelText();
    void kernelTextWithoutSamples();
    void throughputText();
    void timeText();
    void markPriority_data();
    void markPriority();
    void segmentEnds();

private:
    double xOf(qint64 timeNs) const { return m_geometry.plotLeft + m_scale.xOf(double(timeNs)); }
    TimelineToolTips tips(qint64 nowNs = 0) const
    {
        return TimelineToolTips(m_scale, m_geometry, zero, nowNs);
    }

    static constexpr qint64 ms = 1000000;
    static constexpr qint64 zero = 1000 * ms;
    std::unique_ptr<RecordedLaneSource> m_source;
    std::unique_ptr<TimelineLane> m_lane;
    TimeScale m_scale;
    TimelineToolTips::Geometry m_geometry;
};

// A finished client lane with known times: connect at 1 s, established at
// +1 ms, reads every 2 ms from +10 ms, a write at +5 ms, FIN at +50 ms, EOF
// at +80 ms, closed; on a scale of 100 us per pixel from 1 s, the plot 120
// pixels from the left.
void tst_TimelineToolTips::init()
{
    m_source = std::make_unique<RecordedLaneSource>(5, Connection::Side::Client,
                                                    QStringLiteral("127.0.0.1:50005"),
                                                    QStringLiteral("127.0.0.1:45001"));
    m_source->addState(zero, ConnectionState::Connecting, StateCause::User);
    m_source->addState(zero + 1 * ms, ConnectionState::Established, StateCause::Peer);
    KernelSample sample;
    sample.state = KernelState::Established;
    sample.rttUs = 42;
    sample.sendQueue = 0;
    m_source->addKernel(zero + 2 * ms, sample);
    for (int i = 0; i < 20; ++i)
        m_source->addChunk(Direction::Rx, 100 + i, zero + 10 * ms + i * 2 * ms);
    m_source->addChunk(Direction::Tx, 64, zero + 5 * ms);
    m_source->addEvent(zero + 50 * ms, TimelineEvent::HalfClosed, QString(), Direction::Tx,
                       QStringLiteral("FIN sent (shutdown SHUT_WR)."));
    m_source->addState(zero + 50 * ms, ConnectionState::LocalHalfClosed, StateCause::User);
    m_source->addEvent(zero + 80 * ms, TimelineEvent::HalfClosed, QString(), Direction::Rx);
    m_source->addState(zero + 80 * ms, ConnectionState::Closed, StateCause::Peer);
    m_lane = std::make_unique<TimelineLane>(m_source.get());
    m_lane->update();
    m_scale = TimeScale();
    m_scale.setWidth(1000);
    m_scale.setView(double(zero), 100e3);
    m_geometry = TimelineToolTips::Geometry();
    m_geometry.plotLeft = 120;
    m_geometry.finalBlock = 8;
    m_geometry.rateStep = 4;
    m_geometry.tickReach = 8;
}

void tst_TimelineToolTips::laneText()
{
    const QString text = tips().laneText(*m_source, *m_lane);
    QVERIFY2(text.contains(QLatin1String("client #5")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("127.0.0.1:50005")));
    QVERIFY(text.contains(QLatin1String("127.0.0.1:45001")));
    QVERIFY(text.contains(QLatin1String("20 read")));
    QVERIFY(text.contains(QLatin1String("1 write")));
    QVERIFY(text.contains(QLatin1String("80.000 ms"))); // from connect to closed
}

void tst_TimelineToolTips::marksText()
{
    const auto [first, last] = m_lane->marksBetween(zero + 50 * ms, zero + 50 * ms + 1);
    QCOMPARE(last - first, size_t(1));
    const QString text = tips().marksText(*m_lane, first, last);
    QVERIFY2(text.contains(QLatin1String("FIN sent")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("+50.000 ms")));
    QVERIFY(text.contains(QLatin1String("SHUT_WR")));
    QVERIFY(text.contains(QLatin1String("after the connection began")));
}

void tst_TimelineToolTips::marksTextKeepsTheSixThatMatter()
{
    // Eight notes and a reset at the same instant: the reset is listed, in
    // time order among five notes, and the three notes left out are counted.
    RecordedLaneSource source(1, Connection::Side::Server, QStringLiteral("127.0.0.1:1"),
                              QStringLiteral("127.0.0.1:2"));
    source.addState(zero, ConnectionState::Established, StateCause::Peer);
    for (int i = 0; i < 8; ++i)
        source.addEvent(zero + 10 * ms + i, TimelineEvent::Note, QString(), Direction::Rx,
                        QStringLiteral("note %1").arg(i));
    source.addEvent(zero + 10 * ms + 8, TimelineEvent::Error, QStringLiteral("reset"));
    TimelineLane lane(&source);
    lane.update();
    const auto [first, last] = lane.marksBetween(zero + 10 * ms, zero + 11 * ms);
    QCOMPARE(last - first, size_t(9));
    const QString text = tips().marksText(lane, first, last);
    QCOMPARE(text.count(QLatin1String("<hr/>")), 6);
    QVERIFY2(text.contains(QLatin1String("RST received")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("note 4")));
    QVERIFY(!text.contains(QLatin1String("note 5")));
    QVERIFY(text.endsWith(QLatin1String("and 3 more")));
}

void tst_TimelineToolTips::discardedBytesAreSaid()
{
    // Qt closed at EOF with a reply in its buffer: the mark says what was
    // lost and why, the lane how much in all, and it outranks Qt's close.
    RecordedLaneSource source(1, Connection::Side::Server, QStringLiteral("127.0.0.1:1"),
                              QStringLiteral("127.0.0.1:2"));
    source.addState(zero, ConnectionState::Established, StateCause::Peer);
    TimelineEvent discarded;
    discarded.timeNs = zero + 10 * ms;
    discarded.type = TimelineEvent::Discarded;
    discarded.bytes = 2048;
    discarded.code = QStringLiteral("engine_buffer");
    discarded.text = QStringLiteral("Qt discarded 2048 bytes");
    source.addEvent(discarded);
    source.addState(zero + 10 * ms, ConnectionState::Closed, StateCause::Engine);
    TimelineLane lane(&source);
    lane.update();
    QCOMPARE(lane.discardedBytes(), qint64(2048));
    const auto [first, last] = lane.marksBetween(zero + 10 * ms, zero + 11 * ms);
    QCOMPARE(last - first, size_t(2));
    QCOMPARE(lane.marks()[first].kind, MarkKind::Discarded);
    QVERIFY(TimelineToolTips::markPriority(MarkKind::Discarded)
            > TimelineToolTips::markPriority(MarkKind::QtClosedAfterEof));
    const QString marks = tips().marksText(lane, first, last);
    QVERIFY2(marks.contains(QLatin1String("<b>Bytes never sent</b>")), qPrintable(marks));
    QVERIFY(marks.contains(QLatin1String("never reached the peer")));
    QVERIFY(marks.contains(QLatin1String("<i>Qt discarded 2048 bytes</i>")));
    const QString laneText = tips().laneText(source, lane);
    QVERIFY2(laneText.contains(QLatin1String("2.00 KiB written never reached the peer")),
             qPrintable(laneText));
}

void tst_TimelineToolTips::stateText()
{
    const qint64 t = zero + 30 * ms;
    const QString text = tips().stateText(*m_lane, double(t), xOf(t));
    QVERIFY2(text.contains(QLatin1String("Established")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("+1.000 ms")));
    QVERIFY(text.contains(QLatin1String("+50.000 ms")));
    // Before the first state there is none.
    QVERIFY(tips().stateText(*m_lane, double(zero - ms), xOf(zero - ms)).isEmpty());
}

void tst_TimelineToolTips::stateTextOnTheFinalBlock()
{
    // A final state is an instant drawn as a block of finalBlock pixels:
    // the pointer on the block, past the instant, names it.
    const double x0 = std::floor(xOf(zero + 80 * ms));
    const QString text = tips().stateText(*m_lane, double(zero + 80 * ms) + 500e3, x0 + 5);
    QVERIFY2(text.contains(QLatin1String("Closed")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("+80.000 ms")));
    QVERIFY(tips().stateText(*m_lane, double(zero + 90 * ms), x0 + 100).isEmpty());
}

void tst_TimelineToolTips::dataText_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<qint64>("atNs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a read") << int(Direction::Rx) << zero + 14 * ms << "chunk 3";
    QTest::newRow("the reads' total") << int(Direction::Rx) << zero + 14 * ms << "Received";
    QTest::newRow("a write") << int(Direction::Tx) << zero + 5 * ms << "Nearest write: chunk 1";
    QTest::newRow("a write, a few pixels away")
        << int(Direction::Tx) << zero + 5 * ms + 500000 << "Nearest write";
    QTest::newRow("no write near") << int(Direction::Tx) << zero + 40 * ms << "";
}

void tst_TimelineToolTips::dataText()
{
    QFETCH(int, direction);
    QFETCH(qint64, atNs);
    QFETCH(QString, expected);
    const QString text = tips().dataText(*m_source, Direction(direction), xOf(atNs));
    if (expected.isEmpty())
        QVERIFY2(text.isEmpty(), qPrintable(text));
    else
        QVERIFY2(text.contains(expected), qPrintable(text));
}

void tst_TimelineToolTips::kernelText()
{
    const QString text = tips().kernelText(*m_lane, double(zero + 30 * ms));
    QVERIFY2(text.contains(QLatin1String("ESTABLISHED")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("RTT 42")));
    QVERIFY(text.contains(QLatin1String("+2.000 ms")));
    QVERIFY(tips().kernelText(*m_lane, double(zero + 1 * ms)).isEmpty());
}

void tst_TimelineToolTips::kernelTextWithoutSamples()
{
    RecordedLaneSource source(2, Connection::Side::Client, QString(), QString());
    source.addState(zero, ConnectionState::Connecting, StateCause::User);
    TimelineLane lane(&source);
    lane.update();
    const QString text = tips().kernelText(lane, double(zero + ms));
    QVERIFY2(text.contains(QLatin1String("No kernel samples")), qPrintable(text));
}

void tst_TimelineToolTips::throughputText()
{
    const QString text = tips().throughputText(*m_source, xOf(zero + 20 * ms));
    QVERIFY2(text.contains(QLatin1String("received")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("sent")));
    // The step starts on a multiple of rateStep pixels from the plot's left.
    QVERIFY2(text.contains(QLatin1String("+20.000 ms to +20.400 ms")), qPrintable(text));
}

void tst_TimelineToolTips::timeText()
{
    QCOMPARE(tips().timeText(double(zero + 20 * ms)), QStringLiteral("+20.000 ms"));
}

void tst_TimelineToolTips::markPriority_data()
{
    QTest::addColumn<int>("higher");
    QTest::addColumn<int>("lower");
    QTest::newRow("reset over timeout")
        << int(MarkKind::ResetReceived) << int(MarkKind::IdleTimeout);
    QTest::newRow("error over timeout") << int(MarkKind::Error) << int(MarkKind::ConnectTimeout);
    QTest::newRow("timeout over Qt's close")
        << int(MarkKind::WriteStall) << int(MarkKind::QtClosedAfterEof);
    QTest::newRow("Qt's close over FIN")
        << int(MarkKind::QtClosedAfterEof) << int(MarkKind::FinSent);
    QTest::newRow("EOF over connect") << int(MarkKind::EofReceived) << int(MarkKind::ConnectStart);
    QTest::newRow("connect over connected")
        << int(MarkKind::ConnectStart) << int(MarkKind::Connected);
    QTest::newRow("accepted over closed") << int(MarkKind::Accepted) << int(MarkKind::Closed);
    QTest::newRow("closed over a note") << int(MarkKind::Closed) << int(MarkKind::Note);
}

void tst_TimelineToolTips::markPriority()
{
    QFETCH(int, higher);
    QFETCH(int, lower);
    QVERIFY(TimelineToolTips::markPriority(MarkKind(higher))
            > TimelineToolTips::markPriority(MarkKind(lower)));
}

void tst_TimelineToolTips::segmentEnds()
{
    // Ended segments end where they ended; the open one at now.
    const StateSegment &established = m_lane->segments()[1];
    QCOMPARE(TimelineToolTips::segmentEndNs(*m_lane, established, 0), zero + 50 * ms);
    RecordedLaneSource source(3, Connection::Side::Client, QString(), QString());
    source.addState(zero, ConnectionState::Established, StateCause::Peer);
    TimelineLane open(&source);
    open.update();
    QCOMPARE(TimelineToolTips::segmentEndNs(open, open.segments().back(), zero + 7 * ms),
             zero + 7 * ms);
    // A kernel state sampled while open lasts until now, but not longer
    // than the kernel keeps a closed socket.
    const KernelSegment &kernel = m_lane->kernelSegments().back();
    QCOMPARE(TimelineToolTips::kernelEndNs(*m_lane, kernel, zero + 90 * ms), zero + 90 * ms);
    QCOMPARE(TimelineToolTips::kernelEndNs(*m_lane, kernel, zero + 3600 * 1000 * ms),
             zero + 80 * ms + TimelineLane::defaultTimeWaitNs);
}

QTEST_GUILESS_MAIN(tst_TimelineToolTips)
#include "tst_timelinetooltips.moc"
