// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QString>

/// The one grammar for bytes written as text, wherever a user types them (the
/// send composer, find, --send, --send-hex, --reply text:/hex:, framing options
/// such as delim:hex=) or reads them (previews, "Copy as" text and literals).
/// docs/CLI.md, "Bytes as text", describes it for users.
namespace TcpInspector::ByteText {

/// What reading a text gave: the bytes, or where the first character that
/// cannot be read is and a sentence that says why and how to fix it.
struct ParseResult
{
    QByteArray bytes;             ///< empty on failure
    QString error;                ///< empty when the text was valid
    qsizetype errorPosition = -1; ///< index into the text of the bad character
    qsizetype errorLength = 0;    ///< what to mark, in UTF-16 units (2 for a surrogate pair)
    int errorLine = 0;            ///< 1-based
    int errorColumn = 0;          ///< 1-based, in characters

    bool isValid() const { return errorPosition < 0 && error.isEmpty(); }
};

/// Hex digits (0-9, a-f, A-F) in pairs, one pair a byte. Between bytes any
/// white space (new lines too), ':' and ','; each group of digits may start
/// with 0x or 0X, so "0d0a", "0D 0A", "de:ad" and "0x48, 0x65" (the items of
/// a C or Go array) all read. A group with an odd number of digits is an
/// error at its last digit ("4 8" is not 0x48, "0x1" is not 0x01). An empty
/// text is no bytes.
ParseResult parseHex(const QString &text);

/// Text as UTF-8 with the C escapes \r \n \t \0 \\ \" \' and \xHH (exactly
/// two hex digits). No octal and no \u: a backslash before anything else is
/// an error at that backslash.
ParseResult parseCEscapes(const QString &text);

/// What escape() writes as a C escape besides \r \n \t \\ and \xHH.
enum EscapeOption {
    EscapeNul = 0x1,         ///< the zero byte as \0 (not where octal digits may follow it)
    EscapeDoubleQuote = 0x2, ///< '"' as \" (for a literal in double quotes)
    KeepUtf8 = 0x4,          ///< printable non-ASCII UTF-8 characters as themselves
};
Q_DECLARE_FLAGS(EscapeOptions, EscapeOption)

/// Bytes as one line that shows what is really there: printable ASCII as
/// itself, \r \n \t \\ as C escapes (and \0, \" as options say), every other
/// byte as \xHH. parseCEscapes() reads the result back to the same bytes.
QString escape(QByteArrayView bytes, EscapeOptions options = {});

} // namespace TcpInspector::ByteText

Q_DECLARE_OPERATORS_FOR_FLAGS(TcpInspector::ByteText::EscapeOptions)
