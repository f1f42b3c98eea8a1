// SPDX-License-Identifier: GPL-3.0-or-later
// The hex and text view over a real channel: what it paints where (read back
// from its pixels), what clicks, drags and keys select, where it scrolls, and
// that it reads only the visible rows of a large stream.
#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "stream/streamchannel.h"
#include "views/hexview.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace TcpInspector;
using Pane = HexLayout::Pane;
using ByteRange = HexView::ByteRange;
Q_DECLARE_METATYPE(TcpInspector::HexView::Mode)
Q_DECLARE_METATYPE(TcpInspector::HexLayout::Pane)

namespace {

// A channel, its two tables and the view over them, as the window has them.
struct Stream
{
    explicit Stream(const QString &framing = QStringLiteral("line"), QSize size = QSize(720, 320))
        : channel(Direction::Rx)
    {
        QString error;
        if (!channel.setFraming(framing, &error))
            qFatal("framing %s: %s", qPrintable(framing), qPrintable(error));
        chunks.setChannel(&channel);
        messages.setChannel(&channel);
        view.setChannel(&channel);
        view.setModels(&chunks, &messages);
        view.resize(size);
    }
    void append(const QByteArray &bytes) { channel.append(bytes.constData(), bytes.size(), 0); }
    void refresh()
    {
        chunks.refresh();
        messages.refresh();
        view.refresh();
    }
    /// Bytes that arrive in an empty view are followed to the tail; most
    /// tests look at the start.
    void scrollToTop() { view.verticalScrollBar()->setValue(0); }
    bool show()
    {
        view.show();
        return QTest::qWaitForWindowExposed(&view);
    }
    QImage image() { return view.viewport()->grab().toImage(); }

    StreamChannel channel;
    ChunkTableModel chunks;
    MessageTableModel messages;
    HexView view;
};

// A pixel of a byte's cell that no glyph touches: the top row of the cell
// (above the tallest glyph), in the middle of the cell.
QColor backgroundOf(HexView &view, const QImage &image, qint64 offset, Pane pane = Pane::Hex)
{
    const QRectF rect = view.byteRect(offset, pane);
    if (rect.isNull())
        return {};
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor(int(rect.center().x() * ratio), int(rect.top() * ratio));
}

// Whether a color appears in a column of pixels of a byte's row.
int countInColumn(const QImage &image, int x, const QRectF &row, const QColor &color)
{
    int count = 0;
    for (int y = int(row.top()); y < int(row.bottom()); ++y)
        count += image.pixelColor(x, y).rgb() == color.rgb();
    return count;
}

// The column between xFrom and xTo with the most pixels of a color.
int bestColumn(const QImage &image, qreal xFrom, qreal xTo, const QRectF &row, const QColor &color,
               int *count)
{
    int best = -1;
    *count = 0;
    for (int x = int(std::floor(xFrom)); x <= int(std::ceil(xTo)); ++x) {
        const int n = countInColumn(image, x, row, color);
        if (n > *count) {
            *count = n;
            best = x;
        }
    }
    return best;
}

QByteArray lines(qint64 size)
{
    // Lines of 10 to 70 bytes, numbered, so every region differs.
    QByteArray bytes;
    bytes.reserve(size);
    for (int n = 0; bytes.size() < size; ++n) {
        bytes += "line " + QByteArray::number(n) + ' ' + QByteArray(n % 61, char('a' + n % 26))
                 + '\n';
    }
    bytes.truncate(size);
    return bytes;
}

} // namespace

class tst_HexView : public QObject
{
    Q_OBJECT

private slots:
    void emptyStateSaysSo();
    void chunkBandsAlternate_data();
    void chunkBandsAlternate();
    void highlightAndSelectionColors();
    void messageBrackets();
    void clickEmitsByteClicked_data();
    void clickEmitsByteClicked();
    void dragShiftClickAndCopy();
    void keyboardMovesTheSelection();
    void scrollToOffsetBringsTheRowIntoView();
    void followsTheTailOnlyAtTheBottom();
    void repaintsOnlyWhenSomethingVisibleChanged();
    void textModeShowsControlCharacters();
    void textModeIndexGrowsWithTheStream();
    void toolTipNamesChunkAndMessage();
    void largeStreamReadsOnlyVisibleRows();
    void renderPictures();
};

