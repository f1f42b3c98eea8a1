// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/textrowrenderer.h"

#include "views/textrows.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace TcpInspector {

TextRowRenderer::TextRowRenderer(const TextRows &rows, const HexLayout &layout)
    : m_rows(rows), m_layout(layout)
{ }

void TextRowRenderer::setFont(const QFont &font, const RowGeometry &geometry)
{
    m_cellWidth = geometry.cellWidth;
    m_glyphs.measure(QFontMetricsF(font), m_cellWidth);
    m_pictures.setFont(font, geometry.cellWidth, geometry.lineHeight);
}

void TextRowRenderer::setColors(const QColor &text, const QColor &dimText)
{
    RowRenderer::setColors(text, dimText);
    m_pictures.clear();
}

int TextRowRenderer::lineCells() const
{
    return textColumn() + m_rows.wrapWidth();
}

RowRenderer::Spans TextRowRenderer::spanRects(const RowGeometry &geometry, qint64 row, int first,
                                              int last) const
{
    const qreal left = geometry.cellX(textColumn() + first);
    const qreal right = geometry.cellX(textColumn() + last + 1);
    Spans spans;
    spans.append(QRectF(left, geometry.rowY(row), right - left, geometry.lineHeight));
    return spans;
}

QRectF TextRowRenderer::byteRect(const RowGeometry &geometry, qint64 row, int byte, Pane pane) const
{
    Q_UNUSED(pane); // one column
    return spanRects(geometry, row, byte, byte)[0];
}

qint64 TextRowRenderer::byteAt(qint64 row, qreal x, const RowGeometry &geometry, Pane *pane) const
{
    const qint64 start = m_rows.rowStart(row);
    const int byte = int(std::floor(x / geometry.cellWidth)) - textColumn();
    if (byte < 0 || byte >= m_rows.rowEnd(row) - start)
        return -1;
    *pane = Pane::Ascii;
    return start + byte;
}

qint64 TextRowRenderer::nearestByte(qint64 row, qreal x, const RowGeometry &geometry,
                                    Pane pane) const
{
    Q_UNUSED(pane); // one column
    const qint64 start = m_rows.rowStart(row);
    const int bytes = int(m_rows.rowEnd(row) - start);
    const int byte = int(std::floor(x / geometry.cellWidth)) - textColumn();
    return start + std::clamp(byte, 0, bytes - 1);
}

void TextRowRenderer::drawText(QPainter &painter, const RowGeometry &geometry, qint64 row,
                               const char *bytes, qint64 size, const QColor *only)
{
    const TextGlyphs::Line line = m_glyphs.split(bytes, int(size));
    const qreal y = geometry.rowY(row) + geometry.ascent;
    const qreal textX = geometry.cellX(textColumn());
    if (!only) {
        painter.setPen(m_dimText);
        const QString offset = QString::number(m_rows.rowStart(row), 16);
        painter.drawText(QPointF(geometry.cellX(0), y),
                         offset.rightJustified(m_layout.offsetDigits(), QLatin1Char('0')));
    }
    painter.setPen(only ? *only : m_text);
    painter.drawText(QPointF(textX, y), line.normal);
    painter.setPen(only ? *only : m_dimText);
    painter.drawText(QPointF(textX, y), line.dim);
    // Glyphs wider or narrower than a cell, or missing from the font, are
    // drawn one by one at their cell so the rest of the line stays aligned.
    for (const TextGlyphs::Line::Single &single : line.singles) {
        painter.setPen(only ? *only : single.dim ? m_dimText : m_text);
        painter.drawText(QPointF(textX + single.byte * geometry.cellWidth, y), single.text);
    }
    const QColor &pictureColor = only ? *only : m_dimText;
    for (const auto &[byte, value] : line.pictures) {
        painter.drawPixmap(
            QPointF(textX + byte * geometry.cellWidth, geometry.rowY(row)),
            m_pictures.picture(value, pictureColor, painter.device()->devicePixelRatioF()));
    }
}

void TextRowRenderer::drawBracket(QPainter &painter, const RowGeometry &geometry, qint64 row,
                                  int byte, bool opening, const QPen &pen) const
{
    drawBracketAt(painter, geometry, spanRects(geometry, row, byte, byte)[0], false, opening, pen);
}

} // namespace TcpInspector
