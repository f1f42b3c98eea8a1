// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace TcpInspector {

/// Bytes written out for the clipboard (hex, escaped text, source-code
/// literals) and the names the GUI gives those formats. Reading bytes back
/// from text is ByteText's (core/text/bytetext.h).
namespace ByteFormat {

enum Format {
    Hex,        ///< "48 65 6c", 16 bytes a line
    Text,       ///< UTF-8 where it is valid and printable, C escapes for the rest
    CArray,     ///< const unsigned char data[N] = { 0x48, ... };
    GoSlice,    ///< []byte{0x48, ...}
    PythonBytes ///< b"He\x00"
};

/// The bytes in one of the formats. Long C and Go literals wrap at 12 bytes a
/// line; Hex reads back through ByteText::parseHex() and Text through
/// ByteText::parseCEscapes() to the same bytes.
QString format(const QByteArray &bytes, Format format);
/// What a menu calls the format: "Hex", "C array", ...
QString formatName(Format format);
/// The formats a "Copy as" menu offers, in menu order.
QList<Format> copyFormats();

} // namespace ByteFormat
} // namespace TcpInspector
