// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <deque>

namespace TcpInspector {

/// Where each line of the text view starts. A line ends after a '\n' or
/// after wrapWidth() bytes, whichever comes first, so the byte of every
/// cell is known without reading the stream again.
///
/// Built incrementally: append() takes the bytes after those it has seen,
/// and lines already indexed never change (the last one may still grow).
///
/// Memory: one byte per finished line (its length, which wrapping keeps at
/// 256 or less) and one 8-byte start offset per 256 lines, about 1.03 bytes
/// per line: 26 MB for a gigabyte of 40-byte lines, and at worst (a stream
/// of nothing but '\n') 1.03 bytes per stream byte.
class TextLineIndex
{
public:
    static constexpr int maxWrapWidth = 256;

    /// wrapWidth is kept within [1, maxWrapWidth].
    explicit TextLineIndex(int wrapWidth = 128);

    int wrapWidth() const { return m_wrap; }
    /// Forgets everything; the next append() starts at offset 0.
    void reset(int wrapWidth);
    void clear() { reset(m_wrap); }

    /// Takes the stream's next bytes, those right after indexedBytes().
    void append(const char *data, qint64 size);
    qint64 indexedBytes() const { return m_indexed; }

    /// Lines so far, the unfinished last one included.
    qint64 lineCount() const;
    /// The line's first byte, or -1 when there is no such line.
    qint64 lineStart(qint64 line) const;
    /// One past the line's last byte (its '\n' included), or -1.
    qint64 lineEnd(qint64 line) const;
    /// The line holding offset, or -1 when offset is not indexed yet.
    qint64 lineOf(qint64 offset) const;

    /// What the index holds on the heap, roughly.
    qint64 memoryBytes() const;

private:
    static constexpr int checkpointEvery = 256;

    qint64 finishedLines() const { return qint64(m_lengths.size()); }
    int finishedLength(qint64 line) const { return int(m_lengths[size_t(line)]) + 1; }
    void finishLine();

    int m_wrap;
    // Segments that never move: a vector would copy a gigabyte's index each
    // time it doubles, and briefly need twice the memory.
    std::deque<quint8> m_lengths;     ///< length - 1 of every finished line
    std::deque<qint64> m_checkpoints; ///< start of line k * checkpointEvery
    qint64 m_openStart = 0;           ///< where the unfinished last line starts
    qint64 m_indexed = 0;
};

} // namespace TcpInspector
