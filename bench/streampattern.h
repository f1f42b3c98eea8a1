// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace TcpInspector {

/// The bytes a benchmark sender writes: 1 MiB pieces of 64-byte text lines or
/// of 4 KiB length-prefixed frames, each piece stamped with its number so that
/// a lost, doubled or reordered piece changes the stream's SHA-256.
class StreamPattern
{
public:
    enum class Kind { Lines64, Frames4K };

    explicit StreamPattern(Kind kind);

    Kind kind() const { return m_kind; }
    /// The framing spec that decodes the stream: "line" or "length".
    QString framing() const;
    /// "64-byte lines" or "4 KiB frames".
    const char *label() const;
    qint64 pieceSize() const { return m_piece.size(); }
    /// total rounded down to whole pieces (at least one).
    qint64 roundedTotal(qint64 total) const;
    /// Writes the stamp of piece index into the shared piece and returns it.
    const QByteArray &piece(qint64 index);
    /// SHA-256 of the first total bytes (a multiple of pieceSize()).
    QByteArray sha256(qint64 total);

private:
    Kind m_kind;
    QByteArray m_piece;
    qint64 m_stampAt = 0; ///< where the 16 hex digits of the piece number go
};

} // namespace TcpInspector
