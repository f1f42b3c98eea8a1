// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace TcpInspector {

class StreamStore;

/// Finds bytes in a recorded stream a slice at a time, so a search through
/// gigabytes can run from the window's event loop without freezing it: each
/// step reads at most a budget of bytes and says where to go on.
class StreamSearch
{
public:
    enum class Direction { Forward, Backward };

    /// Starts a search for needle from offset from: forward finds the first
    /// match starting at or after from, backward the last one starting before it.
    StreamSearch(const StreamStore &store, QByteArray needle, qint64 from, Direction direction);

    /// Searches up to budget more bytes. True when done: then offset() is
    /// the match, or -1 when there is none.
    bool step(qint64 budget = 64 * 1024 * 1024);
    qint64 offset() const { return m_found; }
    bool isDone() const { return m_done; }
    /// How far it got, for a progress text.
    qint64 position() const { return m_position; }

    /// Runs to the end in one go (tests, small streams).
    static qint64 find(const StreamStore &store, const QByteArray &needle, qint64 from,
                       Direction direction);

private:
    static constexpr qint64 window = 1024 * 1024;

    const StreamStore &m_store;
    QByteArray m_needle;
    Direction m_direction;
    qint64 m_position; ///< forward: next start to try; backward: one past the last start to try
    qint64 m_found = -1;
    bool m_done = false;
};

} // namespace TcpInspector
