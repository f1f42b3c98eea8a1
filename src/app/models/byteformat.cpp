// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/byteformat.h"

#include "net/replypolicy.h"

#include <QCoreApplication>

namespace TcpInspector::ByteFormat {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TcpInspector::ByteFormat", text);
}

const char hexDigits[] = "0123456789abcdef";

void appendHexPair(QString *out, unsigned char c)
{
    *out += QLatin1Char(hexDigits[c >> 4]);
    *out += QLatin1Char(hexDigits[c & 15]);
}

void appendEscapedHex(QString *out, unsigned char c)
{
    *out += QLatin1String("\\x");
    appendHexPair(out, c);
}

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

// The length of the well-formed UTF-8 sequence at data[i], 0 if there is none
// (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
int utf8SequenceLength(const QByteArray &data, qsizetype i)
{
    const auto at = [&](qsizetype k) {
        return static_cast<unsigned char>(data.at(k));
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
    if (i + length > data.size())
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

QString formatHex(const QByteArray &bytes)
{
    QString text;
    text.reserve(bytes.size() * 3);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (i > 0)
            text += QLatin1Char(i % 16 == 0 ? '\n' : ' ');
        appendHexPair(&text, static_cast<unsigned char>(bytes.at(i)));
    }
    return text;
}

QString formatText(const QByteArray &bytes)
{
    QString text;
    text.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        switch (c) {
        case '\r':
            text += QLatin1String("\\r");
            ++i;
            continue;
        case '\n':
            text += QLatin1String("\\n");
            ++i;
            continue;
        case '\t':
            text += QLatin1String("\\t");
            ++i;
            continue;
        case '\0':
            text += QLatin1String("\\0");
            ++i;
            continue;
        case '\\':
            text += QLatin1String("\\\\");
            ++i;
            continue;
        default:
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            text += QLatin1Char(char(c));
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(bytes, i);
        if (length > 0) {
            const QString character = QString::fromUtf8(bytes.constData() + i, length);
            const char32_t ucs4 = character.toUcs4().value(0);
            // Controls, format characters (zero-width joiners, BOM...),
            // private-use code points and spaces other than ' ' would vanish
            // or pass for something else on screen: write their bytes.
            if (QChar::isPrint(ucs4) && !QChar::isSpace(ucs4)) {
                text += character;
                i += length;
                continue;
            }
        }
        const qsizetype end = i + std::max(length, 1);
        for (; i < end; ++i)
            appendEscapedHex(&text, static_cast<unsigned char>(bytes.at(i)));
    }
    return text;
}

// Comma-separated 0xHH items, perLine a line after indent, or all on one line
// when they fit in one.
QString hexItems(const QByteArray &bytes, int perLine, const QString &indent, bool trailingComma)
{
    QString text;
    text.reserve(bytes.size() * 6 + bytes.size() / perLine * (indent.size() + 1));
    const bool oneLine = bytes.size() <= perLine;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (!oneLine && i % perLine == 0)
            text += (i == 0 ? QString() : QStringLiteral("\n")) + indent;
        else if (i > 0)
            text += QLatin1Char(' ');
        text += QLatin1String("0x");
        appendHexPair(&text, static_cast<unsigned char>(bytes.at(i)));
        if (i + 1 < bytes.size() || (trailingComma && !oneLine))
            text += QLatin1Char(',');
    }
    return text;
}

constexpr int literalBytesPerLine = 12;

QString formatCArray(const QByteArray &bytes)
{
    const QString head = QStringLiteral("const unsigned char data[%1] = {").arg(bytes.size());
    if (bytes.isEmpty())
        return head + QLatin1String("};");
    if (bytes.size() <= literalBytesPerLine)
        return head + QLatin1Char(' ') + hexItems(bytes, literalBytesPerLine, {}, false)
               + QLatin1String(" };");
    return head + QLatin1Char('\n')
           + hexItems(bytes, literalBytesPerLine, QStringLiteral("    "), false)
           + QLatin1String("\n};");
}

QString formatGoSlice(const QByteArray &bytes)
{
    if (bytes.size() <= literalBytesPerLine)
        return QLatin1String("[]byte{") + hexItems(bytes, literalBytesPerLine, {}, false)
               + QLatin1Char('}');
    // As gofmt lays it out: tab indents, and a comma after the last item
    // because the brace is on a line of its own.
    return QLatin1String("[]byte{\n")
           + hexItems(bytes, literalBytesPerLine, QStringLiteral("\t"), true)
           + QLatin1String("\n}");
}

QString formatPythonBytes(const QByteArray &bytes)
{
    QString text;
    text.reserve(bytes.size() + 3);
    text += QLatin1String("b\"");
    for (const char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        switch (c) {
        case '\\':
            text += QLatin1String("\\\\");
            break;
        case '"':
            text += QLatin1String("\\\"");
            break;
        case '\t':
            text += QLatin1String("\\t");
            break;
        case '\n':
            text += QLatin1String("\\n");
            break;
        case '\r':
            text += QLatin1String("\\r");
            break;
        default:
            // Not \0: Python reads up to three octal digits after it.
            if (c >= 0x20 && c < 0x7f)
                text += QLatin1Char(char(c));
            else
                appendEscapedHex(&text, c);
        }
    }
    text += QLatin1Char('"');
    return text;
}

// Line and column (both 1-based, columns in characters) of text[position].
void locate(const QString &text, qsizetype position, ParseResult *result)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < position; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n')) {
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

void fail(ParseResult *result, const QString &text, qsizetype position, qsizetype length)
{
    result->bytes.clear();
    result->errorPosition = position;
    result->errorLength = length;
    locate(text, position, result);
}

