// SPDX-License-Identifier: GPL-3.0-or-later
// The byte view's selection without the view: what clicks, drags and keys do
// to the anchor and the cursor over 16-byte hex rows, and what the view is
// told (scroll, repaint, whether the selection changed).
#include "views/hexrows.h"
#include "views/selectioncontroller.h"

#include <QKeyEvent>
#include <QTest>

using namespace TcpInspector;
using Range = SelectionController::Range;
using Pane = SelectionController::Pane;

namespace {

// A view of 100 bytes, 4 rows to a page.
class FakeView : public SelectionController::Host
{
public:
    FakeView() { rows.setStreamSize(100); }
    const RowModel &rowModel() const override { return rows; }
    qint64 topRow() const override { return top; }
    void setTopRow(qint64 row) override
    {
        top = std::clamp<qint64>(row, 0, std::max<qint64>(0, rows.rowCount() - rowsPerPage()));
    }
    int rowsPerPage() const override { return 4; }
    void ensureVisible(qint64 offset) override { visible = offset; }
    void selectionMoved(bool changed) override
    {
        ++moves;
        changes += changed;
    }

    HexRows rows;
    qint64 top = 0;
    qint64 visible = -1;
    int moves = 0;
    int changes = 0;
};

bool sameRange(Range a, Range b)
{
    return a.offset == b.offset && a.length == b.length;
}

} // namespace

class tst_SelectionController : public QObject
{
    Q_OBJECT

private slots:
    void select();
    void pressAndDrag();
    void keys_data();
    void keys();
    void pageKeysScrollFirst();
    void otherKeysAreLeft();
};

void tst_SelectionController::select()
{
    FakeView view;
    SelectionController selection(view);
    QVERIFY(sameRange(selection.selection(), {}));
    selection.select({10, 5}, 100);
    QVERIFY(sameRange(selection.selection(), {10, 5}));
    QCOMPARE(view.changes, 1);
    selection.select({10, 5}, 100); // the same: told, but no change
    QCOMPARE(view.moves, 2);
    QCOMPARE(view.changes, 1);
    selection.select({95, 20}, 100); // cut at the end
    QVERIFY(sameRange(selection.selection(), {95, 5}));
    selection.select({100, 1}, 100); // past the end: nothing
    QVERIFY(sameRange(selection.selection(), {}));
    selection.select({5, 1}, 100);
    selection.reset();
    QVERIFY(sameRange(selection.selection(), {}));
    QCOMPARE(view.moves, 5); // reset() tells nobody
}

void tst_SelectionController::pressAndDrag()
{
    FakeView view;
    SelectionController selection(view);
    selection.press(20, Pane::Ascii, false);
    QVERIFY(selection.dragging());
    QCOMPARE(selection.dragPane(), Pane::Ascii);
    QCOMPARE(view.visible, 20);
    selection.dragTo(12); // backwards
    QVERIFY(sameRange(selection.selection(), {12, 9}));
    selection.dragTo(500); // clamped to the last byte
    QVERIFY(sameRange(selection.selection(), {20, 80}));
    selection.release();
    QVERIFY(!selection.dragging());
    selection.press(30, Pane::Hex, true); // shift-click keeps the anchor
    QVERIFY(sameRange(selection.selection(), {20, 11}));
    QCOMPARE(selection.dragPane(), Pane::Hex);
}

