// SPDX-License-Identifier: GPL-3.0-or-later
// The arithmetic of the xxd-like hex view.
#include "views/hexlayout.h"

#include <QTest>

using namespace TcpInspector;

using Pane = HexLayout::Pane;
Q_DECLARE_METATYPE(HexLayout::Pane)

class tst_HexLayout : public QObject
{
    Q_OBJECT

private slots:
    void rowTextLooksLikeHexdump();
    void columns();
    void offsetToRowAndColumn_data();
    void offsetToRowAndColumn();
    void rowsOfAStream();
    void hitTest_data();
    void hitTest();
    void hitTestAgreesWithColumns();
    void widerOffsetsPastFourGiB();
    void otherRowWidths();
};

void tst_HexLayout::rowTextLooksLikeHexdump()
{
    HexLayout layout;
    layout.setStreamSize(20);
    // As `hexdump -C` prints it, without the bars around the ASCII.
    QCOMPARE(layout.rowText(0, QByteArray("Hello, world\n\0\0\0", 16)),
             QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 00 00  "
                            "Hello, world...."));
    // A short last row keeps the ASCII pane where it is.
    QCOMPARE(layout.rowText(1, QByteArray("\x7f~ z", 4)),
             QStringLiteral("00000010  7f 7e 20 7a                                       .~ z"));
    QCOMPARE(layout.rowText(0, QByteArray("Hello, world\n\0\0\0", 16)).size(), layout.lineWidth());
}

void tst_HexLayout::columns()
{
    const HexLayout layout;
    QCOMPARE(layout.bytesPerRow(), 16);
    QCOMPARE(layout.offsetDigits(), 8);
    QCOMPARE(layout.hexPaneColumn(), 10);
    QCOMPARE(layout.hexColumn(0), 10);
    QCOMPARE(layout.hexColumn(7), 31);
    QCOMPARE(layout.hexColumn(8), 35); // after the gap between the two groups of 8
    QCOMPARE(layout.hexColumn(15), 56);
    QCOMPARE(layout.asciiPaneColumn(), 60);
    QCOMPARE(layout.asciiColumn(15), 75);
    QCOMPARE(layout.lineWidth(), 76);
}

void tst_HexLayout::offsetToRowAndColumn_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("row");
    QTest::addColumn<int>("byte");
    QTest::newRow("first") << qint64(0) << qint64(0) << 0;
    QTest::newRow("end of row 0") << qint64(15) << qint64(0) << 15;
    QTest::newRow("start of row 1") << qint64(16) << qint64(1) << 0;
    QTest::newRow("far") << qint64(1'000'003) << qint64(62'500) << 3;
}

void tst_HexLayout::offsetToRowAndColumn()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, row);
    QFETCH(int, byte);
    const HexLayout layout;
    QCOMPARE(layout.rowOf(offset), row);
    QCOMPARE(layout.byteInRow(offset), byte);
    QCOMPARE(layout.rowStart(row) + byte, offset);
}

void tst_HexLayout::rowsOfAStream()
{
    HexLayout layout;
    QCOMPARE(layout.rowCount(), 0);
    layout.setStreamSize(1);
    QCOMPARE(layout.rowCount(), 1);
    layout.setStreamSize(32);
    QCOMPARE(layout.rowCount(), 2);
    layout.setStreamSize(37);
    QCOMPARE(layout.rowCount(), 3);
    QCOMPARE(layout.rowStart(2), 32);
    QCOMPARE(layout.rowEnd(1), 32);
    QCOMPARE(layout.rowEnd(2), 37);                 // the last row stops at the stream's end
    QCOMPARE(layout.rowEnd(5), layout.rowStart(5)); // past it: empty
}

