// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/connectionstate.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace TcpInspector {

/// Texts the stream models share, so chunk and message rows read alike.
namespace ModelText {

/// A time relative to the start of a connection: "+12.4 ms", "+3.250 s".
QString relativeTime(qint64 ns);
/// "rx" or "tx", translatable.
QString direction(Direction direction);
/// The first maxBytes bytes as hex pairs, "48 65 6c", with "..." when longer.
QString hexPreview(const QByteArray &bytes, qsizetype maxBytes);
/// A state for people: "Established", "Half-closed by us", translatable.
QString state(ConnectionState state);
/// A byte count short enough for a table cell: "999 B", "1.2 KiB", "3.40 MiB".
QString byteCount(qint64 bytes);
/// A rate: "0 B/s", "12.3 MiB/s".
QString byteRate(double bytesPerSecond);
/// A duration for an age column: "850 ms", "12 s", "3 min 05 s", "2 h 01 min".
QString age(qint64 ns);

/// The columns the chunk and the message table both start with, in this order.
enum StreamColumn { NumberColumn, TimeColumn, DirectionColumn, OffsetColumn, SizeColumn };
constexpr int streamColumnCount = SizeColumn + 1;

/// What a chunk or message row holds for those columns.
struct StreamCells
{
    QVariant number; ///< counted from 1; an empty text for rows without one
    qint64 timestampNs = -1;
    bool timeKnown = true; ///< false: the Time column stays empty
    qint64 startNs = 0;    ///< times are shown relative to this
    Direction direction = Direction::Rx;
    qint64 offset = 0;
    qint64 size = 0;
};
/// The display text of a StreamColumn.
QVariant streamCell(const StreamCells &cells, int column);
/// The header title of a StreamColumn: "#", "Time", "Dir", "Offset", "Size";
/// nothing for other columns.
QVariant streamColumnTitle(int column);
/// What a StreamColumn holds, for its header's tooltip; `chunks` says
/// whether the rows are reads and writes or decoded messages.
QString streamColumnToolTip(int column, bool chunks);
/// Its width in digits, from the longest value it usually holds.
int streamColumnWidth(int column);
/// Numbers right, text left; for every column of a stream table.
int streamAlignment(int column);

} // namespace ModelText
} // namespace TcpInspector
