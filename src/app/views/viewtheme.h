// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>

namespace TcpInspector {

/// The colours the custom views (hex, timeline) derive from the palette,
/// worked out once per palette change: whether the theme is dark, the quiet
/// shades between background and text, and the hues that need a light and a
/// dark variant to read on both. In high contrast (presentation mode, a
/// projector) the shades are stronger and the hues move toward the text.
class ViewTheme
{
public:
    /// The red of errors, resets and broken frames on a dark background.
    static constexpr QRgb errorOnDark = 0xff6b6b;

    /// Whether themes made from now on are high-contrast; the views make
    /// theirs again on the palette change that comes with it.
    static void setHighContrast(bool on);
    [[nodiscard]] static bool highContrast();

    ViewTheme() = default;
    explicit ViewTheme(const QPalette &palette);

    [[nodiscard]] bool isDark() const { return m_dark; }
    [[nodiscard]] bool isHighContrast() const { return m_highContrast; }
    /// A line width (marks, cursors, frames) in pixels, thicker in high contrast.
    [[nodiscard]] qreal lineWidth(qreal normal) const;
    [[nodiscard]] QColor background() const { return m_background; }
    [[nodiscard]] QColor text() const { return m_text; }
    /// Text for what matters less: labels, units, hints.
    [[nodiscard]] QColor dimText() const { return m_dimText; }
    /// What the user picked for selections and cursors.
    [[nodiscard]] QColor highlight() const { return m_highlight; }
    [[nodiscard]] QColor highlightedText() const { return m_highlightedText; }

    /// The background moved toward the text by light or dark (a fraction):
    /// bands, grids, panels. Dark themes need a little more to show.
    [[nodiscard]] QColor shade(qreal light, qreal dark) const;
    /// The background moved toward color by light or dark: a muted hue.
    [[nodiscard]] QColor tint(const QColor &color, qreal light, qreal dark) const;
    /// One of two hues, for a light or a dark background.
    [[nodiscard]] QColor pick(QRgb light, QRgb dark) const;

private:
    QColor m_background;
    QColor m_text;
    QColor m_dimText;
    QColor m_highlight;
    QColor m_highlightedText;
    bool m_dark = false;
    bool m_highContrast = false;
};

} // namespace TcpInspector