void tst_HexLayout::hitTest_data()
{
    QTest::addColumn<qint64>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<Pane>("pane");
    QTest::addColumn<qint64>("offset");
    QTest::newRow("offset pane") << qint64(0) << 3 << Pane::Offset << qint64(-1);
    QTest::newRow("between offset and hex") << qint64(0) << 9 << Pane::None << qint64(-1);
    QTest::newRow("first digit") << qint64(0) << 10 << Pane::Hex << qint64(0);
    QTest::newRow("second digit") << qint64(0) << 11 << Pane::Hex << qint64(0);
    QTest::newRow("space after a byte") << qint64(0) << 12 << Pane::Hex << qint64(0);
    QTest::newRow("next byte") << qint64(0) << 13 << Pane::Hex << qint64(1);
    QTest::newRow("gap between groups") << qint64(0) << 34 << Pane::None << qint64(-1);
    QTest::newRow("byte 8") << qint64(0) << 35 << Pane::Hex << qint64(8);
    QTest::newRow("last hex byte") << qint64(1) << 57 << Pane::Hex << qint64(31);
    QTest::newRow("before ascii") << qint64(0) << 59 << Pane::None << qint64(-1);
    QTest::newRow("ascii first") << qint64(1) << 60 << Pane::Ascii << qint64(16);
    QTest::newRow("ascii last") << qint64(0) << 75 << Pane::Ascii << qint64(15);
    QTest::newRow("past the line") << qint64(0) << 76 << Pane::None << qint64(-1);
    QTest::newRow("past the stream, hex") << qint64(2) << 25 << Pane::Hex << qint64(-1);
    QTest::newRow("past the stream, ascii") << qint64(2) << 65 << Pane::Ascii << qint64(-1);
    QTest::newRow("negative column") << qint64(0) << -1 << Pane::None << qint64(-1);
}

void tst_HexLayout::hitTest()
{
    QFETCH(qint64, row);
    QFETCH(int, column);
    QFETCH(Pane, pane);
    QFETCH(qint64, offset);
    HexLayout layout;
    layout.setStreamSize(37); // rows 0 and 1 full, row 2 holds 32..36
    const HexLayout::Hit hit = layout.hitTest(row, column);
    QCOMPARE(hit.pane, pane);
    QCOMPARE(hit.offset, offset);
}

void tst_HexLayout::hitTestAgreesWithColumns()
{
    // Every byte found again from both of its cells, for a few row widths.
    for (int width : {1, 7, 8, 16, 24, 32}) {
        HexLayout layout(width);
        layout.setStreamSize(3 * width);
        for (int b = 0; b < width; ++b) {
            const qint64 offset = layout.rowStart(2) + b;
            QCOMPARE(layout.hitTest(2, layout.hexColumn(b)).offset, offset);
            QCOMPARE(layout.hitTest(2, layout.hexColumn(b) + 1).offset, offset);
            QCOMPARE(layout.hitTest(2, layout.asciiColumn(b)).offset, offset);
        }
    }
}

void tst_HexLayout::widerOffsetsPastFourGiB()
{
    HexLayout layout;
    layout.setStreamSize(0x100000000LL);
    QCOMPARE(layout.offsetDigits(), 8); // the last offset is ffffffff
    layout.setStreamSize(0x100000001LL);
    QCOMPARE(layout.offsetDigits(), 9);
    QCOMPARE(layout.hexColumn(0), 11);
    QCOMPARE(layout.rowText(layout.rowOf(0x100000000LL), QByteArray("A", 1)),
             QStringLiteral("100000000  41                                                A"));
    QCOMPARE(layout.hitTest(layout.rowOf(0x100000000LL), 11).offset, 0x100000000LL);
}

void tst_HexLayout::otherRowWidths()
{
    HexLayout layout(8);
    QCOMPARE(layout.hexColumn(7), 31);
    QCOMPARE(layout.asciiPaneColumn(), 35); // no gap after the last group
    layout.setStreamSize(8);
    QCOMPARE(layout.rowText(0, "abcdefgh"),
             QStringLiteral("00000000  61 62 63 64 65 66 67 68  abcdefgh"));
    layout.setBytesPerRow(0);
    QCOMPARE(layout.bytesPerRow(), 1); // at least one
    QCOMPARE(layout.rowCount(), 8);
}

QTEST_GUILESS_MAIN(tst_HexLayout)
#include "tst_hexlayout.moc"
