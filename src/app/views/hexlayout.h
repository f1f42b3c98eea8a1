// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace TcpInspector {

/// Where things go in an xxd-like hex view, counted in character cells: pure
/// arithmetic, so the painting view only multiplies by the font's advance.
///
///     00000010  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 00 00  Hello, world....
///
/// Offset digits (8, more for streams past 4 GiB), two spaces, the hex pane
/// (one extra space after every 8 bytes), two spaces, the ASCII pane.
class HexLayout
{
public:
    enum class Pane { None, Offset, Hex, Ascii };
    /// What a cell of a row shows: offset -1 when it is no byte of the stream.
    struct Hit
    {
        Pane pane = Pane::None;
        qint64 offset = -1;
    };

    explicit HexLayout(int bytesPerRow = 16);

    int bytesPerRow() const { return m_bytesPerRow; }
    /// At least 1.
    void setBytesPerRow(int bytes);
    /// The bytes the view covers; decides the row count and the offset width.
    void setStreamSize(qint64 size);
    qint64 streamSize() const { return m_streamSize; }

    qint64 rowCount() const;
    qint64 rowOf(qint64 offset) const { return offset / m_bytesPerRow; }
    /// The byte's place in its row, 0 to bytesPerRow() - 1.
    int byteInRow(qint64 offset) const { return int(offset % m_bytesPerRow); }
    qint64 rowStart(qint64 row) const { return row * m_bytesPerRow; }
    /// One past the row's last byte, never past the stream's end.
    qint64 rowEnd(qint64 row) const;

    int offsetDigits() const;
    int hexPaneColumn() const { return offsetDigits() + 2; }
    /// The cell of the first of the byte's two hex digits.
    int hexColumn(int byteInRow) const;
    int asciiPaneColumn() const;
    int asciiColumn(int byteInRow) const { return asciiPaneColumn() + byteInRow; }
    /// Cells in a full row.
    int lineWidth() const { return asciiPaneColumn() + m_bytesPerRow; }

    /// The byte under a cell. In the hex pane a byte owns its two digits and
    /// the space after them, so clicks between bytes are not lost.
    Hit hitTest(qint64 row, int column) const;

    /// The row as text; bytes are that row's bytes (rowStart() to rowEnd()).
    QString rowText(qint64 row, const QByteArray &bytes) const;

private:
    int m_bytesPerRow;
    qint64 m_streamSize = 0;
};

} // namespace TcpInspector
