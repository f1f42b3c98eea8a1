// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

} // namespace ModelText
} // namespace TcpInspector
