// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonline.h"

#include <cstring>

namespace TcpInspector {

void appendJsonString(QByteArray &out, const char *utf8, qsizetype size)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    // Runs of bytes that need no escape go in with one append each.
    qsizetype plain = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8 + plain, i - plain);
        plain = i + 1;
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
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(utf8 + plain, size - plain);
    out += '"';
}

QByteArray jsonString(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    appendJsonString(out, utf8.constData(), utf8.size());
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
    const QByteArray utf8 = value.toUtf8();
    appendJsonString(m_text, utf8.constData(), utf8.size());
    return *this;
}

JsonLine &JsonLine::add(const char *name, const char *value)
{
    key(name);
    appendJsonString(m_text, value, qsizetype(std::strlen(value)));
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

JsonLine &JsonLine::add(const char *name, const QStringList &values)
{
    key(name);
    m_text += '[';
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            m_text += ',';
        m_text += jsonString(values.at(i));
    }
    m_text += ']';
    return *this;
}

void JsonLine::write(FILE *out) const
{
    const QByteArray line = toLine();
    std::fwrite(line.constData(), 1, size_t(line.size()), out);
}

} // namespace TcpInspector
