// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline's layout without a widget: the parts of a lane stacked in
// order with nothing between them but the kernel and graph gaps, every size
// from the font, the legend wrapped to the width and taken from the lanes'
// height, the rows on screen for a scroll offset, and the rows at a y.
#include "views/timelinelayout.h"

#include <QApplication>
#include <QTest>

using namespace TcpInspector;

class tst_TimelineLayout : public QObject
{
    Q_OBJECT

private slots:
    void partsStackInOrder_data();
    void partsStackInOrder();
    void plotSitsRightOfTheLabels();
    void biggerFontBiggerLane();
    void legendWrapsToTheWidth();
    void rowsOnScreen_data();
    void rowsOnScreen();
    void rowAt();
    void toolTipGeometryMatchesTheMetrics();
};

namespace {

std::vector<TimelineLayout::LegendItem> legend(int items)
{
    std::vector<TimelineLayout::LegendItem> result;
    for (int i = 0; i < items; ++i)
        result.push_back({QColor(Qt::red), QStringLiteral("legend item %1").arg(i), {}});
    return result;
}

QFont sized(qreal points)
{
    QFont font = QApplication::font();
    font.setPointSizeF(points);
    return font;
}

} // namespace

void tst_TimelineLayout::partsStackInOrder_data()
{
    QTest::addColumn<qreal>("points");
    QTest::addColumn<int>("row");
    QTest::addColumn<qreal>("scroll");
    QTest::newRow("9 pt, first row") << 9.0 << 0 << 0.0;
    QTest::newRow("12 pt, row 3 scrolled") << 12.0 << 3 << 57.0;
    QTest::newRow("24 pt, row 1") << 24.0 << 1 << 0.0;
}

void tst_TimelineLayout::partsStackInOrder()
{
    QFETCH(qreal, points);
    QFETCH(int, row);
    QFETCH(qreal, scroll);
    TimelineLayout layout(sized(points), QSizeF(1200, 800), legend(12));
    layout.setLaneCount(10);
    layout.setScroll(scroll);
    const TimelineLayout::Metrics &m = layout.metrics();
    const QRectF lane = layout.laneRect(row);
    QCOMPARE(lane.top(), m.axis + row * m.lane - scroll);
    QCOMPARE(lane.height(), m.lane);
    QCOMPARE(layout.rowTop(row), lane.top());
    QCOMPARE(layout.tagRect(row).top(), lane.top() + m.pad);
    QCOMPARE(layout.rxTickRect(row).top(), layout.tagRect(row).bottom());
    QCOMPARE(layout.barRect(row).top(), layout.rxTickRect(row).bottom());
    QCOMPARE(layout.txTickRect(row).top(), layout.barRect(row).bottom());
    QCOMPARE(layout.kernelRect(row).top(), layout.txTickRect(row).bottom() + m.kernelGap);
    QCOMPARE(layout.throughputRect(row).top(), layout.kernelRect(row).bottom() + m.rateGap);
    QCOMPARE(layout.throughputRect(row).bottom() + m.pad, lane.bottom());
    QCOMPARE(layout.barRect(row).height(), m.bar);
    QCOMPARE(layout.rxTickRect(row).height(), m.tick);
    QCOMPARE(layout.txTickRect(row).height(), m.tick);
    // Every part spans the plot, not the label column.
    for (const QRectF &part : {layout.tagRect(row), layout.barRect(row), layout.kernelRect(row),
                               layout.throughputRect(row)}) {
        QCOMPARE(part.left(), layout.plotRect().left());
        QCOMPARE(part.width(), layout.plotRect().width());
    }
}

void tst_TimelineLayout::plotSitsRightOfTheLabels()
{
    const TimelineLayout layout(sized(10), QSizeF(1000, 600), legend(3));
    const TimelineLayout::Metrics &m = layout.metrics();
    const QRectF plot = layout.plotRect();
    QCOMPARE(plot.left(), m.label);
    QCOMPARE(plot.top(), m.axis);
    QCOMPARE(plot.width(), 1000 - m.label - m.right);
    QCOMPARE(layout.scaleWidth(), plot.width());
    QCOMPARE(plot.bottom(), layout.lanesBottom());
    QVERIFY(layout.lanesBottom() < 600);
    // Too narrow for a plot: the scale keeps a pixel.
    const TimelineLayout narrow(sized(10), QSizeF(50, 600), legend(3));
    QCOMPARE(narrow.scaleWidth(), 1.0);
}

