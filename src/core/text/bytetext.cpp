// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/bytetext.h"

#include "text/tr.h"

namespace TcpInspector::ByteText {

namespace {
const char hexDigits[] = "0123456789abcdef";

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == u':' || c == u',';
}

// The byte a one-letter escape stands for, or -1 (\x is not one of them).
int simpleEscapeValue(QChar e)
{
    switch (e.unicode()) {
    case 'r':
        return '\r';
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case '0':
        return '\0';
    case '\\':
    case '"':
    case '\'':
        return e.unicode();
    default:
        return -1;
    }
}

// Line and column (both 1-based, columns in characters) of text[position].
void locate(const QString &text, qsizetype position, ParseResult *result)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < position; ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            ++line;
            column = 1;
        } else if (!c.isLowSurrogate()) {
            ++column;
        }
    }
    result->errorLine = line;
    result->errorColumn = column;
}

// The character at text[position] for a message: itself, or its code point
// when it would not show (controls, spaces of other kinds).
QString describeCharacter(const QString &text, qsizetype position)
{
    const QChar c = text.at(position);
    if (c.isHighSurrogate() && position + 1 < text.size()) {
        const char32_t ucs4 = QChar::surrogateToUcs4(c, text.at(position + 1));
        if (QChar::isPrint(ucs4))
            return text.mid(position, 2);
        return QStringLiteral("U+%1").arg(uint(ucs4), 4, 16, QLatin1Char('0')).toUpper();
    }
    if (c.isPrint() && !c.isSpace())
        return QString(c);
    return QStringLiteral("U+%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0')).toUpper();
}

qsizetype characterLength(const QString &text, qsizetype position)
{
    return text.at(position).isHighSurrogate() && position + 1 < text.size()
                   && text.at(position + 1).isLowSurrogate()
               ? 2
               : 1;
}

// A failed result marking text[position, position + length), with its message.
// Each message says where in one of two forms, "column C" while the error is on
// the first line and "line L, column C" after it, and each form is a whole
// sentence so translators never see a piece of one.
// The place goes into the last placeholders: firstLine takes the column,
// laterLine the line and the column.
ParseResult failure(const QString &text, qsizetype position, qsizetype length,
                    const QString &firstLine, const QString &laterLine)
{
    ParseResult result;
    result.errorPosition = position;
    result.errorLength = length;
    locate(text, position, &result);
    result.error = result.errorLine == 1 ? firstLine.arg(result.errorColumn)
                                         : laterLine.arg(result.errorLine).arg(result.errorColumn);
    return result;
}

ParseResult notAHexDigit(const QString &text, qsizetype position)
{
    const QString what = describeCharacter(text, position);
    return failure(text, position, characterLength(text, position),
                   Tr::tr("Not a hex digit: '%1' at column %2. Hex digits are 0-9 and a-f; "
                          "put spaces or ':' between bytes.")
                       .arg(what),
                   Tr::tr("Not a hex digit: '%1' at line %2, column %3. Hex digits are 0-9 and "
                          "a-f; put spaces or ':' between bytes.")
                       .arg(what));
}

ParseResult loneHexDigit(const QString &text, qsizetype position)
{
    const QString digit = text.at(position);
    return failure(text, position, 1,
                   Tr::tr("Hex digits come in pairs: '%1' at column %2 has no partner. Write "
                          "each byte as two digits (0a, not a).")
                       .arg(digit),
                   Tr::tr("Hex digits come in pairs: '%1' at line %2, column %3 has no partner. "
                          "Write each byte as two digits (0a, not a).")
                       .arg(digit));
}

ParseResult bare0x(const QString &text, qsizetype position)
{
    return failure(text, position, 2, Tr::tr("'0x' at column %1 needs hex digits after it."),
                   Tr::tr("'0x' at line %1, column %2 needs hex digits after it."));
}

ParseResult loneBackslash(const QString &text, qsizetype position)
{
    return failure(
        text, position, 1,
        Tr::tr("A lone backslash at column %1 ends the text; write \\\\ for a backslash."),
        Tr::tr("A lone backslash at line %1, column %2 ends the text; write \\\\ for a "
               "backslash."));
}

ParseResult shortHexEscape(const QString &text, qsizetype position, int digits)
{
    return failure(text, position, 2 + digits,
                   Tr::tr("'\\x' at column %1 needs two hex digits, as in \\x0a."),
                   Tr::tr("'\\x' at line %1, column %2 needs two hex digits, as in \\x0a."));
}

ParseResult unknownEscape(const QString &text, qsizetype position)
{
    const QString what = describeCharacter(text, position + 1);
    return failure(text, position, 1 + characterLength(text, position + 1),
                   Tr::tr("Unknown escape '\\%1' at column %2. Valid escapes: \\r \\n \\t \\0 "
                          "\\\\ \\\" \\' \\xHH.")
                       .arg(what),
                   Tr::tr("Unknown escape '\\%1' at line %2, column %3. Valid escapes: \\r \\n "
                          "\\t \\0 \\\\ \\\" \\' \\xHH.")
                       .arg(what));
}

// The length of the well-formed UTF-8 sequence at bytes[i], 0 if there is none
// (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
int utf8SequenceLength(QByteArrayView bytes, qsizetype i)
{
    const auto at = [&](qsizetype k) {
        return static_cast<unsigned char>(bytes.at(k));
    };
    const unsigned char lead = at(i);
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0)
            low = 0xa0;
        else if (lead == 0xed)
            high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0)
            low = 0x90;
        else if (lead == 0xf4)
            high = 0x8f;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    // Only the second byte has a narrowed range; the rest are plain continuations.
    if (at(i + 1) < low || at(i + 1) > high)
        return 0;
    for (int k = 2; k < length; ++k) {
        if (at(i + k) < 0x80 || at(i + k) > 0xbf)
            return 0;
    }
    return length;
}

