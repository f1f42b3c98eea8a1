// SPDX-License-Identifier: GPL-3.0-or-later
// The one zoom of the window: its steps and limits, and that every kind of
// view follows it (tables' rows and columns, the hex view's fixed font, the
// timeline's lanes, dock titles), offscreen.
#include "views/hexview.h"
#include "views/rowtableview.h"
#include "views/timelineview.h"
#include "views/viewzoom.h"

#include <QApplication>
#include <QDockWidget>
#include <QFontDatabase>
#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

using namespace TcpInspector;

class tst_ViewZoom : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void step_data();
    void step();
    void limitsHold();
    void applicationFontScales();
    void viewsFollowTheZoom();
    void tableSizesFollowTheZoom();
    void fixedAndRelativeFontsFollow();
};

void tst_ViewZoom::cleanup()
{
    ViewZoom::instance()->reset();
}

void tst_ViewZoom::step_data()
{
    QTest::addColumn<qreal>("from");
    QTest::addColumn<int>("direction");
    QTest::addColumn<qreal>("expected");
    QTest::addColumn<bool>("onStep");
    QTest::newRow("100 up") << 1.0 << 1 << 1.1 << true;
    QTest::newRow("100 down") << 1.0 << -1 << 0.9 << true;
    QTest::newRow("150 up") << 1.5 << 1 << 1.75 << true;
    QTest::newRow("200 up") << 2.0 << 1 << 2.5 << true;
    QTest::newRow("60 down") << 0.6 << -1 << 0.5 << true;
    QTest::newRow("between up") << 1.05 << 1 << 1.1 << false;
    QTest::newRow("between down") << 1.05 << -1 << 1.0 << false;
    QTest::newRow("floor") << 0.5 << -1 << 0.5 << false;
    QTest::newRow("ceiling") << 4.0 << 1 << 4.0 << false;
}

void tst_ViewZoom::step()
{
    QFETCH(qreal, from);
    QFETCH(int, direction);
    QFETCH(qreal, expected);
    QFETCH(bool, onStep);
    QCOMPARE(ViewZoom::step(from, direction), expected);
    // Each step is visible and none is a leap.
    if (onStep) {
        const qreal change = std::abs(expected / from - 1);
        QVERIFY2(change >= 0.09 && change <= 0.26, qPrintable(QString::number(change)));
    }
}

void tst_ViewZoom::limitsHold()
{
    ViewZoom *zoom = ViewZoom::instance();
    for (int i = 0; i < 30; ++i)
        zoom->zoomIn();
    QCOMPARE(zoom->percent(), 400);
    zoom->setFactor(9.0);
    QCOMPARE(zoom->factor(), ViewZoom::maximum);
    for (int i = 0; i < 30; ++i)
        zoom->zoomOut();
    QCOMPARE(zoom->percent(), 50);
    zoom->setFactor(0.1);
    QCOMPARE(zoom->factor(), ViewZoom::minimum);
    zoom->reset();
    QCOMPARE(zoom->percent(), 100);
}

void tst_ViewZoom::applicationFontScales()
{
    const QFont base = QApplication::font();
    QVERIFY(base.pointSizeF() > 0);
    QSignalSpy spy(ViewZoom::instance(), &ViewZoom::factorChanged);
    ViewZoom::instance()->setFactor(2.0);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(QApplication::font().pointSizeF(), base.pointSizeF() * 2);
    ViewZoom::instance()->setFactor(2.0);
    QCOMPARE(spy.count(), 1); // no change, no signal
    ViewZoom::instance()->reset();
    QCOMPARE(QApplication::font(), base);
}