void tst_TimelineLayout::biggerFontBiggerLane()
{
    // Every size comes from the font: twice the font, about twice the lane.
    const TimelineLayout small(sized(10), QSizeF(1000, 700), legend(12));
    const TimelineLayout big(sized(20), QSizeF(1000, 700), legend(12));
    QVERIFY(big.metrics().lane > 1.7 * small.metrics().lane);
    QVERIFY(big.metrics().bar > 1.7 * small.metrics().bar);
    QVERIFY(big.metrics().label > small.metrics().label);
    QVERIFY(big.metrics().markReach >= small.metrics().markReach);
    QVERIFY(big.metrics().rateStep >= small.metrics().rateStep);
    QCOMPARE(small.smallFont().pointSizeF(), 8.5);
    QVERIFY(small.tagFont().bold());
    QVERIFY(small.boldFont().bold());
}

void tst_TimelineLayout::legendWrapsToTheWidth()
{
    const TimelineLayout wide(sized(10), QSizeF(3000, 700), legend(12));
    const TimelineLayout narrow(sized(10), QSizeF(400, 700), legend(12));
    QCOMPARE(wide.legend().size(), size_t(12));
    // One row when it fits; several, each inside the width, when not.
    const qreal firstTop = wide.legend().front().rect.top();
    for (const auto &item : wide.legend())
        QCOMPARE(item.rect.top(), firstTop);
    QVERIFY(narrow.legend().back().rect.top() > narrow.legend().front().rect.top());
    for (const auto &item : narrow.legend()) {
        QVERIFY(item.rect.top() >= narrow.lanesBottom());
        QVERIFY(item.rect.bottom() <= 700);
        QVERIFY(item.rect.right() <= 400);
    }
    QVERIFY(narrow.lanesBottom() < wide.lanesBottom());
    // No legend, no room taken.
    const TimelineLayout none(sized(10), QSizeF(1000, 700), {});
    QCOMPARE(none.lanesBottom(), 700.0);
}

void tst_TimelineLayout::rowsOnScreen_data()
{
    QTest::addColumn<int>("lanes");
    QTest::addColumn<qreal>("scrollLanes"); // in lane heights
    QTest::addColumn<int>("first");
    QTest::addColumn<bool>("toTheEnd");
    QTest::newRow("none") << 0 << 0.0 << 0 << true;
    QTest::newRow("two, all on screen") << 2 << 0.0 << 0 << true;
    QTest::newRow("many, top") << 1000 << 0.0 << 0 << false;
    QTest::newRow("many, half a lane down") << 1000 << 0.5 << 0 << false;
    QTest::newRow("many, 10 lanes down") << 1000 << 10.0 << 10 << false;
}

void tst_TimelineLayout::rowsOnScreen()
{
    QFETCH(int, lanes);
    QFETCH(qreal, scrollLanes);
    QFETCH(int, first);
    QFETCH(bool, toTheEnd);
    TimelineLayout layout(sized(10), QSizeF(1000, 800), legend(12));
    layout.setLaneCount(lanes);
    layout.setScroll(scrollLanes * layout.metrics().lane);
    QCOMPARE(layout.contentHeight(), lanes * layout.metrics().lane);
    const auto [from, to] = layout.visibleRows();
    QCOMPARE(from, first);
    if (toTheEnd)
        QCOMPARE(to, lanes);
    else
        QVERIFY(to < lanes);
    // The rows painted cover the plot, and no more than a row either side.
    const int fit = int(std::ceil(layout.plotRect().height() / layout.metrics().lane)) + 1;
    QVERIFY(to - from <= fit);
    if (to < lanes)
        QVERIFY(layout.laneRect(to - 1).bottom() >= layout.plotRect().bottom());
}

void tst_TimelineLayout::rowAt()
{
    TimelineLayout layout(sized(10), QSizeF(1000, 800), legend(12));
    layout.setLaneCount(3);
    const qreal lane = layout.metrics().lane;
    QCOMPARE(layout.rowAt(layout.metrics().axis - 1), -1);
    QCOMPARE(layout.rowAt(layout.laneRect(0).top()), 0);
    QCOMPARE(layout.rowAt(layout.laneRect(1).center().y()), 1);
    QCOMPARE(layout.rowAt(layout.laneRect(2).bottom() - 0.5), 2);
    QCOMPARE(layout.rowAt(layout.laneRect(2).bottom() + 1), -1); // below the last lane
    QCOMPARE(layout.rowAt(layout.lanesBottom()), -1);            // the legend
    layout.setScroll(lane);
    QCOMPARE(layout.rowAt(layout.metrics().axis + 1), 1);
}

void tst_TimelineLayout::toolTipGeometryMatchesTheMetrics()
{
    const TimelineLayout layout(sized(10), QSizeF(1000, 800), legend(12));
    const TimelineToolTips::Geometry geometry = layout.toolTipGeometry();
    QCOMPARE(geometry.plotLeft, layout.plotRect().left());
    QCOMPARE(geometry.finalBlock, layout.metrics().finalBlock);
    QCOMPARE(geometry.rateStep, layout.metrics().rateStep);
    QCOMPARE(geometry.tickReach, 0.5 * layout.metrics().line);
}

QTEST_MAIN(tst_TimelineLayout)
#include "tst_timelinelayout.moc"
