// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewtheme.h"

#include "views/colormix.h"

namespace TcpInspector {

ViewTheme::ViewTheme(const QPalette &palette)
    : m_background(palette.color(QPalette::Base)),
      m_text(palette.color(QPalette::Text)),
      m_highlight(palette.color(QPalette::Highlight)),
      m_highlightedText(palette.color(QPalette::HighlightedText)),
      m_dark(m_background.lightnessF() < 0.5)
{
    m_dimText = mixed(m_text, m_background, 0.45);
}

QColor ViewTheme::shade(qreal light, qreal dark) const
{
    return mixed(m_background, m_text, m_dark ? dark : light);
}

QColor ViewTheme::tint(const QColor &color, qreal light, qreal dark) const
{
    return mixed(m_background, color, m_dark ? dark : light);
}

QColor ViewTheme::pick(QRgb light, QRgb dark) const
{
    return QColor(m_dark ? dark : light);
}

} // namespace TcpInspector
