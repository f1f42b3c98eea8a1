// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connectionset.h"

#include "net/connection.h"

namespace TcpInspector {

void ConnectionSet::add(Connection *connection)
{
    m_connections.removeIf([](const QPointer<Connection> &c) { return c.isNull(); });
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