// The length of the printable character whose UTF-8 starts at bytes[i], 0
// when there is none. Controls, format characters (zero-width joiners,
// BOM...), private-use code points and spaces other than ' ' would vanish or
// pass for something else on screen, so they count as not printable.
int printableUtf8Length(QByteArrayView bytes, qsizetype i)
{
    const int length = utf8SequenceLength(bytes, i);
    if (length < 2)
        return 0;
    const QString character = QString::fromUtf8(bytes.sliced(i, length));
    const char32_t ucs4 = character.size() == 2
                              ? QChar::surrogateToUcs4(character.at(0), character.at(1))
                              : character.at(0).unicode();
    return QChar::isPrint(ucs4) && !QChar::isSpace(ucs4) ? length : 0;
}

// The C escape escape() writes for c, or nullptr.
const char *namedEscape(unsigned char c, EscapeOptions options)
{
    switch (c) {
    case '\r':
        return "\\r";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\\':
        return "\\\\";
    case '\0':
        return options.testFlag(EscapeNul) ? "\\0" : nullptr;
    case '"':
        return options.testFlag(EscapeDoubleQuote) ? "\\\"" : nullptr;
    default:
        return nullptr;
    }
}
} // namespace

ParseResult parseHex(const QString &text)
{
    QByteArray bytes;
    bytes.reserve(text.size() / 2);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (isHexSeparator(text.at(i))) {
            ++i;
            continue;
        }
        const qsizetype groupStart = i;
        if (text.at(i) == u'0' && i + 1 < n && (text.at(i + 1) == u'x' || text.at(i + 1) == u'X')) {
            i += 2;
            if (i == n || isHexSeparator(text.at(i)))
                return bare0x(text, groupStart);
        }
        int high = -1;
        for (; i < n && !isHexSeparator(text.at(i)); ++i) {
            const int value = hexValue(text.at(i));
            if (value < 0)
                return notAHexDigit(text, i);
            if (high < 0) {
                high = value;
            } else {
                bytes += char(high * 16 + value);
                high = -1;
            }
        }
        if (high >= 0)
            return loneHexDigit(text, i - 1);
    }
    ParseResult result;
    result.bytes = bytes;
    return result;
}

ParseResult parseCEscapes(const QString &text)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    const qsizetype n = text.size();
    qsizetype plainStart = 0; // the text since the last escape goes in as UTF-8
    for (qsizetype i = 0; i < n; ++i) {
        if (text.at(i) != u'\\')
            continue;
        bytes += QStringView(text).sliced(plainStart, i - plainStart).toUtf8();
        if (i + 1 == n)
            return loneBackslash(text, i);
        const QChar e = text.at(i + 1);
        const int value = simpleEscapeValue(e);
        if (value >= 0) {
            bytes += char(value);
            ++i;
        } else if (e == u'x') {
            int digits = 0;
            while (digits < 2 && i + 2 + digits < n && hexValue(text.at(i + 2 + digits)) >= 0)
                ++digits;
            if (digits < 2)
                return shortHexEscape(text, i, digits);
            bytes += char(hexValue(text.at(i + 2)) * 16 + hexValue(text.at(i + 3)));
            i += 3;
        } else {
            return unknownEscape(text, i);
        }
        plainStart = i + 1;
    }
    bytes += QStringView(text).sliced(plainStart).toUtf8();
    ParseResult result;
    result.bytes = bytes;
    return result;
}

QString escape(QByteArrayView bytes, EscapeOptions options)
{
    QString text;
    text.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (const char *escaped = namedEscape(c, options)) {
            text += QLatin1String(escaped);
            ++i;
        } else if (c >= 0x20 && c < 0x7f) {
            text += QLatin1Char(char(c));
            ++i;
        } else if (const int length
                   = options.testFlag(KeepUtf8) ? printableUtf8Length(bytes, i) : 0) {
            text += QString::fromUtf8(bytes.sliced(i, length));
            i += length;
        } else {
            // The bytes after a lead byte left unprinted are continuation bytes,
            // which no sequence starts with: they come out as \xHH too.
            text += QLatin1String("\\x");
            text += QLatin1Char(hexDigits[c >> 4]);
            text += QLatin1Char(hexDigits[c & 15]);
            ++i;
        }
    }
    return text;
}

} // namespace TcpInspector::ByteText