void tst_SelectionController::keys_data()
{
    QTest::addColumn<qint64>("start"); ///< the byte clicked first, -1 for none
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    const int shift = Qt::ShiftModifier;
    const int control = Qt::ControlModifier;
    QTest::newRow("right") << qint64(17) << int(Qt::Key_Right) << 0 << qint64(18) << qint64(1);
    QTest::newRow("left") << qint64(17) << int(Qt::Key_Left) << 0 << qint64(16) << qint64(1);
    QTest::newRow("left at 0") << qint64(0) << int(Qt::Key_Left) << 0 << qint64(0) << qint64(1);
    QTest::newRow("no cursor: left")
        << qint64(-1) << int(Qt::Key_Left) << 0 << qint64(0) << qint64(1);
    QTest::newRow("no cursor: right")
        << qint64(-1) << int(Qt::Key_Right) << 0 << qint64(0) << qint64(1);
    QTest::newRow("shift right") << qint64(17) << int(Qt::Key_Right) << shift << qint64(17)
                                 << qint64(2);
    QTest::newRow("down") << qint64(17) << int(Qt::Key_Down) << 0 << qint64(33) << qint64(1);
    QTest::newRow("up") << qint64(17) << int(Qt::Key_Up) << 0 << qint64(1) << qint64(1);
    QTest::newRow("up at the top") << qint64(1) << int(Qt::Key_Up) << 0 << qint64(1) << qint64(1);
    QTest::newRow("down into the short row")
        << qint64(90) << int(Qt::Key_Down) << 0 << qint64(99) << qint64(1);
    QTest::newRow("shift down") << qint64(17) << int(Qt::Key_Down) << shift << qint64(17)
                                << qint64(17);
    QTest::newRow("home") << qint64(20) << int(Qt::Key_Home) << 0 << qint64(16) << qint64(1);
    QTest::newRow("end") << qint64(20) << int(Qt::Key_End) << 0 << qint64(31) << qint64(1);
    QTest::newRow("shift end") << qint64(20) << int(Qt::Key_End) << shift << qint64(20)
                               << qint64(12);
    QTest::newRow("ctrl home") << qint64(50) << int(Qt::Key_Home) << control << qint64(0)
                               << qint64(1);
    QTest::newRow("ctrl end") << qint64(50) << int(Qt::Key_End) << control << qint64(99)
                              << qint64(1);
    QTest::newRow("ctrl shift home")
        << qint64(50) << int(Qt::Key_Home) << (control | shift) << qint64(0) << qint64(51);
    QTest::newRow("escape") << qint64(50) << int(Qt::Key_Escape) << 0 << qint64(0) << qint64(0);
    QTest::newRow("select all") << qint64(50) << int(Qt::Key_A) << control << qint64(0)
                                << qint64(100);
}

void tst_SelectionController::keys()
{
    QFETCH(qint64, start);
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    FakeView view;
    SelectionController selection(view);
    if (start >= 0)
        selection.press(start, Pane::Hex, false);
    selection.release();
    const QKeyEvent event(QEvent::KeyPress, key, Qt::KeyboardModifiers(modifiers));
    QVERIFY(selection.handleKey(event));
    QCOMPARE(selection.selection().offset, offset);
    QCOMPARE(selection.selection().length, length);
    if (length > 0 && key != Qt::Key_A)
        QVERIFY(view.visible >= offset && view.visible < offset + length);
}

void tst_SelectionController::pageKeysScrollFirst()
{
    FakeView view;
    SelectionController selection(view);
    // Without a cursor the page starts at the new top row.
    QVERIFY(selection.handleKey(QKeyEvent(QEvent::KeyPress, Qt::Key_PageDown, Qt::NoModifier)));
    QCOMPARE(view.top, 3); // 7 rows, 4 to a page
    // From row 3, four rows down is past the last row: row 6.
    QCOMPARE(selection.selection().offset, 96);
    selection.select({18, 1}, 100);
    QVERIFY(selection.handleKey(QKeyEvent(QEvent::KeyPress, Qt::Key_PageUp, Qt::ShiftModifier)));
    QCOMPARE(view.top, 0);
    QCOMPARE(selection.selection().offset, 2);
    QCOMPARE(selection.selection().length, 17);
}

void tst_SelectionController::otherKeysAreLeft()
{
    FakeView view;
    SelectionController selection(view);
    QVERIFY(!selection.handleKey(QKeyEvent(QEvent::KeyPress, Qt::Key_X, Qt::NoModifier)));
    QVERIFY(!selection.handleKey(QKeyEvent(QEvent::KeyPress, Qt::Key_Tab, Qt::NoModifier)));
    QCOMPARE(view.moves, 0);
}

QTEST_MAIN(tst_SelectionController)
#include "tst_selectioncontroller.moc"
