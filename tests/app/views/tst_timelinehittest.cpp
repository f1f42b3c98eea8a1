// SPDX-License-Identifier: GPL-3.0-or-later
// Hit tests of the timeline without a widget: which part of which lane is
// under a point, mark groups found by their tag or near their line, and the
// grouping of marks that share a few pixels behind it.
#include "lanes/recordedlanesource.h"
#include "lanes/timelinelane.h"
#include "views/timelinehittest.h"
#include "views/timelinemarks.h"

#include <QApplication>
#include <QTest>

#include <memory>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::TimelineHitTest::Zone)

class tst_TimelineHitTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void zones_data();
    void zones();
    void markFoundNearItsLine();
    void marksCloseTogetherGroup();

private:
    double xOf(qint64 timeNs) const
    {
        return m_layout.plotRect().left() + m_scale.xOf(double(timeNs));
    }
    TimelineHitTest hitTest() const
    {
        return TimelineHitTest(m_layout, m_scale, [this](int row) {
            return row >= 0 && row < int(m_lanes.size()) ? m_lanes[size_t(row)].get() : nullptr;
        });
    }

    static constexpr qint64 ms = 1000000;
    static constexpr qint64 zero = 1000 * ms;
    std::vector<std::unique_ptr<RecordedLaneSource>> m_sources;
    std::vector<std::unique_ptr<TimelineLane>> m_lanes;
    TimelineLayout m_layout;
    TimeScale m_scale;
};

// Two lanes, established at +1 ms, FIN at +50 ms, closed at +80 ms, on a
// scale of 100 us per pixel from the zero.
void tst_TimelineHitTest::init()
{
    m_sources.clear();
    m_lanes.clear();
    for (quint64 id = 1; id <= 2; ++id) {
        auto source = std::make_unique<RecordedLaneSource>(id, Connection::Side::Server,
                                                           QStringLiteral("127.0.0.1:45001"),
                                                           QStringLiteral("127.0.0.1:50001"));
        source->addState(zero + 1 * ms, ConnectionState::Established, StateCause::Peer);
        source->addEvent(zero + 50 * ms, TimelineEvent::HalfClosed, QString(), Direction::Tx);
        source->addState(zero + 50 * ms, ConnectionState::LocalHalfClosed, StateCause::User);
        source->addState(zero + 80 * ms, ConnectionState::Closed, StateCause::Peer);
        m_lanes.push_back(std::make_unique<TimelineLane>(source.get()));
        m_lanes.back()->update();
        m_sources.push_back(std::move(source));
    }
    m_layout = TimelineLayout(QApplication::font(), QSizeF(1200, 700),
                              {{QColor(Qt::red), QStringLiteral("a legend"), {}}});
    m_layout.setLaneCount(2);
    m_scale = TimeScale();
    m_scale.setWidth(m_layout.scaleWidth());
    m_scale.setView(double(zero), 100e3);
}

void tst_TimelineHitTest::zones_data()
{
    using Zone = TimelineHitTest::Zone;
    QTest::addColumn<int>("part"); // 0 axis, 1 legend, 2 label, then the lane's parts
    QTest::addColumn<int>("row");
    QTest::addColumn<Zone>("zone");
    QTest::newRow("axis") << 0 << -1 << Zone::Axis;
    QTest::newRow("legend") << 1 << -1 << Zone::Legend;
    QTest::newRow("label") << 2 << 1 << Zone::Label;
    QTest::newRow("tag row, no tag") << 3 << 0 << Zone::None;
    QTest::newRow("read ticks") << 4 << 1 << Zone::RxTicks;
    QTest::newRow("bar") << 5 << 0 << Zone::Bar;
    QTest::newRow("write ticks") << 6 << 1 << Zone::TxTicks;
    QTest::newRow("kernel") << 7 << 0 << Zone::Kernel;
    QTest::newRow("throughput") << 8 << 1 << Zone::Throughput;
    QTest::newRow("FIN's tag") << 9 << 0 << Zone::Mark;
}

