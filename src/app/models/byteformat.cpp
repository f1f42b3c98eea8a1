// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/byteformat.h"
#include "text/tr.h"

#include "text/bytetext.h"

namespace TcpInspector::ByteFormat {

namespace {
const char hexDigits[] = "0123456789abcdef";

void appendHexPair(QString *out, unsigned char c)
{
    *out += QLatin1Char(hexDigits[c >> 4]);
    *out += QLatin1Char(hexDigits[c & 15]);
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
    return ByteText::escape(bytes, ByteText::EscapeNul | ByteText::KeepUtf8);
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
    // Not \0: Python reads up to three octal digits after it.
    return QLatin1String("b\"") + ByteText::escape(bytes, ByteText::EscapeDoubleQuote)
           + QLatin1Char('"');
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
        return Tr::tr("Hex");
    case Text:
        return Tr::tr("Text");
    case CArray:
        return Tr::tr("C array");
    case GoSlice:
        return Tr::tr("Go []byte");
    case PythonBytes:
        return Tr::tr("Python bytes");
    }
    return {};
}

QList<Format> copyFormats()
{
    return {Hex, Text, CArray, GoSlice, PythonBytes};
}

} // namespace TcpInspector::ByteFormat