void tst_HexView::emptyStateSaysSo()
{
    HexView view;
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.viewport()->grab().toImage();
    QCOMPARE(view.lastPaintBytesRead(), 0);
    // Some text in the middle, nothing at the top left where rows would start.
    int ink = 0;
    const QRect middle(image.width() / 4, image.height() / 3, image.width() / 2,
                       image.height() / 3);
    for (int y = middle.top(); y <= middle.bottom(); ++y)
        for (int x = middle.left(); x <= middle.right(); ++x)
            ink += image.pixelColor(x, y).rgb() != view.colors().background.rgb();
    QVERIFY2(ink > 20, qPrintable(QString::number(ink)));
    QCOMPARE(image.pixelColor(5, 5).rgb(), view.colors().background.rgb());
}

void tst_HexView::chunkBandsAlternate_data()
{
    QTest::addColumn<HexView::Mode>("mode");
    QTest::addColumn<Pane>("pane");
    QTest::newRow("hex digits") << HexView::Mode::Hex << Pane::Hex;
    QTest::newRow("ascii") << HexView::Mode::Hex << Pane::Ascii;
    QTest::newRow("text") << HexView::Mode::Text << Pane::Hex;
}

void tst_HexView::chunkBandsAlternate()
{
    QFETCH(HexView::Mode, mode);
    QFETCH(Pane, pane);
    // "hello\r\n" read as "he" "llo" "\r\n", one line message.
    Stream s;
    for (const char *read : {"he", "llo", "\r\n"})
        s.append(read);
    s.view.setMode(mode);
    s.refresh();
    QVERIFY(s.show());
    QCOMPARE(s.chunks.rowCount(), 3);
    const QImage image = s.image();
    const HexView::Colors &colors = s.view.colors();
    QVERIFY(colors.bandEven.rgb() != colors.bandOdd.rgb());
    QVERIFY(colors.bandEven.rgb() != colors.background.rgb());
    // (Bytes 0 and 6 carry the message's bracket ticks.)
    QCOMPARE(backgroundOf(s.view, image, 1, pane).rgb(), colors.bandEven.rgb()); // chunk 0
    QCOMPARE(backgroundOf(s.view, image, 2, pane).rgb(), colors.bandOdd.rgb());  // chunk 1
    QCOMPARE(backgroundOf(s.view, image, 4, pane).rgb(), colors.bandOdd.rgb());
    QCOMPARE(backgroundOf(s.view, image, 5, pane).rgb(), colors.bandEven.rgb()); // chunk 2
    // Past the stream: no band.
    const QRectF last = s.view.byteRect(6, pane);
    QCOMPARE(image.pixelColor(int(last.right() + last.width() * 2), int(last.top())).rgb(),
             colors.background.rgb());

    // A chunk the chunk table has not announced yet has no band.
    s.append("xy");
    s.view.refresh();
    const QImage later = s.image();
    QCOMPARE(backgroundOf(s.view, later, 7, pane).rgb(), colors.background.rgb());
    s.chunks.refresh();
    s.view.refresh();
    QCOMPARE(backgroundOf(s.view, s.image(), 7, pane).rgb(), colors.bandOdd.rgb());
}

