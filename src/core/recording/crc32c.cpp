// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/crc32c.h"

#include <QtEndian>

#include <array>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define TCPI_CRC32C_SSE42 1
#endif

namespace TcpInspector {

namespace {

constexpr quint32 polynomial = 0x82f63b78; // Castagnoli, reflected

using Tables = std::array<std::array<quint32, 256>, 8>;

Tables makeTables()
{
    Tables t {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ polynomial : c >> 1;
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (int k = 1; k < 8; ++k)
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
    }
    return t;
}

const Tables &tables()
{
    static const Tables t = makeTables();
    return t;
}

#ifdef TCPI_CRC32C_SSE42
// The instruction computes CRC-32C itself. One chain of 8-byte steps: 8
// bytes per 3 cycles, several times the tables, which took half of the
// CPU time of loading a session (every record's payload is checked).
__attribute__((target("sse4.2"))) quint32 crc32cSse42(const quint8 *p, qint64 size, quint32 crc)
{
    quint64 state = ~crc;
    while (size >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        state = _mm_crc32_u64(state, word);
        p += 8;
        size -= 8;
    }
    auto narrow = quint32(state);
    while (size-- > 0)
        narrow = _mm_crc32_u8(narrow, *p++);
    return ~narrow;
}

bool hasSse42()
{
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

} // namespace

quint32 crc32c(const void *data, qint64 size, quint32 crc)
{
#ifdef TCPI_CRC32C_SSE42
    if (hasSse42())
        return crc32cSse42(static_cast<const quint8 *>(data), size, crc);
#endif
    return crc32cPortable(data, size, crc);
}

quint32 crc32cPortable(const void *data, qint64 size, quint32 crc)
{
    const Tables &t = tables();
    const auto *p = static_cast<const quint8 *>(data);
    crc = ~crc;
    while (size >= 8) {
        quint32 low;
        quint32 high;
        std::memcpy(&low, p, 4);
        std::memcpy(&high, p + 4, 4);
        if constexpr (Q_BYTE_ORDER == Q_BIG_ENDIAN) {
            low = qFromLittleEndian(low);
            high = qFromLittleEndian(high);
        }
        low ^= crc;
        crc = t[7][low & 0xff] ^ t[6][(low >> 8) & 0xff] ^ t[5][(low >> 16) & 0xff]
              ^ t[4][low >> 24] ^ t[3][high & 0xff] ^ t[2][(high >> 8) & 0xff]
              ^ t[1][(high >> 16) & 0xff] ^ t[0][high >> 24];
        p += 8;
        size -= 8;
    }
    while (size-- > 0)
        crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

} // namespace TcpInspector
