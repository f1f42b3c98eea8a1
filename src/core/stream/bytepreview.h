// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace TcpInspector {

/// Bytes as one line of text that shows what is really there, as
/// ByteText::escape() writes them: printable ASCII as itself, \r \n \t \\ as
/// C escapes and every other byte as \xHH. A preview of maxBytes bytes at
/// most; longer input ends with "...".
QString bytePreview(const QByteArray &bytes, qsizetype maxBytes = 64);

} // namespace TcpInspector