bool isHexSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char(',');
}
} // namespace

QString format(const QByteArray &bytes, Format format)
{
    switch (format) {
    case Hex:
        return formatHex(bytes);
    case Text:
        return formatText(bytes);
    case CArray:
        return formatCArray(bytes);
    case GoSlice:
        return formatGoSlice(bytes);
    case PythonBytes:
        return formatPythonBytes(bytes);
    }
    return {};
}

QString formatName(Format format)
{
    switch (format) {
    case Hex:
        return tr("Hex");
    case Text:
        return tr("Text");
    case CArray:
        return tr("C array");
    case GoSlice:
        return tr("Go []byte");
    case PythonBytes:
        return tr("Python bytes");
    }
    return {};
}

QList<Format> copyFormats()
{
    return {Hex, Text, CArray, GoSlice, PythonBytes};
}

ParseResult parseHex(const QString &text)
{
    ParseResult result;
    result.bytes.reserve(text.size() / 2);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (isHexSeparator(text.at(i))) {
            ++i;
            continue;
        }
        const qsizetype groupStart = i;
        if (text.at(i) == QLatin1Char('0') && i + 1 < n
            && (text.at(i + 1) == QLatin1Char('x') || text.at(i + 1) == QLatin1Char('X'))) {
            i += 2;
            if (i == n || isHexSeparator(text.at(i))) {
                fail(&result, text, groupStart, 2);
                result.error = result.errorLine == 1
                                   ? tr("'0x' at column %1 needs hex digits after it.")
                                         .arg(result.errorColumn)
                                   : tr("'0x' at line %1, column %2 needs hex digits after it.")
                                         .arg(result.errorLine)
                                         .arg(result.errorColumn);
                return result;
            }
        }
        int high = -1;
        for (; i < n && !isHexSeparator(text.at(i)); ++i) {
            const int value = hexValue(text.at(i));
            if (value < 0) {
                fail(&result, text, i, characterLength(text, i));
                const QString what = describeCharacter(text, i);
                result.error = result.errorLine == 1
                                   ? tr("Not a hex digit: '%1' at column %2.")
                                         .arg(what)
                                         .arg(result.errorColumn)
                                   : tr("Not a hex digit: '%1' at line %2, column %3.")
                                         .arg(what)
                                         .arg(result.errorLine)
                                         .arg(result.errorColumn);
                return result;
            }
            if (high < 0) {
                high = value;
            } else {
                result.bytes += char(high * 16 + value);
                high = -1;
            }
        }
        if (high >= 0) {
            fail(&result, text, i - 1, 1);
            const QString digit = text.at(i - 1);
            result.error
                = result.errorLine == 1
                      ? tr("Hex digits come in pairs: '%1' at column %2 has no partner.")
                            .arg(digit)
                            .arg(result.errorColumn)
                      : tr("Hex digits come in pairs: '%1' at line %2, column %3 has no partner.")
                            .arg(digit)
                            .arg(result.errorLine)
                            .arg(result.errorColumn);
            return result;
        }
    }
    return result;
}

ParseResult parseEscapedText(const QString &text)
{
    ParseResult result;
    QString error;
    if (unescapeC(text, &result.bytes, &error))
        return result;

    // unescapeC() says what is wrong in terms of the whole text; the composer
    // wants the place, so find the escape it stopped at.
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (text.at(i) != QLatin1Char('\\'))
            continue;
        if (i + 1 == n) {
            fail(&result, text, i, 1);
            result.error
                = result.errorLine == 1
                      ? tr("A lone backslash at column %1 ends the text; write \\\\ for a "
                           "backslash.")
                            .arg(result.errorColumn)
                      : tr("A lone backslash at line %1, column %2 ends the text; write \\\\ for a "
                           "backslash.")
                            .arg(result.errorLine)
                            .arg(result.errorColumn);
            return result;
        }
        const QChar e = text.at(i + 1);
        if (QStringView(u"rnt0\\\"'").contains(e)) {
            ++i;
            continue;
        }
        if (e == QLatin1Char('x')) {
            int digits = 0;
            while (digits < 2 && i + 2 + digits < n && hexValue(text.at(i + 2 + digits)) >= 0)
                ++digits;
            if (digits == 2) {
                i += 3;
                continue;
            }
            fail(&result, text, i, 2 + digits);
            result.error
                = result.errorLine == 1
                      ? tr("'\\x' at column %1 needs two hex digits, as in \\x0a.")
                            .arg(result.errorColumn)
                      : tr("'\\x' at line %1, column %2 needs two hex digits, as in \\x0a.")
                            .arg(result.errorLine)
                            .arg(result.errorColumn);
            return result;
        }
        fail(&result, text, i, 1 + characterLength(text, i + 1));
        const QString what = describeCharacter(text, i + 1);
        result.error = result.errorLine == 1 ? tr("Unknown escape '\\%1' at column %2. Valid "
                                                  "escapes: \\r \\n \\t \\0 \\\\ \\\" "
                                                  "\\xHH.")
                                                   .arg(what)
                                                   .arg(result.errorColumn)
                                             : tr("Unknown escape '\\%1' at line %2, column %3. "
                                                  "Valid escapes: \\r \\n \\t \\0 "
                                                  "\\\\ \\\" \\xHH.")
                                                   .arg(what)
                                                   .arg(result.errorLine)
                                                   .arg(result.errorColumn);
        return result;
    }
    // The two scanners disagree; better unescapeC's words than none.
    result.bytes.clear();
    result.error = error;
    return result;
}

} // namespace TcpInspector::ByteFormat
