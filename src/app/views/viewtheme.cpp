// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewtheme.h"

#include "views/colormix.h"

#include <algorithm>

namespace TcpInspector {

namespace {

bool highContrastThemes = false;

// How much stronger shades and tints get in high contrast.
constexpr qreal contrastBoost = 1.7;

} // namespace

void ViewTheme::setHighContrast(bool on)
{
    highContrastThemes = on;
}

bool ViewTheme::highContrast()
{
    return highContrastThemes;
}

ViewTheme::ViewTheme(const QPalette &palette)
    : m_background(palette.color(QPalette::Base)),
      m_text(palette.color(QPalette::Text)),
      m_highlight(palette.color(QPalette::Highlight)),
      m_highlightedText(palette.color(QPalette::HighlightedText)),
      m_dark(m_background.lightnessF() < 0.5),
      m_highContrast(highContrastThemes)
{
    // Grey text fades first on a projector.
    m_dimText = mixed(m_text, m_background, m_highContrast ? 0.25 : 0.45);
}

qreal ViewTheme::lineWidth(qreal normal) const
{
    return m_highContrast ? normal * 2 : normal;
}

QColor ViewTheme::shade(qreal light, qreal dark) const
{
    const qreal amount = m_dark ? dark : light;
    return mixed(m_background, m_text,
                 m_highContrast ? std::min(0.6, amount * contrastBoost) : amount);
}

QColor ViewTheme::tint(const QColor &color, qreal light, qreal dark) const
{
    const qreal amount = m_dark ? dark : light;
    return mixed(m_background, color,
                 m_highContrast ? std::min(0.9, amount * contrastBoost) : amount);
}

QColor ViewTheme::pick(QRgb light, QRgb dark) const
{
    const QColor color(m_dark ? dark : light);
    // Toward the text: darker on white, lighter on black.
    return m_highContrast ? mixed(color, m_text, 0.3) : color;
}

} // namespace TcpInspector
