// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/hexlayout.h"

#include <QColor>
#include <QRectF>
#include <QVarLengthArray>

class QPainter;
class QPen;

namespace TcpInspector {

/// Where a byte view's rows and character cells land in the viewport: the
/// font's cell, the margin, and how far the view is scrolled.
struct RowGeometry
{
    qreal cellWidth = 8;
    qreal lineHeight = 16;
    qreal ascent = 12; ///< from a row's top to its baseline
    qreal margin = 4;  ///< left of the first cell
    qreal scrollX = 0; ///< the horizontal scroll bar's value
    qint64 topRow = 0;

    qreal cellX(int column) const { return margin + column * cellWidth - scrollX; }
    qreal rowY(qint64 row) const { return qreal(row - topRow) * lineHeight; }
};

/// Paints the rows of a byte view and says where their bytes are: the
/// geometry of the columns and the text in them (Okteta's column renderers).
/// Backgrounds, selection and brackets are drawn by the view through
/// spanRects() and drawBracket(), the same for every renderer.
class RowRenderer
{
public:
    using Pane = HexLayout::Pane;
    /// One rectangle per column that shows the bytes.
    using Spans = QVarLengthArray<QRectF, 2>;

    virtual ~RowRenderer() = default;

    /// The colors of text outside the selection: characters, and what is
    /// dimmed (offsets, control pictures, dots for unprintable bytes).
    virtual void setColors(const QColor &text, const QColor &dimText);

    /// Cells of the widest row, offsets included: the horizontal scroll range.
    virtual int lineCells() const = 0;
    /// Where bytes first to last of a row are, in each column.
    virtual Spans spanRects(const RowGeometry &geometry, qint64 row, int first, int last) const = 0;
    /// A byte's cell; in a hex dump its digits (Pane::Hex) or its character (Pane::Ascii).
    virtual QRectF byteRect(const RowGeometry &geometry, qint64 row, int byte, Pane pane) const = 0;
    /// The byte at x (in the unscrolled row, the margin taken off), or -1;
    /// pane says which column it is in.
    virtual qint64 byteAt(qint64 row, qreal x, const RowGeometry &geometry, Pane *pane) const = 0;
    /// The row's byte closest to x in a column: where a drag that started
    /// in that column has got to.
    virtual qint64 nearestByte(qint64 row, qreal x, const RowGeometry &geometry,
                               Pane pane) const = 0;
    /// The row's offsets and characters, all in one color when only is set.
    virtual void drawText(QPainter &painter, const RowGeometry &geometry, qint64 row,
                          const char *bytes, qint64 size, const QColor *only)
        = 0;
    /// The mark where a message opens or closes, in each column.
    virtual void drawBracket(QPainter &painter, const RowGeometry &geometry, qint64 row, int byte,
                             bool opening, const QPen &pen) const = 0;

protected:
    /// A bracket beside a cell: in the gap before or after it (hex digits),
    /// else just outside it, off the first and last glyphs of a line.
    static void drawBracketAt(QPainter &painter, const RowGeometry &geometry, const QRectF &cell,
                              bool inGap, bool opening, const QPen &pen);

    QColor m_text;
    QColor m_dimText;
};

} // namespace TcpInspector
