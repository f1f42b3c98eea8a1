// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChar>
#include <QLatin1String>
#include <QString>
#include <QtGlobal>

#include <bitset>
#include <utility>
#include <vector>

class QFontMetricsF;

namespace TcpInspector {

/// How the text view shows bytes as characters, one cell per byte: printable
/// ASCII as itself, control characters as the Unicode control pictures (\n as
/// U+240A, DEL as U+2421), a valid UTF-8 sequence as its character in its
/// first byte's cell (when that character draws on its own), any other byte
/// past ASCII as a middle dot. No widget: the view paints what split() says.
class TextGlyphs
{
public:
    /// A line's glyphs sorted by how they are drawn. Most go into two strings
    /// of one cell per byte, each blank where the other draws, so a line takes
    /// two drawText() calls; the rest are drawn one by one at their cell.
    struct Line
    {
        struct Single
        {
            int byte; ///< the cell, counted from the line's first byte
            QString text;
            bool dim;
        };
        QString normal; ///< printable ASCII
        QString dim;    ///< control pictures and dots
        /// UTF-8 characters, and glyphs that do not fill exactly one cell.
        std::vector<Single> singles;
        /// Control bytes (cell, byte) whose picture the font lacks.
        std::vector<std::pair<int, uchar>> pictures;
    };

    /// Every glyph counts as one cell wide until measure() says otherwise.
    TextGlyphs();

    static bool printableAscii(uchar byte) { return byte >= 0x20 && byte < 0x7f; }
    /// Bytes below 0x20 and DEL.
    static bool control(uchar byte) { return byte < 0x20 || byte == 0x7f; }
    /// The glyph of a byte on its own (not as part of UTF-8).
    static QChar glyph(uchar byte);
    /// "NUL" ... "US", "DEL" for control bytes; empty for the others.
    static QLatin1String controlName(uchar byte);
    /// The code point of a complete, valid UTF-8 sequence of 2 to 4 bytes at
    /// bytes, and its length; 0 when there is none (an ASCII byte, a stray
    /// continuation byte, an overlong form, a surrogate, past U+10FFFF, or a
    /// sequence cut by the end of the available bytes).
    static int utf8Sequence(const uchar *bytes, qint64 available, char32_t *codePoint);
    /// Whether a character draws something on its own: no combining marks,
    /// controls, formats, separators, private-use or unassigned code points.
    static bool drawable(char32_t codePoint);

    /// Finds which bytes' glyphs are exactly one cell wide in the font, so
    /// they can go into the line's strings.
    void measure(const QFontMetricsF &metrics, qreal cellWidth);
    bool cellSafe(uchar byte) const { return m_cellSafe.test(byte); }
    void setCellSafe(uchar byte, bool safe) { m_cellSafe.set(byte, safe); }

    Line split(const char *bytes, int size) const;

private:
    std::bitset<256> m_cellSafe;
};

} // namespace TcpInspector
