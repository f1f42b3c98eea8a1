// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/textrows.h"

#include "stream/streamstore.h"

#include <QElapsedTimer>

#include <algorithm>

namespace TcpInspector {

namespace {
// Reads of the stream for the line index; small enough to stop on time.
constexpr qint64 readSize = qint64(256) * 1024;
} // namespace

qint64 TextRows::settledEnd() const
{
    const qint64 lines = m_index.lineCount();
    return lines > 0 ? m_index.lineStart(lines - 1) : 0;
}

void TextRows::reset(const StreamStore *store)
{
    m_store = store;
    m_size = 0;
    m_index.clear();
}

void TextRows::catchUp(int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (step() && !timer.hasExpired(milliseconds)) { }
}

bool TextRows::reach(qint64 offset)
{
    const qint64 before = m_index.indexedBytes();
    while (m_index.indexedBytes() <= offset && step()) { }
    return m_index.indexedBytes() != before;
}

bool TextRows::step()
{
    const qint64 from = m_index.indexedBytes();
    const qint64 wanted = std::min(m_size - from, readSize);
    if (!m_store || wanted <= 0)
        return false;
    m_buffer.resize(size_t(readSize));
    const qint64 got = m_store->read(from, m_buffer.data(), wanted);
    m_index.append(m_buffer.data(), got);
    return got > 0;
}

} // namespace TcpInspector
