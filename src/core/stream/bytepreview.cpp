// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream/bytepreview.h"

#include "text/bytetext.h"

#include <algorithm>

namespace TcpInspector {

QString bytePreview(const QByteArray &bytes, qsizetype maxBytes)
{
    if (bytes.size() <= maxBytes)
        return ByteText::escape(bytes);
    const qsizetype shown = std::max<qsizetype>(maxBytes, 0);
    return ByteText::escape(QByteArrayView(bytes).first(shown)) + QLatin1String("...");
}

} // namespace TcpInspector
