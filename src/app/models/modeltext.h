// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/connectionstate.h"
#include "timeline/timeline.h"

#include <QByteArray>
#include <QString>

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

} // namespace ModelText
} // namespace TcpInspector
