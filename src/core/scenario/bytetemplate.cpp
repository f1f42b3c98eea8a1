// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/bytetemplate.h"

#include "text/bytetext.h"

namespace TcpInspector {

bool TemplatePart::operator==(const TemplatePart &other) const
{
    return kind == other.kind && bytes == other.bytes && name == other.name && count == other.count
           && column == other.column;
}

bool ByteTemplate::isConstant() const
{
    for (const TemplatePart &part : parts) {
        if (part.kind != TemplatePart::Kind::Bytes)
            return false;
    }
    return true;
}

QByteArray ByteTemplate::constant() const
{
    QByteArray bytes;
    for (const TemplatePart &part : parts)
        bytes += part.bytes;
    return bytes;
}

QStringList ByteTemplate::variables() const
{
    QStringList names;
    for (const TemplatePart &part : parts) {
        if (part.kind == TemplatePart::Kind::Variable && !names.contains(part.name))
            names += part.name;
    }
    return names;
}

QString ByteTemplate::toString() const
{
    QString text;
    for (const TemplatePart &part : parts) {
        switch (part.kind) {
        case TemplatePart::Kind::Bytes:
            text += ByteText::escape(part.bytes, ByteText::EscapeDoubleQuote | ByteText::KeepUtf8);
            break;
        case TemplatePart::Kind::Variable:
            text += QLatin1String("{{") + part.name + QLatin1String("}}");
            break;
        case TemplatePart::Kind::Counter:
            text += QLatin1String("{{counter}}");
            break;
        case TemplatePart::Kind::Time:
            text += QLatin1String("{{time}}");
            break;
        case TemplatePart::Kind::Random:
            text += QStringLiteral("{{random:%1}}").arg(part.count);
            break;
        case TemplatePart::Kind::RandomHex:
            text += QStringLiteral("{{random-hex:%1}}").arg(part.count);
            break;
        }
    }
    return text;
}

ByteTemplate ByteTemplate::fromBytes(const QByteArray &bytes, int column)
{
    ByteTemplate t;
    TemplatePart part;
    part.bytes = bytes;
    part.column = column;
    t.parts += part;
    return t;
}

} // namespace TcpInspector
