// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/textglyphs.h"

#include <QFontMetricsF>

#include <cmath>

namespace TcpInspector {

TextGlyphs::TextGlyphs()
{
    m_cellSafe.set();
}

QChar TextGlyphs::glyph(uchar byte)
{
    if (byte < 0x20)
        return QChar(0x2400 + byte);
    if (byte == 0x7f)
        return QChar(0x2421);
    if (byte >= 0x80)
        return QChar(0x00b7);
    return QLatin1Char(char(byte));
}

QLatin1String TextGlyphs::controlName(uchar byte)
{
    static const char *const names[]
        = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
           "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
           "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    if (byte == 0x7f)
        return QLatin1String("DEL");
    return byte < 0x20 ? QLatin1String(names[byte]) : QLatin1String();
}

int TextGlyphs::utf8Sequence(const uchar *bytes, qint64 available, char32_t *codePoint)
{
    if (available <= 0)
        return 0;
    const uchar lead = bytes[0];
    int length = 0;
    uchar low = 0x80;
    uchar high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0)
            low = 0xa0; // overlong
        else if (lead == 0xed)
            high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0)
            low = 0x90;
        else if (lead == 0xf4)
            high = 0x8f; // past U+10FFFF
    } else {
        return 0;
    }
    if (available < length || bytes[1] < low || bytes[1] > high)
        return 0;
    char32_t value = lead & (0xff >> (length + 1));
    value = (value << 6) | (bytes[1] & 0x3f);
    for (int i = 2; i < length; ++i) {
        if (bytes[i] < 0x80 || bytes[i] > 0xbf)
            return 0;
        value = (value << 6) | (bytes[i] & 0x3f);
    }
    *codePoint = value;
    return length;
}

bool TextGlyphs::drawable(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

void TextGlyphs::measure(const QFontMetricsF &metrics, qreal cellWidth)
{
    for (int byte = 0; byte < 256; ++byte) {
        const QChar c = glyph(uchar(byte));
        m_cellSafe.set(size_t(byte),
                       metrics.inFont(c)
                           && std::abs(metrics.horizontalAdvance(c) - cellWidth) < 0.01);
    }
}

TextGlyphs::Line TextGlyphs::split(const char *bytes, int size) const
{
    const auto *units = reinterpret_cast<const uchar *>(bytes);
    Line line;
    line.normal = QString(size, QLatin1Char(' '));
    line.dim = QString(size, QLatin1Char(' '));
    for (int i = 0; i < size; ++i) {
        const uchar byte = units[i];
        char32_t codePoint = 0;
        const int length = byte >= 0x80 ? utf8Sequence(units + i, size - i, &codePoint) : 0;
        if (length > 0 && drawable(codePoint)) {
            // The character in its first byte's cell, the others left blank.
            line.singles.push_back({i, QString::fromUcs4(&codePoint, 1), false});
            i += length - 1;
            continue;
        }
        const QChar c = glyph(byte);
        const bool dimmed = !printableAscii(byte);
        if (cellSafe(byte))
            (dimmed ? line.dim : line.normal)[i] = c;
        else if (control(byte))
            line.pictures.emplace_back(i, byte);
        else
            line.singles.push_back({i, QString(c), dimmed});
    }
    return line;
}

} // namespace TcpInspector
