// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/textlineindex.h"

#include <algorithm>
#include <cstring>

namespace TcpInspector {

TextLineIndex::TextLineIndex(int wrapWidth) : m_wrap(std::clamp(wrapWidth, 1, maxWrapWidth)) { }

void TextLineIndex::reset(int wrapWidth)
{
    m_wrap = std::clamp(wrapWidth, 1, maxWrapWidth);
    m_lengths.clear();
    m_checkpoints.clear();
    m_openStart = 0;
    m_indexed = 0;
}

void TextLineIndex::finishLine()
{
    if (finishedLines() % checkpointEvery == 0)
        m_checkpoints.push_back(m_openStart);
    m_lengths.push_back(quint8(m_indexed - m_openStart - 1));
    m_openStart = m_indexed;
}

void TextLineIndex::append(const char *data, qint64 size)
{
    const char *p = data;
    const char *const end = data + std::max<qint64>(0, size);
    while (p < end) {
        const qint64 room = m_wrap - (m_indexed - m_openStart);
        const qint64 take = std::min<qint64>(room, end - p);
        const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(take)));
        const qint64 used = newline ? newline - p + 1 : take;
        m_indexed += used;
        p += used;
        if (newline || used == room)
            finishLine();
    }
}

qint64 TextLineIndex::lineCount() const
{
    return finishedLines() + (m_indexed > m_openStart ? 1 : 0);
}

qint64 TextLineIndex::lineStart(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return -1;
    if (line == finishedLines())
        return m_openStart;
    const qint64 checkpoint = line / checkpointEvery;
    qint64 start = m_checkpoints[size_t(checkpoint)];
    for (qint64 i = checkpoint * checkpointEvery; i < line; ++i)
        start += finishedLength(i);
    return start;
}

qint64 TextLineIndex::lineEnd(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return -1;
    if (line == finishedLines())
        return m_indexed;
    return lineStart(line) + finishedLength(line);
}

qint64 TextLineIndex::lineOf(qint64 offset) const
{
    if (offset < 0 || offset >= m_indexed)
        return -1;
    if (offset >= m_openStart)
        return finishedLines();
    // The last checkpoint at or before offset, then at most 255 lines on.
    const auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), offset);
    const qint64 checkpoint = qint64(after - m_checkpoints.begin()) - 1;
    qint64 line = checkpoint * checkpointEvery;
    qint64 start = m_checkpoints[size_t(checkpoint)];
    while (start + finishedLength(line) <= offset)
        start += finishedLength(line++);
    return line;
}

qint64 TextLineIndex::memoryBytes() const
{
    return qint64(m_lengths.size()) * qint64(sizeof(quint8))
           + qint64(m_checkpoints.size()) * qint64(sizeof(qint64));
}

} // namespace TcpInspector
