// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/streamsearch.h"

#include "stream/streamstore.h"

namespace TcpInspector {

StreamSearch::StreamSearch(const StreamStore &store, QByteArray needle, qint64 from,
                           Direction direction)
    : m_store(store), m_needle(std::move(needle)), m_direction(direction), m_position(from)
{
    if (m_needle.isEmpty())
        m_done = true;
}

bool StreamSearch::step(qint64 budget)
{
    if (m_done)
        return true;
    const qint64 size = m_store.size();
    const qint64 n = m_needle.size();
    qint64 spent = 0;
    // Windows overlap by n - 1 bytes, so a match across a window edge is found.
    while (spent < budget) {
        if (m_direction == Direction::Forward) {
            if (m_position + n > size) {
                m_done = true;
                return true;
            }
            const qint64 length = qMin(window + n - 1, size - m_position);
            const QByteArray bytes = m_store.read(m_position, length);
            const qsizetype at = bytes.indexOf(m_needle);
            if (at >= 0) {
                m_found = m_position + at;
                m_done = true;
                return true;
            }
            m_position += length - n + 1;
            spent += length;
        } else {
            const qint64 lastStart = qMin(m_position, size - n + 1) - 1; // inclusive
            if (lastStart < 0) {
                m_done = true;
                return true;
            }
            const qint64 begin = qMax<qint64>(0, lastStart - window + 1);
            const QByteArray bytes = m_store.read(begin, lastStart - begin + n);
            const qsizetype at = bytes.lastIndexOf(m_needle);
            if (at >= 0) {
                m_found = begin + at;
                m_done = true;
                return true;
            }
            m_position = begin;
            spent += bytes.size();
        }
    }
    return false;
}

qint64 StreamSearch::find(const StreamStore &store, const QByteArray &needle, qint64 from,
                          Direction direction)
{
    StreamSearch search(store, needle, from, direction);
    while (!search.step()) { }
    return search.offset();
}

} // namespace TcpInspector
