// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPixmap>

namespace TcpInspector {

/// Control characters drawn as small pictures of their names ("LF", "NUL")
/// in one character cell, for fonts that lack the Unicode control pictures
/// (U+2400...), whose fallback would not fit the cell. Drawn once per byte,
/// color and device pixel ratio; the text view and the conversation view share it.
class ControlPictures
{
public:
    /// The font the cells are in, and the cell's size.
    void setFont(const QFont &font, qreal cellWidth, qreal lineHeight);
    /// Forgets the pictures drawn (a new palette).
    void clear() { m_pictures.clear(); }
    const QPixmap &picture(uchar byte, const QColor &color, qreal ratio);

private:
    QFont m_font;
    qreal m_cellWidth = 8;
    qreal m_lineHeight = 16;
    QHash<quint64, QPixmap> m_pictures; ///< by color and byte
    qreal m_ratio = 0;
};

} // namespace TcpInspector
