// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// LEB128 varints, and zigzag for signed values so small differences of
/// either sign take one byte: what the packed indexes store their fields as.
namespace TcpInspector::Varint {

inline quint8 *putVarint(quint8 *out, quint64 value)
{
    while (value >= 0x80) {
        *out++ = quint8(value) | 0x80;
        value >>= 7;
    }
    *out++ = quint8(value);
    return out;
}

inline quint8 *putSigned(quint8 *out, qint64 value)
{
    return putVarint(out, (quint64(value) << 1) ^ quint64(value >> 63));
}

inline const quint8 *getVarint(const quint8 *in, quint64 *value)
{
    quint64 result = 0;
    int shift = 0;
    quint8 byte = 0;
    do {
        byte = *in++;
        result |= quint64(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    *value = result;
    return in;
}

inline const quint8 *getSigned(const quint8 *in, qint64 *value)
{
    quint64 raw = 0;
    in = getVarint(in, &raw);
    *value = qint64(raw >> 1) ^ -qint64(raw & 1);
    return in;
}

} // namespace TcpInspector::Varint
