// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonline.h"

namespace TcpInspector {

QByteArray jsonString(const QString &value)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

void JsonLine::key(const char *name)
{
    if (m_text.size() > 1)
        m_text += ',';
    m_text += '"';
    m_text += name;
    m_text += "\":";
}

JsonLine &JsonLine::add(const char *name, const QString &value)
{
    key(name);
    m_text += jsonString(value);
    return *this;
}

JsonLine &JsonLine::add(const char *name, qint64 value)
{
    key(name);
    m_text += QByteArray::number(value);
    return *this;
}

JsonLine &JsonLine::add(const char *name, bool value)
{
    key(name);
    m_text += value ? "true" : "false";
    return *this;
}

JsonLine &JsonLine::addNull(const char *name)
{
    key(name);
    m_text += "null";
    return *this;
}

JsonLine &JsonLine::addPair(const char *name, qint64 first, qint64 last)
{
    key(name);
    m_text += '[' + QByteArray::number(first) + ',' + QByteArray::number(last) + ']';
    return *this;
}

void JsonLine::write(FILE *out) const
{
    const QByteArray line = toLine();
    std::fwrite(line.constData(), 1, size_t(line.size()), out);
}

} // namespace TcpInspector
