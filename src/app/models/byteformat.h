// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace TcpInspector {

/// Bytes written out for the clipboard (hex, escaped text, source-code
/// literals) and the parsers behind the send composer's text and hex modes.
namespace ByteFormat {

enum Format {
    Hex,        ///< "48 65 6c", 16 bytes a line
    Text,       ///< UTF-8 where it is valid and printable, C escapes for the rest
    CArray,     ///< const unsigned char data[N] = { 0x48, ... };
    GoSlice,    ///< []byte{0x48, ...}
    PythonBytes ///< b"He\x00"
};

/// The bytes in one of the formats. Long C and Go literals wrap at 12 bytes a
/// line; the Text format reads back through unescapeC() to the same bytes.
QString format(const QByteArray &bytes, Format format);
/// What a menu calls the format: "Hex", "C array", ...
QString formatName(Format format);
/// The formats a "Copy as" menu offers, in menu order.
QList<Format> copyFormats();

/// What parsing what the user typed gave: the bytes, or where the first
/// character that cannot be read is and a sentence saying why.
struct ParseResult
{
    QByteArray bytes;
    QString error;                ///< empty when the text was valid
    qsizetype errorPosition = -1; ///< index into the text of the bad character
    qsizetype errorLength = 0;    ///< its length in UTF-16 units (2 for a surrogate pair)
    int errorLine = 0;            ///< 1-based
    int errorColumn = 0;          ///< 1-based, in characters

    bool isValid() const { return errorPosition < 0 && error.isEmpty(); }
};

/// Hex digits in pairs. Between bytes: white space, ':' and ','; each group of
/// digits may start with 0x. A group with an odd number of digits is an error
/// at its last digit ("4 8" is not 0x48, "0x1" is not 0x01).
ParseResult parseHex(const QString &text);

/// Text with C escapes (\r \n \t \0 \\ \" \' \xHH) as UTF-8, decoded by
/// unescapeC(); on failure the result points at the escape it stopped at.
ParseResult parseEscapedText(const QString &text);

} // namespace ByteFormat
} // namespace TcpInspector
