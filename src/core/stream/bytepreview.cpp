// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/bytepreview.h"

namespace TcpInspector {

QString bytePreview(const QByteArray &bytes, qsizetype maxBytes)
{
    static const char hex[] = "0123456789abcdef";
    const qsizetype n = std::min(bytes.size(), maxBytes);
    QString text;
    text.reserve(n * 2);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        switch (c) {
        case '\r':
            text += QLatin1String("\\r");
            break;
        case '\n':
            text += QLatin1String("\\n");
            break;
        case '\t':
            text += QLatin1String("\\t");
            break;
        case '\\':
            text += QLatin1String("\\\\");
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                text += QLatin1Char(char(c));
            } else {
                text += QLatin1String("\\x");
                text += QLatin1Char(hex[c >> 4]);
                text += QLatin1Char(hex[c & 15]);
            }
        }
    }
    if (bytes.size() > maxBytes)
        text += QLatin1String("...");
    return text;
}

} // namespace TcpInspector