void tst_HexView::highlightAndSelectionColors()
{
    Stream s;
    for (const char *read : {"he", "llo", "\r\n"})
        s.append(read);
    s.refresh();
    QVERIFY(s.show());
    const HexView::Colors &colors = s.view.colors();
    s.view.setHighlights({{2, 3}});
    QImage image = s.image();
    for (qint64 offset : {2, 3, 4}) {
        QCOMPARE(backgroundOf(s.view, image, offset).rgb(), colors.highlight.rgb());
        QCOMPARE(backgroundOf(s.view, image, offset, Pane::Ascii).rgb(), colors.highlight.rgb());
    }
    QCOMPARE(backgroundOf(s.view, image, 1).rgb(), colors.bandEven.rgb());
    QCOMPARE(backgroundOf(s.view, image, 5).rgb(), colors.bandEven.rgb());

    // The selection is drawn over bands and highlights, its text in its own color.
    QSignalSpy changed(&s.view, &HexView::selectionChanged);
    s.view.setSelection({4, 2});
    QCOMPARE(changed.count(), 1);
    image = s.image();
    QCOMPARE(backgroundOf(s.view, image, 3).rgb(), colors.highlight.rgb());
    QCOMPARE(backgroundOf(s.view, image, 4).rgb(), colors.selection.rgb());
    QCOMPARE(backgroundOf(s.view, image, 5).rgb(), colors.selection.rgb());
    QCOMPARE(backgroundOf(s.view, image, 6).rgb(), colors.bandEven.rgb());
    // Antialiased glyphs may have no pixel of exactly the text color (it
    // depends on the font), so count pixels nearer the text than the ground.
    const QRect digits = s.view.byteRect(4).toAlignedRect();
    auto distance = [](QColor a, QColor b) {
        return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
    };
    int ink = 0;
    for (int y = digits.top(); y <= digits.bottom(); ++y) {
        for (int x = digits.left(); x <= digits.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (distance(pixel, colors.selectionText) < distance(pixel, colors.selection))
                ++ink;
        }
    }
    QVERIFY2(ink > 0, "no text in the selection's text color");

    // Highlights merge and clear.
    s.view.setHighlights({{0, 2}, {1, 3}, {10, 0}});
    QCOMPARE(s.view.highlights().size(), size_t(1));
    QCOMPARE(s.view.highlights().front().length, 4);
    s.view.setHighlights({});
    QCOMPARE(backgroundOf(s.view, s.image(), 3).rgb(), colors.bandOdd.rgb());
}

void tst_HexView::messageBrackets()
{
    // Lines of at most 4 bytes: "ab\n" is a message, "toolong\n" an error,
    // "cd" the unfinished tail.
    Stream s(QStringLiteral("line:max=4"));
    s.append("ab\ntoolong\ncd");
    s.refresh();
    QVERIFY(s.show());
    QCOMPARE(s.messages.rowCount(), 3);
    QCOMPARE(s.messages.rowKind(1), MessageTableModel::RowKind::Error);
    const HexView::Colors &colors = s.view.colors();
    const QImage image = s.image();
    const qreal cell = s.view.byteRect(0, Pane::Ascii).width();

    struct Mark
    {
        qint64 offset;
        bool opening;
        QColor color;
        bool dashed;
    };
    const Mark marks[] = {{0, true, colors.bracket, false},
                          {2, false, colors.bracket, false},
                          {3, true, colors.errorBracket, false},
                          {10, false, colors.errorBracket, false},
                          {11, true, colors.bracket, true}};
    int count = 0;
    for (const Mark &mark : marks) {
        // In the hex pane the mark stands in the gap beside the digits.
        const QRectF digits = s.view.byteRect(mark.offset);
        const qreal from = mark.opening ? digits.left() - cell / 2 : digits.right();
        const int x = bestColumn(image, from, from + cell / 2, digits, mark.color, &count);
        QVERIFY2(x >= 0, qPrintable(QStringLiteral("no mark at byte %1").arg(mark.offset)));
        const int height = int(digits.height());
        if (mark.dashed)
            QVERIFY2(count < height * 3 / 4 && count > height / 4,
                     qPrintable(QString::number(count)));
        else
            QVERIFY2(count >= height - 2, qPrintable(QString::number(count)));
        // And in the ASCII pane, on the cell's edge.
        const QRectF ascii = s.view.byteRect(mark.offset, Pane::Ascii);
        const qreal edge = mark.opening ? ascii.left() : ascii.right();
        QVERIFY(bestColumn(image, edge - 2, edge + 2, ascii, mark.color, &count) >= 0);
    }
    // The unfinished tail has an opening but no end yet.
    const QRectF tail = s.view.byteRect(12);
    QCOMPARE(bestColumn(image, tail.right(), tail.right() + cell, tail, colors.bracket, &count),
             -1);
    // The error's inside has no mark: byte 6's gap is plain band.
    const QRectF inside = s.view.byteRect(6);
    QCOMPARE(bestColumn(image, inside.left() - cell / 2, inside.left(), inside, colors.errorBracket,
                        &count),
             -1);
}

