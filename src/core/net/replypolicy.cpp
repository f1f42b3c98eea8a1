// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/replypolicy.h"

#include "framing/framingspec.h"
#include "text/translate.h"

#include <QCoreApplication>

namespace TcpInspector {

namespace {
QString tr(const char *text)
{
    return translateIn("TcpInspector::ReplyPolicy", text);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

bool unescapeC(const QString &text, QByteArray *out, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray bytes;
    bytes.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (c != '\\') {
            bytes += c;
            continue;
        }
        if (i + 1 >= utf8.size()) {
            *error = tr("'%1' ends with a lone backslash; write \\\\ for a backslash.").arg(text);
            return false;
        }
        const char e = utf8.at(++i);
        switch (e) {
        case 'r':
            bytes += '\r';
            break;
        case 'n':
            bytes += '\n';
            break;
        case 't':
            bytes += '\t';
            break;
        case '0':
            bytes += '\0';
            break;
        case '\\':
            bytes += '\\';
            break;
        case '"':
            bytes += '"';
            break;
        case '\'':
            bytes += '\'';
            break;
        case 'x': {
            const int hi = i + 1 < utf8.size() ? hexValue(utf8.at(i + 1)) : -1;
            const int lo = i + 2 < utf8.size() ? hexValue(utf8.at(i + 2)) : -1;
            if (hi < 0 || lo < 0) {
                *error = tr("'\\x' at position %1 of '%2' needs two hex digits, as in \\x0a.")
                             .arg(i)
                             .arg(text);
                return false;
            }
            bytes += char(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            *error = tr("Unknown escape '\\%1' at position %2 of '%3'. Valid: \\r \\n \\t \\0 "
                        "\\\\ \\\" \\xHH.")
                         .arg(QChar::fromLatin1(e))
                         .arg(i)
                         .arg(text);
            return false;
        }
    }
    *out = bytes;
    return true;
}

std::optional<ReplyPolicy> ReplyPolicy::parse(const QString &text, QString *error)
{
    ReplyPolicy policy;
    if (text == QLatin1String("none")) {
        policy.kind = Kind::None;
    } else if (text == QLatin1String("echo")) {
        policy.kind = Kind::Echo;
    } else if (text == QLatin1String("echo-message")) {
        policy.kind = Kind::EchoMessage;
    } else if (text.startsWith(QLatin1String("text:"))) {
        policy.kind = Kind::Fixed;
        if (!unescapeC(text.mid(5), &policy.fixed, error))
            return std::nullopt;
    } else if (text.startsWith(QLatin1String("hex:"))) {
        policy.kind = Kind::Fixed;
        if (!parseHexBytes(text.mid(4), &policy.fixed, error))
            return std::nullopt;
    } else {
        *error = tr("Unknown reply '%1'. Valid replies: none, echo, echo-message, text:STR "
                    "(C escapes allowed), hex:HEX.")
                     .arg(text);
        return std::nullopt;
    }
    return policy;
}

} // namespace TcpInspector
