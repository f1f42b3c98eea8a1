// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/controlpictures.h"

#include "views/textglyphs.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace TcpInspector {

void ControlPictures::setFont(const QFont &font, qreal cellWidth, qreal lineHeight)
{
    m_font = font;
    m_cellWidth = cellWidth;
    m_lineHeight = lineHeight;
    m_pictures.clear();
}

const QPixmap &ControlPictures::picture(uchar byte, const QColor &color, qreal ratio)
{
    // Few fonts have the control pictures (U+2400...) and a fallback font
    // would not fit the cell, so they are drawn here like the Unicode
    // glyphs: the character's short name in small letters, stepping down
    // across the cell. Drawn once per byte and color.
    if (ratio != m_ratio) {
        m_pictures.clear();
        m_ratio = ratio;
    }
    const quint64 key = quint64(color.rgba()) << 8 | byte;
    const auto found = m_pictures.constFind(key);
    if (found != m_pictures.constEnd())
        return *found;

    const QString name = TextGlyphs::controlName(byte);
    QPixmap pixmap(
        QSize(int(std::ceil(m_cellWidth * ratio)), int(std::ceil(m_lineHeight * ratio))));
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont small = m_font;
    const qreal scale = name.size() > 2 ? 0.5 : 0.62;
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * scale);
    else
        small.setPixelSize(std::max(4, int(small.pixelSize() * scale)));
    painter.setFont(small);
    painter.setPen(color);
    // The letters' boxes from the cell's top left to its bottom right; the
    // boxes' empty parts (descent, leading) may overlap.
    const QFontMetricsF metrics(small);
    const qreal letterWidth = metrics.horizontalAdvance(QLatin1Char('M'));
    const qreal letterHeight = metrics.capHeight();
    const qreal top = 1;
    const qreal steps = name.size() - 1;
    const qreal stepX = (m_cellWidth - letterWidth) / steps;
    const qreal stepY = (m_lineHeight - 2 * top - letterHeight) / steps;
    for (int i = 0; i < name.size(); ++i)
        painter.drawText(QPointF(i * stepX, top + i * stepY + letterHeight), name.mid(i, 1));
    painter.end();
    return *m_pictures.insert(key, pixmap);
}

} // namespace TcpInspector
