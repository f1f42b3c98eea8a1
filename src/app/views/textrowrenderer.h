// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/controlpictures.h"
#include "views/rowrenderer.h"
#include "views/textglyphs.h"

namespace TcpInspector {

class TextRows;

/// Paints the lines of the text view: the line's offset, then one cell per
/// byte as TextGlyphs decides, control characters as small pictures of
/// their names when the font has no glyph for them (Okteta's char column).
class TextRowRenderer : public RowRenderer
{
public:
    /// The offsets are as wide as in the hex dump of layout.
    TextRowRenderer(const TextRows &rows, const HexLayout &layout);

    /// The font the view paints with, and its cell.
    void setFont(const QFont &font, const RowGeometry &geometry);

    // RowRenderer API
    void setColors(const QColor &text, const QColor &dimText) override;
    int lineCells() const override;
    Spans spanRects(const RowGeometry &geometry, qint64 row, int first, int last) const override;
    QRectF byteRect(const RowGeometry &geometry, qint64 row, int byte, Pane pane) const override;
    qint64 byteAt(qint64 row, qreal x, const RowGeometry &geometry, Pane *pane) const override;
    qint64 nearestByte(qint64 row, qreal x, const RowGeometry &geometry, Pane pane) const override;
    void drawText(QPainter &painter, const RowGeometry &geometry, qint64 row, const char *bytes,
                  qint64 size, const QColor *only) override;
    void drawBracket(QPainter &painter, const RowGeometry &geometry, qint64 row, int byte,
                     bool opening, const QPen &pen) const override;

private:
    /// The cell of a line's first byte.
    int textColumn() const { return m_layout.hexPaneColumn(); }

    const TextRows &m_rows;
    const HexLayout &m_layout;
    TextGlyphs m_glyphs;
    qreal m_cellWidth = 8;
    ControlPictures m_pictures;
};

} // namespace TcpInspector
