// SPDX-License-Identifier: GPL-3.0-or-later
#include "streampattern.h"

#include <QCryptographicHash>

#include <algorithm>

#include <cstdio>
#include <cstring>

namespace TcpInspector {

namespace {

constexpr qint64 pieceBytes = 1024 * 1024;
constexpr int frameBytes = 4096;

// Log-like text rather than one repeated byte: compression figures measured on
// it (lz4 on spill blocks) should mean something for a text protocol.
QByteArray linePiece()
{
    QByteArray piece;
    piece.reserve(pieceBytes);
    char line[80];
    for (int i = 0; piece.size() < pieceBytes; ++i) {
        std::snprintf(line, sizeof line, "0000000000000000 %06d GET /api/v1/items/%08d?q=%04d", i,
                      i * 7919 % 100000000, i % 9973);
        QByteArray text(line, 63);
        text.append('\n');
        piece.append(text);
    }
    return piece;
}

QByteArray framePiece()
{
    QByteArray piece;
    piece.reserve(pieceBytes);
    const quint32 body = frameBytes - 4;
    // Binary payloads that do not compress (xorshift): the other end from the
    // text lines for lz4.
    quint32 state = 2463534242u;
    while (piece.size() < pieceBytes) {
        const char header[4] = {char(body >> 24), char(body >> 16), char(body >> 8), char(body)};
        piece.append(header, 4);
        QByteArray payload(body, '\0');
        for (quint32 at = 0; at < body; ++at) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            payload[at] = char(state);
        }
        piece.append(payload);
    }
    return piece;
}

} // namespace

StreamPattern::StreamPattern(Kind kind)
    : m_kind(kind),
      m_piece(kind == Kind::Lines64 ? linePiece() : framePiece()),
      m_stampAt(kind == Kind::Lines64 ? 0 : 4)
{ }

QString StreamPattern::framing() const
{
    return m_kind == Kind::Lines64 ? QStringLiteral("line") : QStringLiteral("length");
}

const char *StreamPattern::label() const
{
    return m_kind == Kind::Lines64 ? "64-byte lines" : "4 KiB frames";
}

qint64 StreamPattern::roundedTotal(qint64 total) const
{
    return std::max<qint64>(1, total / pieceSize()) * pieceSize();
}

const QByteArray &StreamPattern::piece(qint64 index)
{
    char stamp[17];
    std::snprintf(stamp, sizeof stamp, "%016llx", static_cast<unsigned long long>(index));
    std::memcpy(m_piece.data() + m_stampAt, stamp, 16);
    return m_piece;
}

QByteArray StreamPattern::sha256(qint64 total)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 i = 0; i * pieceSize() < total; ++i)
        hash.addData(piece(i));
    return hash.result();
}

} // namespace TcpInspector