void tst_HexView::clickEmitsByteClicked_data()
{
    QTest::addColumn<HexView::Mode>("mode");
    QTest::addColumn<Pane>("pane");
    QTest::newRow("hex digits") << HexView::Mode::Hex << Pane::Hex;
    QTest::newRow("ascii") << HexView::Mode::Hex << Pane::Ascii;
    QTest::newRow("text") << HexView::Mode::Text << Pane::Hex;
}

void tst_HexView::clickEmitsByteClicked()
{
    QFETCH(HexView::Mode, mode);
    QFETCH(Pane, pane);
    Stream s;
    s.append("hello\r\n");
    s.append(lines(2000));
    s.view.setMode(mode);
    s.refresh();
    s.scrollToTop();
    QVERIFY(s.show());
    QSignalSpy clicked(&s.view, &HexView::byteClicked);
    for (qint64 offset : {0, 4, 6, 7, 33, 100}) {
        const QRectF rect = s.view.byteRect(offset, pane);
        QVERIFY2(!rect.isNull(), qPrintable(QString::number(offset)));
        QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {}, rect.center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.takeFirst().at(0).toLongLong(), offset);
        QCOMPARE(s.view.selection().offset, offset);
        QCOMPARE(s.view.selection().length, 1);
        QCOMPARE(s.view.offsetAt(rect.center().toPoint()), offset);
    }
    // Nothing to click left of the bytes: no signal, the selection goes.
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(clicked.count(), 0);
    QCOMPARE(s.view.selection().length, 0);
}

void tst_HexView::dragShiftClickAndCopy()
{
    Stream s;
    s.append("hello\r\n");
    s.refresh();
    QVERIFY(s.show());
    QWidget *viewport = s.view.viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, s.view.byteRect(1).center().toPoint());
    QTest::mouseMove(viewport, s.view.byteRect(3).center().toPoint());
    QTest::mouseMove(viewport, s.view.byteRect(4).center().toPoint());
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, s.view.byteRect(4).center().toPoint());
    QCOMPARE(s.view.selection().offset, 1);
    QCOMPARE(s.view.selection().length, 4);
    QCOMPARE(s.view.selectedBytes(), QByteArray("ello"));

    // Shift-click extends from the same anchor.
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier,
                      s.view.byteRect(6, Pane::Ascii).center().toPoint());
    QCOMPARE(s.view.selectedBytes(), QByteArray("ello\r\n"));

    // A drag past the last byte stops at it; one backwards selects backwards.
    QTest::mousePress(viewport, Qt::LeftButton, {}, s.view.byteRect(5).center().toPoint());
    QTest::mouseMove(viewport, s.view.byteRect(0).center().toPoint() - QPoint(200, 0));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(1, 1));
    QCOMPARE(s.view.selectedBytes(), QByteArray("hello\r"));

    QApplication::clipboard()->clear();
    QTest::keyClick(&s.view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("68 65 6c 6c 6f 0d"));
}