void tst_TimelineHitTest::zones()
{
    QFETCH(int, part);
    QFETCH(int, row);
    QFETCH(TimelineHitTest::Zone, zone);
    const int lane = std::max(row, 0);
    const double x = xOf(zero + 20 * ms); // away from any mark
    QPointF pos;
    switch (part) {
    case 0:
        pos = QPointF(x, m_layout.metrics().axis / 2);
        break;
    case 1:
        pos = QPointF(x, m_layout.lanesBottom() + 2);
        break;
    case 2:
        pos = QPointF(10, m_layout.barRect(lane).center().y());
        break;
    case 3:
        pos = QPointF(x, m_layout.tagRect(lane).center().y());
        break;
    case 4:
        pos = QPointF(x, m_layout.rxTickRect(lane).center().y());
        break;
    case 5:
        pos = QPointF(x, m_layout.barRect(lane).center().y());
        break;
    case 6:
        pos = QPointF(x, m_layout.txTickRect(lane).center().y());
        break;
    case 7:
        pos = QPointF(x, m_layout.kernelRect(lane).center().y());
        break;
    case 8:
        pos = QPointF(x, m_layout.throughputRect(lane).center().y());
        break;
    case 9: {
        const auto groups = TimelineMarks(m_layout, m_scale).groups(lane, *m_lanes[size_t(lane)]);
        QVERIFY(!groups.empty());
        pos = groups.front().tag.center();
        break;
    }
    }
    const TimelineHitTest::Hit hit = hitTest().at(pos);
    QCOMPARE(hit.zone, zone);
    QCOMPARE(hit.row, row);
    QCOMPARE(hit.timeNs, m_scale.timeAt(pos.x() - m_layout.metrics().label));
}

void tst_TimelineHitTest::markFoundNearItsLine()
{
    // Below the tags, a mark is found within markReach of its line, and
    // the bar is the bar beyond that.
    const double x = xOf(zero + 50 * ms);
    const qreal y = m_layout.barRect(1).center().y();
    const double reach = m_layout.metrics().markReach;
    TimelineMarks::Group group;
    QVERIFY(hitTest().markGroupAt(1, QPointF(x + reach - 0.5, y), &group));
    QCOMPARE(group.shown, MarkKind::FinSent);
    QCOMPARE(hitTest().at(QPointF(x - reach + 0.5, y)).zone, TimelineHitTest::Zone::Mark);
    QCOMPARE(hitTest().at(QPointF(x + reach + 2, y)).zone, TimelineHitTest::Zone::Bar);
    // Not below the write ticks.
    QVERIFY(!hitTest().markGroupAt(1, QPointF(x, m_layout.kernelRect(1).center().y()), &group));
    QCOMPARE(hitTest().at(QPointF(x, m_layout.laneRect(1).bottom() + 5)).row, -1);
}

void tst_TimelineHitTest::marksCloseTogetherGroup()
{
    // After the connected mark, a FIN and a reset 100 ns apart share a
    // pixel: one group, drawn as the reset, tagged with both.
    RecordedLaneSource source(3, Connection::Side::Client, QString(), QString());
    source.addState(zero, ConnectionState::Established, StateCause::Peer);
    source.addEvent(zero + 10 * ms, TimelineEvent::HalfClosed, QString(), Direction::Tx);
    source.addEvent(zero + 10 * ms + 100, TimelineEvent::Error, QStringLiteral("reset"));
    source.addEvent(zero + 40 * ms, TimelineEvent::HalfClosed, QString(), Direction::Rx);
    TimelineLane lane(&source);
    lane.update();
    const auto groups = TimelineMarks(m_layout, m_scale).groups(0, lane);
    QCOMPARE(groups.size(), size_t(3));
    QCOMPARE(groups[0].shown, MarkKind::Connected);
    QCOMPARE(groups[1].last - groups[1].first, size_t(2));
    QCOMPARE(groups[1].shown, MarkKind::ResetReceived);
    QVERIFY2(groups[1].text.contains(QLatin1String("FIN")), qPrintable(groups[1].text));
    QVERIFY(groups[1].text.contains(QLatin1String("RST")));
    QVERIFY(!groups[1].tag.isNull());
    QCOMPARE(groups[2].shown, MarkKind::EofReceived);
    QVERIFY(groups[2].tag.left() > groups[1].tag.right());
}

QTEST_MAIN(tst_TimelineHitTest)
#include "tst_timelinehittest.moc"
