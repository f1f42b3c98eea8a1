// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/hexrowrenderer.h"

#include "views/textglyphs.h"

#include <QPainter>

#include <cmath>
#include <limits>

namespace TcpInspector {

RowRenderer::Spans HexRowRenderer::spanRects(const RowGeometry &geometry, qint64 row, int first,
                                             int last) const
{
    const qreal half = geometry.cellWidth / 2;
    const qreal top = geometry.rowY(row);
    // Half of the gap on either side belongs to the byte, so a band has no
    // holes and the edge between two bands falls between two bytes.
    const qreal hexLeft = geometry.cellX(m_layout.hexColumn(first)) - half;
    const qreal hexRight = geometry.cellX(m_layout.hexColumn(last) + 2) + half;
    const qreal asciiLeft = geometry.cellX(m_layout.asciiColumn(first));
    const qreal asciiRight = geometry.cellX(m_layout.asciiColumn(last) + 1);
    Spans spans;
    spans.append(QRectF(hexLeft, top, hexRight - hexLeft, geometry.lineHeight));
    spans.append(QRectF(asciiLeft, top, asciiRight - asciiLeft, geometry.lineHeight));
    return spans;
}

QRectF HexRowRenderer::byteRect(const RowGeometry &geometry, qint64 row, int byte, Pane pane) const
{
    const Spans spans = spanRects(geometry, row, byte, byte);
    if (pane == Pane::Ascii)
        return spans[1];
    // The digits only, without the halves of the gaps around them.
    const qreal half = geometry.cellWidth / 2;
    return spans[0].adjusted(half, 0, -half, 0);
}

qint64 HexRowRenderer::byteAt(qint64 row, qreal x, const RowGeometry &geometry, Pane *pane) const
{
    const HexLayout::Hit hit = m_layout.hitTest(row, int(std::floor(x / geometry.cellWidth)));
    if (hit.offset < 0 || (hit.pane != Pane::Hex && hit.pane != Pane::Ascii))
        return -1;
    *pane = hit.pane;
    return hit.offset;
}

qint64 HexRowRenderer::nearestByte(qint64 row, qreal x, const RowGeometry &geometry,
                                   Pane pane) const
{
    const qint64 start = m_layout.rowStart(row);
    const int bytes = int(m_layout.rowEnd(row) - start);
    int best = 0;
    qreal bestDistance = std::numeric_limits<qreal>::max();
    for (int byte = 0; byte < bytes; ++byte) {
        const qreal center = pane == Pane::Ascii
                                 ? (m_layout.asciiColumn(byte) + 0.5) * geometry.cellWidth
                                 : (m_layout.hexColumn(byte) + 1) * geometry.cellWidth;
        const qreal distance = std::abs(center - x);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = byte;
        }
    }
    return start + best;
}

void HexRowRenderer::drawText(QPainter &painter, const RowGeometry &geometry, qint64 row,
                              const char *bytes, qint64 size, const QColor *only)
{
    const QString line = m_layout.rowText(row, QByteArray::fromRawData(bytes, int(size)));
    const QPointF origin(geometry.cellX(0), geometry.rowY(row) + geometry.ascent);
    if (only) {
        painter.setPen(*only);
        painter.drawText(origin, line);
        return;
    }
    // Offsets and the dots of unprintable bytes are dimmed, so a real '.'
    // stands out. Two strings of the same width, each blank where the other
    // draws: two calls per row instead of one per cell.
    QString normal = line;
    QString dim(line.size(), QLatin1Char(' '));
    for (int i = 0; i < m_layout.offsetDigits(); ++i) {
        dim[i] = line.at(i);
        normal[i] = QLatin1Char(' ');
    }
    for (int i = 0; i < size; ++i) {
        if (!TextGlyphs::printableAscii(uchar(bytes[i]))) {
            const int column = m_layout.asciiColumn(i);
            dim[column] = normal.at(column);
            normal[column] = QLatin1Char(' ');
        }
    }
    painter.setPen(m_text);
    painter.drawText(origin, normal);
    painter.setPen(m_dimText);
    painter.drawText(origin, dim);
}

void HexRowRenderer::drawBracket(QPainter &painter, const RowGeometry &geometry, qint64 row,
                                 int byte, bool opening, const QPen &pen) const
{
    const Spans spans = spanRects(geometry, row, byte, byte);
    drawBracketAt(painter, geometry, spans[0], true, opening, pen);
    drawBracketAt(painter, geometry, spans[1], false, opening, pen);
}

} // namespace TcpInspector
