// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/rowrenderer.h"

#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace TcpInspector {

void RowRenderer::setColors(const QColor &text, const QColor &dimText)
{
    m_text = text;
    m_dimText = dimText;
}

void RowRenderer::drawBracketAt(QPainter &painter, const RowGeometry &geometry, const QRectF &cell,
                                bool inGap, bool opening, const QPen &pen)
{
    const qreal width = pen.widthF();
    const qreal tick = std::max<qreal>(2, std::round(geometry.cellWidth * 0.4));
    const qreal direction = opening ? 1 : -1;
    qreal x = 0;
    if (inGap) // close to the digits
        x = opening ? cell.left() + geometry.cellWidth * 0.25
                    : cell.right() - geometry.cellWidth * 0.25;
    else
        x = opening ? cell.left() - width / 2 : cell.right() + width / 2;
    // On whole pixels, so thin lines stay sharp without antialiasing.
    x = std::round(x - width / 2) + width / 2;
    const qreal top = cell.top() + width / 2;
    const qreal bottom = cell.bottom() - width / 2;
    const QPointF points[]
        = {{x + direction * tick, top}, {x, top}, {x, bottom}, {x + direction * tick, bottom}};
    painter.setPen(pen);
    painter.drawPolyline(points, 4);
}

} // namespace TcpInspector