void tst_ViewZoom::viewsFollowTheZoom()
{
    // As in the window: views inside a shown window, inheriting its font.
    QStandardItemModel model(20, 3);
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto &table = *new RowTableView;
    table.setModel(&model);
    auto &hex = *new HexView;
    auto &timeline = *new TimelineView;
    layout->addWidget(&table);
    layout->addWidget(&hex);
    layout->addWidget(&timeline);
    window.resize(600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int rowHeight = table.rowHeight();
    const qreal hexPoints = hex.font().pointSizeF();
    const qreal lane = timeline.layout().metrics().lane;
    const qreal line = timeline.layout().metrics().line;

    ViewZoom::instance()->setFactor(2.0);
    QCOMPARE(hex.font().pointSizeF(), hexPoints * 2);
    QVERIFY2(table.rowHeight() >= 2 * rowHeight - 6,
             qPrintable(QStringLiteral("%1 -> %2").arg(rowHeight).arg(table.rowHeight())));
    QCOMPARE(table.rowHeight(), table.fontMetrics().height() + 4); // text does not clip
    QVERIFY(timeline.layout().metrics().line >= 1.8 * line);
    QVERIFY(timeline.layout().metrics().lane >= 1.8 * lane);

    ViewZoom::instance()->setFactor(0.5);
    QCOMPARE(hex.font().pointSizeF(), hexPoints * 0.5);
    QVERIFY(table.rowHeight() < rowHeight);
    QVERIFY(timeline.layout().metrics().line < line);

    ViewZoom::instance()->reset();
    QCOMPARE(hex.font().pointSizeF(), hexPoints);
    QCOMPARE(table.rowHeight(), rowHeight);
    QCOMPARE(timeline.layout().metrics().lane, lane);
}

void tst_ViewZoom::tableSizesFollowTheZoom()
{
    // Widths and heights a table set in pixels from its font when built.
    QStandardItemModel model(5, 3);
    QTableView table;
    table.setModel(&model);
    table.horizontalHeader()->resizeSection(0, 100);
    table.verticalHeader()->setDefaultSectionSize(table.fontMetrics().height() + 6);
    const int rowHeight = table.verticalHeader()->defaultSectionSize();

    ViewZoom::instance()->setFactor(1.5);
    QCOMPARE(table.horizontalHeader()->sectionSize(0), 150);
    QVERIFY(table.verticalHeader()->defaultSectionSize() >= table.fontMetrics().height() + 4);
    QCOMPARE(table.verticalHeader()->defaultSectionSize(), qRound(rowHeight * 1.5));
    ViewZoom::instance()->reset();
    QCOMPARE(table.horizontalHeader()->sectionSize(0), 100);
    QCOMPARE(table.verticalHeader()->defaultSectionSize(), rowHeight);
}

void tst_ViewZoom::fixedAndRelativeFontsFollow()
{
    QWidget fixed;
    QWidget heading;
    QDockWidget dock;
    ViewZoom *zoom = ViewZoom::instance();
    zoom->followFixedFont(&fixed);
    zoom->followFont(&heading, 1.5, true);
    const qreal fixedPoints = fixed.font().pointSizeF();
    QVERIFY(fixed.font().fixedPitch() || fixed.font().styleHint() == QFont::TypeWriter
            || fixed.font() == QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QCOMPARE(heading.font().pointSizeF(), QApplication::font().pointSizeF() * 1.5);
    QVERIFY(heading.font().bold());

    zoom->setFactor(3.0);
    QCOMPARE(fixed.font().pointSizeF(), fixedPoints * 3);
    QCOMPARE(heading.font().pointSizeF(), QApplication::font().pointSizeF() * 1.5);
    QVERIFY(heading.font().bold());
    // The dock draws its title in its own font only while that differs from
    // the application's.
    QCOMPARE(dock.font().pointSizeF(), QApplication::font().pointSizeF());
    QVERIFY(dock.font() != QApplication::font("QDockWidget"));
    zoom->reset();
    QCOMPARE(fixed.font().pointSizeF(), fixedPoints);
    QVERIFY(!dock.testAttribute(Qt::WA_SetFont));
}

QTEST_MAIN(tst_ViewZoom)
#include "tst_viewzoom.moc"
