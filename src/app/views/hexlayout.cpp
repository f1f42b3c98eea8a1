// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/hexlayout.h"

#include <algorithm>

namespace TcpInspector {

namespace {
constexpr int groupBytes = 8;
constexpr int cellsPerByte = 3;                              // two digits and a space
constexpr int cellsPerGroup = groupBytes * cellsPerByte + 1; // plus the gap between groups
} // namespace

HexLayout::HexLayout(int bytesPerRow) : m_bytesPerRow(std::max(1, bytesPerRow)) { }

void HexLayout::setBytesPerRow(int bytes)
{
    m_bytesPerRow = std::max(1, bytes);
}

void HexLayout::setStreamSize(qint64 size)
{
    m_streamSize = std::max<qint64>(0, size);
}

qint64 HexLayout::rowCount() const
{
    return (m_streamSize + m_bytesPerRow - 1) / m_bytesPerRow;
}

qint64 HexLayout::rowEnd(qint64 row) const
{
    return std::min(rowStart(row) + m_bytesPerRow, std::max(m_streamSize, rowStart(row)));
}

int HexLayout::offsetDigits() const
{
    // As many digits as the last offset needs, and never fewer than xxd's 8,
    // so the panes do not move while a stream grows past 4 GiB.
    int digits = 0;
    for (quint64 last = quint64(std::max<qint64>(0, m_streamSize - 1)); last; last >>= 4)
        ++digits;
    return std::max(8, digits);
}

int HexLayout::hexColumn(int byteInRow) const
{
    return hexPaneColumn() + byteInRow * cellsPerByte + byteInRow / groupBytes;
}

int HexLayout::asciiPaneColumn() const
{
    // The last byte's digits end the hex pane; two spaces before the ASCII.
    return hexColumn(m_bytesPerRow - 1) + 2 + 2;
}

HexLayout::Hit HexLayout::hitTest(qint64 row, int column) const
{
    Hit hit;
    if (row < 0 || column < 0)
        return hit;
    int byte = -1;
    if (column < offsetDigits()) {
        hit.pane = Pane::Offset;
        return hit;
    }
    if (column >= hexPaneColumn() && column < asciiPaneColumn() - 1) {
        const int cell = column - hexPaneColumn();
        const int within = cell % cellsPerGroup;
        if (within < groupBytes * cellsPerByte) {
            byte = cell / cellsPerGroup * groupBytes + within / cellsPerByte;
            if (byte < m_bytesPerRow)
                hit.pane = Pane::Hex;
        }
    } else if (column >= asciiPaneColumn() && column < lineWidth()) {
        byte = column - asciiPaneColumn();
        hit.pane = Pane::Ascii;
    }
    if (hit.pane != Pane::None) {
        const qint64 offset = rowStart(row) + byte;
        if (offset < m_streamSize)
            hit.offset = offset;
    }
    return hit;
}

QString HexLayout::rowText(qint64 row, const QByteArray &bytes) const
{
    static const char digits[] = "0123456789abcdef";
    QString text(lineWidth(), QLatin1Char(' '));
    const QString offset = QString::number(rowStart(row), 16);
    text.replace(0, offsetDigits(), offset.rightJustified(offsetDigits(), QLatin1Char('0')));
    const int n = int(std::min<qint64>(bytes.size(), m_bytesPerRow));
    for (int i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        text[hexColumn(i)] = QLatin1Char(digits[c >> 4]);
        text[hexColumn(i) + 1] = QLatin1Char(digits[c & 15]);
        text[asciiColumn(i)] = QLatin1Char(c >= 0x20 && c < 0x7f ? char(c) : '.');
    }
    // A short last row ends after its ASCII, like xxd, not in blanks.
    text.truncate(asciiColumn(n));
    return text;
}

} // namespace TcpInspector
