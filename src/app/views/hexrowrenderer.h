// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/rowrenderer.h"

namespace TcpInspector {

/// Paints the rows of the hex dump as HexLayout places them: the offset, the
/// hex digits and the ASCII column, with offsets and the dots of unprintable
/// bytes dimmed (Okteta's value and char columns in one renderer).
class HexRowRenderer : public RowRenderer
{
public:
    explicit HexRowRenderer(const HexLayout &layout) : m_layout(layout) { }

    // RowRenderer API
    int lineCells() const override { return m_layout.lineWidth(); }
    Spans spanRects(const RowGeometry &geometry, qint64 row, int first, int last) const override;
    QRectF byteRect(const RowGeometry &geometry, qint64 row, int byte, Pane pane) const override;
    qint64 byteAt(qint64 row, qreal x, const RowGeometry &geometry, Pane *pane) const override;
    qint64 nearestByte(qint64 row, qreal x, const RowGeometry &geometry, Pane pane) const override;
    void drawText(QPainter &painter, const RowGeometry &geometry, qint64 row, const char *bytes,
                  qint64 size, const QColor *only) override;
    void drawBracket(QPainter &painter, const RowGeometry &geometry, qint64 row, int byte,
                     bool opening, const QPen &pen) const override;

private:
    const HexLayout &m_layout;
};

} // namespace TcpInspector