void tst_HexView::keyboardMovesTheSelection()
{
    Stream s;
    s.append(lines(4096));
    s.refresh();
    s.scrollToTop();
    QVERIFY(s.show());
    s.view.setFocus();
    QTest::mouseClick(s.view.viewport(), Qt::LeftButton, {}, s.view.byteRect(0).center().toPoint());
    QTest::keyClick(&s.view, Qt::Key_Right);
    QCOMPARE(s.view.selection().offset, 1);
    QTest::keyClick(&s.view, Qt::Key_Down);
    QCOMPARE(s.view.selection().offset, 17);
    QTest::keyClick(&s.view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&s.view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(s.view.selection().offset, 17);
    QCOMPARE(s.view.selection().length, 3);
    QTest::keyClick(&s.view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(s.view.selection().length, 15); // 17 to 31, the row's end
    QTest::keyClick(&s.view, Qt::Key_Home);
    QCOMPARE(s.view.selection().offset, 16);
    QCOMPARE(s.view.selection().length, 1);
    QTest::keyClick(&s.view, Qt::Key_Up);
    QCOMPARE(s.view.selection().offset, 0);
    QTest::keyClick(&s.view, Qt::Key_Left); // stays at the start
    QCOMPARE(s.view.selection().offset, 0);

    // A page down moves the selection and the view by a page.
    const int page = s.view.verticalScrollBar()->pageStep();
    QVERIFY(page > 2);
    QTest::keyClick(&s.view, Qt::Key_PageDown);
    QCOMPARE(s.view.selection().offset, qint64(page) * 16);
    QCOMPARE(s.view.verticalScrollBar()->value(), page);
    QTest::keyClick(&s.view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(s.view.selection().offset, 4095);
    QCOMPARE(s.view.verticalScrollBar()->value(), s.view.verticalScrollBar()->maximum());
    QVERIFY(!s.view.byteRect(4095).isNull());
    QTest::keyClick(&s.view, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(s.view.selection().length, 4096);
    QCOMPARE(s.view.verticalScrollBar()->value(), 0);
    QTest::keyClick(&s.view, Qt::Key_Escape);
    QCOMPARE(s.view.selection().length, 0);
}

void tst_HexView::scrollToOffsetBringsTheRowIntoView()
{
    Stream s;
    const QByteArray bytes = lines(1024 * 1024);
    for (qsizetype at = 0; at < bytes.size(); at += 4096)
        s.append(bytes.mid(at, 4096));
    s.refresh();
    s.scrollToTop();
    QVERIFY(s.show());
    QScrollBar *bar = s.view.verticalScrollBar();
    QCOMPARE(bar->value(), 0);
    QCOMPARE(bar->maximum(), 65536 - bar->pageStep());

    for (qint64 offset :
         {qint64(512 * 1024 + 5), qint64(1000), qint64(1024 * 1024 - 1), qint64(0)}) {
        s.view.scrollToOffset(offset);
        const qint64 row = offset / 16;
        QVERIFY2(bar->value() <= row && row < bar->value() + bar->pageStep(),
                 qPrintable(QStringLiteral("offset %1: value %2").arg(offset).arg(bar->value())));
        QCOMPARE(s.view.topRow(), bar->value());
        const QRectF rect = s.view.byteRect(offset);
        QVERIFY(!rect.isNull());
        QVERIFY(s.view.viewport()->rect().contains(rect.center().toPoint()));
        QCOMPARE(s.view.offsetAt(rect.center().toPoint()), offset);
    }
    // A visible byte does not move the view.
    const int value = bar->value();
    s.view.scrollToOffset(3 * 16);
    QCOMPARE(bar->value(), value);

    // Text mode too, and the view keeps its place when the mode changes.
    s.view.scrollToOffset(700 * 1000);
    const qint64 topOffset = s.view.topRow() * 16;
    s.view.setMode(HexView::Mode::Text);
    const TextLineIndex &index = s.view.textLineIndex();
    QCOMPARE(s.view.topRow(), index.lineOf(topOffset));
    s.view.scrollToOffset(900 * 1000);
    const qint64 line = index.lineOf(900 * 1000);
    QVERIFY(bar->value() <= line && line < bar->value() + bar->pageStep());
    QVERIFY(!s.view.byteRect(900 * 1000).isNull());
}

void tst_HexView::followsTheTailOnlyAtTheBottom()
{
    Stream s;
    s.append(lines(128));
    s.refresh();
    QVERIFY(s.show());
    QScrollBar *bar = s.view.verticalScrollBar();
    QCOMPARE(bar->maximum(), 0); // 8 rows fit, whatever the font
    s.append(lines(16 * 1024));
    s.refresh();
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum()); // it was at the bottom: follows
    QVERIFY(!s.view.byteRect(s.channel.store().size() - 1).isNull());

    bar->setValue(0);
    QCOMPARE(s.view.topRow(), 0);
    s.append(lines(16 * 1024));
    s.refresh();
    QCOMPARE(bar->value(), 0); // the user scrolled up: it stays

    bar->setValue(bar->maximum());
    s.append(lines(1024));
    s.refresh();
    QCOMPARE(bar->value(), bar->maximum());
    QCOMPARE(s.view.topRow(), s.view.rowCount() - bar->pageStep());

    // A stream picked to look at opens at its start, even while it grows.
    s.view.setChannel(nullptr);
    QCOMPARE(s.view.rowCount(), 0);
    s.view.setChannel(&s.channel);
    QCOMPARE(bar->value(), 0);
    QVERIFY(bar->maximum() > 0);
    s.append(lines(1024));
    s.refresh();
    QCOMPARE(bar->value(), 0);
}

void tst_HexView::repaintsOnlyWhenSomethingVisibleChanged()
{
    Stream s;
    s.append(lines(64 * 1024));
    s.refresh();
    QVERIFY(s.show());
    s.view.verticalScrollBar()->setValue(0);
    QTest::qWait(20);
    qint64 paints = s.view.paintCount();
    QVERIFY(paints > 0);

    // Nothing new: no paint.
    s.refresh();
    QTest::qWait(50);
    QCOMPARE(s.view.paintCount(), paints);
    // New bytes far below the visible rows: no paint either.
    s.append(lines(4096));
    s.refresh();
    QTest::qWait(50);
    QCOMPARE(s.view.paintCount(), paints);

    // At the bottom, new bytes repaint (the view follows).
    s.view.verticalScrollBar()->setValue(s.view.verticalScrollBar()->maximum());
    QTRY_VERIFY(s.view.paintCount() > paints);
    paints = s.view.paintCount();
    s.append("x");
    s.refresh();
    QTRY_VERIFY(s.view.paintCount() > paints);

    // A new framing redraws the brackets wherever the view is.
    s.view.verticalScrollBar()->setValue(0);
    QTest::qWait(20);
    paints = s.view.paintCount();
    QString error;
    QVERIFY(s.channel.setFraming(QStringLiteral("raw"), &error));
    s.refresh();
    QTRY_VERIFY(s.view.paintCount() > paints);
}

void tst_HexView::textModeShowsControlCharacters()
{
    Stream s;
    s.append("a\r\nb\tc\nd");
    s.append(QByteArray(200, 'w')); // wraps at 128
    s.view.setMode(HexView::Mode::Text);
    s.refresh();
    QVERIFY(s.show());
    const TextLineIndex &index = s.view.textLineIndex();
    QCOMPARE(index.lineCount(), 4);
    QCOMPARE(index.lineStart(1), 3);
    QCOMPARE(index.lineStart(2), 7);
    QCOMPARE(index.lineStart(3), 7 + 128);
    // Rows in the view are those lines: \r\n ends the first, and the byte
    // after a line break starts a row at the left.
    const QRectF a = s.view.byteRect(0);
    const QRectF cr = s.view.byteRect(1);
    const QRectF lf = s.view.byteRect(2);
    const QRectF b = s.view.byteRect(3);
    QCOMPARE(cr.top(), a.top());
    QCOMPARE(lf.left(), a.left() + 2 * a.width());
    QCOMPARE(b.top(), a.top() + a.height());
    QCOMPARE(b.left(), a.left());
    QCOMPARE(s.view.byteRect(7 + 128).left(), a.left());
    QCOMPARE(s.view.byteRect(7 + 127).top(), s.view.byteRect(7).top());

    // The control pictures are drawn (ink in the \r and \t cells), dimmed.
    const QImage image = s.image();
    for (qint64 offset : {1, 2, 5}) {
        const QRectF cell = s.view.byteRect(offset);
        int ink = 0;
        for (int y = int(cell.top()); y < int(cell.bottom()); ++y)
            for (int x = int(cell.left()); x < int(cell.right()); ++x)
                ink += image.pixelColor(x, y).rgb() != backgroundOf(s.view, image, offset).rgb();
        QVERIFY2(ink > 3, qPrintable(QStringLiteral("byte %1: %2").arg(offset).arg(ink)));
    }
    // In a narrow view a byte at the end of a long line is scrolled to.
    s.view.resize(300, 200);
    QCOMPARE(s.view.horizontalScrollBar()->value(), 0);
    QVERIFY(s.view.horizontalScrollBar()->maximum() > 0);
    s.view.scrollToOffset(7 + 120);
    const QRectF far = s.view.byteRect(7 + 120);
    QVERIFY(s.view.horizontalScrollBar()->value() > 0);
    QVERIFY(s.view.viewport()->rect().contains(far.toRect()));
    s.view.scrollToOffset(0);
    QCOMPARE(s.view.horizontalScrollBar()->value(), 0);
    s.view.resize(720, 320);

    // Back to hex: the same bytes in 16-byte rows.
    s.view.setMode(HexView::Mode::Hex);
    QCOMPARE(s.view.rowCount(), (8 + 200 + 15) / 16);
    QCOMPARE(s.view.byteRect(16).top(), s.view.byteRect(0).top() + a.height());
}

void tst_HexView::textModeIndexGrowsWithTheStream()
{
    Stream s;
    s.view.setMode(HexView::Mode::Text);
    QVERIFY(s.show());
    const QByteArray bytes = lines(200 * 1000) + QByteArray(1000, 'z') + "\r\n\n\r";
    QByteArray fed;
    for (qsizetype at = 0, step = 1; at < bytes.size(); at += step, step = step * 3 % 4099 + 1) {
        const QByteArray piece = bytes.mid(at, step);
        s.append(piece);
        fed += piece;
        s.refresh();
        QCOMPARE(s.view.textLineIndex().indexedBytes(), fed.size());
    }
    TextLineIndex whole;
    whole.append(bytes.constData(), bytes.size());
    const TextLineIndex &grown = s.view.textLineIndex();
    QCOMPARE(grown.lineCount(), whole.lineCount());
    for (qint64 line = 0; line < whole.lineCount(); ++line)
        QCOMPARE(grown.lineStart(line), whole.lineStart(line));
    QCOMPARE(s.view.rowCount(), whole.lineCount());

    // Only text mode builds it: in hex mode it stays where it was.
    s.view.setMode(HexView::Mode::Hex);
    s.append("more\n");
    s.refresh();
    QCOMPARE(grown.indexedBytes(), bytes.size());
    s.view.setMode(HexView::Mode::Text);
    s.refresh();
    QCOMPARE(grown.indexedBytes(), bytes.size() + 5);
}

void tst_HexView::toolTipNamesChunkAndMessage()
{
    Stream s(QStringLiteral("line:max=4"));
    for (const char *read : {"he", "y\nxxxxx", "xx\nab"})
        s.append(read);
    s.refresh();
    QCOMPARE(s.view.byteDescription(1),
             QStringLiteral("offset 1 (0x1), chunk 1 (offset 0, 2 bytes), message 1"));
    QCOMPARE(s.view.byteDescription(3),
             QStringLiteral("offset 3 (0x3), chunk 2 (offset 2, 7 bytes), message 1"));
    QVERIFY(s.view.byteDescription(6).startsWith(
        QStringLiteral("offset 6 (0x6), chunk 2 (offset 2, 7 bytes), framing error: ")));
    QCOMPARE(s.view.byteDescription(12),
             QStringLiteral("offset 12 (0xc), chunk 3 (offset 9, 5 bytes), unfinished message"));
    QCOMPARE(s.view.byteDescription(14), QString());
    s.view.setModels(nullptr, nullptr);
    QCOMPARE(s.view.byteDescription(12), QStringLiteral("offset 12 (0xc)"));
}

void tst_HexView::largeStreamReadsOnlyVisibleRows()
{
    Stream s(QStringLiteral("line"), QSize(900, 600));
    const qint64 total = 64 * 1024 * 1024;
    const QByteArray block = lines(64 * 1024);
    for (qint64 at = 0; at < total; at += block.size())
        s.append(block);
    QCOMPARE(s.channel.store().size(), total);
    QElapsedTimer timer;
    timer.start();
    s.refresh();
    const qint64 refreshNs = timer.nsecsElapsed();
    QVERIFY(s.show());
    QCOMPARE(s.view.rowCount(), total / 16);

    auto paintAt = [&](qint64 offset) {
        s.view.scrollToOffset(offset);
        // The fastest of a few paints: the first may fill the glyph cache.
        qint64 ns = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer paint;
            paint.start();
            s.view.viewport()->repaint();
            ns = std::min(ns, paint.nsecsElapsed());
        }
        const qint64 read = s.view.lastPaintBytesRead();
        // The visible rows and nothing else.
        const qint64 visibleRows
            = qint64(std::ceil(s.view.viewport()->height() / s.view.byteRect(offset).height()));
        const qint64 bound
            = s.view.mode() == HexView::Mode::Hex ? visibleRows * 16 : visibleRows * 128;
        if (read <= 0 || read > bound || read >= 8 * 1024)
            qWarning("read %lld bytes, bound %lld", read, bound);
        return std::make_pair(read, ns);
    };
    for (qint64 offset : {qint64(0), total / 2 + 7, total - 1}) {
        const auto [read, ns] = paintAt(offset);
        QVERIFY2(read > 0 && read < 8 * 1024, qPrintable(QString::number(read)));
        qInfo("hex, offset %lld: paint read %lld bytes in %.2f ms", offset, read, ns / 1e6);
    }
    qInfo("hex: refresh of a 64 MiB stream %.3f ms", refreshNs / 1e6);

    // Text mode: the index is built over a few refreshes, then paints read
    // as little.
    s.view.scrollToOffset(0);
    timer.restart();
    s.view.setMode(HexView::Mode::Text);
    int refreshes = 0;
    while (s.view.textLineIndex().indexedBytes() < total && refreshes < 10000) {
        s.refresh();
        ++refreshes;
    }
    const qint64 indexNs = timer.nsecsElapsed();
    QCOMPARE(s.view.textLineIndex().indexedBytes(), total);
    qInfo("text: 64 MiB indexed in %.1f ms over %d refreshes (%.0f MB/s), index %lld bytes for "
          "%lld lines",
          indexNs / 1e6, refreshes, total / (indexNs / 1e3), s.view.textLineIndex().memoryBytes(),
          s.view.textLineIndex().lineCount());
    for (qint64 offset : {qint64(0), total / 2 + 7, total - 1}) {
        const auto [read, ns] = paintAt(offset);
        QVERIFY2(read > 0 && read < 8 * 1024, qPrintable(QString::number(read)));
        qInfo("text, offset %lld: paint read %lld bytes in %.2f ms", offset, read, ns / 1e6);
    }
    // Binary bytes are the slow case of text mode: a picture per control
    // byte, a dot per byte past ASCII (no valid UTF-8 here: this machine's
    // fonts lack most scripts and Qt warns about each one).
    QByteArray binary(64 * 1024, Qt::Uninitialized);
    QRandomGenerator random(5);
    for (char &c : binary) {
        const quint32 r = random.bounded(256);
        c = char(r < 0x80 ? r : 0x80 + r % 0x40);
    }
    s.append(binary);
    for (int i = 0; i < 100 && s.view.textLineIndex().indexedBytes() < total + binary.size(); ++i)
        s.refresh();
    const auto [read, ns] = paintAt(total + binary.size() - 1);
    QVERIFY2(read > 0 && read < 8 * 1024, qPrintable(QString::number(read)));
    qInfo("text, random bytes: paint read %lld bytes in %.2f ms", read, ns / 1e6);
}

void tst_HexView::renderPictures()
{
    // A look at both modes with every kind of mark, for people to check.
    for (bool dark : {false, true}) {
        Stream s(QStringLiteral("line:max=40"), QSize(1180, 340));
        if (dark) {
            QPalette palette = s.view.palette();
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            palette.setColor(QPalette::Text, QColor(0xdc, 0xdc, 0xdc));
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
            palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
            palette.setColor(QPalette::HighlightedText, Qt::white);
            s.view.setPalette(palette);
        }
        for (const QByteArray &read :
             {QByteArray("GET /index.html HTTP/1.1\r\nHo"), QByteArray("st: example.org\r\n"),
              QByteArray("Accept: */*\r\n\r\n"),
              QByteArray("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87\tok\n"),
              QByteArray("\x00\x01\x02\x7f\x80\xff binary\n", 14),
              QByteArray("this line is far too long for a forty byte limit, so it is an error\n"),
              QByteArray("ping\n"), QByteArray("po"), QByteArray("ng\nparti")}) {
            s.append(read);
        }
        s.refresh();
        QVERIFY(s.show());
        s.view.setHighlights({{s.messages.rowBytes(1).offset, s.messages.rowBytes(1).length}});
        s.view.setSelection({96, 6});
        for (HexView::Mode mode : {HexView::Mode::Hex, HexView::Mode::Text}) {
            s.view.setMode(mode);
            s.refresh();
            const QString name = QStringLiteral("/tmp/hexview-%1%2.png")
                                     .arg(mode == HexView::Mode::Hex ? QStringLiteral("hex")
                                                                     : QStringLiteral("text"),
                                          dark ? QStringLiteral("-dark") : QString());
            QVERIFY(s.view.grab().save(name));
        }
    }
}

QTEST_MAIN(tst_HexView)
#include "tst_hexview.moc"
